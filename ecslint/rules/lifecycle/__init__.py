"""ECR1xx-ECR3xx: ECR lifecycle policies.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.lifecycle.duplicate_rule_priority import duplicate_rule_priority
from ecslint.rules.lifecycle.any_rule_not_last import any_rule_not_last
from ecslint.rules.lifecycle.invalid_tag_filter import invalid_tag_filter
from ecslint.rules.lifecycle.count_unit_mismatch import count_unit_mismatch
from ecslint.rules.lifecycle.shadowed_rule import shadowed_rule

RULES: tuple[Rule, ...] = (
    duplicate_rule_priority,
    any_rule_not_last,
    invalid_tag_filter,
    count_unit_mismatch,
    shadowed_rule,
)
