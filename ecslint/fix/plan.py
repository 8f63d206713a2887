"""From the fixes rules propose to text edits on one file.

A fix's changes are in its document's terms; the document's locator says where each value
is written in the file (``Locator.written``: None when the file computes it, as a
CloudFormation ``Fn::If`` branch or ``Mappings`` entry) and how the file spells a member,
and the editor of the text that holds it (the file, or a string inside it) makes the
edits. A value the document cannot know (a placeholder, an intrinsic function) is never
edited. The removals that all the fixes of one file make in one collection are computed
together, so that neighbours removed by several fixes leave the commas right.
"""

from __future__ import annotations

from ecslint.core.finding import Path
from ecslint.core.fix import Insert, Move, Proposal, Remove, Replace, Unwrap
from ecslint.core.records import NamedTuple
from ecslint.fix.edits import Edit, Refused
from ecslint.fix.editors import editor_for, node_at
from ecslint.load.placeholders import is_unknown

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any


class Op(NamedTuple):
    """One change in the terms of an editor: its key, the operation, a path of its text."""

    editor: Any
    kind: str
    path: Path
    args: tuple = ()


class Planned(NamedTuple):
    proposal: Proposal
    #: The edits, or None when the fix is not available.
    edits: list[Edit] | None
    #: Why not (for ``--verbose`` and the tests).
    reason: str = ""


class _Editors:
    """One editor per text of a file (a JSON file, a YAML document, a string in it)."""

    def __init__(self, file: Any):
        self.file = file
        self.by_key: dict[Any, Any] = {}

    def key(self, smap: Any) -> Any:
        span = getattr(smap, "outer_span", None)
        # Each reading of a template parses its lifecycle policy string anew: the string's
        # place in the file identifies it.
        return ("string", span.start, span.end) if span is not None else ("text", id(smap))

    def get(self, smap: Any, file: Any = None) -> Any:
        """The key of the editor of the text ``smap`` maps, in ``file`` (the file being
        fixed, or the same text as read by the source that located it)."""
        key = self.key(smap)
        if key not in self.by_key:
            try:
                self.by_key[key] = editor_for(file or self.file, smap)
            except Refused as exc:
                self.by_key[key] = exc
        return self._checked(key)

    def hcl(self, doc: Any) -> Any:
        """The key of the editor of a Terraform resource block (:mod:`ecslint.fix.hcl`)."""
        key = ("hcl", id(doc.locator))
        if key not in self.by_key:
            from ecslint.fix.hcl import HclEditor

            origin = doc.origin
            block = getattr(origin, "raw", None)
            if not hasattr(block, "body"):
                # (a lifecycle policy's resource: its module knows the block)
                found = getattr(getattr(origin, "scope", None), "resources", {}).get(getattr(origin, "resource", None))
                block = found[0] if found is not None and self.same_text(found[1]) else None
            if not self.same_text(doc.file):
                self.by_key[key] = Refused("the resource is written in another file")
            elif block is None or not hasattr(block, "body"):
                self.by_key[key] = Refused("not a resource block")
            else:
                self.by_key[key] = HclEditor(self.file, block, doc.locator.table)
        return self._checked(key)

    def _checked(self, key: Any) -> Any:
        editor = self.by_key[key]
        if isinstance(editor, Refused):
            raise editor
        return key

    def same_text(self, other: Any) -> bool:
        """Whether ``other`` (a file as a source read it) is the file being fixed."""
        import os

        return other is self.file or (
            other.text == self.file.text and os.path.realpath(other.path) == os.path.realpath(self.file.path)
        )


def _ops(proposal: Proposal, editors: _Editors) -> list[Op]:
    fix, doc = proposal.fix, proposal.document
    locator = doc.locator
    if hasattr(locator, "delegates"):
        return _spanned_ops(proposal, editors)
    sourcemap = getattr(locator, "sourcemap", None)
    if sourcemap is None or not hasattr(locator, "written"):
        # A locator says where values are written and how members are spelled (written,
        # member_name) before fixes can reach its source.
        raise Refused("fixes are not available for this source")
    key = editors.get(sourcemap)
    ops: list[Op] = []
    for change in fix.changes:
        if isinstance(change, Unwrap):
            prefix = getattr(locator, "prefix", None)
            if not prefix or getattr(locator, "strip", 0):
                raise Refused("not a document inside an envelope")
            ops.append(Op(key, "unwrap", prefix, (tuple(change.carry),)))
        elif fix.in_file:
            ops.append(_op(key, change, change.path, None))
        else:
            ops.append(_op(key, change, _written(doc, change, locator, change.path), locator))
    return ops


