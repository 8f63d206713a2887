"""ECR206: a later "keep" rule pre-empted by an earlier rule that expires the same images."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import Option, positive, rule
from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule
from ecslint.rules.lifecycle._text import Witnesses, effect, tag_list, tags

if TYPE_CHECKING:
    from ecslint.model.tagfilter import Entry, Selection

#: Default ``min-keep``: an ``imageCountMoreThan`` rule keeping at least this many images is
#: a retention promise (rollback history), not a cleanup.
MIN_KEEP = 10


@rule(
    id="ECR206",
    name="retention-defeated",
    severity="warning",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
    options={
        "min-keep": Option(
            MIN_KEEP, int, "must be an integer of 1 or more: imageCountMoreThan from which a rule counts as a keep rule", positive
        ),
    },
)
def retention_defeated(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A later "keep" rule pre-empted by an earlier rule that expires or archives the same images.

    What it does:
        A keep rule is a tagged ``imageCountMoreThan`` rule keeping at least ``min-keep``
        images (default 10), including the "keep forever" idiom (9999 or more). It is
        defeated by an earlier rule (lower ``rulePriority``, same storage class) that
        removes images sooner: by age (``sinceImagePushed``, or ``sinceImagePulled``
        archiving) or by a smaller count, and that matches images the keep rule selects.
        ECR gives each image to the first rule that matches it, so those images follow
        the earlier rule and the keep rule's count never protects them. Reported when the
        rules share images with a single tag (the earlier rule covers the keep rule, or
        one tag such as ``v1.2-rc1`` matches both), and, for the keep-forever idiom, also
        when an image carrying one tag of each (``sha-1a2b`` and ``v1.2.3``) would be
        taken, since CI pipelines commonly push both. An earlier rule narrower than the
        keep rule (``release-1*`` before ``release-*``) is a deliberate exception and is
        not reported; ``untagged`` and ``any`` rules are not keep rules. The message
        names both rules and an example image.

    Why it matters:
        The policy promises to keep releases (or the last N builds), but the earlier rule
        deletes them first: rollbacks and running services lose their images.

    Example:
        Bad:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": ["release-*"], "countType": "imageCountMoreThan", "countNumber": 9999}, "action": {"type": "expire"}}
        ]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["release-*"], "countType": "imageCountMoreThan", "countNumber": 9999}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": ["*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Give the keep rule a lower ``rulePriority`` than the rule that expires (protect
        first, clean up after), or narrow the earlier rule's tag list so it no longer
        matches the images to keep.
    """
    from ecslint.model import tagfilter

    min_keep = ctx.options.get("min-keep", MIN_KEEP)
    witnesses = Witnesses()
    for keep in policy.analysable:
        found = [(e, image) for e in policy.earlier(keep) if (image := defeat(e, keep, min_keep, witnesses)) is not None]
        if not found:
            continue
        culprits = " and ".join(f"{e.label} ({tag_list(e)}: {effect(e)}; e.g. an image tagged {tags(image)})" for e, image in found)
        names = " and ".join(e.label for e, _ in found)
        share = "all" if any(tagfilter.subsumes(e.selection, keep.selection) for e, _ in found) else "some"
        yield Violation(
            keep.at("rulePriority"),
            f"{keep.label} is meant to keep the newest {keep.count_number} images of {tag_list(keep)}, but the "
            f"earlier {culprits} match{'es' if len(found) == 1 else ''} {share} of them first; an image belongs "
            f"to the first rule that matches it, so {keep.label} never keeps those: give it a lower rulePriority "
            f"than {names}",
        )


def defeat(
    e: LifecycleRule, keep: LifecycleRule, min_keep: int = MIN_KEEP, witnesses: Witnesses | None = None
) -> frozenset[str] | None:
    """An image that the earlier rule ``e`` claims although the keep rule ``keep`` selects it,
    when ``e`` removes images sooner than ``keep`` would; None when ``e`` does not defeat it.
    ``witnesses`` makes single-tag witnesses the shortest ones. Both rules must have a known
    selection (``LifecycleRule.selection``)."""
    from ecslint.model import tagfilter

    number = keep.count_number
    if keep.count_type != "imageCountMoreThan" or not isinstance(number, int) or number < min_keep:
        return None
    a, k = e.selection, keep.selection
    if a is None or k is None or a.status != "tagged" or k.status != "tagged" or a.storage_class != k.storage_class:
        return None
    if not (isinstance(e.priority, int) and isinstance(keep.priority, int) and e.priority < keep.priority):
        return None
    if e.action_type not in ("expire", "transition") or not _sooner(e, number):
        return None
    if tagfilter.is_empty(a) or tagfilter.is_empty(k) or tagfilter.subsumes(k, a):
        return None  # dead rules are ECR203's; a narrower earlier rule is a deliberate exception
    if tagfilter.subsumes(a, k):
        return _example(k, a)
    try:
        common = tagfilter.overlap_tag(a.entries + k.entries)
    except tagfilter.SearchLimitExceeded:
        return None
    if common is not None:
        return frozenset({witnesses.shortest(a.entries + k.entries, common) if witnesses else common})
    if keep.is_protection:
        return _example(k, a, both=True)
    return None


def _example(k: Selection, a: Selection, both: bool = False) -> frozenset[str] | None:
    """An image that both ``k`` and ``a`` select: one tag per entry of ``k`` (with ``both``, of
    ``a`` too), readable (``v1``, ``sha-1``) when such tags fit, else the shortest ones."""
    from ecslint.model import tagfilter

    def readable(e: Entry) -> str | None:
        tag = e.text.replace("*", "1") if e.kind == "pattern" else e.text + "1"
        return tag if tagfilter.is_valid_tag(tag) and tagfilter.matches(e, tag) else tagfilter.example_tag(e)

    entries = k.entries + (a.entries if both else ())
    for make in (readable, tagfilter.example_tag):
        image = frozenset(make(e) for e in entries)
        if None not in image and all(tagfilter.selects(s, image, s.storage_class) for s in (k, a)):
            return image  # type: ignore[return-value]
    return None


def _sooner(e: LifecycleRule, keep_count: int) -> bool:
    """``e`` removes images regardless of ``keep_count``: by age, or keeping fewer."""
    if e.count_type in ("sinceImagePushed", "sinceImagePulled"):
        return True
    number = e.count_number
    return e.count_type == "imageCountMoreThan" and isinstance(number, int) and number < keep_count
