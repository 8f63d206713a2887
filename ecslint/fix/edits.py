"""Text edits: a span of a text and what replaces it."""

from __future__ import annotations

from ecslint.core.records import NamedTuple

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterable


class Refused(Exception):
    """An edit that cannot be made faithfully (a value an intrinsic function computes, a
    form the editor does not model): the fix is not available."""


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``replacement`` (an insertion when start == end).
    Offsets are code points of the decoded text, as everywhere in ecslint.

    ``paste`` makes the edit also write, after ``replacement``, the text of another span
    (moving an array item: one edit cuts the item, this one pastes it elsewhere). The
    edits of the same fix inside that span travel with it: the pasted text has them."""

    start: int
    end: int
    replacement: str
    paste: tuple[int, int] | None = None


def overlaps(a: Edit, b: Edit) -> bool:
    """Whether two edits cannot both be applied: their spans share a character, one
    inserts strictly inside the other's span, or both insert at one point (their order
    would be a guess). Spans that only touch are fine."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def conflicts(edits: Iterable[Edit], taken: list[Edit]) -> bool:
    return any(overlaps(e, t) for e in edits for t in taken)


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (the edits inside a pasted span are
    made in the pasted copy)."""
    edits = list(edits)
    pastes = [e for e in edits if e.paste is not None]
    carried: dict[Edit, list[Edit]] = {p: [] for p in pastes}
    rest = []
    for edit in edits:
        owner = next((p for p in pastes if edit is not p and _within(edit, p.paste)), None)
        if owner is None:
            rest.append(edit)
        else:
            carried[owner].append(edit)
    out = []
    position = 0
    for edit in sorted(rest, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        out.append(text[position : edit.start])
        out.append(edit.replacement)
        if edit.paste is not None:
            low, high = edit.paste
            inner = [Edit(e.start - low, e.end - low, e.replacement) for e in carried[edit]]
            out.append(apply(text[low:high], inner))
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def _within(edit: Edit, span: tuple[int, int] | None) -> bool:
    return span is not None and edit.paste is None and span[0] <= edit.start and edit.end <= span[1] and (edit.start, edit.end) != span
