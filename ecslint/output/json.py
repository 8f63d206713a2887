"""Machine output: one JSON object (DESIGN §4), stable field names and order.

Paths are relative to the report root (the top of the git work tree, else the working
directory), as in SARIF, GitHub annotations and baselines: the same report from any
directory of the repository."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

from ecslint import __version__
from ecslint.core.finding import Finding, Severity
from ecslint.engine import Report

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import TextIO


def document(report: Report, *, statistics: bool = False, entries: bool = True) -> dict:
    """The report as one object; without ``entries``, the findings stand for their entries
    (:func:`write` makes each as it writes it)."""
    counts = {s.label: 0 for s in Severity}
    for f in report.findings:
        counts[f.severity.label] += 1
    dominant = report.dominant_skip_reason() if report.nothing_checked else None
    fixes = report.fixes
    out = {
        "version": __version__,
        "findings": [_entry(f) for f in report.findings] if entries else [_HOLE] if report.findings else [],
        "summary": {
            "files": len(report.files),
            "checked": len(report.checked),
            "skipped": len(report.skipped),
            "findings": len(report.findings),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "notes": counts["note"],
            "suppressed": report.suppressed,
            # No file held an ECS document: the run passed without checking anything.
            "nothingChecked": report.nothing_checked,
            # Then the reason the loader gave for most of the skipped files, if one did.
            "nothingCheckedReason": dominant[0] if dominant else None,
            # Fixes applied by --fix (or shown by --diff), and those the findings left offer.
            "fixes": {
                "applied": fixes.fixed if fixes is not None else 0,
                "available": fixes.safe_left if fixes is not None else 0,
                "availableUnsafe": fixes.unsafe_left if fixes is not None else 0,
            },
        },
        "skipped": [{"path": _relpath(report, f.path), "reason": f.skipped} for f in report.skipped],
    }
    if statistics:
        out["statistics"] = [{"rule": rule, "name": name, "count": count} for count, rule, name in report.statistics()]
    return out


def _entry(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.message,
        "path": f.relpath,
        "line": f.region.line,
        "column": f.region.column,
        "endLine": f.region.end_line,
        "endColumn": f.region.end_column,
        "pointer": f.pointer,
        "fingerprint": f.fingerprint,
    }


def _relpath(report: Report, path: str) -> str:
    from ecslint.load.discover import relative_to, report_root

    if report.root is None:
        report.root = report_root()
    return relative_to(path, report.root)


#: Stands for the findings while the rest of the document is encoded (never in a message:
#: a finding's text is encoded, and this is no valid encoding of a string).
_HOLE = "\x00findings\x00"


def write(report: Report, out: TextIO, *, statistics: bool = False) -> None:
    """The document, as ``json.dump(..., indent=2, ensure_ascii=False)`` writes it. The
    findings, a flat object each, are written by :func:`_finding` with the encoder's C
    string escaping: json's indenting encoder is pure Python, and took most of the time
    of a report of tens of thousands of findings."""
    doc = document(report, statistics=statistics, entries=False)
    findings = report.findings
    if not findings:
        json.dump(doc, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    head, _, tail = json.dumps(doc, indent=2, ensure_ascii=False).partition(f"    {json.dumps(_HOLE)}")
    out.write(head)
    separator = ""
    # One at a time, each entry made as it is written: the report of 50,000 files is tens
    # of MB, and the entries of its findings held at once were ~7 MB more at its peak.
    for finding in findings:
        out.write(separator)
        out.write(_finding(_entry(finding)))
        separator = ",\n"
    out.write(tail)
    out.write("\n")


def _finding(entry: dict) -> str:
    """One finding as the indenting encoder writes it in the findings array."""
    members = []
    for key, value in entry.items():
        if isinstance(value, str):
            text = encode_basestring(value)
        elif value is None:
            text = "null"
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, int):
            text = int.__repr__(value)
        else:
            text = json.dumps(value, ensure_ascii=False)
        members.append(f"      {encode_basestring(key)}: {text}")
    return "    {\n" + ",\n".join(members) + "\n    }"
