"""Tests for ecslint.model.tagfilter (ECR tag-filter languages, ref §2.4 and §3 of
shared/reference/ecr-lifecycle.md).

Brute-force tests enumerate valid tags over a small alphabet that always contains the letter ``x``,
which never occurs in a generated entry.  That makes short universes conclusive: if
``L(e1) ⊄ L(e2)`` then ``e1`` with every star replaced by ``x`` is a counterexample (``x`` can
only be consumed by stars of ``e2``, exactly like §3.3's fresh symbol), and it is no longer than
the glob of ``e1`` (its literals plus one character per star, prefix ``p`` = ``p*``).  The same
tags build the escaping images of §3.2's proof, so images of at most (number of entries) such
tags decide subsumption and union coverage.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecslint.model import tagfilter as tf
from ecslint.model.tagfilter import (
    MAX_TAG_LEN,
    TAG_RE,
    Entry,
    Selection,
    common_tag,
    covered_by_union,
    escaping_image,
    example_tag,
    includes,
    is_dead,
    is_empty,
    is_valid_tag,
    matches,
    selects,
    subsumes,
    witness,
)

P = lambda text: Entry("pattern", text)  # noqa: E731
X = lambda text: Entry("prefix", text)  # noqa: E731


def tagged(*entries: Entry, sc: str = "standard") -> Selection:
    return Selection("tagged", entries, sc)  # type: ignore[arg-type]


UNTAGGED = Selection("untagged")
ANY = Selection("any")

# ---------------------------------------------------------------------------------------------
# Reference implementations
# ---------------------------------------------------------------------------------------------


def ref_regex(entry: Entry, any_char: str = ".") -> str:
    """Independent regex translation of §2.4 ``entry_matches``."""
    if entry.kind == "prefix":
        return re.escape(entry.text) + any_char + "*"
    return "".join(any_char + "*" if c == "*" else re.escape(c) for c in entry.text)


def ref_matches(entry: Entry, tag: str) -> bool:
    return re.fullmatch(ref_regex(entry), tag, re.DOTALL) is not None


@cache
def universe(alphabet: str, max_len: int) -> tuple[tuple[str, ...], str]:
    """All valid tags over ``alphabet`` up to ``max_len`` in shortlex order, plus the same joined
    by newlines (for one-pass multiline regex filtering)."""
    tags = [
        "".join(p)
        for n in range(1, max_len + 1)
        for p in itertools.product(sorted(alphabet), repeat=n)
        if is_valid_tag("".join(p))
    ]
    return tuple(tags), "\n".join(tags)


def language(entries: list[Entry], alphabet: str, max_len: int) -> list[str]:
    """Tags of the universe matched by all entries (reference regex, lookahead conjunction)."""
    _, text = universe(alphabet, max_len)
    line_char = "[^\\n]"
    rx = "".join(f"(?=(?:{ref_regex(e, line_char)})$)" for e in entries)
    return re.findall(f"^{rx}{line_char}+$", text, re.MULTILINE)


def ref_selects(sel: Selection, image: frozenset[str], sc: str) -> bool:
    if sc != sel.storage_class:
        return False
    if sel.status == "any":
        return True
    if sel.status == "untagged":
        return not image
    return bool(image) and all(any(ref_matches(e, t) for t in image) for e in sel.entries)


# ---------------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------------


def entries_st(chars: str, max_len: int) -> st.SearchStrategy[Entry]:
    return st.builds(
        Entry, st.sampled_from(["prefix", "pattern"]), st.text(alphabet=chars, max_size=max_len)
    )


def selection_st(chars: str, max_len: int, max_entries: int) -> st.SearchStrategy[Selection]:
    sc = st.sampled_from(["standard", "standard", "standard", "archive"])
    kind = st.sampled_from(["prefix", "pattern"])
    texts = st.lists(st.text(alphabet=chars, max_size=max_len), min_size=1, max_size=max_entries)
    tagged_st = st.builds(
        lambda k, ts, c: Selection("tagged", tuple(Entry(k, t) for t in ts), c), kind, texts, sc
    )
    other = st.builds(Selection, st.sampled_from(["untagged", "any"]), st.just(()), sc)
    return st.one_of(tagged_st, tagged_st, other)


# ---------------------------------------------------------------------------------------------
# Grammar, matching, documented examples (§2.4)
# ---------------------------------------------------------------------------------------------


def test_tag_grammar():
    for t in ["latest", "v1.2.3", "_x", "A-b_c.d", "a" * 128, "0"]:
        assert is_valid_tag(t) and re.fullmatch(TAG_RE, t)
    for t in ["", ".x", "-x", "a/b", "a" * 129, "a*", "tag with space", "é"]:
        assert not is_valid_tag(t) and not re.fullmatch(TAG_RE, t)


def test_documented_matches():
    prod = P("prod*")
    assert all(matches(prod, t) for t in ["prod", "prod1", "production-team1"])
    assert not matches(prod, "my-prod")
    anyprod = P("*prod*")
    assert matches(anyprod, "repo-production") and matches(anyprod, "prod-team")
    assert matches(P("latest"), "latest")
    assert not any(matches(P("latest"), t) for t in ["latest1", "alatest", "Latest"])
    assert matches(X("v1"), "v1.0") and not matches(X("v1"), "V1.0")  # case-sensitive
    assert matches(X(""), "anything")
    assert not matches(X("v*"), "v1")  # `*` is a literal in a prefix


def test_documented_inclusion_and_subsumption():
    assert includes(X("v1"), X("v")) and not includes(X("v"), X("v1"))
    for e in [X("v"), X(""), P("v*"), P("*a*b"), P("latest"), P("a**")]:
        assert includes(e, P("*"))
    assert subsumes(tagged(P("v*")), tagged(P("v1*"), P("rc*")))
    assert not subsumes(tagged(P("v1*"), P("rc*")), tagged(P("v1*")))
    assert subsumes(ANY, UNTAGGED) and not subsumes(UNTAGGED, ANY)
    assert subsumes(tagged(P("*")), tagged(P("release-*")))  # LC101b
    assert not subsumes(UNTAGGED, tagged(P("*"))) and not subsumes(tagged(P("*")), UNTAGGED)
    assert covered_by_union(ANY, [UNTAGGED, tagged(P("*"))]) is True  # LC102
    assert covered_by_union(ANY, [UNTAGGED, tagged(X(""))]) is True


def _selected(sel: Selection, repo: dict[str, frozenset[str]]) -> set[str]:
    return {name for name, tags in repo.items() if selects(sel, tags)}


def _repo(**images: str) -> dict[str, frozenset[str]]:
    return {k: frozenset(filter(None, v.split(","))) for k, v in images.items()}


def test_worked_examples_selection_parts():
    """§2.7 E1-E6 and X4: which images each rule's selection matches."""
    e1 = _repo(A="beta-1,prod-1", B="beta-2,prod-2", C="beta-3")
    for kind in (P, X):  # current pattern form and the older prefix form [AD-old]
        prod, beta = (kind("prod*"), kind("beta*")) if kind is P else (X("prod"), X("beta"))
        assert _selected(tagged(prod), e1) == {"A", "B"}
        assert _selected(tagged(beta), e1) == {"A", "B", "C"}
    e3 = _repo(A="alpha-1", B="beta-1", C="alpha-2,beta-2", D="alpha-3", E="beta-3",
               F="alpha-4,beta-4")  # fmt: skip
    assert _selected(tagged(P("alpha*"), P("beta*")), e3) == {"C", "F"}
    assert _selected(tagged(X("alpha"), X("beta")), e3) == {"C", "F"}
    e4 = _repo(A="alpha-1,beta-1,gamma-1", B="alpha-2,beta-2", C="alpha-3,beta-3,gamma-2")
    assert _selected(tagged(P("alpha*"), P("beta*")), e4) == {"A", "B", "C"}
    e5 = _repo(A="alpha-1", B="beta-1", C="", D="alpha-2")
    assert _selected(ANY, e5) == {"A", "B", "C", "D"}
    e6 = _repo(A="alpha-1,beta-1", B="", C="alpha-2", D="3f2a9c1", E="")
    assert _selected(tagged(P("alpha*")), e6) == {"A", "C"}
    assert _selected(UNTAGGED, e6) == {"B", "E"}
    assert _selected(ANY, e6) == set(e6)
    x3 = _repo(R="release-1,sha-a", S0="sha-0")
    assert _selected(tagged(P("sha-*")), x3) == {"R", "S0"}  # image-level: R goes with sha-*
    x4 = _repo(a="v1.0", b="v1.1", c="v2.0")
    v, v1 = tagged(X("v")), tagged(X("v1"))
    assert _selected(v, x4) == {"a", "b", "c"} and _selected(v1, x4) == {"a", "b"}
    assert subsumes(v, v1) and not subsumes(v1, v)
    assert witness(v1) == frozenset({"v1"}) and selects(v, witness(v1))


