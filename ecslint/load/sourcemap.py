"""Source maps: from a path into parsed data back to the exact span in the file.

Parsing and locating are separate on purpose. JSON is parsed by the stdlib's C parser, which
keeps no positions; most files have no finding, so the position index (a small scanner over
the text) is built only when the first finding asks for a location. YAML positions come
from PyYAML's marks while the tree is built.

A span records, for every value in the file, the offsets of its key (when it is an object
member) and of the value itself. Duplicate keys are recorded too: the later one wins in the
data, and ``ECS006`` points at it.
"""

from __future__ import annotations

import json
import re

from ecslint.core.finding import Path, Region, Target
from ecslint.core.lazyre import lazy
from ecslint.core.records import NamedTuple
from ecslint.load.text import LineIndex

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


class Span(NamedTuple):
    """Offsets into the decoded text; ``key`` is ``None`` for array items and the root.
    (A tuple: a position index holds one per value, and tuples are built fastest.)"""

    key: tuple[int, int] | None
    start: int
    end: int


class DuplicateKey(NamedTuple):
    path: Path
    key: tuple[int, int]
    first: tuple[int, int]
    #: Where it is, in the source's own words (a Terraform block), when the path says it badly.
    where: str | None = None
    #: What the source's tool does with it, when it rejects the file rather than keep the last.
    outcome: str | None = None


class SourceMap:
    """Maps paths in one parsed document (one JSON file, one YAML document) to regions.

    ``has_duplicates`` is False when the parser already knows there are no duplicate keys
    (the JSON parser's hook tells): then ``duplicates`` is empty without building the index.
    """

    def __init__(self, lines: LineIndex, *, has_duplicates: bool = True):
        self.lines = lines
        self.has_duplicates = has_duplicates
        self._spans: dict[Path, Span] | None = None
        self._duplicates: list[DuplicateKey] = []

    # Subclasses fill these in, eagerly (YAML) or on first use (JSON).
    def _build(self) -> None:
        raise NotImplementedError

    #: Whether :meth:`forget` can drop the index (it is built again from the text).
    rebuildable = False

    def forget(self) -> None:
        """Drop the index when it can be built again on demand: a big run keeps a file's
        documents for the rules that read several, which seldom need a position."""
        if self.rebuildable:
            self._spans = None
            self._duplicates = []

    @property
    def spans(self) -> dict[Path, Span]:
        if self._spans is None:
            self._build()
        assert self._spans is not None
        return self._spans

    @property
    def duplicates(self) -> list[DuplicateKey]:
        if not self.has_duplicates:
            return []
        self.spans  # noqa: B018 - building the index finds the duplicates
        return self._duplicates

    def span(self, path: Path) -> Span | None:
        return self.spans.get(path)

    def nearest(self, path: Path) -> tuple[Path, Span]:
        """The span of ``path`` or of its nearest ancestor present in the file."""
        spans = self.spans
        while path not in spans and path:
            path = path[:-1]
        span = spans.get(path)
        if span is None:  # an empty document: point at the start
            return (), Span(None, 0, 0)
        return path, span

    def region(self, path: Path, target: Target = "value") -> Region:
        found, span = self.nearest(path)
        if found != path:
            target = "key"  # reporting on a parent because the member is missing
        return self.region_of(span, target)

    def region_of(self, span: Span, target: Target) -> Region:
        if target == "key" and span.key is not None:
            return self.offsets(*span.key)
        if target == "key":
            # No key (an array item or the root): its first token or first line stands for it.
            text = self.lines.text
            if text[span.start : span.start + 1] in ("{", "["):
                return self.offsets(span.start, span.start + 1)
            line_end = text.find("\n", span.start, span.end)
            if line_end != -1:
                return self.offsets(span.start, len(text[:line_end].rstrip("\r")))
        return self.offsets(span.start, span.end)

    def offsets(self, start: int, end: int) -> Region:
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(max(end, start + 1))
        return Region(line, column, end_line, end_column)


#: One JSON token (the second group) and the separators before it (the first). Taking the
#: whitespace, commas and colons into each match costs one match per token: a pattern of
#: tokens alone had the search fail at each separator, and a loop turn for each comma and
#: colon.
_TOKEN = lazy(r'([\s,:]*)("[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]|[^\s{}\[\],:"]+)', re.DOTALL)


class JsonSourceMap(SourceMap):
    """Lazy position index over JSON text that the stdlib parser has already accepted.

    Because the text is known to be valid JSON, the scanner only needs token boundaries:
    one regular expression walks the tokens and a small state machine with an explicit
    stack tracks the path, so nesting depth cannot overflow the interpreter's stack.
    """

    rebuildable = True

    def _build(self) -> None:
        self._spans, self._duplicates = scan_json(self.lines.text)


def scan_json(text: str, start: int = 0) -> tuple[dict[Path, Span], list[DuplicateKey]]:
    """Spans of every value of the JSON document that starts at ``start`` in ``text``.

    Nearly every file with a finding is scanned once, so the loop does little per token:

    - ``findall`` gives the tokens as strings, without a match object each: their offsets
      are counted from their lengths, as in valid JSON every character outside a token is
      a separator of the pattern (whitespace, ``,`` or ``:``), so the matches are contiguous;
    - in valid JSON a string in an object is a key exactly when no key waits for its value
      (keys and values alternate), and an array item's index is counted as it starts;
    - spans are made with ``tuple.__new__``, without :class:`Span`'s Python-level ``__new__``.
    """
    spans: dict[Path, Span] = {}
    duplicates: list[DuplicateKey] = []
    new = tuple.__new__
    # A frame: [path, start offset, key span, seen keys (an object) or None (an array),
    # next index (an array)]
    stack: list[list] = []
    frame: list | None = None
    expect_key = False
    path: Path = ()
    key: tuple[int, int] | None = None
    end = start
    for separators, token in _TOKEN.findall(text, start):
        begin = end + len(separators)
        end = begin + len(token)
        c = token[0]
        if expect_key and c == '"':
            assert frame is not None
            name = token[1:-1] if "\\" not in token else json.loads(token)
            key = (begin, end)
            seen = frame[3]
            path = frame[0] + (name,)
            if name in seen:
                duplicates.append(DuplicateKey(path, key, seen[name]))
            seen[name] = key
            expect_key = False
        elif c == "}" or c == "]":
            closed = stack.pop()
            spans[closed[0]] = new(Span, (closed[2], closed[1], end))
            if not stack:
                break
            frame = stack[-1]
            expect_key = frame[3] is not None
        else:
            # A value starts: an object member's path and key were set by its key.
            if frame is not None and frame[3] is None:
                path, key = frame[0] + (frame[4],), None
                frame[4] += 1
            if c == "{" or c == "[":
                frame = [path, begin, key, {} if c == "{" else None, 0]
                stack.append(frame)
                expect_key = c == "{"
            else:
                spans[path] = new(Span, (key, begin, end))
                if frame is None:
                    break
                expect_key = frame[3] is not None
    return spans, duplicates


def iter_paths(data: object, path: Path = ()) -> Iterator[tuple[Path, object]]:
    """Every (path, value) of a JSON-like tree, parents first; iterative, so deep input is safe."""
    todo = [(path, data)]
    while todo:
        p, value = todo.pop()
        yield p, value
        if isinstance(value, dict):
            todo.extend((p + (k,), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            todo.extend((p + (n,), v) for n, v in reversed(list(enumerate(value))))
