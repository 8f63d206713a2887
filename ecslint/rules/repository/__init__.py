"""ECR4xx: repository settings.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "mutable_image_tags",
    "scan_on_push_disabled",
    "repository_without_lifecycle_policy",
    "repository_not_kms_encrypted",
    "public_repository_policy",
)

__getattr__ = lazy_rules(__name__, MODULES)
