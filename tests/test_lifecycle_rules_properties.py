"""Property tests (hypothesis) for the ECR lifecycle rules whose decision can be brute-forced.

Entries are drawn over the letters ``a``, ``b`` and the tag punctuation ``-`` (plus ``.``, ``/``
and a space where validity is the question); the brute force enumerates every valid tag over
those characters plus ``x``, a letter no entry contains.  Short universes are conclusive (see
tests/test_tagfilter.py): ``x`` can only be consumed by stars, like the fresh symbol of the
reference's inclusion test (ecr-lifecycle.md §3.3), and

- a tag matching several entries at once, if one exists, is no longer than their literal
  characters plus one (``tagfilter.common_tag``'s construction), so ``TOTAL + 1`` characters
  decide ECR204;
- ``L(a) ⊆ L(b)`` fails iff ``a`` with every star replaced by ``x`` (prefix ``p`` read as
  ``p*``) escapes ``b``; that tag is at most ``len(entry) + 1`` long, which decides ECR205 and
  ECR203.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from ecslint.core.context import Context
from ecslint.model import tagfilter
from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule
from ecslint.model.tagfilter import Entry
from ecslint.rules.lifecycle.redundant_tag_filter_entry import redundant_entries
from ecslint.rules.lifecycle.retention_defeated import defeat
from ecslint.rules.lifecycle.tag_list_requires_all import requires_several_tags
from ecslint.rules.lifecycle.unmatchable_tag_filter import unmatchable_tag_filter

MAX_ENTRY = 3
TOTAL = 5  # literal characters over all entries of a list


def _regex(entry: Entry) -> re.Pattern[str]:
    """Independent translation of the reference's entry_matches (§2.4)."""
    if entry.kind == "prefix":
        return re.compile(re.escape(entry.text) + ".*", re.DOTALL)
    return re.compile("".join(".*" if c == "*" else re.escape(c) for c in entry.text), re.DOTALL)


def _valid(tag: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", tag) is not None


@cache
def universe(alphabet: str, max_len: int) -> tuple[str, ...]:
    return tuple(
        "".join(p)
        for n in range(1, max_len + 1)
        for p in itertools.product(alphabet, repeat=n)
        if _valid("".join(p))
    )


@cache
def language(entry: Entry, alphabet: str, max_len: int) -> frozenset[str]:
    rx = _regex(entry)
    return frozenset(t for t in universe(alphabet, max_len) if rx.fullmatch(t))


def _literals(entry: Entry) -> int:
    return len(entry.text.replace("*", "")) if entry.kind == "pattern" else len(entry.text)


def entries(chars: str, kinds: tuple[str, ...] = ("prefix", "pattern")):
    return st.builds(Entry, st.sampled_from(kinds), st.text(alphabet=chars, min_size=1, max_size=MAX_ENTRY))


def entry_lists(chars: str = "ab-*"):
    """2-3 entries of one kind (one list), live, at most TOTAL literal characters together."""

    def build(kind: str, texts: list[str]) -> tuple[Entry, ...]:
        return tuple(Entry(kind, t) for t in texts)

    return (
        st.builds(build, st.sampled_from(["prefix", "pattern"]), st.lists(st.text(alphabet=chars, min_size=1, max_size=MAX_ENTRY), min_size=2, max_size=3))
        .filter(lambda es: not any(tagfilter.is_dead(e) for e in es))
        .filter(lambda es: sum(_literals(e) for e in es) <= TOTAL)
    )


# -- ECR204: the AND trap -------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(entry_lists())
def test_requires_several_tags_iff_no_single_tag_matches_all(es):
    tags = universe("ab-x", TOTAL + 1)
    common = [t for t in tags if all(_regex(e).fullmatch(t) for e in es)]
    expected = len(set(es)) >= 2 and not common
    assert requires_several_tags(es) is expected, (es, common[:3])


# -- ECR205: redundant entries ----------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(entry_lists())
def test_redundant_entries_are_exactly_the_implied_ones(es):
    lang = [language(e, "ab-x", MAX_ENTRY + 1) for e in es]
    reported = dict(redundant_entries(es))
    for j in range(len(es)):
        implied_by = [i for i in range(len(es)) if i != j and lang[i] <= lang[j]]
        strict_or_earlier = [i for i in implied_by if not lang[j] <= lang[i] or i < j]
        if j in reported:
            assert reported[j] in strict_or_earlier, (es, j, reported)
        else:
            assert not strict_or_earlier, (es, j, strict_or_earlier)
    # Removing every reported entry keeps the selection: each removed entry is implied by a kept one.
    kept = [i for i in range(len(es)) if i not in reported]
    assert kept
    for j in reported:
        assert any(lang[i] <= lang[j] for i in kept), (es, j, kept)


# -- ECR203: unmatchable entries ----------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.lists(entries("ab.-/ *"), min_size=1, max_size=3))
def test_unmatchable_entries_are_those_no_tag_matches(es):
    kind = es[0].kind
    es = [Entry(kind, e.text) for e in es]
    key = "tagPrefixList" if kind == "prefix" else "tagPatternList"
    policy = LifecyclePolicy(
        SimpleNamespace(
            data={"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", key: [e.text for e in es], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}}]}
        )
    )
    found = {v.path[-1] for v in unmatchable_tag_filter.check(policy, Context())}
    for index, e in enumerate(es):
        dead = not language(e, "ab.-x", MAX_ENTRY + 1)
        assert (index in found) is dead, (e, found)


