"""ECS6xx: logging and health.

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.logging.no_log_configuration import no_log_configuration
from ecslint.rules.logging.awslogs_options_missing import awslogs_options_missing
from ecslint.rules.logging.unsupported_log_driver import unsupported_log_driver
from ecslint.rules.logging.invalid_awslogs_option import invalid_awslogs_option
from ecslint.rules.logging.essential_container_without_healthcheck import essential_container_without_healthcheck
from ecslint.rules.logging.blocking_log_mode import blocking_log_mode
from ecslint.rules.logging.splunk_options_missing import splunk_options_missing

RULES: tuple[Rule, ...] = (
    no_log_configuration,
    awslogs_options_missing,
    unsupported_log_driver,
    invalid_awslogs_option,
    essential_container_without_healthcheck,
    blocking_log_mode,
    splunk_options_missing,
)
