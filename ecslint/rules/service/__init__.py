"""ECS5xx: services.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.service.launch_type_with_capacity_provider_strategy import launch_type_with_capacity_provider_strategy
from ecslint.rules.service.daemon_misconfiguration import daemon_misconfiguration
from ecslint.rules.service.deployment_cannot_progress import deployment_cannot_progress
from ecslint.rules.service.load_balancer_container_not_found import load_balancer_container_not_found
from ecslint.rules.service.network_configuration_mismatch import network_configuration_mismatch
from ecslint.rules.service.launch_type_incompatible_with_task_definition import launch_type_incompatible_with_task_definition
from ecslint.rules.service.platform_version_without_fargate import platform_version_without_fargate
from ecslint.rules.service.public_ip_assigned import public_ip_assigned
from ecslint.rules.service.invalid_load_balancer_configuration import invalid_load_balancer_configuration
from ecslint.rules.service.classic_lb_dynamic_host_port import classic_lb_dynamic_host_port
from ecslint.rules.service.service_connect_misconfiguration import service_connect_misconfiguration
from ecslint.rules.service.execute_command_with_readonly_rootfs import execute_command_with_readonly_rootfs
from ecslint.rules.service.outdated_fargate_platform import outdated_fargate_platform
from ecslint.rules.service.placement_on_fargate import placement_on_fargate
from ecslint.rules.service.grace_period_without_health_source import grace_period_without_health_source
from ecslint.rules.service.circuit_breaker_disabled import circuit_breaker_disabled
from ecslint.rules.service.controller_incompatible_setting import controller_incompatible_setting
from ecslint.rules.service.unknown_task_definition import unknown_task_definition
from ecslint.rules.service.platform_version_too_old_for_feature import platform_version_too_old_for_feature

RULES: tuple[Rule, ...] = (
    launch_type_with_capacity_provider_strategy,
    daemon_misconfiguration,
    deployment_cannot_progress,
    load_balancer_container_not_found,
    network_configuration_mismatch,
    launch_type_incompatible_with_task_definition,
    platform_version_without_fargate,
    public_ip_assigned,
    invalid_load_balancer_configuration,
    classic_lb_dynamic_host_port,
    service_connect_misconfiguration,
    execute_command_with_readonly_rootfs,
    outdated_fargate_platform,
    placement_on_fargate,
    grace_period_without_health_source,
    circuit_breaker_disabled,
    controller_incompatible_setting,
    unknown_task_definition,
    platform_version_too_old_for_feature,
)
