"""ECR102: two lifecycle rules share a rulePriority."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule


@rule(
    id="ECR102",
    name="duplicate-rule-priority",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=("https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",),
)
def duplicate_rule_priority(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """Two rules of a lifecycle policy share a `rulePriority`.

    What it does:
        Reports every rule whose ``rulePriority`` an earlier rule of the same policy
        already uses, naming that rule.

    Why it matters:
        Priorities order the rules, and an image belongs to the first rule that matches
        it: each priority must be unique, and ECR rejects the policy otherwise.

    Example:
        Bad:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}},
          {"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 100}, "action": {"type": "expire"}}
        ]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 100}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Give each rule its own priority, lowest for the rule that must win when an image
        matches several.
    """
    first: dict[int, LifecycleRule] = {}
    for r in policy.rules:
        priority = r.priority
        if not isinstance(priority, int):
            continue
        if priority in first:
            yield Violation(
                r.at("rulePriority"),
                f"rulePriority {priority} is already used by the rule at position {first[priority].index + 1}; "
                "priorities must be unique: give this rule another one",
            )
        else:
            first[priority] = r
