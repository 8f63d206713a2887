"""ECR403: a repository with no lifecycle policy."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.workspace import Workspace


@rule(
    id="ECR403",
    name="repository-without-lifecycle-policy",
    severity="note",
    scope="workspace",
    kinds=("repository",),
    tags=("ecr", "lifecycle", "cost"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html",
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html",
    ),
    compliance=(
        "security-hub:ECR.3",
        "control-tower:CT.ECR.PR.1",
        "aws-config:ecr-private-lifecycle-policy-configured",
    ),
)
def repository_without_lifecycle_policy(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A repository that no lifecycle policy applies to (Security Hub ECR.3).

    What it does:
        Reports a repository without a lifecycle policy, where its absence can be
        known. A repository has one when it states it (CloudFormation's
        ``LifecyclePolicy``, also one whose text is a parameter) or when a lifecycle
        policy among the files checked and ``--context`` names it (put- or
        get-lifecycle-policy JSON with its ``repositoryName``, or a policy file mapped to
        it by ``lifecycle-repositories``). Absence is judged only where the policy would
        be in sight: for a repository of a template, whose policy is part of the same
        resource, and for a repository of an API file (create-repository input,
        describe-repositories output) when the run holds lifecycle policies and every one
        of them names its repository. A repository checked alone says nothing about
        policies set by another call, and a policy whose repository is unknown could be
        its own: neither is reported.

    Why it matters:
        Without a lifecycle policy every image ever pushed stays: storage is billed per
        GB-month, and a repository that takes an image per commit reaches the quota of
        images per repository, after which pushes fail. Untagged images left behind by
        moving tags are never cleaned up. Security Hub control ECR.3 requires at least
        one lifecycle policy.

    Example:
        Bad:

        ```yaml
        Resources:
          Web:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: web
              ImageTagMutability: IMMUTABLE
        ```

        Good:

        ```yaml
        Resources:
          Web:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: web
              ImageTagMutability: IMMUTABLE
              LifecyclePolicy:
                LifecyclePolicyText: |
                  {"rules": [{"rulePriority": 1, "description": "Expire untagged images after 14 days",
                    "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
                    "action": {"type": "expire"}}]}
        ```

    How to fix:
        Give the repository a lifecycle policy: ``LifecyclePolicy.LifecyclePolicyText``
        in CloudFormation, an ``aws_ecr_lifecycle_policy`` resource in Terraform, or
        ``aws ecr put-lifecycle-policy``. Expire untagged images after a few days and
        keep a bounded number of tagged ones; ``ecslint lifecycle preview`` shows what a
        policy would delete before you attach it.
    """
    for repository in ws.repositories:
        if ws.has_lifecycle_policy(repository) is not False:
            continue
        yield Violation(
            (),
            f"repository '{repository.name}' has no lifecycle policy: every image pushed to it is kept, billed "
            "for storage until the repository reaches its image quota and pushes fail (Security Hub ECR.3); "
            "add a lifecycle policy that expires untagged images and caps the tagged ones",
            target="key",
            document=repository.doc,
        )
