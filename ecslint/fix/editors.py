"""Editors: text edits addressed by the paths of one parsed text's own data.

An editor holds a text, the data parsed from it and the spans of every value (the source
map's, :mod:`ecslint.load.sourcemap`), and makes the edits of five operations the way the
text is already written:

- **replace** a scalar, in the literal's own style (a YAML scalar keeps its quotes; a number
  replacing a number written as a string stays a string);
- **remove** members or items: in JSON and YAML flow style the commas are kept right for a
  first, middle, last or only member, and the removals of one object are computed together
  so that several fixes can remove neighbours in one pass; in YAML block style whole lines
  go (with a trailing comment on them), and a first member on a ``- `` line gives its place
  to the next member;
- **insert** a member after another, copying the object's own layout (the separator after
  a comma, the spacing around the colon, the indentation of a block mapping);
- **move** an array item to the end (its text as written, re-joined with the array's own
  separator);
- **unwrap** an output envelope (``{"taskDefinition": {...}}``), re-indenting its content.

What an editor cannot do faithfully raises :class:`~ecslint.fix.edits.Refused`: a value
written with a YAML tag (``!Ref``), anchor or alias, an object with duplicate or merged
(``<<``) keys, a multi-line string. The fix is then not offered.

:class:`EmbeddedEditor` edits a JSON document held in a string (``lifecyclePolicyText``,
a CloudFormation block scalar): a JSON editor works on the decoded text, and each edit is
translated to the literal's offsets (the source map's per-character map) and escaped for
the literal's form (JSON string or YAML double-quoted, YAML single-quoted, literal block,
and Terraform's quoted string or heredoc, where ``${`` is written ``$${``).

A source with its own text format plugs in with :func:`register`: its source map class
and a factory that makes an editor with these methods. Terraform's resource blocks are
edited by :class:`ecslint.fix.hcl.HclEditor`, which the plan picks for the paths of a
block rather than of a text.
"""

from __future__ import annotations

import json
import re

from ecslint.core.finding import Path
from ecslint.core.lazyre import lazy
from ecslint.fix.edits import Edit, Refused, apply
from ecslint.load.sourcemap import Span

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Callable


class Raw(str):
    """A value given as text to write as is (a member carried along by ``unwrap``)."""


def node_at(data: Any, path: Path) -> Any:
    """The value at ``path`` of JSON-like ``data``; :class:`Refused` when there is none."""
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            raise Refused(f"nothing at {path!r}")
    return node


