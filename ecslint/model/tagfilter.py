"""Tag filters of ECR lifecycle policies as formal languages.

Reference: shared/reference/ecr-lifecycle.md §2.4 (selection), §3.1-§3.4 (languages, subsumption,
inclusion, overlap and witnesses).

Model.  An entry is a *glob*: a sequence of literal characters and stars (``*`` = any run of
characters, possibly empty), anchored at both ends.  A ``tagPatternList`` entry is read as such a glob
directly; a ``tagPrefixList`` entry ``p`` is the glob ``p*`` in which every character of ``p`` is a
literal (so a ``*`` inside a prefix is the literal character ``*``, which no tag can contain).
``L(e)`` is the set of *valid* tags (Docker grammar, ``TAG_RE``) the glob matches.

Exactness.  §3.3's inclusion test ("replace the stars of the small glob by a fresh symbol, then match
the big glob") is exact as long as (a) a valid tag character that is not a literal of the big glob
exists (and, if the small glob starts with a star, one that may start a tag) and (b) the small glob
instantiated with one character per star still fits in 128 characters.  Both hold for every realistic
entry; for the remaining corner cases the functions fall back to an exhaustive breadth-first search
over the product of the glob automata, restricted to valid tags (first character, alphabet, length
128).  The search is bounded by a work budget; exceeding it raises ``SearchLimitExceeded`` (only
reachable with long, star-heavy pathological entries; never by lists a human would write).

Everything here is pure and uses only the standard library; nothing is computed at import time.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

__all__ = [
    "MAX_TAG_LEN",
    "TAG_CHARS",
    "TAG_RE",
    "Entry",
    "SearchLimitExceeded",
    "Selection",
    "common_tag",
    "covered_by_union",
    "escaping_image",
    "example_tag",
    "includes",
    "is_dead",
    "is_empty",
    "is_valid_tag",
    "matches",
    "overlap_tag",
    "selects",
    "subsumes",
    "witness",
]

#: Docker tag grammar (§2.4, [DREF]); use with ``re.fullmatch``.
TAG_RE = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
MAX_TAG_LEN = 128

_FIRST_CHARS = frozenset(string.ascii_letters + string.digits + "_")
#: The characters a tag may hold (``TAG_RE``); all but ``.`` and ``-`` may start it.
TAG_CHARS = _FIRST_CHARS | {".", "-"}
# Preferred "other" characters for instantiating stars: `x` first (readable witnesses), then the
# rest of the tag alphabet, first-position-capable characters before `.` and `-`.
_FILLERS = "x" + "".join(sorted(_FIRST_CHARS - {"x"})) + ".-"
_FRESH = "\x00"  # the "#" of §3.3: equal to no literal (literals of live entries are tag chars)

EntryKind = Literal["prefix", "pattern"]
TagStatus = Literal["tagged", "untagged", "any"]
StorageClass = Literal["standard", "archive"]

# A glob: literal characters, ``None`` for a star; consecutive stars collapsed into one.
Glob = tuple["str | None", ...]

_SEARCH_BUDGET = 2_000_000  # component transitions examined before giving up (~1-2 s)
_QUICK_BUDGET = 200_000  # when a witness is already known and only a shorter one is sought
_UNION_MAX_COMBOS = 4_096


class SearchLimitExceeded(RuntimeError):
    """The bounded automaton search could not decide within its work budget.

    Only possible for pathological entries (long star-heavy patterns that also defeat the exact
    shortcuts of §3.3/§3.4); callers may treat it as "unknown".
    """


# ---------------------------------------------------------------------------------------------
# Tags and entries
# ---------------------------------------------------------------------------------------------


def is_valid_tag(tag: str) -> bool:
    """True if ``tag`` matches the Docker tag grammar ``TAG_RE`` (§2.4): 1..128 characters from
    ``[A-Za-z0-9_.-]``, not starting with ``.`` or ``-``."""
    return (
        0 < len(tag) <= MAX_TAG_LEN
        and tag[0] in _FIRST_CHARS
        and all(c in TAG_CHARS for c in tag)
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a ``tagPrefixList`` (``kind="prefix"``) or ``tagPatternList``
    (``kind="pattern"``), §1.3 / §2.4."""

    kind: EntryKind
    text: str

    def __post_init__(self) -> None:
        if self.kind not in ("prefix", "pattern"):
            raise ValueError(f"Entry.kind must be 'prefix' or 'pattern', not {self.kind!r}")
        if not isinstance(self.text, str):
            raise TypeError("Entry.text must be a str")