def _spanned_ops(proposal: Proposal, editors: _Editors) -> list[Op]:
    """The ops of a fix on a document a :class:`~ecslint.load.source.SpanLocator`
    locates (Terraform): a path inside a part another text holds (a heredoc, a string, a
    file ``file()`` loads) is edited in that text, through its own locator; a path of the
    resource block itself, by the HCL editor, only where the block writes it literally.
    Every change must land in the file being fixed."""
    fix, doc = proposal.fix, proposal.document
    locator = doc.locator
    ops: list[Op] = []
    for change in fix.changes:
        if isinstance(change, Unwrap):
            raise Refused("not a document inside an envelope")
        path = change.path
        delegate, n = None, 0
        if not fix.in_file:
            for n in range(len(path), -1, -1):
                delegate = locator.delegates.get(path[:n])
                if delegate is not None:
                    break
        if delegate is None:
            # The resource block: the HCL editor checks the value is a literal written there.
            if not fix.in_file:
                _known(doc, change, path)
            ops.append(_op(editors.hcl(doc), change, path, None))
            continue
        if not editors.same_text(delegate.file):
            raise Refused("the value is written in another file")
        if isinstance(change, (Remove, Move)) and len(path) == n:
            raise Refused("the whole document")
        inner = _Within(delegate.locator, n)
        ops.append(_op(editors.get(inner.sourcemap, delegate.file), change, _written(doc, change, inner, path), inner))
    return ops


class _Within:
    """A delegate's locator, addressed by the document's paths (its prefix dropped)."""

    def __init__(self, locator: Any, prefix: int):
        self.locator, self.prefix = locator, prefix
        self.sourcemap = locator.sourcemap

    def written(self, path: Path) -> Path | None:
        return self.locator.written(path[self.prefix :]) if len(path) >= self.prefix else None

    def member_name(self, path: Path, key: str) -> str:
        return self.locator.member_name(path[self.prefix :], key)


def _known(doc: Any, change: Any, path: Path) -> None:
    """The document's own view must know the value: never edit what is computed."""
    value = node_at(doc.data, path)
    if isinstance(change, Replace) and (is_unknown(value) or isinstance(value, (dict, list))):
        raise Refused("not a known scalar")
    if isinstance(change, Insert) and not isinstance(value, dict):
        raise Refused("not a known object")


def _written(doc: Any, change: Any, locator: Any, path: Path) -> Path:
    """Where the file writes the value at ``path`` that ``change`` edits, checked."""
    where = locator.written(path)
    if where is None:
        raise Refused("the file does not write this value literally here")
    _known(doc, change, path)
    if isinstance(change, (Remove, Move)) and path and locator.written(path[:-1]) is None:
        raise Refused("its collection is computed")
    return where


def _op(key: Any, change: Any, where: Path, locator: Any) -> Op:
    """The op of ``change`` at ``where`` in the editor ``key``; ``locator`` spells the
    member an insert adds (None: as the change names it)."""
    if isinstance(change, Replace):
        return Op(key, "replace", where, (change.value, change.exact))
    if isinstance(change, Remove):
        if not where:
            raise Refused("the whole document")
        return Op(key, "remove", where)
    if isinstance(change, Insert):
        name, after = change.key, change.after
        if locator is not None:
            name = locator.member_name(change.path, name)
            after = locator.member_name(change.path, after) if after is not None else None
        return Op(key, "insert", where, (name, change.value, after))
    if isinstance(change, Move):
        return Op(key, "move", where)
    raise Refused(f"unknown change {change!r}")


def _readings_ops(proposal: Proposal, editors: _Editors) -> list[Op]:
    """The ops of a proposal; for a finding of several readings of a template, the ops
    every reading agrees on (else the fix is not available)."""
    ops = _ops(proposal, editors)
    for reading in proposal.readings or ():
        if reading is not proposal and _ops(reading, editors) != ops:
            raise Refused("the readings of the template propose different changes")
    return ops


def plan(file: Any, proposals: list[Proposal]) -> list[Planned]:
    """The edits of each proposal on ``file`` (in the file's offsets)."""
    editors = _Editors(file)
    resolved: list[list[Op] | Refused] = []
    removals: dict[tuple[Any, Path], set[Path]] = {}
    for proposal in proposals:
        try:
            ops = _readings_ops(proposal, editors)
        except Refused as exc:
            resolved.append(exc)
            continue
        resolved.append(ops)
        for op in ops:
            if op.kind == "remove":
                removals.setdefault((op.editor, op.path[:-1]), set()).add(op.path)
    batches: dict[tuple[Any, Path], dict[Path, list[Edit]] | Refused] = {}
    for (key, container), paths in removals.items():
        try:
            batches[(key, container)] = editors.by_key[key].remove(container, paths)
        except Refused as exc:
            batches[(key, container)] = exc
    out: list[Planned] = []
    for proposal, ops in zip(proposals, resolved):
        if isinstance(ops, Refused):
            out.append(Planned(proposal, None, str(ops)))
            continue
        try:
            edits: list[Edit] = []
            for op in ops:
                edits.extend(_edits(op, editors, batches))
        except Refused as exc:
            out.append(Planned(proposal, None, str(exc)))
            continue
        out.append(Planned(proposal, edits))
    return out


def _edits(op: Op, editors: _Editors, batches: dict) -> list[Edit]:
    editor = editors.by_key[op.editor]
    if op.kind == "remove":
        batch = batches[(op.editor, op.path[:-1])]
        if isinstance(batch, Refused):
            raise batch
        return batch[op.path]
    if op.kind == "replace":
        return editor.replace(op.path, *op.args)
    if op.kind == "insert":
        return editor.insert(op.path, *op.args)
    if op.kind == "move":
        return editor.move_last(op.path)
    if op.kind == "unwrap":
        return editor.unwrap(op.path, *op.args)
    raise Refused(op.kind)
