"""ECR108: an action that does not fit the rule."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy


@rule(
    id="ECR108",
    name="invalid-lifecycle-action",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
)
def invalid_lifecycle_action(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A transition without a target, a target on an expire action, pull-age expiry, or a transition of archived images.

    What it does:
        Checks ``action`` against the rule:

        - ``"type": "transition"`` needs ``"targetStorageClass": "archive"``;
        - ``"type": "expire"`` takes no ``targetStorageClass`` (AWS does not document it
          with expire; ecslint treats it as an error, as the reference does);
        - ``countType: sinceImagePulled`` only archives: it cannot ``expire``;
        - ``countType: sinceImageTransitioned`` (archived images) only expires: it cannot
          ``transition``.

        A missing ``action`` or ``type``, an unknown action type and a ``null`` target are
        schema findings (ECS003-ECS005), not repeated here.

    Why it matters:
        ECR rejects the policy. Deleting by pull age takes two rules: archive images not
        pulled for N days (``sinceImagePulled`` + ``transition``), then delete archived
        images after at least 90 days (``storageClass: archive`` +
        ``sinceImageTransitioned`` + ``expire``).

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 90}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 90}, "action": {"type": "transition", "targetStorageClass": "archive"}},
          {"rulePriority": 2, "selection": {"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 90}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Add ``"targetStorageClass": "archive"`` to transitions and remove it from expire
        actions. To delete images nobody pulls, archive them by ``sinceImagePulled``, then
        expire them from the archive by ``sinceImageTransitioned`` (90 days or more).
    """
    for r in policy.rules:
        action = r.action_type
        count_type = r.count_type
        if action == "transition":
            if "targetStorageClass" not in r.action_data:
                yield Violation(
                    r.at("action"),
                    f'{r.label}: a `transition` action needs a target; add `"targetStorageClass": "archive"`',
                    "key",
                )
            if count_type == "sinceImageTransitioned":
                yield Violation(
                    r.at("action", "type"),
                    f"{r.label} selects archived images (`sinceImageTransitioned`), which can only expire, "
                    'not transition again; use `"type": "expire"`',
                )
        elif action == "expire":
            if r.action_data.get("targetStorageClass") is not None:
                yield Violation(
                    r.at("action", "targetStorageClass"),
                    f"{r.label}: `targetStorageClass` belongs to `transition` actions; an `expire` action "
                    "deletes the image: remove it",
                    "key",
                )
            if count_type == "sinceImagePulled":
                yield Violation(
                    r.at("action", "type"),
                    f"{r.label} cannot expire images by pull age (`sinceImagePulled`): ECR only archives by pull "
                    'age; use `"type": "transition", "targetStorageClass": "archive"` and add a '
                    "`storageClass: archive` rule that expires by `sinceImageTransitioned` (90 days or more)",
                )