def test_storage_class():
    archive_any = Selection("any", (), "archive")
    assert selects(archive_any, frozenset(), "archive")
    assert not selects(archive_any, frozenset(), "standard")
    assert not selects(ANY, frozenset({"a"}), "archive")
    assert not subsumes(archive_any, UNTAGGED) and not subsumes(ANY, archive_any)
    assert covered_by_union(UNTAGGED, [archive_any]) is False
    assert escaping_image(UNTAGGED, [archive_any]) == frozenset()


def test_selection_validation():
    with pytest.raises(ValueError):
        Selection("untagged", (P("*"),))
    with pytest.raises(ValueError):
        Selection("Tagged")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Entry("glob", "*")  # type: ignore[arg-type]
    assert Selection("tagged", [P("a*")]).entries == (P("a*"),)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Dead entries (§3.1, LC104)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [X("v*"), X("release/1"), X("-x"), X("a" * 129), P("release/*"), P("-x*"), P(".*"),
     P(""), P("a" * 129), P("*" + "a" * 129), P("*." + "a" * 127), P("a*/*")],
)  # fmt: skip
def test_dead_entries(entry):
    assert is_dead(entry)
    assert example_tag(entry) is None
    assert includes(entry, P("nothing-like-it"))  # the empty language is included everywhere
    sel = tagged(entry, P("*"))
    assert is_empty(sel) and witness(sel) is None
    assert subsumes(UNTAGGED, sel)  # S(sel) is empty
    assert common_tag([entry]) is None and common_tag([P("*"), entry]) is None
    assert covered_by_union(sel, []) is True


