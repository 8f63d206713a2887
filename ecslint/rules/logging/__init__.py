"""ECS6xx: logging and health.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "no_log_configuration",
    "awslogs_options_missing",
    "unsupported_log_driver",
    "invalid_awslogs_option",
    "essential_container_without_healthcheck",
    "blocking_log_mode",
    "splunk_options_missing",
)

__getattr__ = lazy_rules(__name__, MODULES)
