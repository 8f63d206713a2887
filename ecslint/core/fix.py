"""Fixes: what a rule proposes to change, said in the terms of its document.

A rule that knows the one right repair of what it reports attaches a :class:`Fix` to its
:class:`~ecslint.core.finding.Violation`: a title that says what it does ("set `hostPort`
to 0") and one or more changes, each addressed by a path in the rule's document, exactly as
violations are (``("containerDefinitions", 0, "portMappings", 1, "hostPort")``). Rules never
compute offsets or text: the edit layer (:mod:`ecslint.fix`) turns the changes into text
edits through the document's locator, on the file as it is written (indentation, key order,
comments, quoting and line endings stay), and refuses what it cannot do faithfully (a value
that a CloudFormation intrinsic function computes, a form it does not model). A refused fix
is simply not available; the finding stays.

Whether a rule's fixes are safe (``ecslint check --fix``) or unsafe (also
``--unsafe-fixes``) is the rule's metadata (``@rule(fix="safe")``), shown on its page.

This module is imported by rules, so it stays tiny: named tuples and one small class.
"""

from __future__ import annotations

from ecslint.core.finding import Path
from ecslint.core.records import NamedTuple

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

#: A rule's fix, in its metadata: applied by ``--fix``, only with ``--unsafe-fixes``, or none.
FIX_KINDS = ("safe", "unsafe")


class Remove(NamedTuple):
    """Remove the member of an object, or the item of an array, at ``path``."""

    path: Path


class Replace(NamedTuple):
    """Set the scalar at ``path`` to ``value``. A number replacing a number written as a
    string (``"memory": "512"``, ``HostPort: "80"``) is written as a string, the way the
    file writes it, unless ``exact`` (a fix of the type itself)."""

    path: Path
    value: Any
    exact: bool = False


class Insert(NamedTuple):
    """Add the member ``key: value`` to the object at ``path``, after its member ``after``
    (its last member when ``after`` is None or absent). ``key`` is the API's name: a
    source that spells members otherwise (CloudFormation's PascalCase) spells it its way."""

    path: Path
    key: str
    value: Any
    after: str | None = None


class Move(NamedTuple):
    """Move the array item at ``path`` to the end of its array."""

    path: Path


class Unwrap(NamedTuple):
    """Make the document the whole file: the output envelope around it
    (``{"taskDefinition": {...}}``) goes, and the envelope's members named in ``carry``
    (describe output's ``tags``) move into the document."""

    carry: tuple[str, ...] = ()


class Fix:
    """A repair: its ``title`` (imperative, names what changes: "remove `revision`") and its
    changes, applied together or not at all.

    ``in_file`` says the paths are paths in the file rather than in the API view of the
    document: schema findings on a CloudFormation resource are reported on the properties as
    written (``Properties.ContainerDefinitions[0].HostPort``), and their fixes follow them.
    """

    __slots__ = ("title", "changes", "in_file")

    def __init__(self, title: str, *changes: Any, in_file: bool = False):
        self.title = title
        self.changes: tuple[Any, ...] = changes
        self.in_file = in_file

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fix) and (self.title, self.changes, self.in_file) == (other.title, other.changes, other.in_file)

    def __hash__(self) -> int:
        return hash((self.title, self.in_file))

    def __repr__(self) -> str:
        return f"Fix({self.title!r}, {', '.join(map(repr, self.changes))})"


class Proposal:
    """A fix as the engine hands it on: the rule's :class:`Fix`, the document whose paths it
    uses, and whether it is safe. A finding merged from several readings of a template (one
    per combination of its conditions) carries the proposal of each reading in
    ``readings``: the fix is available only when every reading proposes the same edits."""

    __slots__ = ("fix", "document", "rule", "safe", "readings")

    def __init__(self, fix: Fix, document: Any, rule: str, safe: bool):
        self.fix = fix
        self.document = document
        self.rule = rule
        self.safe = safe
        self.readings: list[Proposal] | None = None

    def __repr__(self) -> str:
        return f"Proposal({self.rule}, {self.fix!r}, {'safe' if self.safe else 'unsafe'})"
