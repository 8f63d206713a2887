"""ECR401: a repository whose tags can be overwritten."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.repository import Repository


# Not mapped to security-hub:ECR.2 / control-tower:CT.ECR.PR.3 / aws-config:ecr-private-tag-immutability-enabled:
# they pass only IMMUTABLE, this rule leaves the deliberate _WITH_EXCLUSION modes alone.
@rule(
    id="ECR401",
    name="mutable-image-tags",
    severity="note",
    kinds=("repository",),
    tags=("ecr", "security", "supply-chain"),
    security_severity=4.0,
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html",
    ),
)
def mutable_image_tags(repository: Repository, ctx: Context) -> Iterator[Violation]:
    """A repository whose `imageTagMutability` is MUTABLE, the default.

    What it does:
        Reports a repository whose ``imageTagMutability`` is ``MUTABLE``, written or
        left out (MUTABLE is the default of the API, CloudFormation and Terraform). The
        ``IMMUTABLE_WITH_EXCLUSION`` and ``MUTABLE_WITH_EXCLUSION`` modes are deliberate
        choices about which tags may move and are not reported; a templated value is not
        judged.

    Why it matters:
        In a mutable repository a push can move any tag to another image: ``v1.4.2`` or
        ``prod`` then names whatever was pushed last, a task that starts tomorrow can run
        different code from the one that starts today, and a stolen push credential can
        replace a released image in place. The old image loses its tag and falls to the
        untagged rules of the lifecycle policy. Security Hub control ECR.2 requires
        immutable tags.

    Example:
        Bad:

        ```json
        {"repositoryName": "web", "imageTagMutability": "MUTABLE", "imageScanningConfiguration": {"scanOnPush": true}}
        ```

        Good:

        ```json
        {"repositoryName": "web", "imageTagMutability": "IMMUTABLE", "imageScanningConfiguration": {"scanOnPush": true}}
        ```

    How to fix:
        Set ``imageTagMutability`` to ``IMMUTABLE`` (CloudFormation
        ``ImageTagMutability``, Terraform ``image_tag_mutability``) and push a new tag
        (the version or the commit id) for every build. If a tag such as ``latest`` must
        keep moving, use ``IMMUTABLE_WITH_EXCLUSION`` with that tag as an exclusion
        filter. ``aws ecr put-image-tag-mutability`` changes an existing repository.
    """
    if repository.tag_mutability != "MUTABLE":
        return
    written = "imageTagMutability" in repository.data
    yield Violation(
        ("imageTagMutability",),  # when it is not written: the document's root
        f"repository '{repository.name}' has mutable tags (`imageTagMutability` "
        f"{'is MUTABLE' if written else 'is not set, and MUTABLE by default'}): a push can move any tag, even a "
        "release tag, to another image, so the same tag deploys different code over time (Security Hub ECR.2); "
        "set `imageTagMutability` to IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION for the few tags that must move",
    )
