"""ECS0xx: documents and schema (any kind).

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "invalid_syntax",
    "unknown_field",
    "wrong_type",
    "invalid_value",
    "missing_required_field",
    "duplicate_key",
    "read_only_field",
    "internal_error",
)

__getattr__ = lazy_rules(__name__, MODULES)
