"""ECR101: a lifecycle policy with no rules, or more than 50."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import MAX_RULES, LifecyclePolicy
from ecslint.model.values import mapping


@rule(
    id="ECR101",
    name="empty-lifecycle-policy",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html",
    ),
)
def empty_lifecycle_policy(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A lifecycle policy whose `rules` array is empty or holds more than 50 rules.

    What it does:
        Reports ``"rules": []`` and a ``rules`` array of more than 50 entries (the service
        quota "Rules per lifecycle policy", which cannot be raised). A policy without any
        ``rules`` key, or with a ``rules`` value that is not an array, is reported by
        ``missing-required-field`` (ECS005) and ``wrong-type`` (ECS003), not again here.
        A templated ``rules`` value is not judged. Above 50, the checks of how the rules
        interact (ECR2xx) read only the first 50 rules as written, and the message says so.

    Why it matters:
        ECR rejects the policy: a policy needs at least one rule (an empty one is also far
        below the 100-character minimum of the policy text), and at most 50. Generated
        policies (one rule per branch or team) are the ones that cross 50.

    Example:
        Bad:

        ```json
        {"rules": []}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        Add at least one rule, or delete the policy (``aws ecr delete-lifecycle-policy``)
        if nothing should expire. Above 50 rules, merge rules: one ``tagPatternList`` rule
        with a wildcard (``release-*``) replaces a rule per release line.
    """
    rules = mapping(policy.data).get("rules")
    if not isinstance(rules, list):
        return
    if not rules:
        yield Violation(
            ("rules",),
            "the policy has no rules (`rules` is empty); ECR needs at least one: add a rule, "
            "or delete the lifecycle policy if nothing should expire",
        )
    elif len(rules) > MAX_RULES:
        yield Violation(
            ("rules",),
            f"the policy has {len(rules)} rules; ECR accepts at most {MAX_RULES} per policy (a quota that "
            "cannot be raised): merge rules, e.g. one `tagPatternList` rule with a wildcard per tag family "
            f"(the checks of how rules interact, ECR2xx, read only the first {MAX_RULES})",
            "key",
        )
