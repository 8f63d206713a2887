"""Edits on a Terraform resource block as written (HCL): the values ``jsonencode`` holds,
written as HCL objects and tuples, and the block's own arguments.

A Terraform document is located by its source's table (API path -> where each node is
written, :class:`~ecslint.load.source.SpanLocator`); the editor takes a value there only
when it is written literally inside the resource's own block, in the file being fixed: a
value that comes from a ``local``, a variable, a variable file or a function the
evaluator reads through is written elsewhere (or computed), and editing it would change
what it means everywhere else. Those are refused.

- **replace** a literal (a number, a boolean, a quoted string; a number replacing a
  number written as a string stays a string);
- **remove** an object member or a tuple item: where every member of the object has a line
  of its own, its line goes (with a trailing comment on it); otherwise the separators are
  kept right as in JSON (a comma between members on one line);
- **insert** a member after another, on a line of its own with the anchor's indentation
  and its ``=`` aligned as ``terraform fmt`` aligns it, or after it on its line with
  ``, ``;
- **move** a tuple item to the end, re-joined with the tuple's own separator;
- an argument of the block (``("terraform", "revision")``, the paths of the issues the
  provider's schema reports) is removed with its line.
"""

from __future__ import annotations

import json
import re

from ecslint.core.finding import Path
from ecslint.fix.edits import Edit, Refused

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: What may follow a member that owns its line: a comma, a comment.
_LINE_TAIL = re.compile(r"[ \t]*,?[ \t]*(?:(?:#|//)[^\n]*)?\r?(?:\n|$)")