@pytest.mark.parametrize(
    "entry, tag",
    [(X(""), "x"), (P("*"), "x"), (P("**"), "x"), (X("a" * 128), "a" * 128),
     (P("*" + "a" * 127), "a" * 127), (P("*." + "a" * 126), "x." + "a" * 126),
     (P("*-rc*"), "x-rc"), (P("v*"), "v"), (P("a*b*c"), "abc"), (X("_"), "_")],
)  # fmt: skip
def test_live_entries_and_examples(entry, tag):
    assert not is_dead(entry)
    assert example_tag(entry) == tag
    assert matches(entry, tag) and is_valid_tag(tag)


def test_128_char_corner_of_section_3_3():
    """§3.3 alone would say `*a^128` ⊄ `a^128` (fresh symbol), but the star must stay empty."""
    long = "a" * 128
    assert includes(P("*" + long), P(long))
    assert not includes(P("*" + long[1:]), P(long[1:]))  # "ba^127" escapes
    assert includes(P("*" + long[1:]), P("*" + long[1:]))
    assert common_tag([P("*" + long), P("a*")]) == long
    assert common_tag([P("*" + long), P("b*")]) is None


def test_search_revisits_start_state():
    """Regression: after a star consumed a character the automata can be back in their start
    state; that node is a non-empty string and must not count as already visited."""
    assert tf._search([tf._glob(X(""))], [tf._glob(P("*A"))]) == "x"
    assert tf._search([tf._glob(P("*-"))]) == "x-"


def test_alphabet_exhaustion_corner():
    """A big entry naming every first-position character: no fresh character for §3.3."""
    firsts = "".join(sorted(tf._FIRST_CHARS))
    big = P("*" + firsts + "*")
    assert not includes(P("*"), big)
    assert includes(P("*" + firsts + "*"), big)
    assert includes(P("q*" + firsts), big)
    assert not includes(P("*" + firsts[:-1] + "*"), big)
    rival = tagged(big)
    assert covered_by_union(tagged(P("*")), [rival]) is False
    img = escaping_image(tagged(P("*")), [rival])
    assert img is not None and not selects(rival, img)


# ---------------------------------------------------------------------------------------------
# Single-tag overlap (§3.4, LC103/LC105)
# ---------------------------------------------------------------------------------------------


def test_common_tag_examples():
    assert common_tag([X("prod"), X("staging")]) is None  # LC105 AND trap
    assert common_tag([X(c) for c in "0123456789abcdef"]) is None  # [I-refarch]
    assert common_tag([X("v"), X("v1"), X("")]) == "v1"
    assert common_tag([P("*-rc*"), P("v1*")]) == "v1-rc"  # LC103 witness
    assert common_tag([P("*abc*"), P("*bcd*")]) == "abcd"  # shortest, overlapping middles
    assert common_tag([P("latest"), X("lat")]) == "latest"
    assert common_tag([P("latest"), X("v")]) is None
    assert common_tag([P("a*"), P("*b"), P("*.*")]) == "a.b"
    assert common_tag([P("a*"), P("b*")]) is None and common_tag([P("*a"), P("*b")]) is None
    assert common_tag([P("*-")]) == "x-"
    many = [P(f"*{c}*") for c in "abcdefghijklmnopqrst"]  # 2^20 product states: shortcut needed
    tag = common_tag(many)
    assert tag is not None and all(matches(e, tag) for e in many)


