"""ECS7xx: clusters and capacity.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.cluster.container_insights_disabled import container_insights_disabled
from ecslint.rules.cluster.exec_logging_not_configured import exec_logging_not_configured
from ecslint.rules.cluster.managed_termination_protection_disabled import managed_termination_protection_disabled
from ecslint.rules.cluster.termination_protection_without_scale_in_protection import (
    termination_protection_without_scale_in_protection,
)

RULES: tuple[Rule, ...] = (
    container_insights_disabled,
    managed_termination_protection_disabled,
    termination_protection_without_scale_in_protection,
    exec_logging_not_configured,
)
