"""ECS7xx: clusters and capacity.

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "container_insights_disabled",
    "managed_termination_protection_disabled",
    "termination_protection_without_scale_in_protection",
    "exec_logging_not_configured",
)

__getattr__ = lazy_rules(__name__, MODULES)
