"""ECS3xx: networking and ports.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.ports.fixed_host_port_behind_load_balancer import fixed_host_port_behind_load_balancer
from ecslint.rules.ports.host_port_mismatch import host_port_mismatch

RULES: tuple[Rule, ...] = (
    fixed_host_port_behind_load_balancer,
    host_port_mismatch,
)
