"""ECS2xx: sizing and capacity.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.capacity.invalid_fargate_size import invalid_fargate_size
from ecslint.rules.capacity.fargate_task_size_missing import fargate_task_size_missing
from ecslint.rules.capacity.container_memory_missing import container_memory_missing
from ecslint.rules.capacity.memory_reservation_exceeds_limit import memory_reservation_exceeds_limit
from ecslint.rules.capacity.containers_exceed_task_size import containers_exceed_task_size
from ecslint.rules.capacity.task_exceeds_instance import task_exceeds_instance
from ecslint.rules.capacity.task_near_instance_limit import task_near_instance_limit
from ecslint.rules.capacity.task_strands_instance_capacity import task_strands_instance_capacity
from ecslint.rules.capacity.invalid_task_size_value import invalid_task_size_value
from ecslint.rules.capacity.ephemeral_storage_out_of_range import ephemeral_storage_out_of_range
from ecslint.rules.capacity.container_memory_too_small import container_memory_too_small
from ecslint.rules.capacity.no_memory_limit import no_memory_limit

RULES: tuple[Rule, ...] = (
    invalid_fargate_size,
    fargate_task_size_missing,
    container_memory_missing,
    memory_reservation_exceeds_limit,
    containers_exceed_task_size,
    task_exceeds_instance,
    task_near_instance_limit,
    task_strands_instance_capacity,
    invalid_task_size_value,
    ephemeral_storage_out_of_range,
    container_memory_too_small,
    no_memory_limit,
)
