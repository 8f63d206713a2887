"""ECR209: nothing ever selects untagged images."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy
from ecslint.model.values import UNKNOWN


@rule(
    id="ECR209",
    name="no-untagged-cleanup",
    severity="note",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle", "cost"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
)
def no_untagged_cleanup(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """No rule ever selects untagged images.

    What it does:
        Reports a policy none of whose rules selects untagged standard images: no
        ``tagStatus: untagged`` rule and no ``tagStatus: any`` rule for the standard
        storage class (tagged rules never select an untagged image). Policies with a
        templated ``tagStatus`` or storage class are not judged; an empty policy is
        ``empty-lifecycle-policy`` (ECR101).

    Why it matters:
        Images lose their last tag whenever a tag moves to a newer push (``latest``,
        branch tags on mutable repositories) or a push fails half way; nothing ever
        deletes them, and storage is billed per GB-month.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Add a rule for untagged images, e.g. ``{"tagStatus": "untagged", "countType":
        "sinceImagePushed", "countUnit": "days", "countNumber": 14}``. Keep in mind that
        a deployed digest whose tag moved is untagged too (ECS deploys by digest).
    """
    rules = policy.rules
    if not rules:
        return
    for r in rules:
        if r.tag_status is UNKNOWN or r.storage_class is UNKNOWN:
            return
        if r.tag_status in ("untagged", "any") and r.storage_class == "standard":
            return
    yield Violation(
        ("rules",),
        "no rule selects untagged images of the standard storage class (no `untagged` or `any` rule for them): images whose tag "
        "moved to a newer push, and failed pushes, are never cleaned up; add an untagged rule, e.g. "
        'expire `"tagStatus": "untagged"` images 14 days after push',
        "key",
    )
