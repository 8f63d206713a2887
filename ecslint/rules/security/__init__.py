"""ECS4xx: security.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.security.container_runs_as_root import container_runs_as_root
from ecslint.rules.security.dangerous_capabilities import dangerous_capabilities
from ecslint.rules.security.efs_transit_encryption_disabled import efs_transit_encryption_disabled
from ecslint.rules.security.host_namespace_sharing import host_namespace_sharing
from ecslint.rules.security.host_network_mode import host_network_mode
from ecslint.rules.security.image_not_pinned_by_digest import image_not_pinned_by_digest
from ecslint.rules.security.mutable_image_tag import mutable_image_tag
from ecslint.rules.security.privileged_container import privileged_container
from ecslint.rules.security.secret_in_environment import secret_in_environment
from ecslint.rules.security.sensitive_host_mount import sensitive_host_mount
from ecslint.rules.security.task_role_same_as_execution_role import task_role_same_as_execution_role
from ecslint.rules.security.untrusted_image_registry import untrusted_image_registry
from ecslint.rules.security.windows_container_admin_user import windows_container_admin_user
from ecslint.rules.security.writable_root_filesystem import writable_root_filesystem

RULES: tuple[Rule, ...] = (
    privileged_container,
    container_runs_as_root,
    secret_in_environment,
    host_namespace_sharing,
    host_network_mode,
    dangerous_capabilities,
    mutable_image_tag,
    sensitive_host_mount,
    efs_transit_encryption_disabled,
    writable_root_filesystem,
    task_role_same_as_execution_role,
    windows_container_admin_user,
    image_not_pinned_by_digest,
    untrusted_image_registry,
)
