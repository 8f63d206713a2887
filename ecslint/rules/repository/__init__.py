"""ECR4xx: repository settings.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.repository.mutable_image_tags import mutable_image_tags
from ecslint.rules.repository.public_repository_policy import public_repository_policy
from ecslint.rules.repository.repository_not_kms_encrypted import repository_not_kms_encrypted
from ecslint.rules.repository.repository_without_lifecycle_policy import repository_without_lifecycle_policy
from ecslint.rules.repository.scan_on_push_disabled import scan_on_push_disabled

RULES: tuple[Rule, ...] = (
    mutable_image_tags,
    scan_on_push_disabled,
    repository_without_lifecycle_policy,
    repository_not_kms_encrypted,
    public_repository_policy,
)
