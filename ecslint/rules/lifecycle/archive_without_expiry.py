"""ECR210: images are archived but never expire from the archive."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule
from ecslint.model.values import UNKNOWN


@rule(
    id="ECR210",
    name="archive-without-expiry",
    severity="note",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle", "cost"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
        "https://docs.amazonaws.cn/en_us/AmazonECR/latest/userguide/archive-image.html",
    ),
)
def archive_without_expiry(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """Images are archived (`transition`) but no rule ever expires them from the archive.

    What it does:
        Reports the first ``transition`` rule of a policy that has no ``expire`` rule for
        the archive storage class (``"storageClass": "archive"``, counting by
        ``sinceImageTransitioned``). Policies with a templated action type or storage
        class are not judged.

    Why it matters:
        Archived images are kept, and billed, until something deletes them: without an
        archive rule the archive only grows. Archiving is cheaper than standard storage,
        not free.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 90}, "action": {"type": "transition", "targetStorageClass": "archive"}}]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 90}, "action": {"type": "transition", "targetStorageClass": "archive"}},
          {"rulePriority": 2, "selection": {"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Add a rule that deletes archived images after a retention you choose (90 days at
        least): ``"storageClass": "archive"``, ``"countType": "sinceImageTransitioned"``,
        action ``expire``. If archived images must be kept for good, suppress the note.
    """
    transitions = []
    for r in policy.rules:
        action, storage = r.action_type, r.storage_class
        if action is UNKNOWN or storage is UNKNOWN:
            return
        if storage == "archive" and action == "expire":
            return
        if action == "transition":
            transitions.append(r)
    if transitions:
        transitions.sort(key=LifecycleRule.sort_key)
        first = transitions[0]
        who = f"{first.label} archives" if len(transitions) == 1 else " and ".join(r.label for r in transitions) + " archive"
        yield Violation(
            first.at("action", "type"),
            f"{who} images, but no rule ever expires archived images: they are kept, and "
            'billed, forever; add a rule with `"storageClass": "archive"`, `"countType": '
            '"sinceImageTransitioned"` (90 days or more) and an `expire` action',
        )
