"""How lifecycle rule messages name rules, tag lists and entries (ECR1xx/ECR2xx helpers).

Tag entries are identifiers the user wrote, not free text or secrets: messages quote them,
shortened when long.
"""

from __future__ import annotations

import json

from ecslint.model.lifecycle import LifecycleRule

_MAX = 40


def short(text: str, limit: int = _MAX) -> str:
    """``text`` as written, or its start and length when it is long."""
    return text if len(text) <= limit else f"{text[: limit - 10]}... ({len(text)} characters)"


def quoted(text: str) -> str:
    return f"`{short(text)}`" if text else '`""`'


def tag_list(r: LifecycleRule) -> str:
    """``tagPrefixList ["v", "rc"]`` for a tagged rule, ``tagStatus untagged`` otherwise."""
    key = r.tag_list_key
    if r.tag_status != "tagged" or key is None:
        status = r.tag_status
        return f"tagStatus {status}" if isinstance(status, str) else "its selection"
    entries = [short(e) for _, e in r.tag_entries(key)]
    if len(entries) > 4:
        return f"{key} {json.dumps(entries[:3])[:-1]}, ... ({len(entries)} entries)]"
    return f"{key} {json.dumps(entries)}"


def join(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def tags(image: frozenset[str] | set[str] | list[str]) -> str:
    """An image's tags for a witness: `` `a`, `b` and `c` ``."""
    return join([quoted(t) for t in sorted(image)])


def effect(r: LifecycleRule) -> str:
    """What the rule does to the images it acts on: ``expires images pushed more than 30 days ago``."""
    verb = "archives" if r.action_type == "transition" else "expires"
    number, count_type = r.count_number, r.count_type
    if not isinstance(number, int):
        return f"{verb} images"
    if count_type == "imageCountMoreThan":
        return f"{verb} all but the newest {number}"
    if count_type == "sinceImagePushed":
        return f"{verb} images pushed more than {number} days ago"
    if count_type == "sinceImagePulled":
        return f"{verb} images not pulled for {number} days"
    if count_type == "sinceImageTransitioned":
        return f"{verb} images archived more than {number} days ago"
    return f"{verb} images"


class Witnesses:
    """Readable witness tags for messages: the shortest tag matching all entries
    (``tagfilter.common_tag``) for the first ``limit`` witnesses of a policy, the constructed
    one (``overlap_tag``) after that, so a pathological policy stays fast."""

    def __init__(self, limit: int = 20):
        self.left = limit

    def shortest(self, entries: tuple, found: str) -> str:
        from ecslint.model import tagfilter

        if self.left <= 0:
            return found
        self.left -= 1
        try:
            return tagfilter.common_tag(entries) or found
        except tagfilter.SearchLimitExceeded:
            return found
