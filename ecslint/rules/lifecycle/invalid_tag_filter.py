"""ECR104: tag lists that do not fit the rule's tagStatus."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import TAG_LIST_KEYS, LifecyclePolicy


@rule(
    id="ECR104",
    name="invalid-tag-filter",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=("https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",),
)
def invalid_tag_filter(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A tagged rule without exactly one of `tagPrefixList`/`tagPatternList`, a list on an untagged or any rule, or an empty list.

    What it does:
        For ``tagStatus: tagged`` requires exactly one non-empty ``tagPrefixList`` or
        ``tagPatternList``; for ``untagged`` and ``any`` requires neither.

    Why it matters:
        ECR rejects the policy. A tagged rule without a list is the most common slip
        ("keep only one tagged image"), and would otherwise mean "every tagged image".

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "countType": "imageCountMoreThan", "countNumber": 10}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["*"], "countType": "imageCountMoreThan", "countNumber": 10}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        For a tagged rule, list the tags it applies to (``"tagPatternList": ["*"]`` for
        every tagged image); remove lists from untagged and any rules.
    """
    for r in policy.rules:
        status = r.tag_status
        present = [key for key in TAG_LIST_KEYS if key in r.selection_data]
        if status == "tagged":
            if not present:
                yield Violation(
                    r.at("selection"),
                    f"{r.label} selects `tagged` images but has neither tagPrefixList nor tagPatternList; "
                    'add one (`"tagPatternList": ["*"]` for every tagged image)',
                    "key",
                )
            elif len(present) == 2:
                yield Violation(
                    r.at("selection", "tagPatternList"),
                    f"{r.label} has both tagPrefixList and tagPatternList; a rule takes exactly one: "
                    "split it into two rules or keep one list",
                    "key",
                )
            for key in present:
                if r.selection_data.get(key) == []:
                    yield Violation(r.at("selection", key), f"{r.label}: `{key}` is empty; list at least one tag")
        elif status in ("untagged", "any"):
            for key in present:
                yield Violation(
                    r.at("selection", key),
                    f"{r.label} selects `{status}` images, which takes no tag list; remove `{key}` "
                    "(or make the rule `tagged`)",
                    "key",
                )
