"""What a rule says and where it says it.

A rule yields :class:`Violation` objects: a path into its document's API-shaped data and a
message. It never computes lines. The engine turns each violation into a :class:`Finding`
by stamping the rule's id, name and (possibly overridden) severity, the file, the exact
:class:`Region` from the document's source map, and a fingerprint.
"""

from __future__ import annotations

from enum import IntEnum

from ecslint.core.records import NamedTuple

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Literal

#: A path into JSON-like data: object keys and array indices, outermost first.
Path = tuple["str | int", ...]

#: What a violation points at: the key of a member ("present but wrong", or, on a parent,
#: "missing") or the whole value ("bad value").
if TYPE_CHECKING:
    Target = Literal["key", "value"]
else:
    Target = str  # the names of annotations only: typing is not imported at run time


class Severity(IntEnum):
    """Default severities of the catalog, ordered so that comparisons mean "at least"."""

    NOTE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or note)") from None


#: The thresholds of ``--fail-on`` and the config's ``fail-on``: a severity, or never fail.
FAIL_ON = ("error", "warning", "note", "never")


class Region(NamedTuple):
    """A span in a text file: 1-based lines and columns (Unicode code points); the end
    column is exclusive, as in SARIF."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Region:
        return cls(line, column, line, column + 1)


def pointer(path: Path) -> str:
    """RFC 6901 JSON pointer for ``path`` (``""`` is the document root)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def render_path(path: Path) -> str:
    """Human-readable path for messages: ``containerDefinitions[0].portMappings[1]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Violation:
    """One problem a rule found.

    ``path`` points into the document the rule was given. ``region`` is set only by the
    few rules that read positions straight from the loader (syntax errors, duplicate
    keys); every other rule leaves it to the engine. ``document`` is set by workspace
    rules, which look at several documents and must say which one the finding is in.
    ``severity`` raises (or lowers) this finding from the rule's default, for a sub-case
    the catalog grades differently (a public IP is a warning on Fargate, an error on EC2);
    a severity the user configured for the rule still wins. ``about`` names the other
    documents a finding concerns: a finding in a ``--context`` file is reported when one
    of them is being checked (a workflow, read as context, renders a container that the
    task definition being committed no longer has). ``fix`` is the repair the rule
    proposes (:class:`ecslint.core.fix.Fix`), for a rule whose metadata declares one.

    (Plain classes rather than dataclasses here and in the other types the start-up path
    builds: importing ``dataclasses`` and creating them costs ~15 ms of the 100 ms budget.)
    """

    __slots__ = ("path", "message", "target", "region", "document", "severity", "about", "fix")

    def __init__(
        self,
        path: Path,
        message: str,
        target: Target = "value",
        region: Region | None = None,
        document: Any = None,
        severity: Severity | None = None,
        about: tuple = (),
        fix: Any = None,
    ):
        self.path = path
        self.message = message
        self.target = target
        self.region = region
        self.document = document
        self.severity = severity
        self.about = about
        self.fix = fix

    def __repr__(self) -> str:
        return f"Violation({self.path!r}, {self.message!r})"


class Finding:
    """A located, attributed violation, ready for reporting."""

    __slots__ = ("rule", "name", "severity", "message", "path", "region", "pointer", "fingerprint", "logical", "scenario", "relpath", "fix")

    def __init__(
        self,
        rule: str,
        name: str,
        severity: Severity,
        message: str,
        path: str,
        region: Region,
        pointer: str,
        fingerprint: str = "",
        logical: str = "",
        relpath: str = "",
    ):
        self.rule = rule
        self.name = name
        self.severity = severity
        self.message = message
        self.path = path
        self.region = region
        self.pointer = pointer
        self.fingerprint = fingerprint
        self.logical = logical
        #: For a template read once per combination of its conditions: which one found
        #: it (None: found in the file as a whole). The engine merges these.
        self.scenario: int | None = None
        #: The file's path from the report root (the repository's top, else the working
        #: directory), with ``/``: what JSON, SARIF, GitHub annotations and baselines show,
        #: the same from any directory of the repository. ``path`` is the file as the
        #: text report shows it: relative to the working directory, as given outside it.
        self.relpath = relpath or path
        #: The repair the rule proposes (an :class:`ecslint.core.fix.Proposal`), if any.
        self.fix: Any = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.region.line, self.region.column, self.rule)

    def __repr__(self) -> str:
        return f"Finding({self.rule} {self.path}:{self.region.line}:{self.region.column})"

    def __reduce__(self) -> tuple:
        """How a worker sends a finding to the parent (``ecslint.parallel``): one flat
        tuple. Pickle's way for slots (a dict of them per finding, then a call to rebuild
        the severity and another the region) took 2.7 times as long both ways: 0.7 s of
        the workers' and 0.5 s of the parent's time at 10,000 corpus files."""
        return (
            _unpickled,
            (self.rule, self.name, self.severity.value, self.message, self.path, *self.region, self.pointer,
             self.fingerprint, self.logical, self.scenario, self.relpath, self.fix),
        )


def _unpickled(
    rule: str, name: str, severity: int, message: str, path: str, line: int, column: int, end_line: int, end_column: int,
    pointer: str, fingerprint: str, logical: str, scenario: int | None, relpath: str, fix: Any,
) -> Finding:
    """A :class:`Finding` from :meth:`Finding.__reduce__`'s tuple."""
    finding = Finding.__new__(Finding)
    finding.rule, finding.name, finding.severity, finding.message, finding.path = (
        rule, name, _SEVERITIES[severity], message, path,
    )
    finding.region = tuple.__new__(Region, (line, column, end_line, end_column))
    finding.pointer, finding.fingerprint, finding.logical, finding.scenario, finding.relpath, finding.fix = (
        pointer, fingerprint, logical, scenario, relpath, fix,
    )
    return finding


#: The severities by value, for :func:`_unpickled` (an enum's call is slow).
_SEVERITIES = {s.value: s for s in Severity}
