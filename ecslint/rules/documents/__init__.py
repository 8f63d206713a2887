"""ECS0xx: documents and schema (any kind).

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.documents.invalid_syntax import invalid_syntax
from ecslint.rules.documents.unknown_field import unknown_field
from ecslint.rules.documents.wrong_type import wrong_type
from ecslint.rules.documents.invalid_value import invalid_value
from ecslint.rules.documents.missing_required_field import missing_required_field
from ecslint.rules.documents.duplicate_key import duplicate_key
from ecslint.rules.documents.read_only_field import read_only_field
from ecslint.rules.documents.internal_error import internal_error

RULES: tuple[Rule, ...] = (
    invalid_syntax,
    unknown_field,
    wrong_type,
    invalid_value,
    missing_required_field,
    duplicate_key,
    read_only_field,
    internal_error,
)
