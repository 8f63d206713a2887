"""ECS3xx: networking and ports.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "fixed_host_port_behind_load_balancer",
    "host_port_mismatch",
    "fargate_requires_awsvpc",
    "unsupported_in_network_mode",
    "duplicate_port_mapping",
    "port_mappings_in_none_mode",
    "invalid_port_mapping",
    "static_host_port",
    "reserved_host_port",
    "target_type_mismatch",
    "health_check_port_not_traffic_port",
)

__getattr__ = lazy_rules(__name__, MODULES)
