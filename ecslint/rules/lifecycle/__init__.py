"""ECR1xx-ECR3xx: ECR lifecycle policies.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "empty_lifecycle_policy",
    "duplicate_rule_priority",
    "any_rule_not_last",
    "invalid_tag_filter",
    "too_many_wildcards",
    "count_unit_mismatch",
    "invalid_count_number",
    "invalid_lifecycle_action",
    "invalid_storage_class",
    "multiple_untagged_rules",
    "policy_text_length",
    "shadowed_rule",
    "partially_shadowed_rule",
    "unmatchable_tag_filter",
    "tag_list_requires_all",
    "redundant_tag_filter_entry",
    "retention_defeated",
    "expires_everything_by_age",
    "retention_too_small",
    "no_untagged_cleanup",
    "archive_without_expiry",
    "expires_deployed_image",
    "deployed_digest_may_expire",
)

__getattr__ = lazy_rules(__name__, MODULES)