@lru_cache(maxsize=4096)
def _glob(entry: Entry) -> Glob:
    """The glob of an entry (§3.1: prefix ``p`` = pattern ``p*`` with ``p`` literal)."""
    if entry.kind == "prefix":
        return (*entry.text, None)
    out: list[str | None] = []
    for ch in entry.text:
        if ch == "*":
            if not out or out[-1] is not None:
                out.append(None)
        else:
            out.append(ch)
    return tuple(out)


def _literals(g: Glob) -> list[str]:
    return [t for t in g if t is not None]


def _glob_fullmatch(g: Glob, s: str) -> bool:
    """Anchored glob match; classic linear-backtracking wildcard algorithm (stars only)."""
    gi = si = 0
    star, mark = -1, 0
    while si < len(s):
        if gi < len(g) and g[gi] is not None and g[gi] == s[si]:
            gi += 1
            si += 1
        elif gi < len(g) and g[gi] is None:
            star, mark = gi, si
            gi += 1
        elif star >= 0:
            gi = star + 1
            mark += 1
            si = mark
        else:
            return False
    while gi < len(g) and g[gi] is None:
        gi += 1
    return gi == len(g)


def matches(entry: Entry, tag: str) -> bool:
    """``entry_matches`` of §2.4: case-sensitive string matching.

    Pure string semantics: tag validity is not checked here (``is_valid_tag``), so the simulator
    behaves like AWS on whatever tags it is given; ``L(entry)`` adds validity on top.
    """
    if entry.kind == "prefix":
        return tag.startswith(entry.text)
    return _glob_fullmatch(_glob(entry), tag)


def is_dead(entry: Entry) -> bool:
    """True if ``L(entry)`` is empty (§3.1, LC104).

    Dead when a literal is not a tag character (``/``, or ``*`` inside a prefix), when the literals
    alone exceed 128 characters, when every instance must start with ``.``/``-`` (the glob starts
    with such a literal, or starts with a star that must stay empty because the literals already
    fill 128 characters), or for the empty pattern (matches only the empty string).
    """
    g = _glob(entry)
    lits = _literals(g)
    if not g or any(c not in TAG_CHARS for c in lits) or len(lits) > MAX_TAG_LEN:
        return True
    if g[0] is not None:
        return g[0] not in _FIRST_CHARS
    # Leading star: it can supply a valid first character unless there is no room left for one.
    return len(lits) == MAX_TAG_LEN and lits[0] not in _FIRST_CHARS


def _accepts_all(entry: Entry) -> bool:
    """``L(entry)`` is every tag: the glob is a lone star (pattern ``*``/``**``, prefix ``""``)."""
    return _glob(entry) == (None,)


def _instantiate(g: Glob, fill: str) -> str:
    return "".join(fill if t is None else t for t in g)


def example_tag(entry: Entry) -> str | None:
    """A shortest valid tag in ``L(entry)``, or None if the entry is dead.

    Stars are instantiated as empty, except a leading star becomes ``x`` when the result would
    otherwise be empty or start with ``.``/``-``.  Deterministic.
    """
    if is_dead(entry):
        return None
    g = _glob(entry)
    tag = _instantiate(g, "")
    if not tag or tag[0] not in _FIRST_CHARS:
        tag = "x" + tag  # g starts with a star (else it would be dead), which absorbs the x
    return tag


