"""ECR109: a storage class that does not fit the rule's count type."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy

_STANDARD_ONLY = ("imageCountMoreThan", "sinceImagePushed", "sinceImagePulled")


@rule(
    id="ECR109",
    name="invalid-storage-class",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
)
def invalid_storage_class(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """`storageClass: archive` with a count type that does not allow it, or `sinceImageTransitioned` without it.

    What it does:
        ``storageClass`` (omitted means ``standard``) says which images a rule selects.
        ``imageCountMoreThan``, ``sinceImagePushed`` and ``sinceImagePulled`` select
        standard images only; ``sinceImageTransitioned`` (days since archiving) needs
        ``"storageClass": "archive"``. Reports either mismatch. An unknown storage class
        value is ``invalid-value`` (ECS004); a templated one is not judged.

    Why it matters:
        ECR rejects the policy. Every rule on archived images is an ``expire`` rule by
        ``sinceImageTransitioned``: archived images are never counted or aged by push or
        pull.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "storageClass": "archive", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 365}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        To delete archived images, count by ``sinceImageTransitioned`` with
        ``"storageClass": "archive"``; otherwise remove ``storageClass`` (standard images).
    """
    for r in policy.rules:
        count_type = r.count_type
        written = r.storage_class_set
        if written == "archive" and count_type in _STANDARD_ONLY:
            yield Violation(
                r.at("selection", "storageClass"),
                f"{r.label}: `{count_type}` selects standard images only, but storageClass is `archive`; "
                "archived images are selected only by `sinceImageTransitioned`: change the countType or "
                "remove storageClass",
            )
        elif count_type == "sinceImageTransitioned":
            if "storageClass" not in r.selection_data:
                yield Violation(
                    r.at("selection"),
                    f'{r.label} counts days in the archive (`sinceImageTransitioned`) but has no storageClass '
                    '(standard by default); add `"storageClass": "archive"`',
                    "key",
                )
            elif written == "standard":
                yield Violation(
                    r.at("selection", "storageClass"),
                    f"{r.label} counts days in the archive (`sinceImageTransitioned`), which only archived "
                    'images have; use `"storageClass": "archive"`',
                )
