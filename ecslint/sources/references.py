"""Values that name another resource of the same template or module.

``TaskDefinition: !Ref WebTask`` is unknown until the stack is deployed (it is an ARN with
a revision), so no rule may judge it as text; but it says exactly which resource is meant,
which is what the cross-document rules need (a service against its task definition, a
target group, a capacity provider's Auto Scaling group). A :class:`Reference` is an
:class:`~ecslint.load.placeholders.Unknown` (every model and the schema pass treat it as
unknown) that the workspace can follow.
"""

from __future__ import annotations

import re
from typing import Any

from ecslint.load.placeholders import Unknown

#: The placeholder :func:`placeholder` writes for a reference to a whole resource
#: (``${Repository}``: a logical id, letters and digits only).
RESOURCE_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9]+)\}")


class Reference(Unknown):
    """An unknown value computed from the resource ``target`` of ``scope`` (a template in
    one condition scenario, a Terraform module), optionally one of its ``attribute``\\ s."""

    __slots__ = ("scope", "target", "attribute")

    def __init__(self, source: Any, scope: Any, target: str, attribute: str | None = None):
        super().__init__(source)
        self.scope = scope
        self.target = target
        self.attribute = attribute

    @property
    def placeholder(self) -> str:
        """How the value reads inside a string that has known parts (``${Repo.Arn}``)."""
        return "${" + self.target + ("." + self.attribute if self.attribute else "") + "}"

    def __repr__(self) -> str:
        return f"Reference({self.target!r}, {self.attribute!r})"


def placeholder(value: Any) -> str:
    """The text that stands for an unknown part of a string (``Fn::Join`` of known and
    unknown parts): a ``${...}`` placeholder, which the models read as unknown while the
    known parts stay readable (an image's tag ``latest``)."""
    if isinstance(value, Reference):
        return value.placeholder
    source = value.source if isinstance(value, Unknown) else None
    if isinstance(source, dict) and isinstance(source.get("Ref"), str):
        return "${" + source["Ref"] + "}"
    return "${?}"