# ---------------------------------------------------------------------------------------------
# Exhaustive search over glob automata (§3.4 product construction)
# ---------------------------------------------------------------------------------------------

_State = frozenset[int]


def _normalize(g: Glob, positions: Iterable[int]) -> _State:
    """Epsilon closure (a star may match empty), then drop positions before the last star reached:
    from a star every continuation of an earlier position is also accepted, so the earlier
    positions are redundant.  Keeps the determinized state space polynomial per glob."""
    out = set(positions)
    for p in sorted(out):
        if p < len(g) and g[p] is None:
            out.add(p + 1)  # stars are collapsed, so one step suffices
    stars = [p for p in out if p < len(g) and g[p] is None]
    if stars:
        top = max(stars)
        out = {p for p in out if p >= top}
    return frozenset(out)


def _step(g: Glob, state: _State, ch: str) -> _State:
    nxt: set[int] = set()
    for p in state:
        if p < len(g):
            if g[p] is None:
                nxt.add(p)
            elif g[p] == ch:
                nxt.add(p + 1)
    return _normalize(g, nxt)


def _alphabet(globs: Iterable[Glob]) -> list[str]:
    """Literal tag characters of the globs plus one representative of all other tag characters
    (they are interchangeable: only stars consume them).  A first-position-capable
    representative is preferred; ``.``/``-`` serve only if every such character is a literal."""
    lits = {c for g in globs for c in _literals(g) if c in TAG_CHARS}
    other = next((c for c in _FILLERS if c not in lits), None)
    return sorted(lits) + ([other] if other is not None else [])


def _search(
    accept: Sequence[Glob], reject: Sequence[Glob] = (), budget: int = _SEARCH_BUDGET
) -> str | None:
    """Shortest valid tag matched by every glob of ``accept`` and by none of ``reject``.

    Breadth-first over the product of the determinized glob automata (§3.4), first character from
    ``[A-Za-z0-9_]``, at most 128 characters; BFS order makes the result the shortest (and
    deterministic: alphabet sorted).  Returns None when no such tag exists; raises
    ``SearchLimitExceeded`` once ``budget`` component transitions have been examined (the work,
    not the wall clock, is bounded: roughly a second per million).
    """
    globs = [*accept, *reject]
    n_acc = len(accept)
    alphabet = _alphabet(globs)
    first = [c for c in alphabet if c in _FIRST_CHARS]
    moves: list[dict[tuple[_State, str], _State]] = [{} for _ in globs]
    start = tuple(_normalize(g, [0]) for g in globs)
    # Visited states of NON-empty strings only: the empty string is not a tag, so reaching the
    # start state again (e.g. via a star) is a new, acceptable node.
    parent: dict[tuple[_State, ...], tuple[tuple[_State, ...] | None, str]] = {}
    frontier: list[tuple[_State, ...] | None] = [None]
    work = 0
    for depth in range(MAX_TAG_LEN):
        nxt_frontier: list[tuple[_State, ...] | None] = []
        for node in frontier:
            state = start if node is None else node
            for ch in first if depth == 0 else alphabet:
                work += len(globs)
                if work > budget:
                    raise SearchLimitExceeded(f"more than {budget} automaton transitions")
                nxt = _product_step(globs, moves, state, ch, n_acc)
                if nxt is None or nxt in parent:
                    continue
                parent[nxt] = (node, ch)
                if _accepting(globs, nxt, n_acc):
                    return _path(parent, nxt)
                nxt_frontier.append(nxt)
        if not nxt_frontier:
            return None
        frontier = nxt_frontier
    return None


def _product_step(
    globs: Sequence[Glob],
    moves: list[dict[tuple[_State, str], _State]],
    state: tuple[_State, ...],
    ch: str,
    n_acc: int,
) -> tuple[_State, ...] | None:
    """One product transition with memoized component moves; None if an accept glob dies."""
    out = []
    for i, (g, s) in enumerate(zip(globs, state)):
        nxt = moves[i].get((s, ch))
        if nxt is None:
            nxt = moves[i][(s, ch)] = _step(g, s, ch)
        if i < n_acc and not nxt:
            return None
        out.append(nxt)
    return tuple(out)


