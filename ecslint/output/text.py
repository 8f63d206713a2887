"""Human output: one line per finding, a source excerpt with a caret on a terminal, a summary.

``path:line:col: ID [severity] message (name)`` is the contract (editors and CI log parsers
read it); the excerpt and colours are for people, so they appear only on a terminal, and
colours honour ``NO_COLOR`` (https://no-color.org) and ``--no-color``.
"""

from __future__ import annotations

from typing import TextIO

from ecslint.core.finding import Finding, Severity
from ecslint.engine import Report

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTE: "36"}


def write(report: Report, out: TextIO, *, excerpt: bool, color: bool, verbose: bool = False, quiet: bool = False) -> None:
    paint = _painter(color)
    sources = {f.display: f for f in report.files}
    for finding in report.findings:
        severity = paint(finding.severity.label, _COLORS[finding.severity])
        location = paint(f"{finding.path}:{finding.region.line}:{finding.region.column}:", "1")
        out.write(f"{location} {paint(finding.rule, '1')} [{severity}] {finding.message} ({finding.name})\n")
        if excerpt:
            out.write(_excerpt(finding, sources.get(finding.path), paint))
    if verbose:
        for file in report.skipped:
            out.write(f"{file.display}: skipped: {file.skipped}\n")
    if not quiet:
        out.write(summary(report) + "\n")


def summary(report: Report) -> str:
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
    tail = f" Checked {checked} file{'s' if checked != 1 else ''}"
    if skipped:
        tail += f", skipped {skipped} that hold{'s' if skipped == 1 else ''} no ECS document (--verbose lists them)"
    tail += "."
    if report.suppressed:
        tail += f" {report.suppressed} suppressed."
    return head + tail


def _excerpt(finding: Finding, file: object, paint) -> str:
    lines = getattr(file, "lines", None)
    if lines is None:
        return ""
    text = lines.line_text(finding.region.line)
    if not text.strip():
        return ""
    width = len(str(finding.region.line))
    start = finding.region.column - 1
    end = finding.region.end_column - 1 if finding.region.end_line == finding.region.line else len(text)
    marker = " " * start + "^" * max(1, min(end, len(text)) - start)
    gutter = paint(f"{finding.region.line:>{width}} |", "2")
    blank = paint(f"{'':>{width}} |", "2")
    return f"{gutter} {text.expandtabs(1)}\n{blank} {paint(marker, _COLORS[finding.severity])}\n"


def _painter(color: bool):
    if not color:
        return lambda text, code: text
    return lambda text, code: f"\x1b[{code}m{text}\x1b[0m"
