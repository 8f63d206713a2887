"""The fix loop of ``ecslint check --fix`` and ``--diff``, and writing files back.

Each pass takes the fixes of the findings left (the safe ones; the unsafe ones too with
``--unsafe-fixes``), plans their edits file by file, applies those that do not overlap an
edit already taken (the others wait for the next pass), and checks that each changed text
still parses into the same kinds of documents; a text that would not is never kept. The
files are then checked again, in memory, and the loop goes on until a pass changes nothing
(at most :data:`MAX_PASSES`). Only then is each changed file written, once: atomically
(a temporary file in its directory, its permissions, then a rename) and only if its text
on disk is still the text that was read.
"""

from __future__ import annotations

import os
import sys

from ecslint.core.fix import Fix, Proposal, Unwrap
from ecslint.fix.edits import Edit, apply, conflicts
from ecslint.fix.plan import Planned, plan

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

#: Passes of the loop: a fix that enables another needs a second; none needs ten.
MAX_PASSES = 10

#: The rule name the ``--unwrap-describe`` fixes are counted under.
UNWRAP = "unwrap-describe"


class FixSummary:
    """What ``--fix`` (or ``--diff``) did, and what is left for ``--unsafe-fixes``."""

    def __init__(self) -> None:
        #: ``fix`` (files written), ``diff`` (shown), None (a check: what is available).
        self.mode: str | None = None
        #: Fixes applied (each the fix of one finding): file path -> rule id -> how many.
        self.counts: dict[str, dict[str, int]] = {}
        #: Fixes available among the findings left: safe, and unsafe ones not applied.
        self.safe_left = 0
        self.unsafe_left = 0
        #: Files whose text changed: (the file as read, its new text).
        self.changed: list[tuple[Any, str]] = []
        #: Problems to tell on standard error (a fix that would break a file, a file
        #: changed on disk meanwhile).
        self.warnings: list[str] = []

    @property
    def applied(self) -> dict[str, int]:
        """Fixes applied, by rule id."""
        out: dict[str, int] = {}
        for rules in self.counts.values():
            for rule, n in rules.items():
                out[rule] = out.get(rule, 0) + n
        return out

    @property
    def fixed(self) -> int:
        return sum(n for rules in self.counts.values() for n in rules.values())


def proposals_of(report: Any, unsafe: bool) -> dict[Any, list[Proposal]]:
    """The proposals of the report's findings, by checked file, in report order."""
    checked = {id(f) for f in report.files}
    by_display = {f.display: f for f in report.files}
    out: dict[Any, list[Proposal]] = {}
    for finding in report.findings:
        proposal = finding.fix
        if proposal is None or not (proposal.safe or unsafe):
            continue
        # The file the document is read from, and the finding is in. A document written
        # across files (Terraform's: a heredoc in the .tf file, a JSON file ``file()``
        # loads) is fixed in the checked file the finding is in; the plan refuses a
        # change that lands elsewhere.
        file = proposal.document.file
        if hasattr(proposal.document.locator, "delegates"):
            file = by_display.get(finding.path, file)
        if id(file) not in checked or file.display != finding.path or file.context or not file.has_text() or file.problems:
            continue
        out.setdefault(file, []).append(proposal)
    return out


def unwrap_proposals(report: Any) -> dict[Any, list[Proposal]]:
    """``--unwrap-describe``: each describe-task-definition output among the checked
    files, made a register-task-definition input (its ``tags`` moved inside)."""
    out: dict[Any, list[Proposal]] = {}
    for file in report.files:
        if file.context or file.text is None or file.problems:
            continue
        for doc in file.documents:
            if doc.kind == "task-definition" and doc.shape == "describe":
                fix = Fix("unwrap describe-task-definition output into register-task-definition input", Unwrap(("tags",)))
                out.setdefault(file, []).append(Proposal(fix, doc, UNWRAP, True))
    return out


def available(report: Any) -> tuple[int, int]:
    """(safe, unsafe) fixes the findings of ``report`` offer that can be made."""
    # Only a run that released files (``ecslint.retention``) has detached the documents of
    # proposals: any other plans on the files themselves, without importing retention.
    retention = sys.modules.get("ecslint.retention")
    safe = unsafe = 0
    for file, proposals in proposals_of(report, True).items():
        if retention is None:
            planned_edits = [planned.proposal.safe for planned in plan(file, proposals) if planned.edits]
        else:
            with retention.attached(file, proposals) as target:
                planned_edits = [planned.proposal.safe for planned in plan(target, proposals) if planned.edits]
        safe += sum(planned_edits)
        unsafe += len(planned_edits) - sum(planned_edits)
    return safe, unsafe