def test_common_tag_search_limit():
    """20 unrelated 8-letter middles: the built witness exceeds 128 characters and the bounded
    search cannot settle whether a shorter one exists; the function says so instead of guessing."""
    words = ["".join(chr(97 + (i * 7 + j * 3 + i * j) % 26) for j in range(8)) for i in range(20)]
    with pytest.raises(tf.SearchLimitExceeded):
        common_tag([P(f"*{w}*") for w in words])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abc.-*", min_size=1, max_size=6).filter(lambda t: "*" in t),
                min_size=1, max_size=5))  # fmt: skip
def test_built_common_string_matches_all(texts):
    """The fallback construction of common_tag, checked whenever the anchors chain."""
    globs = [tf._glob(P(t)) for t in texts]
    anchors = [tf._anchors(g) for g in globs]
    head = tf._chain([a[0] for a in anchors], suffix=False)
    tail = tf._chain([a[1] for a in anchors], suffix=True)
    if head is None or tail is None or (head and head[0] in ".-"):
        return
    built = tf._build_common(globs, head, tail)
    assert is_valid_tag(built) or len(built) > MAX_TAG_LEN
    assert all(ref_matches(P(t), built) for t in texts)


# ---------------------------------------------------------------------------------------------
# Union coverage (§3.4, LC102)
# ---------------------------------------------------------------------------------------------


def test_union_cases():
    assert covered_by_union(tagged(X("v1")), [tagged(X("v"))]) is True
    assert covered_by_union(ANY, [UNTAGGED]) is False
    img = escaping_image(ANY, [UNTAGGED])
    assert img is not None and img and selects(ANY, img) and not selects(UNTAGGED, img)
    assert covered_by_union(ANY, [tagged(P("*"))]) is False
    assert escaping_image(ANY, [tagged(P("*"))]) == frozenset()
    assert covered_by_union(UNTAGGED, [ANY]) is True and escaping_image(UNTAGGED, [ANY]) is None
    # two tagged rules never cover more than one of them does (see covered_by_union docstring)
    b = tagged(P("*"))
    higher = [tagged(P("a*")), tagged(P("*")), UNTAGGED]
    assert covered_by_union(b, higher) is True
    higher = [tagged(P("a*")), tagged(P("*a"))]
    assert covered_by_union(b, higher) is False
    img = escaping_image(b, higher)
    assert img is not None and selects(b, img) and not any(selects(h, img) for h in higher)
    assert covered_by_union(ANY, [UNTAGGED, tagged(P("*"), P("v*"))]) is False


# ---------------------------------------------------------------------------------------------
# Brute-force properties
# ---------------------------------------------------------------------------------------------

ENTRY_CHARS = "ab.-_*"  # `*` is a wildcard in patterns and a (dead) literal in prefixes
INC_UNIVERSE = ("ab.-_x", 5)  # entry globs have <= 5 tokens (4 chars + implied prefix star)


@settings(max_examples=400, deadline=None)
@given(entries_st(ENTRY_CHARS + "/A", 5), st.text(alphabet="ab.-_*/Ax", max_size=7))
def test_matches_equals_reference_regex(entry, tag):
    assert matches(entry, tag) == ref_matches(entry, tag)


@settings(max_examples=400, deadline=None)
@given(entries_st(ENTRY_CHARS, 4), entries_st(ENTRY_CHARS, 4))
def test_includes_brute_force(e1, e2):
    l1 = set(language([e1], *INC_UNIVERSE))
    l2 = set(language([e2], *INC_UNIVERSE))
    assert includes(e1, e2) == (l1 <= l2)
    assert is_dead(e1) == (not l1)


@settings(max_examples=300, deadline=None)
@given(entries_st("abcAB.-_*", 6), entries_st("abcAB.-_*", 6))
def test_includes_fast_path_agrees_with_search(e1, e2):
    """§3.3's fresh-symbol test against the exhaustive automaton search (other alphabet)."""
    if is_dead(e1) or is_dead(e2):
        return
    exhaustive = tf._search([tf._glob(e1)], [tf._glob(e2)]) is None
    assert includes(e1, e2) == exhaustive


