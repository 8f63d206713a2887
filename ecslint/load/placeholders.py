"""Unknown values: template placeholders and values CloudFormation computes.

Teams lint files before a template engine or CloudFormation fills them in. A value such as
``"${MEMORY}"`` or ``{"Ref": "Memory"}`` is not wrong, it is *unknown*: no rule may judge
it and the schema pass skips it. This module is the one place that decides what unknown
means.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

#: ``${VAR}`` (Terraform, envsubst, Fn::Sub), ``{{ var }}`` (Go, Jinja, mustache, ecspresso),
#: ``$$NAME$$`` (the ECS agent's test fixtures), ``<PLACEHOLDER>`` (docs and samples),
#: ``%NAME%`` in capitals (Windows batch, Jenkins on Windows, ``sed`` pipelines:
#: ``%CLUSTER_NAME%-%CONTAINER_NAME%``; two hex digits such as ``%E2%`` are percent-encoding,
#: not a name), and a value that is only ``$VAR``.
#: Linear on any text: a run stops at the next opening (``${``, ``{{``) as well as at its
#: closing, so ``{{{{...`` or ``${${...`` without an end is not rescanned from every brace
#: (``\{\{.*?\}\}`` took 3 s on 20 KB of ``{``, hours on 4 MiB).
PLACEHOLDER = re.compile(
    r"\$\{(?:[^}\n$]|\$(?!\{))*\}"
    r"|\{\{(?:[^{}]|\{(?!\{)|\}(?!\}))*\}\}"
    r"|\$\$[A-Za-z0-9_]+\$\$"
    r"|<[A-Za-z][A-Za-z0-9_ .:/-]*>"
    r"|%(?![0-9A-F]{2}%)[A-Z_][A-Z0-9_]+%"
    r"|^\$[A-Za-z_][A-Za-z0-9_]*$",
    re.DOTALL,
)


class Unknown:
    """A value computed elsewhere (a CloudFormation intrinsic function): it is kept for
    display but compares unequal to everything and satisfies every schema."""

    __slots__ = ("source",)

    def __init__(self, source: Any):
        self.source = source

    def __repr__(self) -> str:
        return f"Unknown({self.source!r})"


def is_unknown(value: Any) -> bool:
    """Whether ``value`` is, or contains in its text, something only known later."""
    if isinstance(value, str):
        # The cheap membership tests keep the regular expression off ordinary strings.
        return ("$" in value or "{{" in value or "<" in value or "%" in value) and PLACEHOLDER.search(value) is not None
    return isinstance(value, Unknown)


def is_intrinsic(value: Any) -> bool:
    """Whether ``value`` is a CloudFormation intrinsic function call: a one-key object whose
    key is ``Ref``, ``Condition`` or starts with ``Fn::`` (``{"Fn::GetAtt": [...]}``, what
    ``!GetAtt`` loads as). Its value is computed by CloudFormation, so it is unknown in a
    template; ``is_unknown`` does not say so, because in an API file such an object is data.
    """
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = next(iter(value))
    return key == "Ref" or key == "Condition" or (isinstance(key, str) and key.startswith("Fn::"))


def is_unknown_in_template(value: Any) -> bool:
    """Whether a value of a CloudFormation template is unknown: an intrinsic function call,
    or a placeholder as in any file (``{{resolve:ssm:/name}}`` is one too)."""
    return is_intrinsic(value) or is_unknown(value)


def first_placeholder(text: str, near: int = 0) -> re.Match[str] | None:
    """A placeholder in raw file text, for the "looks like a template" hint: the one at
    offset ``near`` (where parsing failed) if there is one, else the first."""
    at = PLACEHOLDER.match(text, near)
    return at or PLACEHOLDER.search(text)
