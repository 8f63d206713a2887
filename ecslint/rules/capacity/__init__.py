"""ECS2xx: sizing and capacity.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "invalid_fargate_size",
    "fargate_task_size_missing",
    "container_memory_missing",
    "memory_reservation_exceeds_limit",
    "containers_exceed_task_size",
    "task_exceeds_instance",
    "task_near_instance_limit",
    "task_strands_instance_capacity",
    "invalid_task_size_value",
    "ephemeral_storage_out_of_range",
    "container_memory_too_small",
    "no_memory_limit",
)

__getattr__ = lazy_rules(__name__, MODULES)
