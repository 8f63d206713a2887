"""Documents inside strings: positions through escapes and YAML block scalars.

``put-lifecycle-policy`` input carries the policy as a JSON *string*
(``"lifecyclePolicyText": "{\\"rules\\": ...}"``). A finding inside that policy must land
on the exact line and column of the outer file, so we decode the string literal ourselves
and keep, for every decoded character, the offset of the raw character it came from. The
inner document is parsed and scanned like any JSON file; its offsets are then translated.

Supported literal forms: JSON strings and YAML double-quoted scalars (escapes, surrogate
pairs), YAML single-quoted and single-line plain scalars, and YAML literal block scalars
(``|``), whose lines keep their place. Anything else (folded ``>`` scalars, multi-line
plain or quoted YAML) maps every inner position to the start of the scalar: less exact,
never wrong.
"""

from __future__ import annotations

from ecslint.load.sourcemap import DuplicateKey, SourceMap, Span, scan_json
from ecslint.load.text import LineIndex

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def string_offsets(raw: str, base: int, value: str) -> list[int] | None:
    """Outer offsets of each character of ``value`` (plus one for its end), given the raw
    source text of the literal that produced it, or ``None`` when the form is not mapped."""
    if not raw:
        return None
    if raw[0] == '"':
        offsets = _quoted(raw, base)
    elif raw[0] == "'":
        offsets = _single_quoted(raw, base)
    elif raw[0] == "|":
        offsets = _literal_block(raw, base, value)
    elif "\n" not in raw.strip():
        offsets = [base + i for i in range(len(raw))] + [base + len(raw)]
        offsets = offsets if raw == value else None
    else:
        offsets = None
    if offsets is None or len(offsets) != len(value) + 1:
        return None
    return offsets


def _quoted(raw: str, base: int) -> list[int] | None:
    out: list[int] = []
    i, n = 1, len(raw)
    while i < n:
        c = raw[i]
        if c == '"':
            out.append(base + i)
            return out
        if c == "\\":
            esc = raw[i + 1 : i + 2]
            if esc == "u":
                code = int(raw[i + 2 : i + 6], 16)
                if 0xD800 <= code < 0xDC00 and raw[i + 6 : i + 8] == "\\u":
                    out.append(base + i)
                    i += 12
                    continue
                out.append(base + i)
                i += 6
                continue
            if esc not in _ESCAPES:
                return None  # a YAML-only escape or line folding: not mapped
            out.append(base + i)
            i += 2
            continue
        if c == "\n":
            return None  # a multi-line quoted YAML scalar folds lines
        out.append(base + i)
        i += 1
    return None


def _single_quoted(raw: str, base: int) -> list[int] | None:
    out: list[int] = []
    i, n = 1, len(raw)
    while i < n:
        c = raw[i]
        if c == "'":
            if raw[i + 1 : i + 2] == "'":
                out.append(base + i)
                i += 2
                continue
            out.append(base + i)
            return out
        if c == "\n":
            return None
        out.append(base + i)
        i += 1
    return None


def _literal_block(raw: str, base: int, value: str) -> list[int] | None:
    """``|`` block: each content line keeps its characters, minus the indentation."""
    header_end = raw.find("\n")
    if header_end == -1:
        return None
    lines = raw[header_end + 1 :].split("\n")
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    if not indents:
        return None
    indent = min(indents)
    out: list[int] = []
    offset = header_end + 1
    for line in lines:
        # YAML reads a CRLF line break as one "\n": the "\r" is not content.
        width = len(line) - 1 if line.endswith("\r") else len(line)
        for i in range(indent, width):
            out.append(base + offset + i)
        out.append(base + offset + width)  # the line break
        offset += len(line) + 1
    # Chomping only changes trailing newlines: trim or pad the map to the value.
    text_len = len(value)
    if len(out) < text_len + 1:
        return None
    out = out[: text_len + 1]
    # Never a wrong position: a form this does not model (an indentation indicator, tabs)
    # shows as a character that differs; then the caller falls back to the scalar's start.
    if any(c != "\n" and raw[out[k] - base] != c for k, c in enumerate(value)):
        return None
    return out


class EmbeddedSourceMap(SourceMap):
    """A JSON document parsed from a string value, located in the outer file."""

    #: Whether the string is an HCL quoted string or heredoc (its escapes differ).
    hcl = False

    def __init__(self, outer: LineIndex, inner: str, offsets: list[int] | None, outer_span: Span, *, has_duplicates: bool):
        super().__init__(outer, has_duplicates=has_duplicates)
        self.inner = inner
        self._offsets = offsets
        self._outer_span = outer_span

    @property
    def char_offsets(self) -> list[int] | None:
        """The outer offset of each character of the inner text (and of its end), or None
        when the literal's form is not mapped."""
        return self._offsets

    @property
    def outer_span(self) -> Span:
        """The span of the string literal in the outer file."""
        return self._outer_span

    def outer(self, offset: int) -> int:
        """Outer offset of inner ``offset`` (the scalar's start when unmapped)."""
        if self._offsets is None:
            return self._outer_span.start
        return self._offsets[max(0, min(offset, len(self._offsets) - 1))]

    def _span(self, start: int, end: int) -> tuple[int, int]:
        if self._offsets is None:
            return self._outer_span.start, self._outer_span.end
        # The end is where the next character starts, not one past the last one's start:
        # the last character may be an escape spanning several raw characters (an inner
        # string's closing quote written as backslash-quote).
        return self.outer(start), self.outer(end)

    def _build(self) -> None:
        spans, duplicates = scan_json(self.inner)
        self._spans = {
            path: Span(self._span(*s.key) if s.key else None, *self._span(s.start, s.end)) for path, s in spans.items()
        }
        self._duplicates = [DuplicateKey(d.path, self._span(*d.key), self._span(*d.first)) for d in duplicates]


def embedded_json(file: Any, smap: SourceMap, path: tuple, text: str, label: str) -> tuple[Any, EmbeddedSourceMap] | None:
    """Parse the JSON document held by the string at ``path`` of ``smap`` (a lifecycle
    policy in ``lifecyclePolicyText``, in a template's ``LifecyclePolicyText``), located in
    the outer file; a problem is added to ``file.problems`` at its outer position (None)."""
    from ecslint.load.errors import LoadError
    from ecslint.load.jsonload import parse_json

    span = smap.span(path)
    if span is None:
        # Merged in by a YAML ``<<`` key: no literal of its own here, so point at the
        # nearest thing that is.
        span = smap.nearest(path)[1]
        offsets = None
    else:
        raw = file.lines.text[span.start : span.end]
        offsets = string_offsets(raw, span.start, text)
    try:
        inner, inner_map = parse_json(text)
    except LoadError as exc:
        offset = LineIndex(text).offset(exc.line, exc.column)
        outer = offsets[offset] if offsets else span.start
        line, column = file.lines.position(outer)
        file.problems.append(LoadError(f"{label}: {exc.message}", line, column))
        return None
    if isinstance(inner, str):
        line, column = file.lines.position(span.start)
        file.problems.append(
            LoadError(f"{label} holds a JSON string, not a policy object: the policy was encoded twice", line, column)
        )
        return None
    # The parser's flag, not ``inner_map.duplicates``: that would scan the text once more.
    return inner, EmbeddedSourceMap(file.lines, text, offsets, span, has_duplicates=inner_map.has_duplicates)
