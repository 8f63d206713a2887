"""ECR201: a lifecycle rule that can never act."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule

if TYPE_CHECKING:
    from ecslint.model.tagfilter import Selection


@rule(
    id="ECR201",
    name="shadowed-rule",
    severity="warning",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
)
def shadowed_rule(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A rule that can never act: every image it selects is claimed by higher-priority rules (with a witness tag).

    What it does:
        ECR evaluates rules lowest priority first, and an image that matches a rule's
        selection (tag status, tag list, storage class) can no longer be expired or
        archived by any later rule, whether or not the earlier rule acts on it. This rule
        decides exactly when every image a rule selects is matched by one earlier rule of
        the same storage class: ``any`` covers everything, a tagged rule covers another
        when each of its list entries is implied by one of the other's entries (prefix
        ``v`` covers prefix ``v1``; pattern ``*`` covers every tagged rule); and when an
        earlier ``untagged`` rule and an earlier tagged rule matching every tag together
        cover an ``any`` rule. The message names the covering rule and a witness: an
        image the shadowed rule selects that the earlier rule takes first.

    Why it matters:
        The shadowed rule is dead configuration: its intent (keep 30 releases, expire old
        branches) silently does not happen, and the earlier rule decides instead.

    Example:
        Bad:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPrefixList": ["v1"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}}
        ]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["v1"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Give the more specific rule the lower ``rulePriority`` (it is evaluated first), or
        delete the rule that can never act.
    """
    from ecslint.model import tagfilter  # only policies pay for the algebra

    rules = [r for r in policy.ordered if r.selection is not None]
    for position, shadowed in enumerate(rules):
        selection = shadowed.selection
        if tagfilter.is_empty(selection):
            continue  # selects nothing at all: an unmatchable filter, not a shadow
        earlier = [r for r in rules[:position] if r.priority < shadowed.priority]
        earlier = [r for r in earlier if r.selection.storage_class == selection.storage_class]
        cover = next((r for r in earlier if tagfilter.subsumes(r.selection, selection)), None)
        if cover is not None:
            yield Violation(
                shadowed.at("selection"),
                f"{shadowed.label} can never act: every image it selects ({_witness(selection)}) is first "
                f"matched by {cover.label} ({_describe(cover)}), and an image belongs to the first rule that "
                "matches it; give this rule a lower rulePriority or delete it",
                "key",
            )
            continue
        if len(earlier) > 1 and tagfilter.covered_by_union(selection, [r.selection for r in earlier]) is True:
            names = " and ".join(r.label for r in _minimal_cover(selection, earlier))
            yield Violation(
                shadowed.at("selection"),
                f"{shadowed.label} can never act: every image it selects ({_witness(selection)}) is first "
                f"matched by {names} together; give this rule a lower rulePriority or delete it",
                "key",
            )


def _minimal_cover(target: Selection, rules: list[LifecycleRule]) -> list[LifecycleRule]:
    """The earlier rules that are needed for the cover (drop each one that is not)."""
    from ecslint.model import tagfilter

    cover = list(rules)
    for r in rules:
        rest = [o for o in cover if o is not r]
        if rest and tagfilter.covered_by_union(target, [o.selection for o in rest]) is True:
            cover = rest
    return cover


def _witness(selection: Selection) -> str:
    from ecslint.model import tagfilter

    if selection.status == "untagged":
        return "e.g. an untagged image"
    if selection.status == "any":
        return "e.g. any image"
    image = tagfilter.witness(selection) or frozenset()
    tags = ", ".join(f"`{t}`" for t in sorted(image))
    return f"e.g. an image tagged {tags}"


def _describe(r: LifecycleRule) -> str:
    selection = r.selection
    if selection.status != "tagged":
        return f"tagStatus {selection.status}"
    kind = "tagPrefixList" if selection.entries[0].kind == "prefix" else "tagPatternList"
    return f"{kind} {json.dumps([e.text for e in selection.entries])}"
