"""Human output: one line per finding, a source excerpt with a caret on a terminal, a summary.

``path:line:col: ID [severity] message (name)`` is the contract (editors and CI log parsers
read it); the excerpt and colours are for people, so they appear only on a terminal, and
colours honour ``NO_COLOR`` (https://no-color.org) and ``--no-color``.
"""

from __future__ import annotations

from functools import lru_cache

from ecslint.core.finding import Finding, Region, Severity
from ecslint.engine import Report
from ecslint.load.source import SourceFile
from ecslint.output.escape import excerpt as _visible
from ecslint.output.escape import printable

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import TextIO

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}


def write(
    report: Report, out: TextIO, *, excerpt: bool, color: bool, verbose: bool = False, quiet: bool = False, statistics: bool = False
) -> None:
    paint = _painter(color)
    sources = report.sources
    file = None
    secrets: dict[str, list[Region] | None] = {}
    if statistics:
        out.write(_statistics(report, paint))
    for finding in report.findings if not statistics else ():
        severity = paint(finding.severity.label, _COLORS[finding.severity])
        # Paths and messages carry names from the files: escaped, no newline or escape
        # sequence of theirs reaches the report.
        location = paint(f"{printable(finding.path)}:{finding.region.line}:{finding.region.column}:", "1")
        out.write(f"{location} {paint(finding.rule, '1')} [{severity}] {printable(finding.message)} ({finding.name})\n")
        if excerpt:
            if finding.path not in secrets:
                file = sources.get(finding.path)
                if file is not None and file.released is not None:
                    from ecslint.retention import readable

                    file = readable(file)  # a big run's released file, read again from its text
                secrets[finding.path] = _secret_regions(file)
            out.write(_excerpt(finding, file, paint, secrets[finding.path]))
    if verbose:
        for file in report.skipped:
            out.write(f"{printable(file.display)}: skipped: {printable(file.skipped or '')}\n")
    if not quiet:
        out.write(summary(report) + "\n")


def _statistics(report: Report, paint) -> str:
    """``--statistics``: one line per rule that reported, ``count<TAB>id<TAB>name``, the
    most frequent first (ruff's table)."""
    rows = report.statistics()
    if not rows:
        return ""
    width = len(str(rows[0][0]))
    id_width = max(len(rule) for _, rule, _ in rows)
    return "".join(f"{count:>{width}}\t{paint(f'{rule:<{id_width}}', '1')}\t{name}\n" for count, rule, name in rows)


def summary(report: Report) -> str:
    if report.nothing_checked:
        return _nothing_checked(report)
    counts = {s: 0 for s in Severity}
    for f in report.findings:
        counts[f.severity] += 1
    total = len(report.findings)
    checked, skipped = len(report.checked), len(report.skipped)
    files_with = len({f.path for f in report.findings})
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in sorted(Severity, reverse=True) if counts[s]]
    head = (
        f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files_with} file{'s' if files_with != 1 else ''}."
        if total
        else "No problems found."
    )
    # A file another one loads (a `file()` of a Terraform module) is checked as part of it.
    loaded = len(report.loaded)
    skipped -= loaded
    tail = f" Checked {checked} file{'s' if checked != 1 else ''}"
    if loaded:
        tail += f" (and {loaded} {'it loads' if checked == 1 else 'they load'})"
    if skipped:
        tail += f", skipped {skipped} that hold{'s' if skipped == 1 else ''} no ECS document (--verbose lists them)"
    tail += "."
    if report.suppressed:
        tail += f" {report.suppressed} suppressed."
    fixes = report.fixes
    if fixes is None:
        return head + tail
    return _fixes_head(fixes, head, total, files_with) + tail + _fixes_left(fixes)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _fixes_head(fixes, head: str, total: int, files_with: int) -> str:
    """``--fix``: what was fixed, then what is left; ``--diff``: what would be."""
    fixed, files = fixes.fixed, len(fixes.changed)
    if fixes.mode == "fix" and fixed:
        return f"Fixed {_plural(fixed, 'problem')} in {_plural(files, 'file')}. {head}"
    if fixes.mode == "diff" and fixed:
        left = head[len("Found ") :].rstrip(".") if total else "no problem"
        return f"Would fix {_plural(fixed, 'problem')} in {_plural(files, 'file')}, leaving {left}."
    return head


def _fixes_left(fixes) -> str:
    """The fixes the findings left still offer."""
    safe, unsafe = fixes.safe_left, fixes.unsafe_left
    if fixes.mode is None:
        if safe and unsafe:
            return f" {safe} fixable with --fix ({unsafe} more with --unsafe-fixes)."
        if safe:
            return f" {safe} fixable with --fix."
        if unsafe:
            return f" {unsafe} fixable with --fix --unsafe-fixes."
        return ""
    out = ""
    if safe:
        out += f" {safe} more fixable: run again."
    if unsafe:
        out += f" {unsafe} more fixable with --unsafe-fixes."
    return out


