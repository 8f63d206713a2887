"""ECR207: age-based expiry of every image, with nothing kept above it."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule


@rule(
    id="ECR207",
    name="expires-everything-by-age",
    severity="warning",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
    ),
)
def expires_everything_by_age(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """Age-based expiry of all images (`any`, or every tagged image) with no rule above it protecting any.

    What it does:
        Reports an ``expire`` rule by ``sinceImagePushed`` that selects every image
        (``tagStatus: any``) or every tagged image (a tag list entry that matches every
        tag: pattern ``*`` or prefix ``""``), when no earlier rule of the standard class
        claims tagged images in a way that keeps some: every earlier tagged or ``any``
        rule is itself an expiry by push age no longer than this one. An earlier rule
        that keeps images by count, for longer, or archives them counts as protection.
        ``untagged`` rules never protect tagged images.

    Why it matters:
        Push age says nothing about use: the image a long-running service was deployed
        from is deleted N days after its push unless the service is rebuilt in time.
        Running tasks keep going, but the next scale-out, replacement or rollback fails
        with ``CannotPullContainerError``.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["*"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Keep the newest images by count before expiring by age (a tagged ``*`` rule with
        ``imageCountMoreThan``, or a rule that protects release tags), or expire by count
        (``imageCountMoreThan``) instead of age.
    """
    for r in policy.analysable:
        if not _everything_by_age(r) or any(_protects(o, r.count_number) for o in policy.earlier(r)):
            continue
        what = "every image" if r.tag_status == "any" else "every tagged image"
        days = r.count_number
        yield Violation(
            r.at("selection", "countType"),
            f"{r.label} expires {what} {days} days after its push, and no earlier rule keeps any: an image a "
            f"service still runs is deleted {days} days after it was pushed unless the service is rebuilt, and "
            "new tasks then cannot pull it; keep the newest images first (a rule with imageCountMoreThan before "
            "this one) or expire by count instead of age",
        )


def _everything_by_age(r: LifecycleRule) -> bool:
    from ecslint.model import tagfilter

    selection = r.selection
    if (
        selection.storage_class != "standard"
        or r.action_type != "expire"
        or r.count_type != "sinceImagePushed"
        or not isinstance(r.count_number, int)
    ):
        return False
    if selection.status == "any":
        return True
    every = tagfilter.Entry("pattern", "*")
    return selection.status == "tagged" and all(tagfilter.includes(every, e) for e in selection.entries)


def _protects(o: LifecycleRule, days: int) -> bool:
    """An earlier rule keeps some tagged images from the age expiry."""
    from ecslint.model import tagfilter

    selection = o.selection
    if selection.status == "untagged" or tagfilter.is_empty(selection):
        return False
    number = o.count_number
    shorter = o.action_type == "expire" and o.count_type == "sinceImagePushed" and isinstance(number, int) and number <= days
    return not shorter
