"""What an ECR lifecycle policy does to a set of images: the preview, computed locally.

Normative description: ``shared/reference/ecr-lifecycle.md`` §2.3-2.5, reproduced by the
AWS guide's worked examples (§2.7). In short:

- rules run in ``rulePriority`` order; each one *selects* images (tag status, tag list,
  storage class: :func:`ecslint.model.tagfilter.selects`) and computes its *candidates*
  over everything it selects;
- an image is acted on (``expire`` or ``transition``) by the first rule that has it as a
  candidate, unless an earlier rule selected it: selecting alone *claims* an image, whether
  or not that rule acts on it;
- ``imageCountMoreThan N`` ranks every image it selects, newest first, claimed ones
  included, and acts on those after the first N; the ``since*`` types act on images older
  than N days (``now - t > N * 86400`` seconds: an image exactly N days old survives);
- push time is ``lastActivatedAt`` for an image restored from the archive; pull age falls
  back to the push time (never pulled) or the restore time (not pulled since restored);
- when the data says so, an image referenced by a manifest list that stays is not acted on,
  and a referrer (signature, SBOM) follows its subject.

ECR does not document how it orders images pushed at the same instant. The simulator orders
them by digest (a smaller digest counts as the newer one) and reports every image whose
action would differ in another order (:attr:`Result.ties`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ecslint.lifecycle import short_digest
from ecslint.lifecycle.images import DAY, Image, format_time
from ecslint.model import tagfilter

COUNT_TYPES = ("imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned")
ACTIONS = ("expire", "transition")
KEEP = "keep"


class PolicyError(ValueError):
    """The policy cannot be simulated as written; the message names the rule."""


@dataclass(frozen=True)
class SimRule:
    """One policy rule, checked and reduced to what evaluation needs."""

    priority: int
    index: int
    selection: tagfilter.Selection
    count_type: str
    count_number: int
    action: str
    description: str | None = None

    @property
    def label(self) -> str:
        return f"rule {self.priority}"

    def describe(self) -> str:
        """``tagged tagPatternList ["prod*"], imageCountMoreThan 1, expire``."""
        sel = self.selection
        what = sel.status
        if sel.status == "tagged":
            kind = "tagPrefixList" if sel.entries[0].kind == "prefix" else "tagPatternList"
            entries = ", ".join(f'"{e.text}"' for e in sel.entries)
            what = f"tagged {kind} [{entries}]"
        if sel.storage_class != "standard":
            what += f" ({sel.storage_class})"
        n = self.count_number
        count = f"{self.count_type} {n}" + ("" if self.count_type == "imageCountMoreThan" else f" day{'s' if n != 1 else ''}")
        action = "transition to archive" if self.action == "transition" else self.action
        return f"{what}, {count}, {action}"


@dataclass(frozen=True)
class Outcome:
    """What the policy does to one image."""

    image: Image
    #: ``expire``, ``transition`` or ``keep``.
    action: str
    #: The rule that acts on the image, or (``keep``) the rule that claimed it; None when no
    #: rule selects it.
    priority: int | None
    #: One sentence: why.
    reason: str


@dataclass
class RuleSummary:
    rule: SimRule
    #: Digests the rule selects, in ranking order (newest first).
    selected: list[str] = field(default_factory=list)
    #: Of those, the ones an earlier rule selected first.
    claimed_earlier: list[str] = field(default_factory=list)
    #: Digests the rule acts on, and the ones it claims without acting (final outcomes).
    acted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TieChange:
    digest: str
    action: str
    priority: int | None
    #: What would happen to the image in another order of the tied images.
    alternative: str
    alternative_priority: int | None


@dataclass
class Tie:
    """Images of one rule's ranking pushed at the same instant, where the order matters."""

    priority: int
    pushed_at: int
    digests: list[str]
    changes: list[TieChange]


@dataclass
class Result:
    now: int
    outcomes: list[Outcome]
    rules: list[RuleSummary]
    ties: list[Tie]
    warnings: list[str]

    def outcome(self, digest: str) -> Outcome:
        return next(o for o in self.outcomes if o.image.digest == digest)

    def by_action(self, action: str) -> list[str]:
        return [o.image.digest for o in self.outcomes if o.action == action]


