"""Bytes to text, and offsets to lines and columns.

Decoding is strict: a linter that guesses an encoding reports positions that do not exist.
UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are accepted; anything else is an
``invalid-syntax`` finding at the first offending byte.
"""

from __future__ import annotations

import codecs
from bisect import bisect_right

from ecslint.load.errors import LoadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """Decode a file's bytes; raise :class:`LoadError` with the position of bad bytes.

    The BOM is dropped so that columns match what editors show.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _bad_bytes(body, exc, encoding, len(bom)) from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line, column = _byte_position(data, offset)
        raise LoadError(
            f"binary content: NUL byte at offset {offset}",
            line,
            column,
            hint="ECS documents are JSON or YAML text",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad_bytes(data, exc, "utf-8") from None


def encoding_of(data: bytes) -> tuple[bytes, str]:
    """The byte order mark and the encoding :func:`decode` reads ``data`` with: what text
    written back to the file must be encoded with."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, encoding
    return b"", "utf-8"


def decode_for_sniffing(data: bytes) -> str:
    """Text to look at, never to parse or report on: undecodable bytes are replaced (and a
    file cut short may end inside a character)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


def _bad_bytes(data: bytes, exc: UnicodeDecodeError, encoding: str, bom: int = 0) -> LoadError:
    """``data`` is the text after a BOM of ``bom`` bytes: the message gives file offsets."""
    line, column = _byte_position(data, exc.start, encoding)
    byte = data[exc.start : exc.start + 1].hex()
    return LoadError(
        f"not valid {encoding.upper()} text: byte 0x{byte} at offset {exc.start + bom}",
        line,
        column,
        hint="save the file as UTF-8",
    )


def _byte_position(data: bytes, offset: int, encoding: str = "utf-8") -> tuple[int, int]:
    """Line and column of byte ``offset``, counting the valid text before it."""
    # Decode first, then count: searching the bytes for b"\n" found the first byte of a
    # UTF-16-LE/UTF-32-LE line break and decoded the rest of the line misaligned.
    head = data[:offset].decode(encoding, errors="replace")
    line = head.count("\n") + 1
    column = len(head) - (head.rfind("\n") + 1) + 1
    return line, column


class LineIndex:
    """Offsets (code points into the decoded text) to 1-based lines and columns."""

    __slots__ = ("text", "_line_starts")

    def __init__(self, text: str):
        self.text = text
        self._line_starts: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        """Offsets of line starts, computed on first use: most files need no position."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._starts  # (a property: looked up once, for each finding's two ends)
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position` (clamped to the text)."""
        line = max(1, min(line, len(self._starts)))
        return min(self._starts[line - 1] + column - 1, len(self.text))

    def line_text(self, line: int) -> str:
        if not 1 <= line <= len(self._starts):
            return ""
        starts = self._starts
        start = starts[line - 1]
        # The index knows where the line ends: no search to it (a minified file is one line
        # of megabytes, and an excerpt is printed for each of its findings).
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def forget(self) -> None:
        """Drop the line starts (computed again when next asked): a big run keeps the
        text of a file with findings, not its index, until the report needs it."""
        self._line_starts = None

    @property
    def line_count(self) -> int:
        return len(self._starts)