def newline_of(text: str) -> str:
    """The file's line break: its first one decides (``\\r\\n`` or ``\\n``)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


class Editor:
    """Edits on ``text`` whose parsed ``data`` has ``spans`` (offsets into ``text``).
    Subclasses say how values and keys are written and how collections are laid out."""

    def __init__(self, text: str, data: Any, spans: dict[Path, Span], duplicates: Any = ()):
        self.text = text
        self.data = data
        self.spans = spans
        self.newline = newline_of(text)
        #: Objects with a duplicate key: the data holds one of its values, the text two.
        self._duplicated = {d.path[:-1] for d in duplicates}

    # -- reading --------------------------------------------------------------------------

    def value(self, path: Path) -> Any:
        return node_at(self.data, path)

    def span(self, path: Path) -> Span:
        span = self.spans.get(path)
        if span is None:
            raise Refused(f"no position for {path!r} (a merged or aliased value)")
        return span

    def members(self, path: Path) -> list[Path]:
        """The paths of the members (or items) of the collection at ``path``, in text order."""
        node = self.value(path)
        if path in self._duplicated:
            raise Refused("an object with a duplicate key")
        if isinstance(node, dict):
            children = [path + (k,) for k in node]
        elif isinstance(node, list):
            children = [path + (i,) for i in range(len(node))]
        else:
            raise Refused("not a collection")
        for child in children:
            self.span(child)
        return sorted(children, key=self.start)

    def start(self, path: Path) -> int:
        """Where a member starts: its key (object member) or its value (array item)."""
        span = self.span(path)
        return span.key[0] if span.key else span.start

    def end(self, path: Path) -> int:
        """Where a member's content ends."""
        return self.span(path).end

    def find_member(self, path: Path, key: str | None) -> Path:
        members = self.members(path)
        if key is not None and path + (key,) in members:
            return path + (key,)
        if not members:
            raise Refused("an empty collection")
        return members[-1]

    # -- lines ----------------------------------------------------------------------------

    def line_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def line_end(self, pos: int) -> int:
        """The end of the line holding ``pos``, before its line break."""
        end = self.text.find("\n", pos)
        if end == -1:
            return len(self.text)
        return end - 1 if end > 0 and self.text[end - 1] == "\r" else end

    def next_line(self, pos: int) -> int:
        """The start of the line after the one holding ``pos`` (the text's end on the last)."""
        end = self.text.find("\n", pos)
        return len(self.text) if end == -1 else end + 1

    def column(self, pos: int) -> int:
        return pos - self.line_start(pos)

    def indent_at(self, pos: int) -> int:
        start = self.line_start(pos)
        line = self.text[start : self.line_end(start)]
        return len(line) - len(line.lstrip(" "))

    # -- operations (subclasses choose flow or block) -------------------------------------

    def replace(self, path: Path, value: Any, exact: bool = False) -> list[Edit]:
        """Set a scalar; a number replacing a string stays a string unless ``exact``."""
        from ecslint.load.placeholders import is_unknown

        old = self.value(path)
        if isinstance(old, (dict, list)) or is_unknown(old):
            raise Refused("not a literal scalar")
        if not exact and isinstance(old, str) and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # the file writes this number as a string
        span = self.span(path)
        return [Edit(span.start, span.end, self.render_scalar(value, self.text[span.start : span.end]))]

    def remove(self, container: Path, removed: set[Path]) -> dict[Path, list[Edit]]:
        self._editable(container)
        return self._flow_remove(container, removed)

    def insert(self, path: Path, key: str, value: Any, after: str | None = None) -> list[Edit]:
        if not isinstance(self.value(path), dict):
            raise Refused("not an object")
        if path + (key,) in self.spans:
            raise Refused(f"`{key}` is already there")
        return self._insert(path, key, value, after)

    def _insert(self, path: Path, key: str, value: Any, after: str | None) -> list[Edit]:
        self._editable(path)
        return self._flow_insert(path, key, value, after)

    def move_last(self, path: Path) -> list[Edit]:
        container = path[:-1]
        if not isinstance(self.value(container), list):
            raise Refused("not an array item")
        self._editable(container)
        return self._flow_move_last(path)

    def unwrap(self, path: Path, carry: tuple[str, ...]) -> list[Edit]:
        raise Refused("unwrap is not supported here")

    def _editable(self, path: Path) -> None:
        """Refuse a collection whose text the flow operations cannot read."""
        span = self.span(path)
        if self.text[span.start : span.start + 1] not in ("{", "["):
            raise Refused("a collection written with a tag or an anchor")

    # -- rendering (JSON; YAML overrides) -------------------------------------------------

    def render_scalar(self, value: Any, old: str | None = None) -> str:
        return json.dumps(value, ensure_ascii=False)

    def render_value(self, value: Any) -> str:
        if isinstance(value, Raw):
            return str(value)
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        return self.render_scalar(value)

    def render_key(self, key: str, like: str = '"') -> str:
        return json.dumps(key, ensure_ascii=False)

    # -- flow collections: JSON, and YAML's {...} and [...] ---------------------------------

    def _flow_remove(self, container: Path, removed: set[Path]) -> dict[Path, list[Edit]]:
        """Removals that tile: a member followed by a kept one takes its comma after it; one
        after the last kept member takes the comma before it; with none kept, the
        collection's inside goes whole. Any subset of these edits is valid on its own."""
        span = self.span(container)
        members = self.members(container)
        kept = [i for i, m in enumerate(members) if m not in removed]
        out: dict[Path, list[Edit]] = {}
        for i, member in enumerate(members):
            if member not in removed:
                continue
            if kept and kept[-1] > i:
                start, end = self.start(member), self.start(members[i + 1])
            elif kept:
                start, end = self.end(members[i - 1]), self.end(member)
            else:
                start = span.start + 1 if i == 0 else self.start(member)
                end = span.end - 1 if i == len(members) - 1 else self.start(members[i + 1])
            out[member] = [Edit(start, end, "")]
        return out

    def _flow_layout(self, container: Path, members: list[Path]) -> tuple[str, str]:
        """What follows a comma between two members (``" "``, ``"\\n    "``), and what
        stands between a key and its value (``": "``)."""
        span = self.span(container)
        if len(members) >= 2:
            between = self.text[self.end(members[-2]) : self.start(members[-1])]
            comma = between.find(",")
            separator = between[comma + 1 :] if comma >= 0 else " "
        else:
            between = self.text[span.start + 1 : self.start(members[0])]
            separator = between if "\n" in between else " "
        if "#" in separator:
            separator = separator[: separator.find("#")].rstrip(" ") or " "
        colon = ": "
        last = self.span(members[-1])
        if last.key:
            colon = self.text[last.key[1] : last.start]
            if not colon.strip() == ":" or "\n" in colon:
                colon = ": "
        return separator, colon

    def _flow_insert(self, path: Path, key: str, value: Any, after: str | None) -> list[Edit]:
        span = self.span(path)
        members = self.members(path)
        if not members:
            opened = self.text[span.start : span.end]
            if opened.strip() not in ("{}",):
                raise Refused("an empty object with something inside")
            return [Edit(span.start + 1, span.end - 1, self.render_key(key) + ": " + self.render_value(value))]
        anchor = self.find_member(path, after)
        separator, colon = self._flow_layout(path, members)
        like = self.text[self.start(anchor) : self.start(anchor) + 1]
        text = "," + separator + self.render_key(key, like) + colon + self.render_value(value)
        end = self.end(anchor)
        return [Edit(end, end, text)]

    def _flow_move_last(self, path: Path) -> list[Edit]:
        container = path[:-1]
        members = self.members(container)
        if members[-1] == path:
            return []
        removal = self._flow_remove(container, {path})[path]
        separator, _ = self._flow_layout(container, members)
        end = self.end(members[-1])
        return removal + [Edit(end, end, "," + separator, paste=(self.start(path), self.end(path)))]


