"""ECR107: countNumber below 1, or below 90 for sinceImageTransitioned."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy

#: Minimum days an image spends in the archive before a lifecycle rule may delete it.
MIN_ARCHIVE_DAYS = 90


@rule(
    id="ECR107",
    name="invalid-count-number",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://docs.amazonaws.cn/en_us/AmazonECR/latest/userguide/archive-image.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
)
def invalid_count_number(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """`countNumber` below 1, or below 90 for `sinceImageTransitioned`.

    What it does:
        Reports a ``countNumber`` of 0 or less on any rule, and below 90 on a
        ``sinceImageTransitioned`` rule (days an image has spent in the archive). A
        ``countNumber`` that is not an integer is ``wrong-type`` (ECS003); a templated one
        is not judged.

    Why it matters:
        ECR rejects the policy. ``countNumber`` must be positive (0 is explicitly not
        accepted: "keep 0 images" is written as an age rule, or as no rule at all). An
        archived image must stay in the archive for at least 90 days (the minimum
        archive duration, which is billed anyway), so a lifecycle rule may not delete it
        sooner.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 30}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 90}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        Use a ``countNumber`` of at least 1, and at least 90 for
        ``sinceImageTransitioned``.
    """
    for r in policy.rules:
        number = r.count_number
        if not isinstance(number, int):
            continue
        path = r.at("selection", "countNumber")
        if number < 1:
            yield Violation(
                path,
                f"{r.label}: countNumber {number} is not accepted; ECR needs a positive number "
                f"(images to keep, or days): use 1 or more",
            )
        elif r.count_type == "sinceImageTransitioned" and number < MIN_ARCHIVE_DAYS:
            yield Violation(
                path,
                f"{r.label}: countNumber {number} with `sinceImageTransitioned` would delete archived images "
                f"after {number} days, but images stay in the archive at least {MIN_ARCHIVE_DAYS} days and ECR "
                f"rejects lower values: use {MIN_ARCHIVE_DAYS} or more",
            )
