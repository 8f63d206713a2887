"""ECR202: some images a rule selects belong to an earlier rule."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule
from ecslint.rules.lifecycle._text import Witnesses, quoted, tag_list
from ecslint.rules.lifecycle.retention_defeated import defeat


@rule(
    id="ECR202",
    name="partially-shadowed-rule",
    severity="note",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
)
def partially_shadowed_rule(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """Some images a rule selects belong to an earlier rule (with a witness tag).

    What it does:
        For two tagged rules of the same storage class, reports the later one when a
        single tag matches both rules' lists (``*-rc*`` and ``v1*`` both match
        ``v1-rc``) while neither rule contains the other: an image with that tag is
        matched by the earlier rule first and the later rule's criteria never apply to
        it. The message names the earlier rule(s) and a witness tag. Not reported: a rule
        that can never act (``shadowed-rule``, ECR201); a later rule that contains the
        earlier one (``v1*`` before ``v*``, or a catch-all ``*``/``any`` rule last: the
        usual way to carve out exceptions); overlaps that only images carrying several
        tags produce (any two tag families can meet on one image); and pairs where the
        earlier rule defeats a keep rule (``retention-defeated``, ECR206, a warning).

    Why it matters:
        Overlapping tag families are easy to miss: release candidates of version 1 are
        expired after 7 days by the ``*-rc*`` rule, not kept among the 20 newest ``v1``
        images as the later rule suggests. Usually harmless, but worth knowing which rule
        owns which images.

    Example:
        Bad:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["*-rc*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": ["v1*"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}}
        ]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["rc-*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": ["v1*"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        If the overlap is intended, nothing (suppress the note). Otherwise make the tag
        families disjoint (``rc-*`` instead of ``*-rc*``), or order the rules so that the
        one that should own the shared images comes first.
    """
    from ecslint.model import tagfilter

    witnesses = Witnesses()
    for later in policy.analysable:
        b = later.selection
        if b.status != "tagged" or tagfilter.is_empty(b) or later in policy.shadowed:
            continue  # a rule that can never act is ECR201's finding
        overlaps: list[tuple[LifecycleRule, str]] = []
        for r in policy.earlier(later):
            a = r.selection
            if a.status != "tagged" or tagfilter.is_empty(a) or tagfilter.subsumes(b, a):
                continue
            try:
                tag = tagfilter.overlap_tag(a.entries + b.entries)
            except tagfilter.SearchLimitExceeded:
                continue
            if tag is not None and defeat(r, later) is None:
                overlaps.append((r, witnesses.shortest(a.entries + b.entries, tag)))
        if not overlaps:
            continue
        named = ", ".join(f"{r.label} ({tag_list(r)}, e.g. tag {quoted(tag)})" for r, tag in overlaps)
        yield Violation(
            later.at("selection", later.tag_list_key or "tagPatternList"),
            f"{later.label} ({tag_list(later)}) shares images with the earlier {named}: such images belong to "
            f"the earlier rule, and {later.label}'s criteria never apply to them; make the tag families disjoint "
            "or reorder the rules if that is not intended",
            "key",
        )
