"""ECS3xx: networking and ports.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.ports.duplicate_port_mapping import duplicate_port_mapping
from ecslint.rules.ports.fargate_requires_awsvpc import fargate_requires_awsvpc
from ecslint.rules.ports.fixed_host_port_behind_load_balancer import fixed_host_port_behind_load_balancer
from ecslint.rules.ports.health_check_port_not_traffic_port import health_check_port_not_traffic_port
from ecslint.rules.ports.host_port_mismatch import host_port_mismatch
from ecslint.rules.ports.invalid_port_mapping import invalid_port_mapping
from ecslint.rules.ports.port_mappings_in_none_mode import port_mappings_in_none_mode
from ecslint.rules.ports.reserved_host_port import reserved_host_port
from ecslint.rules.ports.static_host_port import static_host_port
from ecslint.rules.ports.target_type_mismatch import target_type_mismatch
from ecslint.rules.ports.unsupported_in_network_mode import unsupported_in_network_mode

RULES: tuple[Rule, ...] = (
    fixed_host_port_behind_load_balancer,
    host_port_mismatch,
    fargate_requires_awsvpc,
    unsupported_in_network_mode,
    duplicate_port_mapping,
    port_mappings_in_none_mode,
    invalid_port_mapping,
    static_host_port,
    reserved_host_port,
    target_type_mismatch,
    health_check_port_not_traffic_port,
)
