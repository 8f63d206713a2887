"""ECR105: a tag pattern with more than four wildcards."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy
from ecslint.rules.lifecycle._text import quoted

#: Documented maximum of ``*`` per ``tagPatternList`` entry.
MAX_WILDCARDS = 4


@rule(
    id="ECR105",
    name="too-many-wildcards",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
    ),
)
def too_many_wildcards(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A `tagPatternList` entry with more than 4 `*` wildcards.

    What it does:
        Counts the ``*`` of every ``tagPatternList`` entry and reports an entry with more
        than four. ``*test*1*2*3`` (four) is accepted; ``test*1*2*3*4*5*6`` (six) is not.
        Consecutive stars count one by one, as written. Templated entries are not judged.

    Why it matters:
        ECR rejects the policy: a pattern may hold at most four wildcards.

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["*-feature-*-build-*-arm64-*-*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["*-feature-*-arm64*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        Merge neighbouring wildcards: ``*a*b*`` matches most of what ``*a*-*b*`` does. A
        star already matches any run of characters, so ``**`` is never needed; or split
        the entry into two rules.
    """
    for r in policy.rules:
        for index, text in r.tag_entries("tagPatternList"):
            stars = text.count("*")
            if stars > MAX_WILDCARDS:
                yield Violation(
                    r.at("selection", "tagPatternList", index),
                    f"{r.label}: tag pattern {quoted(text)} has {stars} `*` wildcards; ECR accepts at most "
                    f"{MAX_WILDCARDS} per pattern: merge neighbouring wildcards or split the pattern into two rules",
                )