def _accepting(globs: Sequence[Glob], state: tuple[_State, ...], n_acc: int) -> bool:
    done = [len(g) in s for g, s in zip(globs, state)]
    return all(done[:n_acc]) and not any(done[n_acc:])


def _path(parent: dict, state: tuple[_State, ...] | None) -> str:
    chars: list[str] = []
    while state is not None:
        state, ch = parent[state]
        chars.append(ch)
    return "".join(reversed(chars))


# ---------------------------------------------------------------------------------------------
# Inclusion (§3.3) and single-tag overlap (§3.4)
# ---------------------------------------------------------------------------------------------


def _fresh_char(g_small: Glob, avoid: Iterable[Glob]) -> str | None:
    """A tag character usable for every star of ``g_small`` that is a literal of none of
    ``avoid`` (first-position-capable if ``g_small`` starts with a star), provided the
    instantiation fits in 128 characters; else None (§3.3 preconditions fail)."""
    if len(g_small) > MAX_TAG_LEN:  # literals + one char per star
        return None
    banned = {c for g in avoid for c in _literals(g)}
    allowed = _FIRST_CHARS if g_small and g_small[0] is None else TAG_CHARS
    return next((c for c in _FILLERS if c in allowed and c not in banned), None)


def includes(small: Entry, big: Entry) -> bool:
    """``L(small) ⊆ L(big)``, exactly (§3.3; used for subsumption §3.2 and LC106).

    A dead ``small`` is included in everything.  Prefix/prefix reduces to ``startswith``.  Otherwise
    §3.3: stars of ``small`` become a fresh symbol and ``big`` must fully match the result; this is
    exact when a fresh tag character exists and fits (see module docstring), else the exhaustive
    search decides (a tag in ``L(small) - L(big)``).
    """
    if is_dead(small):
        return True
    if is_dead(big):
        return False
    if small.kind == "prefix" and big.kind == "prefix":
        return small.text.startswith(big.text)
    gs, gb = _glob(small), _glob(big)
    if _fresh_char(gs, [gb]) is not None:
        return _glob_fullmatch(gb, _instantiate(gs, _FRESH))
    return _search([gs], [gb]) is None


def _anchors(g: Glob) -> tuple[str, str]:
    """Literal parts before the first and after the last star of a glob that has a star."""
    first = g.index(None)
    last = len(g) - 1 - g[::-1].index(None)
    return "".join(_literals(g[:first])), "".join(_literals(g[last + 1 :]))


def _chain(parts: list[str], *, suffix: bool) -> str | None:
    """The longest of ``parts`` if all of them are prefixes (suffixes) of it, else None."""
    longest = max(parts, key=len)
    ok = all((longest.endswith if suffix else longest.startswith)(p) for p in parts)
    return longest if ok else None


def common_tag(entries: Iterable[Entry]) -> str | None:
    """A valid tag matched by ALL entries at once, or None if none exists (§3.4 single-tag overlap;
    LC105 AND-trap when None, LC103 witness otherwise).

    Exact.  Shortcuts: a dead entry -> None; prefixes only -> the longest prefix if the others are
    its prefixes; a star-free pattern fixes the only candidate.  When every glob has a star, a
    common string exists iff the anchored heads chain and the anchored tails chain (then
    head + middles + tail works, ``_build_common``); a bounded BFS looks for the shortest one.
    If the BFS runs out of budget the built string is returned (deterministic, valid, not
    necessarily shortest).  Only if the built string exceeds 128 characters does the answer rest
    on the full search, which raises ``SearchLimitExceeded`` when it cannot decide.
    """
    entries = list(entries)
    if not entries:
        return "x"
    if any(is_dead(e) for e in entries):
        return None
    if all(e.kind == "prefix" for e in entries):
        longest = _chain([e.text for e in entries], suffix=False)
        return None if longest is None else (longest or "x")
    globs = [_glob(e) for e in entries]
    fixed = next((g for g in globs if None not in g), None)
    if fixed is not None:
        tag = "".join(t for t in fixed if t is not None)
        return tag if all(_glob_fullmatch(g, tag) for g in globs) else None
    return _common_starred(globs)


