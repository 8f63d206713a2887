"""ECS2xx: sizing and capacity.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.capacity.invalid_fargate_size import invalid_fargate_size
from ecslint.rules.capacity.fargate_task_size_missing import fargate_task_size_missing
from ecslint.rules.capacity.memory_reservation_exceeds_limit import memory_reservation_exceeds_limit
from ecslint.rules.capacity.containers_exceed_task_size import containers_exceed_task_size
from ecslint.rules.capacity.task_exceeds_instance import task_exceeds_instance

RULES: tuple[Rule, ...] = (
    invalid_fargate_size,
    fargate_task_size_missing,
    memory_reservation_exceeds_limit,
    containers_exceed_task_size,
    task_exceeds_instance,
)
