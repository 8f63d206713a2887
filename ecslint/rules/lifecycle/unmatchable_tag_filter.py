"""ECR203: a tag list entry that no valid tag can match."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import TAG_LIST_KEYS, LifecyclePolicy
from ecslint.rules.lifecycle._text import quoted, short


@rule(
    id="ECR203",
    name="unmatchable-tag-filter",
    severity="warning",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://github.com/distribution/reference/blob/main/regexp.go",
    ),
)
def unmatchable_tag_filter(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """A `tagPrefixList` or `tagPatternList` entry that no valid tag can match.

    What it does:
        Image tags are 1 to 128 characters from ``A-Z a-z 0-9 _ . -`` and cannot start
        with ``.`` or ``-``. An entry matches nothing when it needs a character tags
        cannot have (``/``, ``:``, a space, ``*`` in a ``tagPrefixList``), when every
        match would start with ``.`` or ``-``, when its literal characters alone exceed
        128, or when it is an empty pattern. ``tagPrefixList`` entries are literal
        prefixes: a ``*`` there is not a wildcard (AWS documents wildcards for
        ``tagPatternList`` only; even if the service tolerated one, ``tagPatternList`` is
        the documented way). Entries of tagged rules are checked; templated entries are
        not judged.

    Why it matters:
        An image must match every entry of the list, so one dead entry makes the whole
        rule select nothing: its cleanup (or its protection) silently never happens.
        Typical slips: ``"tagPrefixList": ["v*"]``, a branch name with ``/``
        (``release/1.2``; CI systems push it as ``release-1.2``), or ``-prod-`` meant as
        "contains".

    Example:
        Bad:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["feature*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}
        ```

        Good:

        ```json
        {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["feature*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}
        ```

    How to fix:
        Use ``tagPatternList`` for wildcards, write entries the way the tags are pushed
        (``release-1.2``), and use ``*-prod-*`` for "contains".
    """
    from ecslint.model import tagfilter

    for r in policy.rules:
        if r.tag_status != "tagged":
            continue
        for key in TAG_LIST_KEYS:
            kind = "prefix" if key == "tagPrefixList" else "pattern"
            for index, text in r.tag_entries(key):
                if not tagfilter.is_dead(tagfilter.Entry(kind, text)):
                    continue
                yield Violation(
                    r.at("selection", key, index),
                    f"{r.label}: {key} entry {quoted(text)} can match no image tag: {_reason(kind, text)}; "
                    "an image must match every entry, so the rule selects nothing",
                )


def _reason(kind: str, text: str) -> str:
    from ecslint.model.tagfilter import MAX_TAG_LEN, TAG_CHARS

    literals = text if kind == "prefix" else text.replace("*", "")
    if kind == "prefix" and "*" in text:
        pattern = text if text.endswith("*") else text + "*"
        return (
            "`*` is not a wildcard in a tagPrefixList (entries are literal prefixes, and tags cannot contain `*`); "
            f'use `"tagPatternList": ["{short(pattern)}"]`'
        )
    bad = next((c for c in literals if c not in TAG_CHARS), None)
    if bad is not None:
        shown = "a space" if bad == " " else f"`{bad}`" if bad.isprintable() else f"U+{ord(bad):04X}"
        return f"tags cannot contain {shown} (only letters, digits, `_`, `.` and `-`); write it as the tag is pushed"
    if not text:
        return "an empty pattern matches only an empty tag; remove it, or use `*` for every tag"
    if len(literals) > MAX_TAG_LEN:
        return f"its {len(literals)} literal characters exceed the {MAX_TAG_LEN} a tag can have; shorten it"
    if text[0] in ".-":
        pattern = f"*{text}*" if kind == "prefix" else f"*{text}"
        return f'tags cannot start with `{text[0]}`; for tags containing it use `"tagPatternList": ["{short(pattern)}"]`'
    return "no tag of at most 128 characters fits it; shorten it"