# -- the policy ----------------------------------------------------------------------------


def compile_rules(policy: Any) -> list[SimRule]:
    """The rules of ``policy`` (a :class:`~ecslint.model.lifecycle.LifecyclePolicy`, its
    ``rules`` list, or raw policy data ``{"rules": [...]}``) in evaluation order.

    Raises :class:`PolicyError` for what cannot be simulated: a template placeholder, a
    malformed rule, a duplicate priority, a combination AWS rejects.
    """
    from ecslint.model.lifecycle import LifecycleRule
    from ecslint.model.values import UNKNOWN, items, string

    if isinstance(policy, dict):
        raw = policy.get("rules")
        if not isinstance(raw, list) or not raw:
            raise PolicyError("the policy has no rules")
        rules = [LifecycleRule(i, r) for i, r in items(raw)]
        if len(rules) != len(raw):
            raise PolicyError("every element of `rules` must be a rule object")
    elif isinstance(policy, list):
        rules = policy
    else:
        rules = policy.rules
    if not rules:
        raise PolicyError("the policy has no rules")
    out: list[SimRule] = []
    seen: dict[int, int] = {}
    for r in rules:
        where = f"rule #{r.index + 1}"
        values = (r.priority, r.tag_status, r.storage_class, r.count_type, r.count_number, r.action_type)
        if any(v is UNKNOWN for v in values) or r.tag_list("tagPrefixList") is UNKNOWN or r.tag_list("tagPatternList") is UNKNOWN:
            raise PolicyError(f"{where} holds a template placeholder: render the policy first")
        if not isinstance(r.priority, int) or r.priority < 1:
            raise PolicyError(f"{where}: `rulePriority` must be an integer of at least 1")
        where = r.label
        if r.priority in seen:
            raise PolicyError(f"{where}: two rules have rulePriority {r.priority}")
        seen[r.priority] = r.index
        if r.selection is None:
            raise PolicyError(f"{where}: the selection is malformed (tagStatus, tag list or storageClass)")
        if r.count_type not in COUNT_TYPES:
            raise PolicyError(f"{where}: `countType` must be one of {', '.join(COUNT_TYPES)}")
        if not isinstance(r.count_number, int) or r.count_number < 1:
            raise PolicyError(f"{where}: `countNumber` must be a positive integer")
        if r.action_type not in ACTIONS:
            raise PolicyError(f"{where}: `action.type` must be expire or transition")
        archive = r.selection.storage_class == "archive"
        if archive != (r.count_type == "sinceImageTransitioned"):
            raise PolicyError(f"{where}: storageClass archive goes with countType sinceImageTransitioned, and only with it")
        if r.count_type == "sinceImagePulled" and r.action_type != "transition":
            raise PolicyError(f"{where}: sinceImagePulled rules can only transition images, not expire them")
        if archive and r.action_type != "expire":
            raise PolicyError(f"{where}: archived images can only expire")
        description = string(r.data.get("description"))
        out.append(
            SimRule(
                priority=r.priority,
                index=r.index,
                selection=r.selection,
                count_type=r.count_type,
                count_number=r.count_number,
                action=r.action_type,
                description=description if isinstance(description, str) else None,
            )
        )
    out.sort(key=lambda s: s.priority)
    return out


# -- evaluation ----------------------------------------------------------------------------

Tiebreak = Callable[[Image], Any]


def _by_digest(image: Image) -> Any:
    return image.digest


@dataclass
class _Pass:
    """One evaluation: per image (action, priority) before post-passes, claims, selections."""

    primary: dict[str, tuple[str, int | None]]
    claimed_by: dict[str, int]
    selected: dict[int, list[Image]]
    reasons: dict[str, str]


def _rank_key(tiebreak: Tiebreak) -> Callable[[Image], Any]:
    return lambda i: (-i.effective_push, tiebreak(i))


