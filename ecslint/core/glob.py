"""Wildcard patterns as regular expressions that match in linear time.

A wildcard pattern translated naively (``*`` as ``.*``) backtracks: ``*a*a*a*a*a*b``
against a hundred ``a`` tries every way to split them, and a pattern from a file ecslint
reads (an IAM action, a registry host, a ``.gitignore`` line) would hang the run. Matching
each ``*`` lazily and atomically, the way ``fnmatch.translate`` does, is still correct: the
earliest place where the part after a ``*`` matches is always as good as any later one,
because what follows can only start later. Python 3.10 has no atomic groups; a lookahead
captured and matched again by a backreference behaves as one.
"""

from __future__ import annotations

import itertools

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Sequence

_NAMES = itertools.count()


def translate(parts: Sequence[str | None], run: str) -> str:
    """The regular expression of a wildcard pattern given as ``parts``: a regular expression
    for each fixed-width piece (a character, ``?``, a class) and ``None`` for each ``*``;
    ``run`` is what one character a ``*`` spans matches (``.`` with ``re.DOTALL``, ``[^/]``).
    The pattern's end is not anchored: a caller wants ``fullmatch`` or appends more."""
    chunks: list[list[str]] = [[]]
    for part in parts:
        if part is None:
            if chunks[-1] or len(chunks) == 1:
                chunks.append([])
            continue  # ``**`` is ``*``
        chunks[-1].append(part)
    out = ["".join(chunks[0])]
    for chunk in chunks[1:-1]:
        name = f"_g{next(_NAMES)}"
        out.append(f"(?=(?P<{name}>{run}*?{''.join(chunk)}))(?P={name})")
    if len(chunks) > 1:
        out.append(f"{run}*{''.join(chunks[-1])}")
    return "".join(out)
