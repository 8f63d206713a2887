"""ECS4xx: security.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "privileged_container",
    "container_runs_as_root",
    "secret_in_environment",
    "host_namespace_sharing",
    "host_network_mode",
    "dangerous_capabilities",
    "mutable_image_tag",
    "sensitive_host_mount",
    "efs_transit_encryption_disabled",
    "writable_root_filesystem",
    "task_role_same_as_execution_role",
    "windows_container_admin_user",
    "image_not_pinned_by_digest",
    "untrusted_image_registry",
)

__getattr__ = lazy_rules(__name__, MODULES)
