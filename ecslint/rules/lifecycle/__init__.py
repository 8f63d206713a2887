"""ECR1xx-ECR3xx: ECR lifecycle policies.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.lifecycle.empty_lifecycle_policy import empty_lifecycle_policy
from ecslint.rules.lifecycle.duplicate_rule_priority import duplicate_rule_priority
from ecslint.rules.lifecycle.any_rule_not_last import any_rule_not_last
from ecslint.rules.lifecycle.invalid_tag_filter import invalid_tag_filter
from ecslint.rules.lifecycle.too_many_wildcards import too_many_wildcards
from ecslint.rules.lifecycle.count_unit_mismatch import count_unit_mismatch
from ecslint.rules.lifecycle.invalid_count_number import invalid_count_number
from ecslint.rules.lifecycle.invalid_lifecycle_action import invalid_lifecycle_action
from ecslint.rules.lifecycle.invalid_storage_class import invalid_storage_class
from ecslint.rules.lifecycle.multiple_untagged_rules import multiple_untagged_rules
from ecslint.rules.lifecycle.policy_text_length import policy_text_length
from ecslint.rules.lifecycle.shadowed_rule import shadowed_rule
from ecslint.rules.lifecycle.partially_shadowed_rule import partially_shadowed_rule
from ecslint.rules.lifecycle.unmatchable_tag_filter import unmatchable_tag_filter
from ecslint.rules.lifecycle.tag_list_requires_all import tag_list_requires_all
from ecslint.rules.lifecycle.redundant_tag_filter_entry import redundant_tag_filter_entry
from ecslint.rules.lifecycle.retention_defeated import retention_defeated
from ecslint.rules.lifecycle.expires_everything_by_age import expires_everything_by_age
from ecslint.rules.lifecycle.retention_too_small import retention_too_small
from ecslint.rules.lifecycle.no_untagged_cleanup import no_untagged_cleanup
from ecslint.rules.lifecycle.archive_without_expiry import archive_without_expiry
from ecslint.rules.lifecycle.expires_deployed_image import expires_deployed_image
from ecslint.rules.lifecycle.deployed_digest_may_expire import deployed_digest_may_expire

RULES: tuple[Rule, ...] = (
    empty_lifecycle_policy,
    duplicate_rule_priority,
    any_rule_not_last,
    invalid_tag_filter,
    too_many_wildcards,
    count_unit_mismatch,
    invalid_count_number,
    invalid_lifecycle_action,
    invalid_storage_class,
    multiple_untagged_rules,
    policy_text_length,
    shadowed_rule,
    partially_shadowed_rule,
    unmatchable_tag_filter,
    tag_list_requires_all,
    redundant_tag_filter_entry,
    retention_defeated,
    expires_everything_by_age,
    retention_too_small,
    no_untagged_cleanup,
    archive_without_expiry,
    expires_deployed_image,
    deployed_digest_may_expire,
)