def _candidates(rule: SimRule, selected: list[Image], now: int) -> list[tuple[Image, str]]:
    """§2.5: (image, why) for each candidate of ``rule`` among the images it selects."""
    n = rule.count_number
    limit = n * DAY
    days = f"{n} day{'s' if n != 1 else ''}"
    if rule.count_type == "imageCountMoreThan":
        total = len(selected)
        return [(i, f"it is number {rank + 1} of the {total} images the rule selects, newest first, and the rule keeps {n}") for rank, i in enumerate(selected) if rank >= n]
    out = []
    for i in selected:
        if rule.count_type == "sinceImagePushed":
            ref, what = i.effective_push, ("restored" if i.restored else "pushed")
        elif rule.count_type == "sinceImagePulled":
            ref = i.pull_reference
            what = "last pulled" if i.last_pull is not None and ref == i.last_pull else ("restored" if ref != i.pushed_at else "pushed (never pulled)")
        else:
            if i.last_archived is None:
                continue
            ref, what = i.last_archived, "archived"
        if now - ref > limit:
            out.append((i, f"{what} more than {days} ago"))
    return out


def _evaluate(rules: Sequence[SimRule], images: Sequence[Image], now: int, tiebreak: Tiebreak) -> _Pass:
    """§2.3 before the post-passes."""
    ranked = sorted(images, key=_rank_key(tiebreak))
    claimed: dict[str, int] = {}
    primary: dict[str, tuple[str, int | None]] = {}
    reasons: dict[str, str] = {}
    selected: dict[int, list[Image]] = {}
    for rule in rules:
        sel = rule.selection
        matched = [i for i in ranked if tagfilter.selects(sel, i.tag_set, i.storage_class)]  # type: ignore[arg-type]
        selected[rule.priority] = matched
        for image, why in _candidates(rule, matched, now):
            if image.digest not in claimed:
                primary[image.digest] = (rule.action, rule.priority)
                reasons[image.digest] = f"{rule.label} {_verb(rule.action)}s it: {why}"
        for image in matched:
            if image.digest not in claimed:
                claimed[image.digest] = rule.priority
                if image.digest not in primary:
                    primary[image.digest] = (KEEP, rule.priority)
                    reasons[image.digest] = _kept_reason(rule, image, now)
    for image in images:
        if image.digest not in primary:
            primary[image.digest] = (KEEP, None)
            reasons[image.digest] = "no rule selects it"
    return _Pass(primary, claimed, selected, reasons)


def _verb(action: str) -> str:
    return "expire" if action == "expire" else "transition"


def _kept_reason(rule: SimRule, image: Image, now: int) -> str:
    n = rule.count_number
    days = f"{n} day{'s' if n != 1 else ''}"
    if rule.count_type == "imageCountMoreThan":
        why = "it is the newest image the rule selects" if n == 1 else f"it is among the newest {n} images the rule selects"
    elif rule.count_type == "sinceImagePushed":
        why = f"{'restored' if image.restored else 'pushed'} at most {days} ago"
    elif rule.count_type == "sinceImagePulled":
        why = f"pulled, pushed or restored at most {days} ago"
    elif image.last_archived is None:
        why = "its archive time (lastArchivedAt) is not in the data"
    else:
        why = f"archived at most {days} ago"
    return f"{rule.label} selects it first and keeps it: {why}"


