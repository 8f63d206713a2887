"""ECR205: a tag list entry implied by another entry of the same list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy
from ecslint.rules.lifecycle._text import quoted

if TYPE_CHECKING:
    from ecslint.model.tagfilter import Entry


@rule(
    id="ECR205",
    name="redundant-tag-filter-entry",
    severity="note",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=("https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",),
)
def redundant_tag_filter_entry(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A tag list entry implied by another entry of the same list.

    What it does:
        An image matches a list when every entry is matched by one of its tags (AND).
        When every tag matching entry ``a`` also matches entry ``b`` (``b`` is broader),
        any image that satisfies ``a`` satisfies ``b`` too, so ``b`` changes nothing:
        in ``"tagPrefixList": ["v", "v1"]`` the entry ``v`` is redundant and the list
        selects exactly what ``["v1"]`` does. Reports the broader entry (and the second
        of two equivalent ones, such as a duplicate), decided exactly over the tag
        grammar. Lists that need several tags at once (``tag-list-requires-all``,
        ECR204) or hold an entry matching nothing (ECR203) are left to those rules.

    Why it matters:
        The list reads as if it widened the rule, but it does not: either the entry is
        noise, or the author expected OR semantics and the rule is narrower than meant.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["v", "v1"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["v1"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        Remove the redundant entry. If the rule was meant for images matching either
        entry, write one rule per entry instead.
    """
    from ecslint.model import tagfilter

    for r in policy.rules:
        selection = r.selection
        key = r.tag_list_key
        if selection is None or selection.status != "tagged" or key is None or len(selection.entries) < 2:
            continue
        entries = selection.entries
        if any(tagfilter.is_dead(e) for e in entries):
            continue
        try:
            if tagfilter.overlap_tag(entries) is None:
                continue  # the AND trap: ECR204's finding, and "redundant" would mislead
        except tagfilter.SearchLimitExceeded:
            continue
        indexed = r.tag_entries(key)
        if len(indexed) != len(entries):
            continue
        for j, i in redundant_entries(entries):
            broad, narrow = entries[j].text, entries[i].text
            why = (
                f"it repeats entry {indexed[i][0] + 1} of the list"
                if broad == narrow
                else f"every tag matching {quoted(narrow)} also matches it"
            )
            yield Violation(
                r.at("selection", key, indexed[j][0]),
                f"{r.label}: {key} entry {quoted(broad)} is redundant: {why}, and an image must match every "
                f"entry, so the list selects the same images without it; remove it (or, if you meant either "
                "entry, write one rule per entry)",
            )


def redundant_entries(entries: Sequence[Entry]) -> list[tuple[int, int]]:
    """(j, i) for each entry j implied by an entry i of the same AND list: ``L(i) ⊆ L(j)``.
    Of two equivalent entries the later one is reported. Removing every reported entry
    leaves a list that selects the same images and has no redundant entry left."""
    from ecslint.model import tagfilter

    out = []
    for j, broad in enumerate(entries):
        for i, narrow in enumerate(entries):
            if i == j or not tagfilter.includes(narrow, broad):
                continue
            if not tagfilter.includes(broad, narrow) or i < j:
                out.append((j, i))
                break
    return out
