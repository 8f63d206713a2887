"""YAML with positions, built from PyYAML's event stream.

Why events rather than ``yaml.safe_load``: building the tree ourselves, with an explicit
stack, lets us keep every key's and value's marks, count how far aliases expand (a
"billion laughs" document is a few hundred bytes), stop at a nesting limit instead of
overflowing the C stack, report duplicate keys, and turn CloudFormation's short tags
(``!Ref``, ``!Sub`` ...) into their long form. Only safe scalar types are built (the
libyaml C parser is used when PyYAML has it).
"""

from __future__ import annotations

from ecslint.load.errors import LoadError
from ecslint.load.sourcemap import DuplicateKey, SourceMap, Span
from ecslint.load.text import LineIndex

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

MAX_DEPTH = 500
#: Values an alias may stand for in total; far above any real template (a 1 MB
#: CloudFormation template has some 50,000 nodes), far below what hurts.
MAX_EXPANDED_NODES = 500_000

#: CloudFormation short-form tags and the long form they stand for.
_CFN_TAGS = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    **{
        f"!{name}": f"Fn::{name}"
        for name in (
            "And Base64 Cidr Equals FindInMap ForEach GetAZs GetAtt If ImportValue Join Length "
            "Not Or Select Split Sub ToJsonString Transform"
        ).split()
    },
}


class YamlSourceMap(SourceMap):
    """Positions recorded while the tree was built: the ``index``-th document of ``text``.
    A big run forgets them once the file's own rules ran (``SourceMap.forget``), and they
    are recorded again, from the text, when a rule of the whole run reports in the file:
    templates and workflows are most of a run's positions (~40% of what 3,000 files of the
    corpus kept)."""

    rebuildable = True

    def __init__(self, lines: LineIndex, spans: dict, duplicates: list[DuplicateKey], text: str = "", index: int = 0):
        super().__init__(lines)
        self._spans = spans
        self._duplicates = duplicates
        self.text = text
        self.index = index

    def _build(self) -> None:
        again = parse_yaml(self.text, self.lines)[self.index][1]
        self._spans, self._duplicates = again._spans, again._duplicates


