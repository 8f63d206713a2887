"""ECS1xx: task definition validity.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.taskdef.no_essential_container import no_essential_container
from ecslint.rules.taskdef.duplicate_container_name import duplicate_container_name
from ecslint.rules.taskdef.too_many_containers import too_many_containers
from ecslint.rules.taskdef.unknown_container_reference import unknown_container_reference
from ecslint.rules.taskdef.dependency_cycle import dependency_cycle
from ecslint.rules.taskdef.healthy_dependency_without_healthcheck import healthy_dependency_without_healthcheck
from ecslint.rules.taskdef.completion_dependency_on_essential import completion_dependency_on_essential
from ecslint.rules.taskdef.unknown_source_volume import unknown_source_volume
from ecslint.rules.taskdef.fargate_incompatible import fargate_incompatible
from ecslint.rules.taskdef.windows_incompatible import windows_incompatible
from ecslint.rules.taskdef.missing_execution_role import missing_execution_role
from ecslint.rules.taskdef.firelens_configuration_mismatch import firelens_configuration_mismatch
from ecslint.rules.taskdef.invalid_healthcheck import invalid_healthcheck
from ecslint.rules.taskdef.invalid_secret_reference import invalid_secret_reference
from ecslint.rules.taskdef.duplicate_environment_name import duplicate_environment_name
from ecslint.rules.taskdef.invalid_environment_file import invalid_environment_file
from ecslint.rules.taskdef.invalid_volume_configuration import invalid_volume_configuration
from ecslint.rules.taskdef.efs_authorization_requires_transit_encryption import efs_authorization_requires_transit_encryption
from ecslint.rules.taskdef.invalid_image_reference import invalid_image_reference
from ecslint.rules.taskdef.ulimit_soft_exceeds_hard import ulimit_soft_exceeds_hard

RULES: tuple[Rule, ...] = (
    no_essential_container,
    duplicate_container_name,
    too_many_containers,
    unknown_container_reference,
    dependency_cycle,
    healthy_dependency_without_healthcheck,
    completion_dependency_on_essential,
    unknown_source_volume,
    fargate_incompatible,
    windows_incompatible,
    missing_execution_role,
    firelens_configuration_mismatch,
    invalid_healthcheck,
    invalid_secret_reference,
    duplicate_environment_name,
    invalid_environment_file,
    invalid_volume_configuration,
    efs_authorization_requires_transit_encryption,
    invalid_image_reference,
    ulimit_soft_exceeds_hard,
)