def overlap_tag(entries: Iterable[Entry]) -> str | None:
    """A valid tag matched by ALL entries, or None: ``common_tag``'s decision, without its search
    for the *shortest* such tag when the construction already gives one (``_build_common``).

    For analyses over many rule pairs (ECR202, ECR206), where that search dominates.  Falls back
    to ``common_tag`` (and may raise ``SearchLimitExceeded``) whenever the construction does not
    apply or does not produce a valid matching tag.
    """
    entries = list(entries)
    globs = [_glob(e) for e in entries]
    if entries and all(None in g for g in globs) and not any(is_dead(e) for e in entries):
        built = _construct(globs)
        if built is None:
            return None
        if is_valid_tag(built) and all(_glob_fullmatch(g, built) for g in globs):
            return built
    return common_tag(entries)


def _common_starred(globs: list[Glob]) -> str | None:
    """common_tag for globs that all contain a star (see common_tag)."""
    built = _construct(globs)
    if built is None:
        return None
    if len(built) > MAX_TAG_LEN:
        return _search(globs)  # decides the 128-character limit; may raise SearchLimitExceeded
    try:
        return _search(globs, budget=_QUICK_BUDGET) or built  # prefer the shortest tag
    except SearchLimitExceeded:
        return built


def _construct(globs: list[Glob]) -> str | None:
    """For globs that all contain a star: None when no string matches them all (their heads
    or their tails do not chain), else ``_build_common``'s string (length not checked)."""
    anchors = [_anchors(g) for g in globs]
    head = _chain([a[0] for a in anchors], suffix=False)
    tail = _chain([a[1] for a in anchors], suffix=True)
    if head is None or tail is None:
        return None
    return _build_common(globs, head, tail)


def _build_common(globs: list[Glob], head: str, tail: str) -> str:
    """A common string of starred globs with chained anchors (length not yet checked).

    ``head + middles + tail`` where each glob contributes its inner literal segments in order,
    skipped when the string built so far already matches the glob, and its first segment merged
    with the longest overlap of the middle built so far (the star before it absorbs the rest).
    An ``x`` is prepended when needed; then every glob starts with a star, which absorbs it.
    """

    def assemble(middle: str) -> str:
        out = head + middle + tail
        return out if out and out[0] in _FIRST_CHARS else "x" + out

    middle = ""
    for g in globs:
        if _glob_fullmatch(g, assemble(middle)):
            continue
        for k, seg in enumerate(_inner_segments(g)):
            overlap = _overlap(middle, seg) if k == 0 else 0
            middle += seg[overlap:]
    return assemble(middle)


def _inner_segments(g: Glob) -> list[str]:
    """Literal segments strictly between the first and the last star of a glob."""
    first = g.index(None)
    last = len(g) - 1 - g[::-1].index(None)
    out, cur = [], ""
    for t in g[first + 1 : last]:
        if t is None:
            out.append(cur)
            cur = ""
        else:
            cur += t
    out.append(cur)
    return [seg for seg in out if seg]


def _overlap(left: str, right: str) -> int:
    """Length of the longest suffix of ``left`` that is a proper-or-whole prefix of ``right``."""
    for n in range(min(len(left), len(right)), 0, -1):
        if left.endswith(right[:n]):
            return n
    return 0


# ---------------------------------------------------------------------------------------------
# Selections (§2.4) and subsumption (§3.2)
# ---------------------------------------------------------------------------------------------

