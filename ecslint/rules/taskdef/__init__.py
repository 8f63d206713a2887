"""ECS1xx: task definition validity.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "no_essential_container",
    "duplicate_container_name",
    "too_many_containers",
    "unknown_container_reference",
    "dependency_cycle",
    "healthy_dependency_without_healthcheck",
    "completion_dependency_on_essential",
    "unknown_source_volume",
    "fargate_incompatible",
    "windows_incompatible",
    "missing_execution_role",
    "firelens_configuration_mismatch",
    "invalid_healthcheck",
    "invalid_secret_reference",
    "duplicate_environment_name",
    "invalid_environment_file",
    "invalid_volume_configuration",
    "efs_authorization_requires_transit_encryption",
    "invalid_image_reference",
    "ulimit_soft_exceeds_hard",
)

__getattr__ = lazy_rules(__name__, MODULES)
