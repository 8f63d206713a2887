"""ECR201: a lifecycle rule that can never act."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy
from ecslint.rules.lifecycle._text import tag_list, tags

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
    for r, cover in policy.shadowed.items():
        if len(cover) == 1:
            by = f"{cover[0].label} ({tag_list(cover[0])}), and an image belongs to the first rule that matches it"
        else:
            by = " and ".join(o.label for o in cover) + " together"
        yield Violation(
            r.at("selection"),
            f"{r.label} can never act: every image it selects ({_example(r.selection)}) is first matched by {by}; "
            "give this rule a lower rulePriority or delete it",
            "key",
        )


def _example(selection: Selection) -> str:
    """An image the selection selects, for the message."""
    from ecslint.model import tagfilter

    if selection.status == "untagged":
        return "e.g. an untagged image"
    if selection.status == "any":
        return "e.g. any image"
    return f"e.g. an image tagged {tags(tagfilter.witness(selection))}"