_ALL = Entry("pattern", "*")


@dataclass(frozen=True, slots=True)
class Selection:
    """The tag part of a rule's ``selection`` plus its storage class (§1.3, §2.4).

    ``entries`` is empty for ``untagged``/``any``.  A ``tagged`` selection without entries (invalid
    per schema) is read as "every tagged image", the value of ``all([])``.
    """

    status: TagStatus
    entries: tuple[Entry, ...] = ()
    storage_class: StorageClass = "standard"

    def __post_init__(self) -> None:
        if self.status not in ("tagged", "untagged", "any"):
            raise ValueError(f"Selection.status invalid: {self.status!r}")
        if self.storage_class not in ("standard", "archive"):
            raise ValueError(f"Selection.storage_class invalid: {self.storage_class!r}")
        if not isinstance(self.entries, tuple):
            object.__setattr__(self, "entries", tuple(self.entries))
        if self.status != "tagged" and self.entries:
            raise ValueError(f"a {self.status!r} selection carries no tag list")


def _tag_entries(sel: Selection) -> tuple[Entry, ...]:
    """Entries whose conjunction defines the tagged part of ``sel`` (``any`` -> ``[*]``)."""
    return sel.entries or (_ALL,)


def selects(sel: Selection, tags: Set[str], storage_class: StorageClass = "standard") -> bool:
    """§2.4 ``selects``: storage class must match; any -> all; untagged -> no tags; tagged -> at
    least one tag and every entry matched by at least one tag (AND over entries, OR over tags)."""
    if storage_class != sel.storage_class:
        return False
    if sel.status == "any":
        return True
    if sel.status == "untagged":
        return not tags
    return bool(tags) and all(any(matches(e, t) for t in tags) for e in sel.entries)


def is_empty(sel: Selection) -> bool:
    """``S(sel)`` is empty: a tagged selection with a dead entry (§3.2; report LC104, not LC101)."""
    return sel.status == "tagged" and any(is_dead(e) for e in sel.entries)


def subsumes(a: Selection, b: Selection) -> bool:
    """``S(b) ⊆ S(a)``, exactly (§3.2 table).

    An empty ``S(b)`` is a subset of everything: True, whatever ``a`` is (callers check
    ``is_empty`` first to report "dead" instead of "shadowed").  Otherwise a different storage
    class means disjoint sets: False.  tagged/tagged: every entry of ``a`` must include some entry
    of ``b``.
    """
    if is_empty(b):
        return True
    if a.storage_class != b.storage_class:
        return False
    if a.status == "any":
        return True
    if a.status == "untagged":
        return b.status == "untagged"
    if b.status != "tagged":
        return False
    eb = _tag_entries(b)
    return all(any(includes(y, x) for y in eb) for x in a.entries)


def witness(b: Selection) -> frozenset[str] | None:
    """An image (tag set) selected by ``b`` (§3.4: attach to findings), None if ``S(b)`` is empty.
    Tagged: one example tag per entry; untagged: no tags; any: ``{"latest"}``."""
    if is_empty(b):
        return None
    if b.status == "untagged":
        return frozenset()
    if b.status == "any":
        return frozenset({"latest"})
    return frozenset(t for t in map(example_tag, _tag_entries(b)) if t is not None)


# ---------------------------------------------------------------------------------------------
# Union shadowing (§3.4, LC102)
# ---------------------------------------------------------------------------------------------