def dedent_lines(text: str, width: int, first: bool = False) -> str:
    """``text`` with up to ``width`` leading spaces removed from each line (from the first
    one too when ``first``)."""
    if width <= 0:
        return text
    lines = text.split("\n")
    out = []
    for number, line in enumerate(lines):
        if number or first:
            spaces = len(line) - len(line.lstrip(" "))
            line = line[min(spaces, width) :]
        out.append(line)
    return "\n".join(out)


class JsonEditor(Editor):
    """A JSON text: every collection is a flow collection."""

    def unwrap(self, path: Path, carry: tuple[str, ...]) -> list[Edit]:
        from ecslint.load.sourcemap import scan_json

        if len(path) != 1 or not isinstance(self.value(path), dict) or not isinstance(self.data, dict):
            raise Refused("not an envelope around an object")
        root, inner = self.span(()), self.span(path)
        shift = self.indent_at(inner.end - 1) - self.indent_at(root.end - 1)
        body = dedent_lines(self.text[inner.start : inner.end], shift)
        for key in carry:
            if key not in self.data:
                continue
            if key in self.value(path):
                raise Refused(f"`{key}` is both inside and beside the document")
            span = self.span((key,))
            sub = JsonEditor(body, json.loads(body), scan_json(body)[0])
            body = apply(body, sub.insert((), key, Raw(self.text[span.start : span.end])))
        return [Edit(root.start, root.end, body)]


#: A string YAML reads back as the same string when written plain (no quotes).
_PLAIN = lazy(r"[A-Za-z_/][A-Za-z0-9_./-]*")
_PLAIN_WORDS = frozenset("y n yes no on off true false null".split())


def _plain_ok(text: str) -> bool:
    return _PLAIN.fullmatch(text) is not None and text.lower() not in _PLAIN_WORDS


