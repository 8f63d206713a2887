"""Deployed images against the lifecycle policy of their repository (ECR301, ECR302).

Reference: ``shared/reference/ecr-lifecycle.md`` §4.4. A task definition names an image by
tag or by digest; the image may carry other tags nobody wrote down. For a tag ``t``, walk
the policy's standard-class rules in priority order:

- ``untagged`` rules never select a tagged image;
- a tagged rule whose every entry matches ``t`` (or an ``any`` rule) *must* claim the image:
  the first one decides its fate;
- a tagged rule with an entry ``t`` does not match *may* claim it (another tag of the image
  could satisfy that entry), and then decides instead.

A deciding rule is *dangerous* when it can act on the image while tasks still run it:
``expire`` by age or by count, or ``transition`` (archived images cannot be pulled). It is
not when it keeps at least ``PROTECTION_COUNT`` images (the "keep forever" idiom) or waits
``NEVER_DAYS`` or more. Where a may-claim rule before the deciding one is not dangerous, the
image may well be protected by a tag we cannot see: no finding (no false positive).

An image that loses its tags (a digest, or a moving tag such as ``latest`` once it moves)
falls to the first ``untagged`` or ``any`` rule instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Union

from ecslint.core.finding import Violation
from ecslint.model import tagfilter
from ecslint.model.lifecycle import PROTECTION_COUNT
from ecslint.model.values import UNKNOWN, Maybe
from ecslint.rules.lifecycle import _text

if TYPE_CHECKING:
    from ecslint.load.source import Document
    from ecslint.model.lifecycle import LifecyclePolicy, LifecycleRule
    from ecslint.model.taskdef import Container, TaskDefinition
    from ecslint.workspace import Workspace

#: A ``since*`` rule waiting this many days or more effectively never fires (ref §4.3 LC208).
NEVER_DAYS = 3650


#: What identifies a repository: its name, or the template resource's document.
RepositoryKey = Union[str, "Document"]


@dataclass(frozen=True)
class Deployment:
    """One container of one task definition that runs an image of an ECR repository."""

    td: TaskDefinition
    container: Container
    #: The repository's name, or the template's repository document when the image names
    #: it by reference (a repository whose name CloudFormation makes).
    repository: RepositoryKey
    #: The tag pulled (``latest`` when neither tag nor digest is written); None if pinned.
    tag: str | None
    #: ``sha256:...`` when pinned by digest.
    digest: str | None
    #: The registry's account id, when the image names it literally.
    account: str | None = None


def deployments(ws: Workspace) -> dict[RepositoryKey, list[Deployment]]:
    """Deployed private-ECR images by repository; templated parts are skipped."""
    from ecslint.model.images import ImageReference, parse

    out: dict[RepositoryKey, list[Deployment]] = {}
    for td in ws.task_definitions:
        for container in td.containers:
            ref = container.image_reference
            if ref is None or ref is UNKNOWN or ref.is_ecr_private is not True:
                continue  # not a private ECR registry (Docker Hub, ECR Public, ...): no lifecycle here
            repository: RepositoryKey | Maybe[str] = ref.repository
            tag, digest = ref.tag, ref.digest
            if not isinstance(repository, str):
                linked = ws.image_repository(ref, td.doc)
                # The name stands for itself: what follows it is the tag or the digest.
                named = parse("repository" + linked[1]) if linked is not None else None
                if not isinstance(named, ImageReference):
                    continue
                repository, tag, digest = linked[0], named.tag, named.digest
            if tag is UNKNOWN or digest is UNKNOWN:
                continue
            if digest is None and tag is None:
                tag = "latest"
            ecr = ref.ecr
            account = ecr[0] if isinstance(ecr, tuple) else None
            out.setdefault(repository, []).append(Deployment(td, container, repository, None if digest else tag, digest, account))
    return out


def registry_id(policy: LifecyclePolicy) -> str | None:
    """The ``registryId`` of the put/get-lifecycle-policy object the policy text came from."""
    envelope = policy.envelope
    value = envelope[0].get("registryId") if envelope is not None else None
    return value if isinstance(value, str) and value.isdigit() else None


def repository_of(policy: LifecyclePolicy) -> RepositoryKey | None:
    """The repository a policy belongs to: its name (``repositoryName``, the config's
    ``lifecycle-repositories``, a template's literal ``RepositoryName``), else the template's
    repository resource that holds it (whose name CloudFormation makes)."""
    repository = policy.doc.repository
    if isinstance(repository, str) and repository:
        return repository
    return policy.doc.owner


def repository_label(policy: LifecyclePolicy) -> str:
    """``repository 'web'``, or ``the stack's repository 'Repository'`` (its logical id)."""
    repository = repository_of(policy)
    return f"repository '{repository}'" if isinstance(repository, str) else f"the stack's repository '{policy.doc.name}'"


def policies(ws: Workspace) -> dict[RepositoryKey, list[LifecyclePolicy]]:
    """Lifecycle policies whose repository is known."""
    out: dict[RepositoryKey, list[LifecyclePolicy]] = {}
    for policy in ws.lifecycle_policies:
        repository = repository_of(policy)
        if repository is not None:
            out.setdefault(repository, []).append(policy)
    return out


# -- the walk ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fate:
    """The rule that decides what happens to an image, and the may-claim rules before it."""

    rule: LifecycleRule
    may: tuple[LifecycleRule, ...] = ()


def _standard_rules(policy: LifecyclePolicy) -> list[LifecycleRule] | None:
    """The policy's rules in evaluation order, or None when the order or a selection is not
    known (a templated or malformed rule could claim anything: judge nothing)."""
    rules = policy.analysable
    if not rules or len(rules) != len(policy.rules) or len({r.priority for r in rules}) != len(rules):
        return None
    return [r for r in rules if r.selection.storage_class == "standard"]


def fate_of_tag(policy: LifecyclePolicy, tag: str) -> Fate | None:
    """§4.4 for an image known to carry ``tag`` (and perhaps others)."""
    rules = _standard_rules(policy)
    if rules is None:
        return None
    may: list[LifecycleRule] = []
    single = frozenset({tag})
    for r in rules:
        sel = r.selection
        if sel.status == "untagged" or tagfilter.is_empty(sel):
            continue
        if tagfilter.selects(sel, single):
            return Fate(r, tuple(may))
        may.append(r)
    return None


def fate_untagged(policy: LifecyclePolicy) -> Fate | None:
    """The rule that decides what happens to an image without tags."""
    rules = _standard_rules(policy)
    if rules is None:
        return None
    for r in rules:
        if r.selection.status in ("untagged", "any"):
            return Fate(r)
    return None


def danger(r: LifecycleRule, *, untagged: bool = False, several: bool = False) -> str | None:
    """When ``r`` removes an image it decides, as a phrase (``deletes it 30 days after it was
    pushed``); None if it never does in practice (protection idiom, a wait of ``NEVER_DAYS``
    or more, or values not known). ``several``: the phrase speaks of several images."""
    action, count_type, n = r.action_type, r.count_type, r.count_number
    if not isinstance(n, int) or not isinstance(action, str) or not isinstance(count_type, str):
        return None
    it = "each of them" if several else "it"
    days = f"{n} day{'s' if n != 1 else ''}"
    if count_type == "imageCountMoreThan":
        if n >= PROTECTION_COUNT:
            return None
        status = r.selection.status
        images, exist = ("image", "exists") if n == 1 else ("images", "exist")
        if status == "any":
            when = f"once {n} newer {images} {exist} in the repository"
        elif status == "untagged":
            when = f"once {n} newer untagged {images} {exist}"
        else:
            when = f"once {n} newer {images} matching {r.label} {exist}"
    elif n >= NEVER_DAYS:
        return None
    elif count_type == "sinceImagePushed":
        when = f"{days} after it was pushed" + (" (at once if it is older when it loses its tags)" if untagged else "")
    elif count_type == "sinceImagePulled":
        when = f"once it has gone {days} without a pull, and tasks that keep running do not pull"
    else:
        return None
    if action == "expire":
        return f"deletes {it} {when}"
    if action == "transition":
        return f"archives {it} {when}"
    return None


def may_protect(fate: Fate) -> bool:
    """Whether a may-claim rule before the deciding one could keep the image (through a tag we
    cannot see): then its fate is unknown, and nothing is reported."""
    return any(danger(r) is None for r in fate.may)


def exposed(policy: LifecyclePolicy, tag: str) -> Fate | None:
    """The fate of an image deployed by ``tag`` when it is reported (ECR301): the deciding
    rule removes the image, and no earlier rule may keep it."""
    fate = fate_of_tag(policy, tag)
    if fate is None or danger(fate.rule) is None or may_protect(fate):
        return None
    return fate


def caveat(rules: list[LifecycleRule]) -> str:
    """A note on earlier may-claim rules that would remove the image as well."""
    if not rules:
        return ""
    one = len(rules) == 1
    names = " and ".join(r.label for r in rules)
    return (
        f" (if the image also carries a tag that {names} select{'s' if one else ''}, "
        f"{'that rule decides' if one else 'those rules decide'} instead, and {'it also removes' if one else 'they also remove'} images)"
    )


def describe(r: LifecycleRule) -> str:
    """``tagStatus any, imageCountMoreThan 10, expire``."""
    n = r.count_number
    unit = "" if r.count_type == "imageCountMoreThan" else f" day{'s' if n != 1 else ''}"
    return f"{_text.tag_list(r)}, {r.count_type} {n}{unit}, {r.action_type}"


def who(users: list[Deployment]) -> str:
    """``task definition 'web' (containers 'web' and 'proxy')``: up to three task
    definitions, then how many more."""
    families: dict[str, list[str]] = {}
    for user in users:
        names = families.setdefault(user.td.name, [])
        if user.container.label not in names:
            names.append(user.container.label)
    parts = []
    for family, labels in families.items():
        if len(labels) == 1:
            parts.append(f"task definition '{family}' ({labels[0]})")
        else:
            names = [label.removeprefix("container ") for label in labels]
            parts.append(f"task definition '{family}' (containers {', '.join(names[:-1])} and {names[-1]})")
    if len(parts) > 3:
        more = len(parts) - 3
        return ", ".join(parts[:3]) + f" and {more} more task definition{'s' if more > 1 else ''}"
    return _text.join(parts)


def tag_list(tags: list[str], quote: bool = True) -> str:
    """`` `a`, `b` and `c` ``; past four, ``and N more``."""
    shown = [f"`{t}`" if quote else t for t in tags[:4]]
    if len(tags) > 4:
        return ", ".join(shown) + f" and {len(tags) - 4} more"
    return _text.join(shown)


def deploy_verb(users: list[Deployment]) -> str:
    """``deploys`` for one task definition, ``deploy`` for several."""
    return "deploys" if len({u.td.name for u in users}) == 1 else "deploy"


def report(policy: LifecyclePolicy, r: LifecycleRule, users: list[Deployment], message: str) -> Iterator[Violation]:
    """A finding about rule ``r`` of ``policy`` and the deployments ``users``: on the rule's
    ``selection``, or on each container's ``image`` when the policy is only context (not
    checked itself)."""
    if policy.doc.context:
        for user in users:
            yield Violation(user.container.field("image"), message, document=user.td.doc)
    else:
        yield Violation(r.at("selection"), message, "key", document=policy.doc)


def pairs(ws: Workspace) -> Iterator[tuple[LifecyclePolicy, list[Deployment]]]:
    """Each policy with the deployments of its repository."""
    known = policies(ws)
    if not known:
        return  # the common case: no policy says its repository
    deployed = deployments(ws)
    for repository, found in known.items():
        users = deployed.get(repository)
        if users:
            for policy in found:
                account = registry_id(policy)
                mine = [u for u in users if account is None or u.account in (None, account)]
                if mine:
                    yield policy, mine