def _post_passes(images: Sequence[Image], primary: dict[str, tuple[str, int | None]], reasons: dict[str, str]) -> tuple[dict[str, tuple[str, int | None]], dict[str, str]]:
    """§2.3 post-passes, each to a fixpoint (nested indexes, referrers of referrers)."""
    final = dict(primary)
    why = dict(reasons)
    known = {i.digest for i in images}
    with_parents = [i for i in images if any(p in known for p in i.parents)]
    referrers = [i for i in images if i.subject is not None and i.subject in known]
    changed = True
    while changed and with_parents:
        changed = False
        for image in with_parents:
            action, priority = final[image.digest]
            if action == KEEP:
                continue
            staying = next((p for p in image.parents if p in known and final[p][0] == KEEP), None)
            if staying is not None:
                claimer = primary[image.digest][1]
                final[image.digest] = (KEEP, claimer)
                why[image.digest] = f"manifest list {short_digest(staying)} references it and stays, so it cannot be {_verb(action)}d"
                changed = True
    changed = True
    while changed and referrers:
        changed = False
        for image in referrers:
            subject = image.subject
            assert subject is not None
            s_action, s_priority = final[subject]
            action, _ = final[image.digest]
            if s_action == KEEP or action == s_action or action == "expire":
                continue
            final[image.digest] = (s_action, s_priority)
            why[image.digest] = f"it is a referrer (signature, SBOM, ...) of {short_digest(subject)}, which is {_verb(s_action)}d: referrers follow their subject"
            changed = True
    return final, why


def simulate(policy: Any, images: Sequence[Image], now: int, *, tiebreak: Tiebreak | None = None) -> Result:
    """Apply ``policy`` (see :func:`compile_rules`) to ``images`` at ``now`` (microseconds
    since the epoch). ``tiebreak`` orders images pushed at the same instant (default: by
    digest, the smaller counting as newer)."""
    rules = policy if _is_compiled(policy) else compile_rules(policy)
    order = tiebreak or _by_digest
    run = _evaluate(rules, images, now, order)
    final, reasons = _post_passes(images, run.primary, run.reasons)
    ties = _ties(rules, images, now, run, final, order)
    ranked = sorted(images, key=_rank_key(order))
    outcomes = [Outcome(i, final[i.digest][0], final[i.digest][1], reasons[i.digest]) for i in ranked]
    summaries = []
    for rule in rules:
        summary = RuleSummary(rule)
        for image in run.selected[rule.priority]:
            summary.selected.append(image.digest)
            if run.claimed_by[image.digest] != rule.priority:
                summary.claimed_earlier.append(image.digest)
        for o in outcomes:
            if o.priority == rule.priority:
                (summary.kept if o.action == KEEP else summary.acted).append(o.image.digest)
        summaries.append(summary)
    return Result(now, outcomes, summaries, ties, _warnings(rules, images, now))


def _is_compiled(policy: Any) -> bool:
    return isinstance(policy, (list, tuple)) and bool(policy) and all(isinstance(r, SimRule) for r in policy)


# -- ties ----------------------------------------------------------------------------------


