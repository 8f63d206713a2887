"""ECS407: an image pulled by the moving tag `latest` (written or implied)."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS407",
    name="mutable-image-tag",
    severity="warning",
    kinds=("task-definition",),
    tags=("security", "supply-chain", "reliability"),
    security_severity=4.0,
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerImage.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
    ),
)
def mutable_image_tag(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An image without a tag or with the tag `latest`: what it runs changes with every push.

    What it does:
        Reports a container whose ``image`` has no tag and no digest (Docker then pulls
        ``latest``) or the tag ``latest``. An image pinned by digest is fine, even with a
        tag beside it (``nginx:latest@sha256:...`` pulls the digest). Templated parts are
        judged only when known: ``${REGISTRY}/app:latest`` is reported, ``app:${TAG}`` is
        not, nor is an untagged stand-in (``REPLACED_BY_CI``,
        ``ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/app``, ``your-app-image``); an explicit
        ``:latest`` is reported whatever else is a stand-in. Only ``latest`` and a
        missing tag are reported: other tags (``stable``, ``1``, ``main``) may move as
        well, but a name alone cannot tell, so they are left alone rather than guessed at.

    Why it matters:
        ``latest`` names whatever was pushed last, so the task definition does not say
        what runs, and a revision cannot be rolled back to the image it ran. With
        ``versionConsistency`` enabled (the default), ECS resolves the tag to a digest
        when it deploys a service, and that deployment's tasks, replacements and
        scale-out included, keep that digest. But the next deployment, any service
        update or a forced new deployment even when nothing else changed, resolves the
        tag again and ships whatever was pushed since, unreviewed; redeploying an older
        revision does not bring its image back; tasks started outside a service
        (``RunTask``, scheduled tasks) pull the tag as it is at launch. With
        ``versionConsistency: disabled``, every new task of a service pulls the tag anew,
        so replacement tasks can run a different image than their siblings. AWS's
        security best practices ask for immutable tags.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "public.ecr.aws/nginx/nginx:latest", "memory": 256}
        ]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27.3", "memory": 256}
        ]}
        ```

    How to fix:
        Tag each build with a version or the commit id and reference that tag (and turn
        on tag immutability in the ECR repository), or pin the image by digest
        (``repo@sha256:...``). Keep ``versionConsistency`` enabled.
    """
    for container in td.containers:
        ref = container.image_reference
        if ref is None or ref is UNKNOWN or ref.pinned is not False:
            continue
        if ref.tag is None:
            if ref.has_stand_in:
                continue  # `REPLACED_BY_CI`, `ACCOUNT_ID.dkr.ecr...`: a stand-in for the whole image
            written = "has no tag, so ECS pulls `latest`"
        elif ref.tag == "latest":
            written = "uses the tag `latest`"
        else:
            continue
        if container.version_consistency == "disabled":
            effect = "with versionConsistency disabled, every new task pulls whatever the tag points to then"
        else:
            effect = "the next deployment, even a forced one that changes nothing else, runs whatever was pushed last under it"
        yield Violation(
            container.field("image"),
            f"{container.label}: image `{ref.text}` {written}: {effect}; "
            "reference an immutable version tag or pin the image by digest (`@sha256:...`)",
        )
