"""A typed, lenient view of an ECR lifecycle policy.

Defaults (ECR user guide, lifecycle_policy_parameters.html): ``storageClass`` is
``standard`` when omitted; rules are applied lowest ``rulePriority`` first.
"""

from __future__ import annotations

from ecslint.core.finding import Path
from ecslint.model.base import DocumentView
from ecslint.model.values import UNKNOWN, Maybe, cached, integer, items, mapping, string, strings

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

    from ecslint.model.tagfilter import Selection

AGE_COUNT_TYPES = frozenset({"sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned"})

#: ``imageCountMoreThan`` at or above this is the "keep forever" (protection) idiom: a rule
#: written to claim a tag family so that no later rule expires it (ref ecr-lifecycle.md §4.3
#: LC202; the reference's examples write ``9999``, just under the 10,000 images-per-repository
#: quota of one documentation snapshot).
PROTECTION_COUNT = 9999

#: Service quota "Rules per lifecycle policy" (not adjustable). ECR rejects a policy with
#: more (ECR101); the checks of how rules interact (ECR2xx, ECR3xx) read only the first
#: ``MAX_RULES`` as written, so that a generated policy of thousands still takes linear time.
MAX_RULES = 50

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

    def sort_key(self) -> tuple[int, int, int]:
        """Evaluation order, rules without a known priority last (in array order)."""
        priority = self.priority
        return (0, priority, self.index) if isinstance(priority, int) else (1, 0, self.index)

    def _selection(self, key: str) -> Any:
        return self.selection_data.get(key)

    @cached
    def tag_status(self) -> Maybe[str]:
        return string(self._selection("tagStatus"))

    @cached
    def storage_class(self) -> Maybe[str]:
        """``storageClass`` with its default (``storage_class_set`` is the value as written)."""
        value = self.storage_class_set
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
        return strings(self._selection(key))

    @cached
    def storage_class_set(self) -> Maybe[str]:
        """``storageClass`` as written: None when absent or malformed (``storage_class``
        applies the default)."""
        return string(self._selection("storageClass"))

    @cached
    def tag_list_key(self) -> str | None:
        """The tag list the rule carries (``tagPrefixList`` or ``tagPatternList``); None when
        it has neither or both (ECR104 reports those). A null list counts as absent."""
        present = [key for key in TAG_LIST_KEYS if self._selection(key) is not None]
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
        key = self.tag_list_key
        texts = self.tag_list(key) if key is not None else None
        if texts is UNKNOWN or not texts:
            return None
        kind = "prefix" if key == "tagPrefixList" else "pattern"
        return Selection("tagged", tuple(Entry(kind, t) for t in texts), storage)


class LifecyclePolicy(DocumentView):
    kind = "lifecycle-policy"

    @cached
    def rules(self) -> list[LifecycleRule]:
        return [LifecycleRule(i, r) for i, r in items(mapping(self.data).get("rules"))]

    @cached
    def envelope(self) -> tuple[dict, Any] | None:
        """The put/get-lifecycle-policy object whose ``lifecyclePolicyText`` string holds this
        policy, with the source map of its file's root; None for a policy written as an
        object."""
        text = self.doc.text
        if text is None:
            return None
        for data, smap in self.doc.file.roots:
            if isinstance(data, dict) and data.get("lifecyclePolicyText") is text:
                return data, smap
        return None

    @cached
    def ordered(self) -> list[LifecycleRule]:
        """Rules with a known integer priority, in the order ECR applies them."""
        return sorted((r for r in self.rules if isinstance(r.priority, int)), key=LifecycleRule.sort_key)

    @cached
    def analysable(self) -> list[LifecycleRule]:
        """The ``ordered`` rules whose ``selection`` is known, among the first
        :data:`MAX_RULES` as written: the ones the semantic checks (ECR2xx) reason about."""
        return [r for r in self.ordered if r.index < MAX_RULES and r.selection is not None]

    def earlier(self, r: LifecycleRule) -> list[LifecycleRule]:
        """The analysable rules ECR evaluates before the analysable rule ``r`` (a lower
        ``rulePriority``; equal ones are ECR102's) on images of ``r``'s storage class: the
        rules that can claim images ``r`` selects before ``r`` sees them."""
        storage = r.selection.storage_class
        return [o for o in self.analysable if o.priority < r.priority and o.selection.storage_class == storage]

    @cached
    def shadowed(self) -> dict[LifecycleRule, list[LifecycleRule]]:
        """The rules that can never act (ECR201), in evaluation order: every image such a rule
        selects is selected first by the listed earlier rules (one rule when one suffices,
        else a minimal set of rules that only together do). A rule that selects nothing at
        all is not listed: that is an unmatchable tag filter (ECR203)."""
        from ecslint.model import tagfilter

        out: dict[LifecycleRule, list[LifecycleRule]] = {}
        for r in self.analysable:
            target = r.selection
            if tagfilter.is_empty(target):
                continue
            earlier = self.earlier(r)
            cover = next((o for o in earlier if tagfilter.subsumes(o.selection, target)), None)
            if cover is not None:
                out[r] = [cover]
            elif len(earlier) > 1 and tagfilter.covered_by_union(target, [o.selection for o in earlier]) is True:
                needed = list(earlier)  # drop each rule the others cover without
                for o in earlier:
                    rest = [x for x in needed if x is not o]
                    if rest and tagfilter.covered_by_union(target, [x.selection for x in rest]) is True:
                        needed = rest
                out[r] = needed
        return out