def run(session: Any, report: Any, *, unsafe: bool = False, unwrap: bool = False) -> tuple[Any, FixSummary]:
    """Fix what the findings of ``report`` offer, in memory; the report of what is left."""
    summary = FixSummary()
    originals: dict[str, Any] = {}
    if session.restore():
        report = session.lint()  # with the documents the fixes edit
    for _ in range(MAX_PASSES):
        wanted = proposals_of(report, unsafe)
        if unwrap:
            for file, proposals in unwrap_proposals(report).items():
                wanted[file] = proposals + wanted.get(file, [])
        changed = False
        for file, proposals in wanted.items():
            new = _fix_file(session, file, plan(file, proposals), summary)
            if new is not None:
                originals.setdefault(file.path, file)
                session.replace(file, new)
                changed = True
        if not changed:
            break
        report = session.lint()
    current = {f.path: f for f in report.files}
    for path, original in originals.items():
        now = current.get(path)
        if now is not None and now.text != original.text:
            summary.changed.append((original, now.text))
    summary.safe_left, summary.unsafe_left = available(report)
    if unsafe:
        summary.safe_left += summary.unsafe_left
        summary.unsafe_left = 0
    return report, summary


def _fix_file(session: Any, file: Any, planned: list[Planned], summary: FixSummary) -> Any:
    """Apply the fixes of one file that do not overlap; the file read from the new text,
    or None when nothing changed."""
    taken: list[Planned] = []
    edits: list[Edit] = []
    duplicates: list[Planned] = []
    for item in planned:
        if not item.edits:
            continue
        if all(e in edits for e in item.edits):
            duplicates.append(item)  # another rule proposed the very same edits
            continue
        if conflicts(item.edits, edits):
            continue
        taken.append(item)
        edits.extend(item.edits)
    if not taken:
        return None
    new = _valid(session, file, apply(file.text, edits))
    if new is None:
        # Something in the batch breaks the file: keep the fixes that do not, one by one.
        kept: list[Edit] = []
        good: list[Planned] = []
        for item in taken:
            candidate = _valid(session, file, apply(file.text, kept + item.edits))
            if candidate is None:
                summary.warnings.append(
                    f"{file.display}: the fix of {item.proposal.rule} ({item.proposal.fix.title}) would leave the file "
                    "unreadable or change what it holds; not applied. Please report this bug."
                )
                continue
            new = candidate
            kept.extend(item.edits)
            good.append(item)
        taken = good
        duplicates = [d for d in duplicates if all(e in kept for e in d.edits)]
        if not taken:
            return None
    counts = summary.counts.setdefault(file.path, {})
    for item in taken + duplicates:
        counts[item.proposal.rule] = counts.get(item.proposal.rule, 0) + 1
    return new


def _valid(session: Any, file: Any, text: str) -> Any:
    """``text`` read as ``file``'s new content, if it parses with no new problem into
    documents of the same kinds; else None."""
    if text == file.text:
        return None
    new = session.parse(file, text)
    if new.problems and not file.problems:
        return None
    if sorted(d.kind for d in new.documents) != sorted(d.kind for d in file.documents):
        return None
    return new


# -- output --------------------------------------------------------------------------------


def unified_diff(display: str, old: str, new: str) -> str:
    """``diff -u`` of one file (``\\ No newline at end of file`` where due)."""
    import difflib

    out = []
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), display, display):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_all(session: Any, report: Any, summary: FixSummary) -> tuple[Any, bool]:
    """Write every changed file; a file that cannot be written keeps its text, its fixes
    are not counted, and the report is made again with it as it is. (report, all written)"""
    failed = []
    for file, text in summary.changed:
        try:
            write(file, text)
        except Unwritten as exc:
            summary.warnings.append(f"{file.display}: {exc}")
            failed.append(file)
    if not failed:
        return report, True
    current = {f.path: f for f in session.files}
    for file in failed:
        session.replace(current[file.path], file)
        summary.changed = [(f, t) for f, t in summary.changed if f is not file]
        summary.counts.pop(file.path, None)
    report = session.lint()
    summary.safe_left, summary.unsafe_left = available(report)
    return report, False


class Unwritten(Exception):
    """A fixed file that was not written; the message says why."""


def write(file: Any, text: str) -> None:
    """Write ``text`` as the new content of ``file`` (as it was read), atomically, in the
    file's own encoding, keeping its permissions; refuse when its text on disk changed
    since it was read. Raises :class:`Unwritten`."""
    from ecslint.load.errors import LoadError
    from ecslint.load.files import read_regular, replacing
    from ecslint.load.reader import MAX_BYTES
    from ecslint.load.text import decode, encoding_of

    real = os.path.realpath(file.path)  # a symbolic link stays a link to the fixed file
    try:
        data = read_regular(real, MAX_BYTES)
        on_disk = decode(data)
    except (OSError, LoadError) as exc:
        raise Unwritten(f"cannot read it again before writing: {getattr(exc, 'strerror', None) or exc}") from None
    if on_disk != file.text:
        raise Unwritten("it changed on disk while ecslint was fixing it; not written, run again")
    mode = os.stat(real)
    if not os.access(real, os.W_OK) or not mode.st_mode & 0o222:
        raise Unwritten("it is read-only; not written")  # (no write bit: read-only even for root)
    bom, encoding = encoding_of(data)
    try:
        content = bom + text.encode(encoding)
    except UnicodeEncodeError:
        raise Unwritten(f"the fixed text cannot be written in {encoding}") from None
    try:
        with replacing(real) as out:
            out.write(content)
    except OSError as exc:
        raise Unwritten(f"cannot write it: {exc.strerror or exc}") from None