@settings(max_examples=300, deadline=None)
@given(entries_st(ENTRY_CHARS, 4), st.lists(entries_st(ENTRY_CHARS, 4), max_size=2))
def test_search_brute_force(acc, rejects):
    """The exhaustive engine: shortest tag in L(acc) minus the union of L(rejects).  Conclusive on
    the universe: if one exists, acc with stars -> x escapes every reject that does not include
    acc (x is fresh), and none exists if some reject includes acc."""
    found = tf._search([tf._glob(acc)], [tf._glob(r) for r in rejects])
    inside = set(language([acc], *INC_UNIVERSE))
    for r in rejects:
        inside -= set(language([r], *INC_UNIVERSE))
    if not inside:
        assert found is None
    else:
        assert found is not None and is_valid_tag(found) and ref_matches(acc, found)
        assert not any(ref_matches(r, found) for r in rejects)
        assert len(found) == min(map(len, inside))


@settings(max_examples=300, deadline=None)
@given(entries_st(ENTRY_CHARS, 4))
def test_example_tag(entry):
    tag = example_tag(entry)
    shortest = language([entry], *INC_UNIVERSE)
    if tag is None:
        assert is_dead(entry) and not shortest
    else:
        assert is_valid_tag(tag) and ref_matches(entry, tag)
        assert len(tag) == len(shortest[0])


# Overlap: entries over {a, b, -}; a shortest common tag has at most (literal characters of all
# entries) + 1 characters (head + middles + tail, plus an `x` when it would start badly), so a
# universe up to 7 characters decides lists with at most 6 literal characters.
COMMON_UNIVERSE = ("ab-x", 7)


@settings(max_examples=300, deadline=None)
@given(st.lists(entries_st("ab-*", 3), min_size=1, max_size=3))
def test_common_tag_brute_force(entries):
    if sum(len(e.text.replace("*", "")) for e in entries) > 6:
        return
    found = language(entries, *COMMON_UNIVERSE)
    tag = common_tag(entries)
    if not found:
        assert tag is None
    else:
        assert tag is not None and is_valid_tag(tag)
        assert all(ref_matches(e, tag) for e in entries)
        assert len(tag) == len(found[0])  # shortlex universe: found[0] is a shortest one


# Subsumption/union: entries <= 3 chars over {a, b, ., -}; universe over {a, b, ., -, x} up to 4.
SEL_CHARS = "ab.-*"
SEL_UNIVERSE = ("ab.-x", 4)


def _images(sels: list[Selection]) -> list[frozenset[str]]:
    """All images of <= 2 universe tags, one per distinct match signature (selection depends on
    the tag set only through which entries each tag matches)."""
    tags, _ = universe(*SEL_UNIVERSE)
    entries = [e for s in sels for e in s.entries]
    sigs: dict[tuple[bool, ...], str] = {}
    for t in tags:
        sigs.setdefault(tuple(ref_matches(e, t) for e in entries), t)
    reps = list(sigs.values())
    return [frozenset()] + [frozenset(p) for n in (1, 2) for p in itertools.combinations(reps, n)]


@settings(max_examples=300, deadline=None)
@given(selection_st(SEL_CHARS, 3, 2), selection_st(SEL_CHARS, 3, 2))
def test_subsumes_brute_force(a, b):
    images = _images([a, b])
    for sc in ("standard", "archive"):
        for img in images:
            assert selects(a, img, sc) == ref_selects(a, img, sc)
    brute = all(
        ref_selects(a, img, sc)
        for sc in ("standard", "archive")
        for img in images
        if ref_selects(b, img, sc)
    )
    assert subsumes(a, b) == brute
    nonempty = any(ref_selects(b, img, b.storage_class) for img in images)
    assert is_empty(b) == (not nonempty)


@settings(max_examples=300, deadline=None)
@given(selection_st(SEL_CHARS, 3, 2))
def test_witness_selected(b):
    w = witness(b)
    if is_empty(b):
        assert w is None
    else:
        assert w is not None and ref_selects(b, w, b.storage_class)


@settings(max_examples=300, deadline=None)
@given(selection_st(SEL_CHARS, 3, 2), st.lists(selection_st(SEL_CHARS, 3, 2), max_size=3))
def test_covered_by_union_brute_force(b, higher):
    sc = b.storage_class
    escapes = [
        img
        for img in _images([b, *higher])
        if ref_selects(b, img, sc) and not any(ref_selects(h, img, sc) for h in higher)
    ]
    result = covered_by_union(b, higher)
    assert result == (not escapes)  # exact on this universe: never None
    img = escaping_image(b, higher)
    if result:
        assert img is None
    else:
        assert img is not None and ref_selects(b, img, sc)
        assert not any(ref_selects(h, img, sc) for h in higher)


def test_max_tag_len_constant():
    assert MAX_TAG_LEN == 128
