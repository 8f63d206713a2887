"""ECS1xx: task definition validity.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.taskdef.no_essential_container import no_essential_container

RULES: tuple[Rule, ...] = (
    no_essential_container,
)