def covered_by_union(b: Selection, higher: Sequence[Selection]) -> bool | None:
    """``S(b) ⊆ ∪ S(h) for h in higher``: True (covered), False (an image escapes, see
    ``escaping_image``), None (undecided within the search bounds: "possibly covered").

    Rules of another storage class and empty rules are ignored.  Untagged images are covered iff
    some ``untagged``/``any`` rule is present (tagged rules never select them).  The tagged part of
    ``b`` (``any`` contributes ``[*]``) is covered iff a single ``any`` or tagged rule subsumes it:
    if none does, instantiate every star of each ``b`` entry with one character occurring in no
    involved entry; that tag set matches an entry ``e`` of ``h`` only if ``L(b_k) ⊆ L(e)``
    (§3.3), so it escapes every rule that does not subsume ``b``.  This makes §3.4's special case
    (``untagged`` + a tagged rule accepting all tags covers ``any``) the only way a union covers
    more than its members.  When no such character fits (128-char or alphabet corner cases) an
    exhaustive blocker search decides, or None when it exceeds its bounds.
    """
    return _union(b, tuple(higher))[0]


def escaping_image(b: Selection, higher: Sequence[Selection]) -> frozenset[str] | None:
    """An image selected by ``b`` and by none of ``higher`` when ``covered_by_union`` is False,
    else None.  Its storage class is ``b.storage_class``."""
    return _union(b, tuple(higher))[1]


_UnionResult = tuple["bool | None", "frozenset[str] | None"]


@lru_cache(maxsize=1024)
def _union(b: Selection, higher: tuple[Selection, ...]) -> _UnionResult:
    if is_empty(b):
        return True, None
    live = [h for h in higher if h.storage_class == b.storage_class and not is_empty(h)]
    if b.status != "tagged" and not any(h.status != "tagged" for h in live):
        return False, frozenset()  # the untagged image escapes
    if b.status == "untagged" or any(h.status == "any" for h in live):
        return True, None
    tagged_b = Selection("tagged", _tag_entries(b), b.storage_class)
    rivals = [h for h in live if h.status == "tagged"]
    if any(subsumes(h, tagged_b) for h in rivals):
        return True, None
    image = _fresh_escape(tagged_b, rivals)
    if image is not None:
        return False, image
    return _blocker_search(tagged_b, rivals)


def _escapes(image: frozenset[str], b: Selection, rivals: Sequence[Selection]) -> bool:
    sc = b.storage_class
    return selects(b, image, sc) and not any(selects(h, image, sc) for h in rivals)


def _fresh_escape(b: Selection, rivals: Sequence[Selection]) -> frozenset[str] | None:
    """The one-character-per-star instantiation of ``b`` (§3.4 candidate), if it escapes."""
    avoid = [_glob(e) for h in rivals for e in h.entries]
    tags = []
    for e in b.entries:
        g = _glob(e)
        fill = _fresh_char(g, avoid)
        if fill is None:
            return None
        tags.append(_instantiate(g, fill))
    image = frozenset(tags)
    return image if _escapes(image, b, rivals) else None


def _minimal_entries(h: Selection) -> list[Entry]:
    """Entries of ``h`` that can block it: an image escapes ``h`` iff one entry is unmatched, and
    an entry with a smaller language is easier to leave unmatched; all-accepting entries never
    can be."""
    es = [e for e in h.entries if not _accepts_all(e)]
    keep = []
    for i, e in enumerate(es):
        dominated = any(
            j != i and includes(f, e) and (not includes(e, f) or j < i) for j, f in enumerate(es)
        )
        if not dominated:
            keep.append(e)
    return keep


def _blocker_search(b: Selection, rivals: Sequence[Selection]) -> _UnionResult:
    """Exact fallback: an image escapes iff for some choice of one blocker entry per rival, every
    entry of ``b`` has a tag matched by no blocker (``_search``).  None past the bounds."""
    choices = [_minimal_entries(h) for h in rivals]
    if any(not c for c in choices):
        return True, None  # a rival accepting every tagged image
    try:
        for n, combo in enumerate(itertools.product(*choices)):
            if n >= _UNION_MAX_COMBOS:
                return None, None
            blockers = [_glob(e) for e in combo]
            tags = [_search([_glob(e)], blockers) for e in b.entries]
            if all(t is not None for t in tags):
                return False, frozenset(t for t in tags if t is not None)
    except SearchLimitExceeded:
        return None, None
    return True, None