def _ties(
    rules: Sequence[SimRule],
    images: Sequence[Image],
    now: int,
    run: _Pass,
    final: dict[str, tuple[str, int | None]],
    order: Tiebreak,
) -> list[Tie]:
    """Images whose outcome depends on the unspecified order of equal push times.

    An image's fate is decided by the first rule that selects it (§2.2.3), and only an
    ``imageCountMoreThan`` rule looks at order: among the images it selects, one with ``newer``
    strictly newer images and ``tied`` images at its own instant (itself included) can rank
    anywhere from ``newer`` to ``newer + tied - 1``; when the rule's cut-off ``N`` falls in that
    range, another order flips it. Without manifest lists and referrers in the data, that is
    the whole answer (exact: each such image is flipped by some order, no other image is).

    With them, an image's outcome also follows its parents' and subject's, so the alternatives
    are found by re-running: once with every tie in the opposite order, and, for each image
    found above, with it first and then last among its equals. Every image whose outcome
    differs in one of those runs is reported, with the outcome that run gives it; each report
    is thus witnessed by a real order (an image depending on several tied ones at once may
    change in orders none of these runs tries).
    """
    from bisect import bisect_left, bisect_right

    by_rule = {r.priority: r for r in rules}
    #: Per rule, the push times of the images it selects, ascending: sorted once, so that
    #: counting the newer and the tied images of one image is two binary searches.
    pushes: dict[int, list[int]] = {}
    groups: dict[tuple[int, int], Tie] = {}
    flips: list[tuple[Tie, Image, tuple[str, int | None]]] = []
    for image in images:
        rule = by_rule.get(run.claimed_by.get(image.digest, -1))
        if rule is None or rule.count_type != "imageCountMoreThan":
            continue
        matched = run.selected[rule.priority]
        times = pushes.get(rule.priority)
        if times is None:
            times = pushes[rule.priority] = sorted(j.effective_push for j in matched)
        t = image.effective_push
        low, high = bisect_left(times, t), bisect_right(times, t)
        newer, tied = len(times) - high, high - low
        n = rule.count_number
        if tied < 2 or not newer < n <= newer + tied - 1:
            continue
        key = (rule.priority, t)
        group = groups.get(key)
        if group is None:
            # ``matched`` is newest first: the images of instant ``t`` follow the newer ones.
            group = groups[key] = Tie(rule.priority, t, [j.digest for j in matched[newer : newer + tied]], [])
        action, _ = run.primary[image.digest]
        flipped = (rule.action, rule.priority) if action == KEEP else (KEEP, rule.priority)
        flips.append((group, image, flipped))
    if not flips:
        return []
    reported: set[str] = set()

    def note(group: Tie, digest: str, alternative: tuple[str, int | None]) -> None:
        if digest in reported or final[digest] == alternative:
            return
        reported.add(digest)
        action, priority = final[digest]
        group.changes.append(TieChange(digest, action, priority, alternative[0], alternative[1]))

    def rerun(tiebreak: Tiebreak) -> dict[str, tuple[str, int | None]]:
        other = _evaluate(rules, images, now, tiebreak)
        return _post_passes(images, other.primary, other.reasons)[0]

    if not any(i.parents or i.subject for i in images):
        for group, image, flipped in flips:
            note(group, image.digest, flipped)
        return [g for _, g in sorted(groups.items()) if g.changes]

    ranks = {i.digest: n for n, i in enumerate(sorted(images, key=order))}
    first_group = flips[0][0]
    for digest, outcome in rerun(lambda i: -ranks[i.digest]).items():  # every tie the other way round
        if outcome != final[digest]:
            owner = next((g for g, img, _ in flips if img.digest == digest), first_group)
            note(owner, digest, outcome)
    for group, image, _ in flips:
        x = image.digest
        for tiebreak in (lambda i: (i.digest != x, ranks[i.digest]), lambda i: (i.digest == x, ranks[i.digest])):
            alt = rerun(tiebreak)
            if alt[x] != final[x]:
                note(group, x, alt[x])
            for digest, outcome in alt.items():
                if outcome != final[digest]:
                    note(group, digest, outcome)
    return [g for _, g in sorted(groups.items()) if g.changes]


# -- warnings ------------------------------------------------------------------------------


def _warnings(rules: Sequence[SimRule], images: Sequence[Image], now: int) -> list[str]:
    out = []
    archived = [i for i in images if i.storage_class == "archive"]
    if any(r.selection.storage_class == "archive" for r in rules) and not archived:
        out.append(
            "the policy has archive rules but no image is archived: describe-images lists archived "
            "images only with `--filter imageStatus=ANY`"
        )
    blind = [i for i in archived if i.last_archived is None]
    if blind and any(r.count_type == "sinceImageTransitioned" for r in rules):
        out.append(
            f"{len(blind)} archived image(s) lack lastArchivedAt: no sinceImageTransitioned rule can act on them here"
        )
    if any(r.count_type == "sinceImagePulled" for r in rules) and images and all(i.last_pull is None for i in images):
        out.append(
            "no image carries lastRecordedPullTime: pull ages fall back to push times (never pulled), "
            "or the data comes from a client too old to show pull times"
        )
    future = [i for i in images if i.pushed_at > now]
    if future:
        out.append(f"{len(future)} image(s) were pushed after --now {format_time(now)}")
    return out


__all__ = [
    "ACTIONS",
    "COUNT_TYPES",
    "KEEP",
    "Outcome",
    "PolicyError",
    "Result",
    "RuleSummary",
    "SimRule",
    "Tie",
    "TieChange",
    "compile_rules",
    "simulate",
]