class YamlEditor(Editor):
    """A YAML document: flow collections as JSON, block collections by lines."""

    def _head(self, path: Path) -> str:
        """The first character of a value's own text, after its tag and anchor if any."""
        span = self.span(path)
        text, i = self.text, span.start
        while i < span.end and text[i] in "!&":
            while i < span.end and not text[i].isspace():
                i += 1
            while i < span.end and text[i] in " \t\r\n":
                i += 1
        return text[i : i + 1]

    def _flow(self, path: Path) -> bool:
        """Whether the collection at ``path``, about to be edited, is in flow style.
        Refuses one written with a tag, an anchor or an alias, or with a merge key."""
        span = self.span(path)
        if self.text[span.start : span.start + 1] in ("!", "&", "*"):
            raise Refused("a value written with a tag, an anchor or an alias")
        if isinstance(self.value(path), dict) and re.search(r"(?m)(?:^|[\s{,])<<\s*:", self.text[span.start : span.end]):
            raise Refused("a mapping with a merge key")
        return self._head(path) in ("{", "[")

    def content_end(self, path: Path) -> int:
        """Where a value's text ends: a block collection's span runs on to the next token
        (comment lines, the next key's indentation); its last member's content does not."""
        node = self.value(path)
        head = self._head(path)
        if isinstance(node, (dict, list)) and node and head not in ("{", "[", "*"):
            return self.content_end(self.members(path)[-1])
        span = self.span(path)
        end = span.end
        while end > span.start and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def end(self, path: Path) -> int:
        return self.content_end(path)

    # -- rendering ------------------------------------------------------------------------

    def render_scalar(self, value: Any, old: str | None = None) -> str:
        if value is None or isinstance(value, (bool, int, float)):
            return json.dumps(value)  # null, true, false and numbers are written as in JSON
        text = str(value)
        style = (old or "")[:1]
        if style in ("|", ">") or (old is not None and "\n" in old.strip()):
            raise Refused("a multi-line scalar")
        if style == "'" and "\n" not in text:
            return "'" + text.replace("'", "''") + "'"
        if style != '"' and _plain_ok(text):
            return text
        return json.dumps(text, ensure_ascii=False)

    def render_key(self, key: str, like: str = "") -> str:
        if like == "'":
            return "'" + key.replace("'", "''") + "'"
        if like != '"' and _plain_ok(key):
            return key
        return json.dumps(key, ensure_ascii=False)

    # -- operations -----------------------------------------------------------------------

    def replace(self, path: Path, value: Any, exact: bool = False) -> list[Edit]:
        span = self.span(path)
        if self.text[span.start : span.start + 1] in ("!", "&", "*"):
            raise Refused("a value written with a tag, an anchor or an alias")
        return super().replace(path, value, exact)

    def remove(self, container: Path, removed: set[Path]) -> dict[Path, list[Edit]]:
        if self._flow(container):
            return self._flow_remove(container, removed)
        if isinstance(self.value(container), dict):
            return self._block_mapping_remove(container, removed)
        return self._block_sequence_remove(container, removed)

    def _insert(self, path: Path, key: str, value: Any, after: str | None) -> list[Edit]:
        if self._flow(path):
            return self._flow_insert(path, key, value, after)
        anchor = self.find_member(path, after)
        key_start = self.start(anchor)
        column = self.column(key_start)
        like = self.text[key_start : key_start + 1]
        position = self.line_end(self.content_end(anchor))
        text = self.newline + " " * column + self.render_key(key, like) + ": " + self.render_value(value)
        return [Edit(position, position, text)]

    def move_last(self, path: Path) -> list[Edit]:
        container = path[:-1]
        if not isinstance(self.value(container), list):
            raise Refused("not a sequence item")
        if self._flow(container):
            return self._flow_move_last(path)
        items = self.members(container)
        if items[-1] == path:
            return []
        start, end = self.line_start(self._dash(path)), self.next_line(self.content_end(path))
        lines = (start, self.line_end(self.content_end(path)))
        position = self.line_end(self.content_end(items[-1]))
        return [Edit(start, end, ""), Edit(position, position, self.newline, paste=lines)]

    def unwrap(self, path: Path, carry: tuple[str, ...]) -> list[Edit]:
        if len(path) != 1 or not isinstance(self.data, dict) or not isinstance(self.value(path), dict):
            raise Refused("not an envelope around a mapping")
        if self._flow(()) or self._flow(path) or not self.value(path):
            raise Refused("an envelope in flow style")
        first = self.members(path)[0]
        column = self.column(self.start(first))
        if self.text[self.line_start(self.start(first)) : self.start(first)].strip():
            raise Refused("the document starts on its key's line")
        body = self.text[self.line_start(self.start(first)) : self.next_line(self.content_end(path))]
        body = dedent_lines(body, column, first=True)
        if not body.endswith("\n"):
            body += self.newline
        for key in carry:
            if key not in self.data:
                continue
            if key in self.value(path):
                raise Refused(f"`{key}` is both inside and beside the document")
            member = (key,)
            chunk = self.text[self.line_start(self.start(member)) : self.next_line(self.content_end(member))]
            body += chunk if chunk.endswith("\n") else chunk + self.newline
        root_first = self.members(())[0]
        start = self.line_start(self.start(root_first))
        end = self.next_line(self.content_end(()))
        if end == len(self.text) and not self.text.endswith("\n"):
            body = body.rstrip("\r\n")
        return [Edit(start, end, body)]

    # -- block collections ------------------------------------------------------------------

    def _dash(self, item: Path) -> int:
        """The offset of the ``-`` that opens a block sequence item, alone on its line
        but for indentation."""
        position = self.span(item).start - 1
        while position >= 0 and self.text[position] == " ":
            position -= 1
        if position < 0 or self.text[position] != "-" or self.text[self.line_start(position) : position].strip():
            raise Refused("a sequence item that does not start its line")
        return position

    def _empty_indent(self, container: Path, column: int) -> str:
        """Indentation for the ``{}`` or ``[]`` that replaces a collection left empty: at
        least two columns right of the key that holds it."""
        span = self.span(container)
        if span.key is not None:
            column = max(column, self.column(span.key[0]) + 2)
        return " " * column

    def _ending(self, end: int) -> str:
        return self.newline if end > 0 and self.text[end - 1] == "\n" else ""

    def _block_mapping_remove(self, container: Path, removed: set[Path]) -> dict[Path, list[Edit]]:
        members = self.members(container)
        every = all(m in removed for m in members)
        first_key = self.start(members[0])
        before = self.text[self.line_start(first_key) : first_key]
        dashed = bool(before.strip())
        if dashed and re.fullmatch(r" *- +", before) is None:
            raise Refused("a mapping that does not start its line")
        out: dict[Path, list[Edit]] = {}
        for i, member in enumerate(members):
            if member not in removed:
                continue
            key = self.start(member)
            if i and self.text[self.line_start(key) : key].strip():
                raise Refused("a member that shares its line")
            start = key if i == 0 and dashed else self.line_start(key)
            following = members[i + 1] if i + 1 < len(members) else None
            # From the "- " line on, the run of removed members ends where the next kept
            # member's key starts: it moves up onto the "- " line, at its column.
            in_dash_run = dashed and all(m in removed for m in members[: i + 1])
            if in_dash_run and following is not None:
                end = self.start(following) if following not in removed else self.line_start(self.start(following))
            else:
                end = self.next_line(self.content_end(member))
            replacement = ""
            if every and i == 0:
                indent = "" if dashed else self._empty_indent(container, self.column(key))
                replacement = indent + "{}" + self._ending(end)
            out[member] = [Edit(start, end, replacement)]
        return out

    def _block_sequence_remove(self, container: Path, removed: set[Path]) -> dict[Path, list[Edit]]:
        items = self.members(container)
        every = all(m in removed for m in items)
        out: dict[Path, list[Edit]] = {}
        for i, item in enumerate(items):
            if item not in removed:
                continue
            dash = self._dash(item)
            start, end = self.line_start(dash), self.next_line(self.content_end(item))
            replacement = ""
            if every and i == 0:
                replacement = self._empty_indent(container, self.column(dash)) + "[]" + self._ending(end)
            out[item] = [Edit(start, end, replacement)]
        return out


