"""ECS5xx: services.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "launch_type_with_capacity_provider_strategy",
    "daemon_misconfiguration",
    "deployment_cannot_progress",
    "load_balancer_container_not_found",
    "network_configuration_mismatch",
    "launch_type_incompatible_with_task_definition",
    "platform_version_without_fargate",
    "public_ip_assigned",
    "invalid_load_balancer_configuration",
    "classic_lb_dynamic_host_port",
    "service_connect_misconfiguration",
    "execute_command_with_readonly_rootfs",
    "outdated_fargate_platform",
    "placement_on_fargate",
    "grace_period_without_health_source",
    "circuit_breaker_disabled",
    "controller_incompatible_setting",
    "unknown_task_definition",
    "platform_version_too_old_for_feature",
)

__getattr__ = lazy_rules(__name__, MODULES)