def parse_yaml(text: str, lines: LineIndex | None = None) -> list[tuple[Any, YamlSourceMap]]:
    """Every document of a YAML stream, each with its source map."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    lines = lines or LineIndex(text)
    loader = loader_class(text)
    builder = _Builder(lines, text)
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # From the offset, not mark.line/column: YAML also breaks lines at \r, NEL, LS and PS,
        # which LineIndex (and editors, SARIF) do not, so those put the position elsewhere.
        line, column = lines.position(mark.index) if mark else (1, 1)
        problem = exc.problem or exc.context or "syntax error"
        if exc.problem and exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            start = lines.position(exc.context_mark.index)
            if "end of stream" in exc.problem:
                # The file ended inside a construct (an unclosed quote, flow collection ...):
                # the fix is where it opened, not at the end of the file.
                what = exc.context.removeprefix("while scanning ").removeprefix("while parsing ").removeprefix("a ")
                problem = f"the file ends before this {what} is closed"
                line, column = start
            else:
                problem += f" ({exc.context} at {start[0]}:{start[1]})"
        raise LoadError(f"invalid YAML: {problem}", line, column) from None
    except yaml.reader.ReaderError as exc:
        # A control character: str(exc) spans lines and the error has no mark (it was
        # reported at 1:1). Its ``position`` counts bytes in the C loader and characters
        # in the Python one; the first occurrence of the character is the one rejected.
        code = exc.character if isinstance(exc.character, int) else 0
        offset = text.find(chr(code))
        line, column = lines.position(offset) if offset >= 0 else (1, 1)
        raise LoadError(f"invalid YAML: unacceptable character #x{code:04x}: {exc.reason}", line, column) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return builder.documents


class _Builder:
    """Turns events into Python data plus spans, one document at a time."""

    def __init__(self, lines: LineIndex, text: str = ""):
        import yaml

        self.yaml = yaml
        self.lines = lines
        self.text = text
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.documents: list[tuple[Any, YamlSourceMap]] = []
        self._reset()

    def _reset(self) -> None:
        self.spans: dict = {}
        self.duplicates: list[DuplicateKey] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        # A frame: [container, path of its children, start offset, key span, pending key
        #           (mapping), tag, node count, anchor, key spans seen so far (mapping),
        #           path of the node itself (differs for a CloudFormation short-form tag)]
        self.stack: list[list] = []
        self.root: Any = None

    def feed(self, event: Any) -> None:
        e = self.yaml.events
        if isinstance(event, e.DocumentStartEvent):
            self._reset()
        elif isinstance(event, e.DocumentEndEvent):
            smap = YamlSourceMap(self.lines, self.spans, self.duplicates, self.text, len(self.documents))
            self.documents.append((self.root, smap))
        elif isinstance(event, (e.MappingStartEvent, e.SequenceStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                raise LoadError(
                    f"nesting deeper than {MAX_DEPTH} levels",
                    *_pos(self.lines, event),
                )
            if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][4] is None:
                # A complex key (``? [a, b]``): JSON has no such keys. Without this check
                # ``_slot`` unpacked the missing key and raised TypeError.
                raise LoadError("invalid YAML: a mapping or sequence used as a key", *_pos(self.lines, event))
            path, key = self._slot(event)
            container: Any = {} if isinstance(event, e.MappingStartEvent) else []
            # The children of ``!If [...]`` live under ``Fn::If`` in the data (the long
            # form): record their spans at the same paths, so a path into the data finds
            # its text whichever form the template uses.
            function = _CFN_TAGS.get(event.tag or "")
            base = path + (function,) if function else path
            self.stack.append([container, base, event.start_mark.index, key, None, event.tag, 1, event.anchor, {}, path])
        elif isinstance(event, (e.MappingEndEvent, e.SequenceEndEvent)):
            container, base, start, key, _, tag, count, anchor, _, path = self.stack.pop()
            self.spans[path] = Span(key, start, event.end_mark.index)
            if base != path:
                self.spans[base] = Span(None, start, event.end_mark.index)
            self._place(self._tagged(container, tag), count, anchor)
        elif isinstance(event, e.ScalarEvent):
            if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][4] is None:
                self._key(event)
                return
            path, key = self._slot(event)
            span = self.spans[path] = Span(key, event.start_mark.index, event.end_mark.index)
            value = self._scalar(event)
            function = _CFN_TAGS.get(event.tag or "")
            if function and isinstance(value, dict):
                # ``!Ref X`` / ``!GetAtt A.B`` / ``!Sub '...'``: the whole scalar stands for
                # the function's argument (and each part of a split GetAtt).
                inner = Span(None, _after_tag(self.lines.text, span.start, span.end), span.end)
                self.spans[path + (function,)] = inner
                if isinstance(value[function], list):
                    for index in range(len(value[function])):
                        self.spans[path + (function, index)] = inner
            self._place(value, 1, event.anchor)
        elif isinstance(event, e.AliasEvent):
            if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][4] is None:
                # An alias as a mapping key: use its anchor name; never seen in ECS files.
                self._key_text(f"*{event.anchor}", event)
                return
            if event.anchor not in self.anchors:
                raise LoadError(f"invalid YAML: unknown alias *{event.anchor}", *_pos(self.lines, event))
            value, count = self.anchors[event.anchor]
            self.expanded += count
            if self.expanded > MAX_EXPANDED_NODES:
                raise LoadError(
                    f"aliases expand to more than {MAX_EXPANDED_NODES:,} values (a YAML alias bomb?)",
                    *_pos(self.lines, event),
                )
            path, key = self._slot(event)
            self.spans[path] = Span(key, event.start_mark.index, event.end_mark.index)
            self._place(value, count, None)

    # -- helpers -------------------------------------------------------------------------

    def _slot(self, event: Any) -> tuple[tuple, tuple[int, int] | None]:
        """The path and key span of the value that starts with ``event``."""
        if not self.stack:
            return (), None
        frame = self.stack[-1]
        if isinstance(frame[0], dict):
            name, span, _ = frame[4]
            return frame[1] + (name,), span
        return frame[1] + (len(frame[0]),), None

    def _key(self, event: Any) -> None:
        # Only a plain (or ``!!merge``) ``<<`` is a merge key: a quoted '<<' is an ordinary
        # key, as in PyYAML's own loader; checking the text alone merged it too.
        merge = event.value == "<<" and (
            event.tag == "tag:yaml.org,2002:merge" or (event.tag is None and event.implicit[0])
        )
        self._key_text(event.value, event, merge)

    def _key_text(self, text: str, event: Any, merge: bool = False) -> None:
        frame = self.stack[-1]
        frame[4] = (text, (event.start_mark.index, event.end_mark.index), merge)

    def _place(self, value: Any, count: int, anchor: str | None) -> None:
        if anchor:
            self.anchors[anchor] = (value, count)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame[6] += count
        if isinstance(frame[0], list):
            frame[0].append(value)
            return
        name, span, merge = frame[4]
        frame[4] = None
        mapping = frame[0]
        if merge and isinstance(value, (dict, list)):
            for source in value if isinstance(value, list) else [value]:
                if isinstance(source, dict):
                    for k, v in source.items():
                        mapping.setdefault(k, v)
            return
        seen = frame[8]
        if name in seen:
            self.duplicates.append(DuplicateKey(frame[1] + (name,), span, seen[name]))
        seen[name] = span
        mapping[name] = value

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = self.resolver.resolve(self.yaml.ScalarNode, event.value, event.implicit) if tag is None else None
        if tag is None or tag == "tag:yaml.org,2002:str":
            return event.value
        if tag in _CFN_TAGS:
            return self._tagged(event.value, tag)
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            node = self.yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            try:
                return self.constructor.construct_object(node)
            except (ValueError, KeyError, IndexError, self.yaml.YAMLError):
                # ``!!int abc``, ``!!bool maybe``, an empty ``!!float``, an int over
                # sys.get_int_max_str_digits(): the constructor's own errors escaped.
                short = tag.rsplit(":", 1)[-1]
                raise LoadError(f"invalid YAML: this value is not a valid !!{short}", *_pos(self.lines, event)) from None
        return event.value  # timestamps, binary and custom tags stay text: JSON has no such types

    def _tagged(self, value: Any, tag: str | None) -> Any:
        name = _CFN_TAGS.get(tag or "")
        if name is None:
            return value
        if name == "Fn::GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
        return {name: value}


def _after_tag(text: str, start: int, end: int) -> int:
    """Where the value of a tagged scalar starts (``!Sub 'x'`` -> at the quote): a
    position inside a ``!Sub`` string must count from its own first character."""
    if not text.startswith("!", start):
        return start
    i = start
    while i < end and not text[i].isspace():
        i += 1
    while i < end and text[i] in " \t\r\n":
        i += 1
    return i if i < end else start


def _pos(lines: LineIndex, event: Any) -> tuple[int, int]:
    return lines.position(event.start_mark.index)
