"""The built-in rules: one module per rule, grouped by family, listed once here.

The registry is an explicit tuple in catalog order (ECS rules, then ECR, by number), so that adding a rule is one import and one
line, and so that ``ecslint rules``, the docs and SARIF list rules in a stable order.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.capacity.containers_exceed_task_size import containers_exceed_task_size
from ecslint.rules.capacity.fargate_task_size_missing import fargate_task_size_missing
from ecslint.rules.capacity.invalid_fargate_size import invalid_fargate_size
from ecslint.rules.capacity.memory_reservation_exceeds_limit import memory_reservation_exceeds_limit
from ecslint.rules.capacity.task_exceeds_instance import task_exceeds_instance
from ecslint.rules.documents.duplicate_key import duplicate_key
from ecslint.rules.documents.internal_error import internal_error
from ecslint.rules.documents.invalid_syntax import invalid_syntax
from ecslint.rules.documents.invalid_value import invalid_value
from ecslint.rules.documents.missing_required_field import missing_required_field
from ecslint.rules.documents.read_only_field import read_only_field
from ecslint.rules.documents.unknown_field import unknown_field
from ecslint.rules.documents.wrong_type import wrong_type
from ecslint.rules.lifecycle.any_rule_not_last import any_rule_not_last
from ecslint.rules.lifecycle.count_unit_mismatch import count_unit_mismatch
from ecslint.rules.lifecycle.duplicate_rule_priority import duplicate_rule_priority
from ecslint.rules.lifecycle.invalid_tag_filter import invalid_tag_filter
from ecslint.rules.lifecycle.shadowed_rule import shadowed_rule
from ecslint.rules.ports.fixed_host_port_behind_load_balancer import fixed_host_port_behind_load_balancer
from ecslint.rules.ports.host_port_mismatch import host_port_mismatch
from ecslint.rules.taskdef.no_essential_container import no_essential_container

BUILTIN: tuple[Rule, ...] = (
    invalid_syntax,  # ECS001
    unknown_field,  # ECS002
    wrong_type,  # ECS003
    invalid_value,  # ECS004
    missing_required_field,  # ECS005
    duplicate_key,  # ECS006
    read_only_field,  # ECS007
    internal_error,  # ECS008
    no_essential_container,  # ECS101
    invalid_fargate_size,  # ECS201
    fargate_task_size_missing,  # ECS202
    memory_reservation_exceeds_limit,  # ECS204
    containers_exceed_task_size,  # ECS205
    task_exceeds_instance,  # ECS206
    fixed_host_port_behind_load_balancer,  # ECS301
    host_port_mismatch,  # ECS302
    duplicate_rule_priority,  # ECR102
    any_rule_not_last,  # ECR103
    invalid_tag_filter,  # ECR104
    count_unit_mismatch,  # ECR106
    shadowed_rule,  # ECR201
)