# -- ECR206/ECR202: witnesses are selected by both rules -------------------------------------


def _rule(priority: int, es: tuple[Entry, ...], count_type: str, number: int) -> LifecycleRule:
    key = "tagPrefixList" if es[0].kind == "prefix" else "tagPatternList"
    selection = {"tagStatus": "tagged", key: [e.text for e in es], "countType": count_type, "countNumber": number}
    if count_type != "imageCountMoreThan":
        selection["countUnit"] = "days"
    return LifecycleRule(priority - 1, {"rulePriority": priority, "selection": selection, "action": {"type": "expire"}})


one_list = st.builds(
    lambda kind, texts: tuple(Entry(kind, t) for t in texts),
    st.sampled_from(["prefix", "pattern"]),
    st.lists(st.text(alphabet="ab-*", min_size=1, max_size=MAX_ENTRY), min_size=1, max_size=2),
)


@settings(max_examples=400, deadline=None)
@given(one_list, one_list, st.sampled_from(["sinceImagePushed", "imageCountMoreThan"]), st.sampled_from([10, 20, 9999]))
def test_retention_defeat_witness_is_claimed_by_the_earlier_rule(first, second, count_type, keep):
    e = _rule(1, first, count_type, 5)
    k = _rule(2, second, "imageCountMoreThan", keep)
    image = defeat(e, k)
    if image is None:
        return
    assert all(_valid(t) for t in image)
    assert tagfilter.selects(e.selection, image) and tagfilter.selects(k.selection, image)
    assert not tagfilter.subsumes(k.selection, e.selection)  # a carve-out is never reported
    if len(image) > 1 and not tagfilter.subsumes(e.selection, k.selection):
        assert keep >= 9999  # multi-tag overlap only for the keep-forever idiom


# -- tagfilter.overlap_tag: common_tag's decision, any witness ---------------------------------


@settings(max_examples=400, deadline=None)
@given(st.lists(entries("ab-*"), min_size=1, max_size=3))
def test_overlap_tag_decides_like_common_tag(es):
    found = tagfilter.overlap_tag(es)
    assert (found is None) is (tagfilter.common_tag(es) is None), es
    if found is not None:
        assert _valid(found) and all(_regex(e).fullmatch(found) for e in es), (es, found)