def _nothing_checked(report: Report) -> str:
    """What to say when no file held an ECS document: plainly that nothing was checked, and
    why when one of the reasons the loader recorded covers most of the files."""
    skipped = len(report.skipped)
    if not skipped:
        return "No JSON or YAML file found: nothing was checked."
    head = f"No ECS document found in {skipped} file{'s' if skipped != 1 else ''}: nothing was checked."
    dominant = report.dominant_skip_reason()
    if dominant is None:
        return f"{head} --verbose says why for each file."
    reason, count = dominant
    if count < skipped:
        return f"{head} {count} of {skipped} skipped: {reason}. --verbose says why for each file."
    which = {1: "Skipped", 2: "Both skipped"}.get(skipped, f"All {skipped} skipped")
    return f"{head} {which}: {reason}."


def _secret_regions(file: SourceFile | None) -> list[Region] | None:
    """Where ``file`` holds plain-text secrets, by ECS403's own detector, run here whether
    ECS403 was selected, ignored, suppressed or baselined, and the values of the name/value
    entries written over several lines whose name says they hold a secret, read from the
    text as written (duplicate keys, anchors that aliases and merge keys reach): no excerpt
    may print a secret, whichever finding it is shown for. Each printed line is also
    scanned for what looks secret (:func:`_mask`). None when the detector fails: then no
    excerpt."""
    if file is None:
        return []
    from ecslint.core.context import Context
    from ecslint.model import view
    from ecslint.rules.security.secret_in_environment import entry_value_spans, secret_in_environment

    try:
        regions = [
            Region(line, s + 1, line, e + 1)
            for line, spans in entry_value_spans(file.text or "").items()
            for s, e in spans
        ]
        return regions + [
            v.region or doc.region(v.path, v.target)
            for doc in file.documents
            if doc.kind == "task-definition"
            for v in secret_in_environment.check(view(doc), Context())
        ]
    except Exception:  # the rule's own crash is reported as ECS008; here, print nothing
        return None


def _excerpt(finding: Finding, file: object, paint, secrets: list[Region] | None = None) -> str:
    lines = getattr(file, "lines", None)
    if lines is None or secrets is None:
        return ""
    text = lines.line_text(finding.region.line)
    if not text.strip():
        return ""
    width = len(str(finding.region.line))
    start = finding.region.column - 1
    end = finding.region.end_column - 1 if finding.region.end_line == finding.region.line else len(text)
    text, start, end = _mask(text, finding.region.line, secrets, start, end)
    text, start, end = _window(text, start, min(end, len(text)))
    marker = " " * start + "^" * max(1, end - start)
    gutter = paint(f"{finding.region.line:>{width}} |", "2")
    blank = paint(f"{'':>{width}} |", "2")
    return f"{gutter} {_visible(text).expandtabs(1)}\n{blank} {paint(marker, _COLORS[finding.severity])}\n"


#: The most of a source line an excerpt shows: a minified file is one line of megabytes, and
#: printing it whole for each of its findings wrote gigabytes to the terminal.
EXCERPT_WIDTH = 120
#: How much of the line before the finding's column a cut excerpt keeps.
_LEAD = 40


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """A line longer than :data:`EXCERPT_WIDTH` cut to that width around the caret span
    ``start:end`` (its beginning when the span is wider), an ellipsis where it was cut, as
    ruff and rustc do; the span moved along and clamped to what is shown."""
    if len(text) <= EXCERPT_WIDTH:
        return text, start, end
    low = max(0, min(start - _LEAD, len(text) - EXCERPT_WIDTH))
    high = low + EXCERPT_WIDTH
    head = "…" if low else ""
    tail = "…" if high < len(text) else ""
    shift = len(head) - low
    return head + text[low:high] + tail, start + shift, min(end, high) + shift


def _mask(text: str, line: int, secrets: list[Region], start: int, end: int) -> tuple[str, int, int]:
    """``text`` (line ``line``) with every secret span on it replaced by a fixed mask (its
    quotes kept), and the caret span ``start:end`` moved along: the values the secret
    detector found in the file (``secrets``), and whatever looks secret in the line itself,
    whichever field it is in (a command, a label, a log option, an anchor's value)."""
    from ecslint.rules.security.secret_in_environment import mask_spans

    spans = []
    for r in secrets:
        if r.line <= line <= r.end_line:
            s = r.column - 1 if r.line == line else len(text) - len(text.lstrip())
            e = r.end_column - 1 if r.end_line == line else len(text)
            s, e = max(0, s), min(len(text), e)
            if e - s >= 2 and text[s] in "\"'" and text[e - 1] == text[s]:
                s, e = s + 1, e - 1  # the quotes stay
            spans.append((s, e))
    text, (start, end) = mask_spans(text, spans, start, end)
    text, (start, end) = mask_spans(text, _line_secrets(text), start, end)
    return text, start, end


@lru_cache(maxsize=64)
def _line_secrets(text: str) -> list[tuple[int, int]]:
    """What looks secret on a line, scanned once however many findings show the line."""
    from ecslint.rules.security.secret_in_environment import secret_spans

    return secret_spans(text, random=True)


def _painter(color: bool):
    if not color:
        return lambda text, code: text
    return lambda text, code: f"\x1b[{code}m{text}\x1b[0m"
