"""JSON with the stdlib's C parser, positions on demand.

PyYAML is never used for JSON: it is an order of magnitude slower and reads YAML 1.1
(``1e3`` becomes a string). Duplicate keys are flagged during the parse (cheaply: the hook
only compares lengths) and located later by the source map's scanner.
"""

from __future__ import annotations

import json
import re
import sys

from ecslint.core.lazyre import lazy
from ecslint.load.errors import LoadError
from ecslint.load.sourcemap import JsonSourceMap, iter_paths
from ecslint.load.text import LineIndex

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

#: Deeper than this is not a configuration file (the YAML loader's limit too). CPython's
#: parser stops by itself only at its recursion limit (near 1,000 on 3.11, more on later
#: versions), deeper than the recursive code after it (jsonschema) can follow.
MAX_DEPTH = 500

#: A string (skipped whole) or a bracket: enough to measure nesting.
_NESTING_TOKEN = lazy(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_NON_FINITE = lazy(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)
#: A surrogate escape, or a raw surrogate (possible only in text that came out of a JSON
#: string, such as lifecyclePolicyText): the cheap test before looking for unpaired ones.
_MAYBE_SURROGATE = lazy(r"\\u[dD][89a-fA-F]|" + "[\ud800-\udfff]")
_SURROGATE = lazy("[\ud800-\udfff]")


def parse_json(text: str, lines: LineIndex | None = None) -> tuple[Any, JsonSourceMap]:
    """Parse ``text``; raise :class:`LoadError` at the exact position of any problem."""
    lines = lines or LineIndex(text)

    duplicates = False

    def reject_constant(name: str) -> Any:
        raise _NonFinite(name)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicates
        obj = dict(items)
        if len(obj) != len(items):
            duplicates = True
        return obj

    try:
        data = json.loads(text, parse_constant=reject_constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        preamble = _preamble(text, exc)
        if preamble is not None:
            # Text pasted above the document (`$ aws ecs describe-...`, `# sed ...`) is what
            # is wrong, not the document: point at it and say where the document starts.
            line, column = lines.position(len(text) - len(text.lstrip()))
            start = lines.position(preamble)[0]
            above = f"line {line} above it (a shell prompt, a command or a comment pasted in?) is not JSON: delete it"
            if start - line > 1:
                above = f"lines {line}-{start - 1} above it (a shell prompt, a command or a comment pasted in?) are not JSON: delete them"
            hint = f"the document starts at line {start}; {above}"
            raise LoadError(f"invalid JSON: {exc.msg}", line, column, hint=hint) from None
        line, column = lines.position(exc.pos)
        raise LoadError(f"invalid JSON: {exc.msg}", line, column, hint=_fragment_hint(text, exc)) from None
    except _NonFinite as exc:
        line, column = lines.position(_find_non_finite(text))
        raise LoadError(f"invalid JSON: {exc.args[0]} is not a JSON number", line, column) from None
    except ValueError:
        # Not a JSONDecodeError (caught above): int() refuses a numeral longer than
        # sys.get_int_max_str_digits() (4,300 by default) and the exception escaped.
        line, column = lines.position(_find_long_number(text))
        raise LoadError("invalid JSON: a number with too many digits", line, column) from None
    except RecursionError:
        deep = _too_deep(text) or 0
    else:
        # Counting brackets runs at C speed: only text with enough of them is measured.
        deep = _too_deep(text) if text.count("[") + text.count("{") > MAX_DEPTH else None
    if deep is not None:
        line, column = lines.position(deep)
        raise LoadError(f"nesting deeper than {MAX_DEPTH} levels", line, column)
    smap = JsonSourceMap(lines, has_duplicates=duplicates)
    if ("\\u" in text or not text.isascii()) and _MAYBE_SURROGATE.search(text):  # (ASCII without escapes: none)
        _reject_lone_surrogates(data, smap)
    return data, smap


#: A line that opens a JSON document.
_DOCUMENT_LINE = lazy(r"^[ \t]*[{\[]", re.MULTILINE)


def _preamble(text: str, exc: json.JSONDecodeError) -> int | None:
    """Where the document starts when only lines above it keep ``text`` from parsing: the
    error lies before the first line that opens an object or array, and from that line
    on the text is valid JSON."""
    opening = _DOCUMENT_LINE.search(text)
    if opening is None or exc.pos >= opening.start() or not text[: opening.start()].strip():
        return None
    start = opening.start()
    try:
        json.loads(text[start:])
    except (ValueError, RecursionError):  # deeper than the parser goes: not a clean document either
        return None
    return start


def _fragment_hint(text: str, exc: json.JSONDecodeError) -> str:
    """A key and its value with no object around them (a snippet cut from documentation)
    parses as a lone string followed by "extra data" starting with ``:``: say so."""
    if exc.msg == "Extra data" and text[exc.pos : exc.pos + 64].lstrip().startswith(":"):
        return "this looks like a fragment (a key outside any object): wrap it in `{ }`, or lint the whole document"
    return ""


def _reject_lone_surrogates(data: Any, smap: JsonSourceMap) -> None:
    """``json`` turns an unpaired ``\\ud83d`` escape into a lone surrogate: not Unicode
    text, it cannot be encoded as UTF-8 (fingerprints, output), so it crashed the run after
    the rules; AWS rejects it too. (A valid pair decodes to one character.)"""
    for path, value in iter_paths(data):
        if path and isinstance(path[-1], str) and _SURROGATE.search(path[-1]):
            region = smap.region(path, "key")
        elif isinstance(value, str) and _SURROGATE.search(value):
            region = smap.region(path, "value")
        else:
            continue
        raise LoadError(
            "invalid JSON: an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF) is not Unicode text",
            region.line,
            region.column,
        )


class _NonFinite(Exception):
    pass


def _find_non_finite(text: str) -> int:
    for m in _NON_FINITE.finditer(text):
        if m.group(1):
            return m.start(1)
    return 0


def _find_long_number(text: str) -> int:
    limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
    pattern = re.compile(r'"(?:[^"\\]|\\.)*"|(-?\d{%d,})' % (limit + 1), re.DOTALL)
    for m in pattern.finditer(text):
        if m.group(1):
            return m.start(1)
    return 0


def _too_deep(text: str) -> int | None:
    """Offset of the bracket that first exceeds :data:`MAX_DEPTH` (strings skipped), if any."""
    depth = 0
    for m in _NESTING_TOKEN.finditer(text):
        c = m.group()
        if c == "[" or c == "{":
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
        elif c == "]" or c == "}":
            depth -= 1
    return None
