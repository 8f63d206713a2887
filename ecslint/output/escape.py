"""Names, paths and messages as text safe to print on one line of a terminal or a log.

A container name, a value quoted in a message or a file name is data from the files
ecslint reads: printed raw, a newline in it forges a finding line of the text report, an
escape sequence recolours or rewrites the terminal, a bidirectional override reorders what
the reader sees, and a file name that is not UTF-8 (which ``os`` decodes to lone
surrogates) cannot even be encoded. :func:`printable` writes each such character as an
escape (``\\n``, ``\\x1b``, ``\\u202e``; the byte of a name that is not UTF-8 as ``\\xff``);
:func:`excerpt` replaces each with one visible character, so columns stay where they are.
"""

from __future__ import annotations

import re

from ecslint.core.lazyre import lazy

#: C0 controls, DEL and C1 controls, the Unicode line and paragraph separators, the
#: bidirectional embeddings, overrides and isolates, and lone surrogates.
#: (Each is also one ``str.isprintable`` refuses: a printable text needs no scan, and the
#: pattern, slow to compile for its ranges, is compiled only for text that may hold one.)
_UNPRINTABLE = lazy("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, separator, bidirectional or surrogate character
    escaped; text without one (nearly all) is returned as it is."""
    if text.isprintable() or not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC
    return "\u2421" if code == 0x7F else "\ufffd"


def excerpt(line: str) -> str:
    """A source line for an excerpt: each character :func:`printable` would escape (a tab
    excepted, which the excerpt expands) replaced by one visible character."""
    if line.isprintable() or not _UNPRINTABLE.search(line):
        return line
    return "\t".join(_UNPRINTABLE.sub(_picture, part) for part in line.split("\t"))
