"""ECR106: countUnit missing on an age rule, or present on a count rule."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.fix import Fix, Insert, Remove
from ecslint.core.rule import rule
from ecslint.model.lifecycle import AGE_COUNT_TYPES, LifecyclePolicy


@rule(
    id="ECR106",
    name="count-unit-mismatch",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=("https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",),
    fix="safe",
)
def count_unit_mismatch(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """`since*` count types without `countUnit: days`, or a `countUnit` with `imageCountMoreThan`.

    What it does:
        Age-based rules (``sinceImagePushed``, ``sinceImagePulled``,
        ``sinceImageTransitioned``) need ``"countUnit": "days"``; ``imageCountMoreThan``
        counts images and takes no unit.

    Why it matters:
        ECR rejects the policy in both cases; generators that emit ``"countUnit": null``
        for count rules hit the second one.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countNumber": 14}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        Add ``"countUnit": "days"`` to age-based rules; remove ``countUnit`` from
        ``imageCountMoreThan`` rules.

        ``--fix`` does both (``days`` is the only unit ECR has, and a count takes none),
        inside a ``lifecyclePolicyText`` string too.
    """
    for r in policy.rules:
        count_type = r.count_type
        has_unit = "countUnit" in r.selection_data
        if count_type in AGE_COUNT_TYPES and not has_unit:
            yield Violation(
                r.at("selection"),
                f"{r.label} counts by age (`{count_type}`) but has no countUnit; add `\"countUnit\": \"days\"`",
                "key",
                fix=Fix('add `"countUnit": "days"`', Insert(r.at("selection"), "countUnit", "days", after="countType")),
            )
        elif count_type == "imageCountMoreThan" and has_unit:
            yield Violation(
                r.at("selection", "countUnit"),
                f"{r.label} counts images (`imageCountMoreThan`), which takes no countUnit; remove it",
                "key",
                fix=Fix("remove `countUnit`", Remove(r.at("selection", "countUnit"))),
            )