class EmbeddedEditor:
    """A JSON document inside a string literal of the file, edited through a
    :class:`JsonEditor` on the decoded text; edits come out in the file's offsets, escaped
    for the literal."""

    def __init__(self, file_text: str, smap: Any):
        from ecslint.load.sourcemap import scan_json

        offsets, span = smap.char_offsets, smap.outer_span
        self.inner = JsonEditor(smap.inner, json.loads(smap.inner), *scan_json(smap.inner))
        self.offsets = offsets
        raw = file_text[span.start : span.end]
        self.form = raw[:1]
        self.newline = newline_of(file_text)
        self.indent = 0
        #: An HCL string or heredoc (Terraform): ``${`` and ``%{`` are doubled to stay text.
        self.hcl = bool(getattr(smap, "hcl", False))
        if offsets is None:
            self.form = ""  # the literal's form is not mapped character by character
        elif self.form == "|" or self.hcl and raw.startswith("<<-"):
            lines = raw.split("\n")[1:]
            if self.hcl:
                lines = lines[:-1]  # the closing marker's indentation is not the content's
            widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
            self.indent = min(widths) if widths else 0

    def _escape(self, text: str) -> str:
        if self.hcl:
            text = text.replace("${", "$${").replace("%{", "%%{")
            if self.form == '"':
                return json.dumps(text, ensure_ascii=False)[1:-1]
            if self.form == "<":
                # (a heredoc keeps the file's "\r\n" in its text, and so may the edit)
                return text.replace("\r\n", "\n").replace("\n", self.newline + " " * self.indent)
            raise Refused("a string literal whose form is not mapped")
        if self.form == '"':
            return json.dumps(text, ensure_ascii=False)[1:-1]
        if self.form == "'":
            if "\n" in text:
                raise Refused("a line break inside a single-quoted YAML string")
            return text.replace("'", "''")
        if self.form == "|":
            return text.replace("\n", self.newline + " " * self.indent)
        raise Refused("a string literal whose form is not mapped")

    def _outer(self, edits: list[Edit]) -> list[Edit]:
        if self.offsets is None:
            raise Refused("a string literal whose form is not mapped")
        last = len(self.offsets) - 1

        def outer(offset: int) -> int:
            return self.offsets[min(offset, last)]

        return [
            Edit(outer(e.start), outer(e.end), self._escape(e.replacement), (outer(e.paste[0]), outer(e.paste[1])) if e.paste else None)
            for e in edits
        ]

    def value(self, path: Path) -> Any:
        return self.inner.value(path)

    def replace(self, path: Path, value: Any, exact: bool = False) -> list[Edit]:
        return self._outer(self.inner.replace(path, value, exact))

    def remove(self, container: Path, removed: set[Path]) -> dict[Path, list[Edit]]:
        return {path: self._outer(edits) for path, edits in self.inner.remove(container, removed).items()}

    def insert(self, path: Path, key: str, value: Any, after: str | None = None) -> list[Edit]:
        return self._outer(self.inner.insert(path, key, value, after))

    def move_last(self, path: Path) -> list[Edit]:
        return self._outer(self.inner.move_last(path))

    def unwrap(self, path: Path, carry: tuple[str, ...]) -> list[Edit]:
        raise Refused("unwrap inside a string")


