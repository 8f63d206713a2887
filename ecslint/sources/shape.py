"""The API's shape, as a guide for sources that write the same things differently.

CloudFormation writes ``EFSVolumeConfiguration.FilesystemId`` for the API's
``efsVolumeConfiguration.fileSystemId``, Terraform writes ``file_system_id``; CloudFormation
accepts ``Memory: "512"`` where the API takes an integer. Rather than a table of every
property of every resource, a source walks the API's own JSON Schema (generated from
botocore) alongside its data: a written key means the API member whose name is equal
ignoring case and underscores; the few true renames (``PlacementStrategies`` ->
``placementStrategy``) are given by the source; an object the API types as a map
(``logConfiguration.options``, ``dockerLabels``) keeps its keys as written; and a scalar
takes the API's type when it converts the way CloudFormation converts it.
"""

from __future__ import annotations

import functools
import re

from ecslint import schemas

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

_INTEGER = re.compile(r"^\s*[-+]?\d{1,30}\s*$")
_NUMBER = re.compile(r"^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$")
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))


def fold(name: str) -> str:
    """A member name compared across spellings: ``FilesystemId``, ``file_system_id`` and
    ``fileSystemId`` all fold to ``filesystemid``."""
    return name.replace("_", "").replace("-", "").lower()


class Shape:
    """One node of an API schema (``None`` schema: a part the API does not describe).

    A tree of shapes is built lazily from its root and kept (``Shape.of`` is memoised): the
    member names of a node are folded once, not once per resource that uses them."""

    __slots__ = ("schema", "defs", "_members", "_lower", "_children", "_item")

    def __init__(self, schema: Any, defs: dict[str, Any]):
        while isinstance(schema, dict) and "$ref" in schema:
            schema = defs.get(schema["$ref"].rsplit("/", 1)[-1])
        self.schema = schema if isinstance(schema, dict) else None
        self.defs = defs
        self._members: dict[str, str] | None = None
        self._lower: dict[str, str] | None = None
        self._children: dict[str, Shape] = {}
        self._item: Shape | None = None

    @staticmethod
    @functools.cache
    def of(name: str) -> Shape:
        """The root of the generated API schema ``name`` (``task-definition``, ``service`` ...)."""
        schema = schemas.load(name)
        return Shape(schema, schema.get("$defs", {}))

    def _child(self, name: str, schema: Any) -> Shape:
        child = self._children.get(name)
        if child is None:
            child = self._children[name] = Shape(schema, self.defs)
        return child

    @property
    def is_map(self) -> bool:
        """An object whose keys are data (log options, labels), not member names."""
        return self.schema is not None and "properties" not in self.schema and "additionalProperties" in self.schema

    def member(self, written: str, renames: dict[str, str] | None = None, exact: bool = False) -> tuple[str, Shape]:
        """The API member ``written`` stands for, and its shape. A key the API does not
        know keeps its spelling with a lower-case first letter (the source's own schema
        reports it): no rule reads it. ``exact``: only the case may differ (JSON the AWS
        provider decodes, case-insensitively but underscore for underscore), and a key the
        API does not know keeps its spelling whole."""
        if self.schema is None:
            return written, _NOTHING
        if self.is_map:
            return written, self._child("", self.schema.get("additionalProperties"))
        properties = self.schema.get("properties", {})
        name = (renames or {}).get(written)
        if name is None and exact:
            if self._lower is None:
                self._lower = {k.lower(): k for k in properties}
            name = self._lower.get(written.lower())
            if name is None:
                return written, _NOTHING
        if name is None:
            if self._members is None:
                self._members = {fold(k): k for k in properties}
            name = self._members.get(fold(written))
        if name is None:
            return written[:1].lower() + written[1:], _NOTHING
        return name, self._child(name, properties.get(name))

    def item(self) -> Shape:
        if self._item is None:
            self._item = Shape(self.schema.get("items"), self.defs) if self.schema else _NOTHING
        return self._item

    @property
    def types(self) -> tuple[str, ...]:
        if self.schema is None:
            return ()
        kind = self.schema.get("type")
        return tuple(kind) if isinstance(kind, list) else (kind,) if isinstance(kind, str) else ()

    def coerce(self, value: Any) -> Any:
        """``value`` in the API's type where CloudFormation would convert it
        (iac-sources.md §2.1: "10" and 10 are equivalent; "true" is a boolean); anything
        else unchanged, for the schema pass and the models to judge."""
        types = self.types
        if not types or isinstance(value, (dict, list)) or value is None:
            return value
        if isinstance(value, bool):
            if "boolean" in types:
                return value
            return ("true" if value else "false") if "string" in types else value
        if isinstance(value, (int, float)):
            if "integer" in types and isinstance(value, int) or "number" in types:
                return value
            if "integer" in types and isinstance(value, float) and value.is_integer():
                return int(value)
            return _number_text(value) if "string" in types else value
        if isinstance(value, str):
            if "string" in types:
                return value
            if "integer" in types and _INTEGER.match(value):
                return int(value)
            if "number" in types and _NUMBER.match(value):
                number = float(value)
                return int(number) if number.is_integer() and "." not in value else number
            if "boolean" in types:
                if value in _TRUE:
                    return True
                if value in _FALSE:
                    return False
        return value


#: The shape of what the API does not describe.
_NOTHING = Shape(None, {})


def _number_text(value: int | float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
