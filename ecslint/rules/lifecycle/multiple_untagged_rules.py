"""ECR110: more than one untagged rule in a storage class."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule


@rule(
    id="ECR110",
    name="multiple-untagged-rules",
    severity="warning",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
)
def multiple_untagged_rules(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """More than one `tagStatus: untagged` rule for the same storage class.

    What it does:
        Groups the ``untagged`` rules by storage class (standard, archive) and reports
        every one after the first (lowest ``rulePriority``), naming the first. ``any``
        rules do not count: AWS's own example combines an ``untagged`` rule and an
        ``any`` rule. The restriction is documented as an evaluation rule; whether the API
        rejects the policy is not verified, hence a warning.

    Why it matters:
        The lifecycle guide allows one rule per storage class to select untagged images.
        A second one can never act anyway: the first already matches every untagged
        image of its class, so the later rule's count or age never applies.

    Example:
        Bad:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}}
        ]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 50}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Keep one untagged rule per storage class and merge the criteria you need into it
        (an age, or a count).
    """
    seen: dict[str, LifecycleRule] = {}
    untagged = [r for r in policy.rules if r.tag_status == "untagged" and r.storage_class in ("standard", "archive")]
    untagged.sort(key=LifecycleRule.sort_key)
    for r in untagged:
        storage = r.storage_class
        first = seen.setdefault(storage, r)
        if first is not r:
            yield Violation(
                r.at("selection", "tagStatus"),
                f"{r.label} is another `untagged` rule for {storage} images, after {first.label}; one rule per "
                f"storage class may select untagged images, and {first.label} already matches all of them: "
                f"merge this rule's criteria into {first.label}",
            )
