"""Rule metadata and the ``@rule`` decorator.

A rule is one function plus the facts users rely on: its id and name (a contract, see the
catalog), default severity, the document kinds it reads, tags, the AWS page its fact comes
from, and options with defaults. The function's docstring is the rule's page: the reference
under ``rules/`` and ``ecslint rule ID`` are generated from it, so metadata lives once.
"""

from __future__ import annotations

import functools
import re

from ecslint.core.compliance import Reference, references
from ecslint.core.finding import Severity, Violation
from ecslint.core.records import NamedTuple

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Literal

#: ``file`` rules see one loaded file (syntax, duplicate keys); ``document`` rules see one
#: typed document; ``workspace`` rules see every document of the run together.
if TYPE_CHECKING:
    Scope = Literal["file", "document", "workspace"]
else:
    Scope = str  # the names of annotations only: typing is not imported at run time

KINDS = (
    "task-definition", "service", "lifecycle-policy", "repository", "cluster", "capacity-provider", "target-group", "workflow",
)

#: Where a built-in rule's page is published: the page committed under ``rules/`` at the tag
#: of the released version, so that the link a report carries matches the rule that ran.
PAGE_URL = "https://github.com/ecslint/ecslint/blob/v{version}/rules/{id}.md"

#: Built-in ids are ECSnnn and ECRnnn; plugins bring their own prefix (``ACME001``).
_ID = re.compile(r"^[A-Z]{2,8}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The sections of a rule's page, in order (``docs.page`` writes them; ``section`` reads one).
SECTIONS = ("What it does", "Why it matters", "Example", "How to fix")


class Option(NamedTuple):
    """A per-rule setting (``[tool.ecslint.rules.<id or name>]`` in the config). A value
    of another ``kind``, or one ``valid`` refuses, is a configuration error (exit 2) that
    quotes ``help``: a rule never sees a value it cannot use."""

    default: Any
    kind: type | tuple[type, ...]
    help: str
    valid: Callable[[Any], bool] | None = None


def non_negative(value: int) -> bool:
    """For ``Option.valid``: an integer of 0 or more."""
    return value >= 0


def positive(value: int) -> bool:
    """For ``Option.valid``: an integer of 1 or more."""
    return value >= 1


def strings(value: list | tuple) -> bool:
    """For ``Option.valid``: a list whose every item is a string."""
    return all(isinstance(item, str) for item in value)


class Rule(NamedTuple):
    id: str
    name: str
    severity: Severity
    scope: Scope
    kinds: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    check: Callable[..., Iterable[Violation]] | None
    #: The docstring as written; ``doc`` is its cleaned form, computed when a page, a
    #: summary or SARIF needs it (cleaning a hundred docstrings at import costs start-up).
    raw_doc: str
    enabled: bool = True
    security_severity: float | None = None
    #: Always given by ``@rule`` (a NamedTuple's default would be one shared dict).
    options: dict[str, Option] | None = None
    #: Set for rules whose findings the engine itself produces (internal errors).
    engine_only: bool = False
    #: The controls of other frameworks this rule checks (``ecslint.core.compliance``).
    compliance: tuple[Reference, ...] = ()
    #: The rule's page on the web (SARIF ``helpUri``): a built-in rule's page at the tag of
    #: this version; for a plugin's rule the URL it gives (``url=``), else none.
    help_uri: str | None = None
    #: Whether its findings may carry a fix: ``"safe"`` (``--fix`` applies it), ``"unsafe"``
    #: (only with ``--unsafe-fixes``: it changes what runs, or costs money), or None.
    fix: str | None = None

    @property
    def doc(self) -> str:
        return _clean(self.raw_doc)

    @property
    def order(self) -> tuple[bool, str]:
        """Catalog order: the ECS rules, then the ECR rules, each by number."""
        return (self.id.startswith("ECR"), self.id)

    @property
    def summary(self) -> str:
        """First line of the docstring: one sentence that says what the rule reports."""
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.name

    def section(self, title: str) -> str:
        """The text of one ``title:`` section of the docstring (empty when absent)."""
        return _sections(self.doc).get(title, "")


# ``inspect`` and ``textwrap`` are imported here, not at the top: only pages, ``ecslint
# rules`` and SARIF read docstrings, and ``inspect`` alone costs ~6 ms of every run's start-up.


@functools.cache
def _clean(raw: str) -> str:
    import inspect

    return inspect.cleandoc(raw)


@functools.cache
def _sections(doc: str) -> dict[str, str]:
    """The sections of a cleaned docstring, each dedented and stripped."""
    import textwrap

    body: dict[str, list[str]] = {}
    current = None
    for line in doc.splitlines()[1:]:
        header = line.rstrip(":")
        if line.endswith(":") and header in SECTIONS + ("Options", "Notes"):
            current = header
            body[current] = []
        elif current is not None:
            body[current].append(line)
    return {k: textwrap.dedent("\n".join(v)).strip() for k, v in body.items()}


def rule(
    *,
    id: str,
    name: str,
    severity: str,
    kinds: Iterable[str] = (),
    scope: Scope = "document",
    tags: Iterable[str] = (),
    sources: Iterable[str] = (),
    enabled: bool = True,
    security_severity: float | None = None,
    options: dict[str, Option] | None = None,
    engine_only: bool = False,
    compliance: Iterable[str] = (),
    url: str | None = None,
    fix: str | None = None,
) -> Callable[[Callable[..., Iterable[Violation]]], Rule]:
    """Declare a rule. The decorated function becomes the :class:`Rule`'s ``check``.

    Metadata is validated here, at import, so a malformed rule fails the test suite rather
    than a user's run. ``compliance`` lists the controls the rule checks, as
    ``"framework:control"`` (``"security-hub:ECS.20"``; see ``ecslint.core.compliance``).
    ``url`` is the rule's page for a plugin's rule (a built-in rule's page is
    :data:`PAGE_URL`). A rule tagged ``security`` must give its ``security_severity`` (the
    CVSS-like score GitHub code scanning ranks security alerts by; enforced here for the
    built-in rules).
    ``fix`` is ``"safe"`` or ``"unsafe"`` when the rule attaches fixes to its violations
    (``ecslint.core.fix``); the fixes of a rule without it are ignored.
    """

    def decorate(fn: Callable[..., Iterable[Violation]]) -> Rule:
        doc = fn.__doc__ or ""
        if not _ID.match(id):
            raise ValueError(f"rule id {id!r} is not a prefix of capitals and three digits (ECS101)")
        if not _NAME.match(name):
            raise ValueError(f"rule name {name!r} is not kebab-case")
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"{id}: unknown kinds {sorted(unknown)}")
        if not doc.strip():
            raise ValueError(f"{id}: a rule needs a docstring (it is the rule's page)")
        if not sources:
            raise ValueError(f"{id}: a rule must cite the AWS source of its fact")
        if isinstance(compliance, str):
            raise ValueError(f"{id}: compliance must be a tuple of references, not one string")
        refs = references(tuple(compliance), id)
        tagged = tuple(tags)
        builtin = fn.__module__.startswith("ecslint.")
        if builtin and "security" in tagged and security_severity is None:
            raise ValueError(f"{id}: a rule tagged `security` needs a security_severity (0.1-10.0)")
        if security_severity is not None and not 0.1 <= security_severity <= 10.0:
            raise ValueError(f"{id}: security_severity must be between 0.1 and 10.0")
        help_uri = url
        if help_uri is None and builtin:
            from ecslint import __version__

            help_uri = PAGE_URL.format(version=__version__, id=id)
        if fix is not None and fix not in ("safe", "unsafe"):
            raise ValueError(f"{id}: fix must be 'safe', 'unsafe' or None, not {fix!r}")
        return Rule(
            id=id,
            name=name,
            severity=Severity.parse(severity),
            scope=scope,
            kinds=tuple(kinds),
            tags=tagged,
            sources=tuple(sources),
            check=None if engine_only else fn,
            raw_doc=doc,
            enabled=enabled,
            security_severity=security_severity,
            options=dict(options or {}),
            engine_only=engine_only,
            compliance=refs,
            help_uri=help_uri,
            fix=fix,
        )

    return decorate
