"""ECR204: tag list entries that no single tag can satisfy together (the AND trap)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy
from ecslint.rules.lifecycle._text import quoted, tag_list

if TYPE_CHECKING:
    from ecslint.model.tagfilter import Entry


@rule(
    id="ECR204",
    name="tag-list-requires-all",
    severity="warning",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
)
def tag_list_requires_all(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """Several tag list entries that one image must all match (AND), likely meant as OR.

    What it does:
        A tagged rule selects an image when EVERY entry of its ``tagPrefixList`` or
        ``tagPatternList`` is matched by at least one of the image's tags. Reports a list
        of two or more entries that no single tag can match together (``prod`` and
        ``staging`` as prefixes: no tag starts with both), decided exactly over the tag
        grammar. Such a rule still selects images that carry several tags at once (one
        tag per entry), which is why this is a warning and not an error: AWS's own
        example ``["alpha", "beta"]`` relies on it on purpose. Lists with an entry that
        matches nothing are ``unmatchable-tag-filter`` (ECR203) instead.

    Why it matters:
        Lists read like "any of these", but they mean "all of these": a rule meant to
        keep (or expire) ``prod`` OR ``staging`` images selects only images tagged with
        both, usually none. The images the author meant fall through to later rules, or
        are never cleaned up.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod", "staging"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPrefixList": ["staging"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        For "any of these", write one rule per entry (each with its own priority). If the
        rule is really meant for images carrying all of these tags, suppress the finding.
    """
    for r in policy.rules:
        selection = r.selection
        if selection is None or selection.status != "tagged":
            continue
        entries = selection.entries
        if not requires_several_tags(entries):
            continue
        key = r.tag_list_key or "tagPatternList"
        pair = _conflicting_pair(entries)
        which = f" (no tag matches both {quoted(pair[0].text)} and {quoted(pair[1].text)})" if pair else ""
        yield Violation(
            r.at("selection", key),
            f"{r.label}: no single tag matches every entry of {tag_list(r)}{which}, and an image must match "
            "all of them: only images carrying several tags at once are selected; if you meant any of them, "
            "write one rule per entry",
            "key",
        )


def requires_several_tags(entries: Sequence[Entry]) -> bool:
    """True when there are two or more live entries and no single valid tag matches them all
    (False when that cannot be decided within the search budget)."""
    from ecslint.model import tagfilter

    if len(set(entries)) < 2 or any(tagfilter.is_dead(e) for e in entries):
        return False
    try:
        return tagfilter.overlap_tag(entries) is None
    except tagfilter.SearchLimitExceeded:
        return False


def _conflicting_pair(entries: Sequence[Entry]) -> tuple[Entry, Entry] | None:
    from ecslint.model import tagfilter

    for i, a in enumerate(entries):
        for b in entries[i + 1 :]:
            try:
                if tagfilter.overlap_tag((a, b)) is None:
                    return a, b
            except tagfilter.SearchLimitExceeded:
                continue
    return None
