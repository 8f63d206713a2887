"""Did-you-mean suggestions, for typos in documents and in configuration alike."""

from __future__ import annotations

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to ``word``, case-insensitively (``esential`` -> ``essential``)."""
    options = {c.lower(): c for c in choices}
    exact = options.get(word.lower())
    if exact is not None and exact != word:
        return exact
    match = close_match(word.lower(), list(options), cutoff=0.75)
    return options[match] if match is not None else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` or the empty string."""
    match = closest(word, choices)
    return f" (did you mean `{match}`?)" if match else ""


# -- difflib.get_close_matches(word, possibilities, n=1, cutoff), without difflib ---------
# difflib and heapq cost ~3M instructions to import, 1% of a whole check of one file, for
# the one function a typo needs. This is its algorithm for n=1 (tests/test_startup.py
# compares the two on generated words): SequenceMatcher's ratio, 2 * M / T, M the total
# size of the matching blocks found recursively from the longest match, the junk
# heuristic of a sequence of 200 or more (``autojunk``) included.


def close_match(word: str, possibilities: list[str], cutoff: float = 0.6) -> str | None:
    """``(difflib.get_close_matches(word, possibilities, 1, cutoff) or [None])[0]``."""
    best: tuple[float, str] | None = None
    counts: dict[str, int] = {}
    for c in word:
        counts[c] = counts.get(c, 0) + 1
    index = _positions(word)
    for x in possibilities:
        total = len(x) + len(word)
        if not total:
            score = 1.0
        else:
            # difflib's real_quick_ratio and quick_ratio: upper bounds, tried first.
            if 2.0 * min(len(x), len(word)) / total < cutoff or 2.0 * _common(x, counts) / total < cutoff:
                continue
            score = 2.0 * _matched(x, word, index) / total
        if score >= cutoff and (best is None or (score, x) > best):
            best = (score, x)
    return best[1] if best is not None else None


def _positions(b: str) -> dict[str, list[int]]:
    """difflib's ``b2j``: where each character of ``b`` is, less the popular ones of a long
    ``b`` (more than 1% of its 200 or more characters)."""
    b2j: dict[str, list[int]] = {}
    for i, c in enumerate(b):
        b2j.setdefault(c, []).append(i)
    n = len(b)
    if n >= 200:
        most = n // 100 + 1
        for c in [c for c, where in b2j.items() if len(where) > most]:
            del b2j[c]
    return b2j


def _common(a: str, counts: dict[str, int]) -> int:
    avail: dict[str, int] = {}
    matches = 0
    for c in a:
        n = avail[c] if c in avail else counts.get(c, 0)
        avail[c] = n - 1
        if n > 0:
            matches += 1
    return matches


def _matched(a: str, b: str, b2j: dict[str, list[int]]) -> int:
    """The total size of ``SequenceMatcher(None, a, b).get_matching_blocks()``."""
    matched = 0
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = _longest(a, b, b2j, alo, ahi, blo, bhi)
        if k:
            matched += k
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    return matched


def _longest(a: str, b: str, b2j: dict[str, list[int]], alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """``SequenceMatcher.find_longest_match`` (no junk function: only popular characters
    are left out of ``b2j``, and the match is extended over them)."""
    besti, bestj, bestsize = alo, blo, 0
    j2len: dict[int, int] = {}
    nothing: list[int] = []
    for i in range(alo, ahi):
        j2lenget = j2len.get
        newj2len: dict[int, int] = {}
        for j in b2j.get(a[i], nothing):
            if j < blo:
                continue
            if j >= bhi:
                break
            k = newj2len[j] = j2lenget(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        j2len = newj2len
    while besti > alo and bestj > blo and a[besti - 1] == b[bestj - 1]:
        besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
    while besti + bestsize < ahi and bestj + bestsize < bhi and a[besti + bestsize] == b[bestj + bestsize]:
        bestsize += 1
    return besti, bestj, bestsize