def hcl_string(value: str) -> str:
    """``value`` as an HCL quoted string (JSON's escapes, and ``${``/``%{`` doubled so that
    they stay text)."""
    return json.dumps(value, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")


def hcl_scalar(value: Any) -> str:
    if value is None or isinstance(value, (bool, int, float)):
        return json.dumps(value)  # null, true, false and numbers are written as in JSON
    if isinstance(value, str):
        return hcl_string(value)
    raise Refused("only a scalar is written here")


class HclEditor:
    """Edits on ``text`` (a ``.tf`` file) inside ``block`` (a resource), addressed by the
    API paths of the document ``table`` locates."""

    def __init__(self, file: Any, block: Any, table: dict[Path, Any]):
        from ecslint.load.hcl.nodes import Literal, Object, Tuple, iter_nodes

        self.file = file
        self.text: str = file.text or ""
        self.block = block
        self.table = table
        self.nodes: dict[tuple[int, int], Any] = {}
        for node in iter_nodes(block):
            if isinstance(node, (Literal, Object, Tuple)):
                self.nodes.setdefault((node.start, node.end), node)
        self.newline = "\r\n" if "\r\n" in self.text else "\n"

    # -- reading ----------------------------------------------------------------------

    def node(self, path: Path) -> Any:
        """The literal, object or tuple written at API ``path`` in the block."""
        if path[:1] == ("terraform",):
            raise Refused("an argument of the block is only removed")
        entry = self.table.get(path)
        if entry is None:
            raise Refused(f"nothing written at {path!r}")
        if entry.file is not self.file and getattr(entry.file, "path", None) != self.file.path:
            raise Refused("the value is written in another file (a variable file, a local elsewhere)")
        start, end = entry.value
        if not (self.block.start <= start and end <= self.block.end):
            raise Refused("the value is written outside the resource (a local)")
        node = self.nodes.get((start, end))
        if node is None:
            raise Refused("not a literal written there (a reference, a function, a template)")
        return node

    def value(self, path: Path) -> Any:
        from ecslint.load.hcl.nodes import Literal, Object

        node = self.node(path)
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, Object):
            return {item.name: None for item in node.items}
        return [None] * len(node.items)

    def _members(self, container: Path) -> tuple[Any, list[Any]]:
        """The object or tuple at ``container`` and its items in text order."""
        from ecslint.load.hcl.nodes import Object, Tuple

        node = self.node(container)
        if isinstance(node, Object):
            if node.duplicates or any(item.name is None for item in node.items):
                raise Refused("an object with a duplicate or computed key")
            return node, list(node.items)
        if isinstance(node, Tuple):
            return node, list(node.items)
        raise Refused("not a collection")

    def _item(self, node: Any, items: list[Any], path: Path) -> Any:
        """The item of ``node`` the API ``path`` (a member of it) stands for."""
        entry = self.table.get(path)
        if entry is not None:
            for item in items:
                value = getattr(item, "value", item)
                if (value.start, value.end) == tuple(entry.value):
                    return item
        raise Refused(f"no item written for {path!r}")

    # -- lines ------------------------------------------------------------------------

    def line_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def next_line(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end == -1 else end + 1

    def _owns_line(self, node: Any) -> bool:
        """Whether ``node`` stands alone on its lines (a comma, a comment after it)."""
        if self.text[self.line_start(node.start) : node.start].strip():
            return False
        return _LINE_TAIL.match(self.text, node.end) is not None

    # -- operations -------------------------------------------------------------------

    def replace(self, path: Path, value: Any, exact: bool = False) -> list[Edit]:
        from ecslint.load.hcl.nodes import Literal

        node = self.node(path)
        if not isinstance(node, Literal) or node.heredoc or isinstance(node.value, (dict, list)):
            raise Refused("not a literal scalar")
        old = node.value
        if not exact and isinstance(old, str) and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # the file writes this number as a string
        return [Edit(node.start, node.end, hcl_scalar(value))]

    def remove(self, container: Path, removed: set[Path]) -> dict[Path, list[Edit]]:
        if container[:1] == ("terraform",):
            return {path: self._remove_argument(path) for path in removed}
        node, items = self._members(container)
        chosen = {self._item(node, items, path): path for path in removed}
        if len(chosen) != len(removed):
            raise Refused("two removals of one item")
        from ecslint.load.hcl.nodes import Object

        out: dict[Path, list[Edit]] = {}
        if isinstance(node, Object) and items and all(self._owns_line(item) for item in items):
            for item, path in chosen.items():
                out[path] = [Edit(self.line_start(item.start), self.next_line(item.end), "")]
            return out
        kept = [i for i, item in enumerate(items) if item not in chosen]
        for i, item in enumerate(items):
            if item not in chosen:
                continue
            if kept and kept[-1] > i:
                start, end = item.start, items[i + 1].start
            elif kept:
                start, end = items[i - 1].end, item.end
            else:
                start = node.start + 1 if i == 0 else item.start
                end = node.end - 1 if i == len(items) - 1 else items[i + 1].start
            out[chosen[item]] = [Edit(start, end, "")]
        return out

    def _remove_argument(self, path: Path) -> list[Edit]:
        """An argument of the block (``("terraform", "revision")``, or inside a nested
        block written once): its lines."""
        body = self.block.body
        names = path[1:]
        for name in names[:-1]:
            found = body.blocks_of(name)
            if len(found) != 1:
                raise Refused("a nested block written more than once")
            body = found[0].body
        attribute = body.attributes.get(names[-1]) if names else None
        if attribute is None or any(later is attribute or first is attribute for later, first in body.duplicates):
            raise Refused("no single argument of that name")
        if not self._owns_line(attribute):
            raise Refused("an argument that shares its line")
        return [Edit(self.line_start(attribute.start), self.next_line(attribute.end), "")]

    def insert(self, path: Path, key: str, value: Any, after: str | None = None) -> list[Edit]:
        from ecslint.load.hcl.nodes import Object

        node, items = self._members(path)
        if not isinstance(node, Object):
            raise Refused("not an object")
        if any(item.name == key for item in items):
            raise Refused(f"`{key}` is already there")
        rendered = hcl_scalar(value)
        if not items:
            if self.text[node.start + 1 : node.end - 1].strip():
                raise Refused("an empty object with something inside")
            return [Edit(node.start + 1, node.end - 1, f" {self._key(key, '')} = {rendered} ")]
        anchor = next((item for item in items if item.name == after), items[-1])
        key_text = self.text[anchor.key.start : anchor.key.end]
        name = self._key(key, key_text[:1])
        separator = self.text[anchor.key.end : anchor.value.start]
        if "\n" in separator or separator.strip() not in ("=", ":"):
            separator = " = "
        if all(self._owns_line(item) for item in items):
            indent = self.text[self.line_start(anchor.start) : anchor.start]
            # ``terraform fmt`` aligns the ``=`` of consecutive arguments: keep it aligned.
            before = separator[: separator.index(separator.strip())]
            width = len(key_text) + len(before)
            pad = " " * max(1, width - len(name)) if before else ""
            sign = separator.strip()
            after_sign = separator[separator.index(sign) + 1 :] or " "
            tail = self.text[anchor.end : _LINE_TAIL.match(self.text, anchor.end).end()]
            comma = "," if tail.lstrip(" \t").startswith(",") else ""
            position = self.next_line(anchor.end)
            line = indent + name + pad + sign + after_sign + rendered + comma + self.newline
            if position == len(self.text) and not self.text.endswith("\n"):
                line = self.newline + line.rstrip("\r\n")
            return [Edit(position, position, line)]
        return [Edit(anchor.end, anchor.end, ", " + name + separator + rendered)]

    def _key(self, key: str, like: str) -> str:
        if like != '"' and _IDENTIFIER.fullmatch(key):
            return key
        return hcl_string(key)

    def move_last(self, path: Path) -> list[Edit]:
        from ecslint.load.hcl.nodes import Tuple

        container = path[:-1]
        node, items = self._members(container)
        if not isinstance(node, Tuple):
            raise Refused("not a tuple item")
        item = self._item(node, items, path)
        if items[-1] is item:
            return []
        i = items.index(item)
        cut = Edit(item.start, items[i + 1].start, "")
        between = self.text[items[-2].end : items[-1].start]
        comma = between.find(",")
        separator = between[comma + 1 :] if comma >= 0 else " "
        if "#" in separator or "//" in separator:
            separator = self.newline + self.text[self.line_start(items[-1].start) : items[-1].start]
        end = items[-1].end
        return [cut, Edit(end, end, "," + separator, paste=(item.start, item.end))]

    def unwrap(self, path: Path, carry: tuple[str, ...]) -> list[Edit]:
        raise Refused("unwrap is not supported in Terraform")