# -- which editor for which source map ------------------------------------------------------

#: (source map class, factory(file, source map) -> editor), most specific first.
_FACTORIES: list[tuple[type, Callable[[Any, Any], Any]]] = []


def register(smap_class: type, factory: Callable[[Any, Any], Any]) -> None:
    """Make ``factory(file, smap)`` the editor of texts whose source map is a
    ``smap_class``; it returns an object with the methods of :class:`Editor` (``value``,
    ``replace``, ``remove``, ``insert``, ``move_last``, ``unwrap``) or raises Refused."""
    _FACTORIES.insert(0, (smap_class, factory))


def editor_for(file: Any, smap: Any) -> Any:
    if not _FACTORIES:
        _register_builtin()
    for cls, factory in _FACTORIES:
        if isinstance(smap, cls):
            return factory(file, smap)
    raise Refused(f"no editor for {type(smap).__name__}")


def _root(file: Any, smap: Any) -> Any:
    for data, root_map in file.roots:
        if root_map is smap:
            return data
    raise Refused("the source map is not one of the file's roots")


def _register_builtin() -> None:
    from ecslint.load.embedded import EmbeddedSourceMap
    from ecslint.load.sourcemap import JsonSourceMap
    from ecslint.load.yamlload import YamlSourceMap

    register(JsonSourceMap, lambda file, smap: JsonEditor(file.text, _root(file, smap), smap.spans, smap.duplicates))
    register(YamlSourceMap, lambda file, smap: YamlEditor(file.text, _root(file, smap), smap.spans, smap.duplicates))
    register(EmbeddedSourceMap, lambda file, smap: EmbeddedEditor(file.text, smap))
