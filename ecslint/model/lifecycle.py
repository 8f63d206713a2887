"""A typed, lenient view of an ECR lifecycle policy.

Defaults (ECR user guide, lifecycle_policy_parameters.html): ``storageClass`` is
``standard`` when omitted; rules are applied lowest ``rulePriority`` first.
"""

from __future__ import annotations

from typing import Any

from ecslint.core.finding import Path
from typing import TYPE_CHECKING

from ecslint.model.base import DocumentView
from ecslint.model.values import Maybe, UNKNOWN, cached, integer, items, mapping, string

if TYPE_CHECKING:
    from ecslint.model.tagfilter import Selection

AGE_COUNT_TYPES = frozenset({"sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned"})

#: ``imageCountMoreThan`` at or above this is the "keep forever" (protection) idiom: a rule
#: written to claim a tag family so that no later rule expires it (ref ecr-lifecycle.md §4.3
#: LC202; the reference's examples write ``9999``, just under the 10,000 images-per-repository
#: quota of one documentation snapshot).
PROTECTION_COUNT = 9999

#: The two tag list keys of a ``selection``.
TAG_LIST_KEYS = ("tagPrefixList", "tagPatternList")


class LifecycleRule:
    def __init__(self, index: int, data: dict):
        self.index = index
        self.path: Path = ("rules", index)
        self.data = data
        self.selection_data: dict = mapping(data.get("selection"))
        self.action_data: dict = mapping(data.get("action"))

    def at(self, *parts: str | int) -> Path:
        return self.path + parts

    @cached
    def priority(self) -> Maybe[int]:
        return integer(self.data.get("rulePriority"))

    @property
    def label(self) -> str:
        priority = self.priority
        return f"rule {priority}" if isinstance(priority, int) else f"rule #{self.index + 1}"

    def _selection(self, key: str) -> Any:
        return self.selection_data.get(key)

    @cached
    def tag_status(self) -> Maybe[str]:
        return string(self._selection("tagStatus"))

    @cached
    def storage_class(self) -> Maybe[str]:
        value = string(self._selection("storageClass"))
        return "standard" if value is None else value

    @cached
    def count_type(self) -> Maybe[str]:
        return string(self._selection("countType"))

    @cached
    def count_number(self) -> Maybe[int]:
        return integer(self._selection("countNumber"))

    @cached
    def action_type(self) -> Maybe[str]:
        return string(self.action_data.get("type"))

    def tag_list(self, key: str) -> Maybe[tuple[str, ...]] | None:
        """The entries of ``tagPrefixList``/``tagPatternList``; UNKNOWN when templated."""
        value = self._selection(key)
        if not isinstance(value, list):
            return UNKNOWN if string(value) is UNKNOWN else None
        out = []
        for entry in value:
            text = string(entry)
            if text is UNKNOWN:
                return UNKNOWN
            if isinstance(text, str):
                out.append(text)
        return tuple(out)

    @cached
    def storage_class_set(self) -> Maybe[str]:
        """``storageClass`` as written: None when absent or malformed (``storage_class``
        applies the default)."""
        return string(self._selection("storageClass"))

    @cached
    def tag_list_key(self) -> str | None:
        """The tag list the rule carries (``tagPrefixList`` or ``tagPatternList``); None when
        it has neither or both (ECR104 reports those)."""
        present = [key for key in TAG_LIST_KEYS if key in self.selection_data]
        return present[0] if len(present) == 1 else None

    def tag_entries(self, key: str) -> list[tuple[int, str]]:
        """(index, text) of each known string entry of a tag list; placeholders and
        malformed entries are skipped, so each entry can be judged (and pointed at) alone."""
        value = self._selection(key)
        if not isinstance(value, list):
            return []
        return [(i, e) for i, e in enumerate(value) if isinstance(e, str) and string(e) is not UNKNOWN]

    @property
    def is_protection(self) -> bool:
        """An ``imageCountMoreThan`` rule keeping at least ``PROTECTION_COUNT`` images."""
        number = self.count_number
        return self.count_type == "imageCountMoreThan" and isinstance(number, int) and number >= PROTECTION_COUNT

    @cached
    def selection(self) -> Selection | None:
        """The rule's selection for exact analysis, or None when it is malformed or unknown
        (schema rules report the former; the latter is not ours to judge)."""
        from ecslint.model.tagfilter import Entry, Selection  # only policies pay for the algebra

        status = self.tag_status
        storage = self.storage_class
        if status not in ("tagged", "untagged", "any") or storage not in ("standard", "archive"):
            return None
        if status != "tagged":
            return Selection(status, (), storage)
        prefixes = self.tag_list("tagPrefixList")
        patterns = self.tag_list("tagPatternList")
        if prefixes is UNKNOWN or patterns is UNKNOWN or (prefixes is None) == (patterns is None):
            return None
        if prefixes is not None:
            entries = tuple(Entry("prefix", p) for p in prefixes)
        else:
            entries = tuple(Entry("pattern", p) for p in patterns)
        if not entries:
            return None
        return Selection("tagged", entries, storage)


class LifecyclePolicy(DocumentView):
    kind = "lifecycle-policy"

    @cached
    def rules(self) -> list[LifecycleRule]:
        return [LifecycleRule(i, r) for i, r in items(mapping(self.data).get("rules"))]

    @cached
    def ordered(self) -> list[LifecycleRule]:
        """Rules with a known integer priority, in the order ECR applies them."""
        return sorted((r for r in self.rules if isinstance(r.priority, int)), key=lambda r: (r.priority, r.index))
