"""Machine output: one JSON object (DESIGN §4), stable field names and order.

Paths are relative to the report root (the top of the git work tree, else the working
directory), as in SARIF, GitHub annotations and baselines: the same report from any
directory of the repository."""

from __future__ import annotations

import json
from typing import TextIO

from ecslint import __version__
from ecslint.core.finding import Severity
from ecslint.engine import Report


def document(report: Report, *, statistics: bool = False) -> dict:
    counts = {s.label: 0 for s in Severity}
    for f in report.findings:
        counts[f.severity.label] += 1
    dominant = report.dominant_skip_reason() if report.nothing_checked else None
    fixes = report.fixes
    out = {
        "version": __version__,
        "findings": [
            {
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
            for f in report.findings
        ],
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


def _relpath(report: Report, path: str) -> str:
    from ecslint.load.discover import relative_to, report_root

    if report.root is None:
        report.root = report_root()
    return relative_to(path, report.root)


def write(report: Report, out: TextIO, *, statistics: bool = False) -> None:
    json.dump(document(report, statistics=statistics), out, indent=2, ensure_ascii=False)
    out.write("\n")
