"""ECR103: a tagStatus any rule that is not the last of its storage class."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.fix import Fix, Move, Replace
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy


@rule(
    id="ECR103",
    name="any-rule-not-last",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
    ),
    fix="safe",
)
def any_rule_not_last(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A `tagStatus: any` rule that is not the last (highest `rulePriority`) of its storage class.

    What it does:
        Reports a rule selecting ``tagStatus: any`` when another rule of the same storage
        class has a higher ``rulePriority``. The check is per storage class: AWS's own
        archive example has an ``any`` rule for standard images at priority 1 and one for
        archived images at priority 2, which is valid.

    Why it matters:
        ECR requires the ``any`` rule to be evaluated last. It matches every image, so
        every later rule of its class could never act; ECR rejects the policy.

    Example:
        Bad:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 100}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}
        ]}
        ```

        Good:

        ```json
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 100}, "action": {"type": "expire"}}
        ]}
        ```

    How to fix:
        Give the ``any`` rule the highest ``rulePriority`` of its storage class.

        ``--fix`` gives it a priority above every rule of the policy (and, when the rules
        are listed in priority order, moves it to the end of the list). ECR rejects the
        policy as it is, so no policy in force changes meaning.
    """
    rules = policy.ordered
    late = [
        r
        for r in rules
        if r.tag_status == "any"
        and r.storage_class in ("standard", "archive")
        and any(o is not r and o.storage_class == r.storage_class and o.priority > r.priority for o in rules)
    ]
    # Every priority known: the fix puts each late `any` rule above all of them, in turn.
    every = policy.rules
    known = len(rules) == len(every)
    top = max((r.priority for r in rules), default=0)
    listed_in_order = known and all(a.priority < b.priority for a, b in zip(every, every[1:]))
    for n, r in enumerate(late):
        later = [o for o in rules if o is not r and o.storage_class == r.storage_class and o.priority > r.priority]
        names = ", ".join(o.label for o in later)
        fix = None
        if known:
            changes = [Replace(r.at("rulePriority"), top + 1 + n)]
            if listed_in_order and r is not every[-1]:
                changes.append(Move(r.path))
            fix = Fix(f"give the `any` rule priority {top + 1 + n}, after every other rule", *changes)
        yield Violation(
            r.at("selection", "tagStatus"),
            f"the `tagStatus: any` rule ({r.label}) must have the highest rulePriority among {r.storage_class} "
            f"rules, but {names} come{'s' if len(later) == 1 else ''} after it; ECR rejects this: give it the "
            "highest priority",
            fix=fix,
        )
