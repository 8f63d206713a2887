"""ECR208: a rule that keeps so few images that a rollback is impossible."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import Option, positive, rule
from ecslint.model.lifecycle import LifecyclePolicy
from ecslint.rules.lifecycle._text import tag_list

#: Default ``min-images``: fewer kept images leave nothing to roll back to.
MIN_IMAGES = 2


@rule(
    id="ECR208",
    name="retention-too-small",
    severity="warning",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
    ),
    options={
        "min-images": Option(MIN_IMAGES, int, "must be an integer of 1 or more: fewest tagged images a count rule should keep", positive),
    },
)
def retention_too_small(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A rule that keeps only 1 image (or fewer than `min-images`): no rollback is possible.

    What it does:
        Reports an ``expire`` rule by ``imageCountMoreThan`` that selects tagged images
        (``tagged`` or ``any``) and keeps fewer than ``min-images`` of them (default 2:
        the rule keeps only the newest image). ``untagged`` rules are not reported:
        keeping one untagged image is a common, harmless cleanup. Nor are rules whose list
        has an exact tag (a pattern without ``*``, such as ``latest``): a tag names one
        image at a time, so such a rule selects at most one image. A ``countNumber`` below
        1 is ``invalid-count-number`` (ECR107).

    Why it matters:
        Once a new image is pushed the previous one is expired: a rollback to it fails,
        a service still running it (or another service deploying from the same
        repository) can no longer start tasks, and a bad push leaves nothing to return
        to. The count also ranks images that earlier rules claim, so the rule may keep
        none of its own images.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 10}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        Keep enough images to roll back through a few deployments (5 to 10 is common).
    """
    from ecslint.model import tagfilter

    minimum = ctx.options.get("min-images", MIN_IMAGES)
    for r in policy.rules:
        number = r.count_number
        if (
            r.tag_status not in ("tagged", "any")
            or r.count_type != "imageCountMoreThan"
            or r.action_type != "expire"
            or r.storage_class != "standard"
            or not isinstance(number, int)
            or not 1 <= number < minimum
        ):
            continue
        selection = r.selection
        if selection is not None and tagfilter.is_empty(selection):
            continue  # selects nothing: ECR203
        if selection is not None and any(e.kind == "pattern" and "*" not in e.text for e in selection.entries):
            continue  # an exact tag (`latest`) is on one image at most: nothing to keep or expire
        kept = "only the newest image" if number == 1 else f"only the newest {number} images"
        yield Violation(
            r.at("selection", "countNumber"),
            f"{r.label} keeps {kept} of {'all images' if r.tag_status == 'any' else 'those matching ' + tag_list(r)} "
            f"(imageCountMoreThan {number}) and expires the rest as soon as a newer one is pushed: a rollback, "
            "or a service still running an older image, cannot pull it; keep more (5 to 10 is common)",
        )
