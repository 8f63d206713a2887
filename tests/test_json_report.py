"""The JSON report is written as ``json.dump(document, indent=2, ensure_ascii=False)``
writes it, byte for byte, though its findings are written without json's slow indenting
encoder (``ecslint.output.json.write``)."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ecslint.core.finding import Finding, Region, Severity
from ecslint.engine import Report
from ecslint.load.source import SourceFile
from ecslint.output import json as reporter

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def reports(draw) -> Report:
    findings = []
    for _ in range(draw(st.integers(0, 6))):
        line, column = draw(st.integers(1, 10**6)), draw(st.integers(1, 10**6))
        finding = Finding(
            rule=draw(st.sampled_from(["ECS001", "ECS403", "ECR201"])),
            name=draw(TEXT),
            severity=draw(st.sampled_from(list(Severity))),
            message=draw(TEXT),
            path=draw(TEXT),
            region=Region(line, column, line + draw(st.integers(0, 3)), column + 1),
            pointer=draw(TEXT),
            fingerprint=draw(TEXT),
        )
        findings.append(finding)
    files = []
    for name in draw(st.lists(TEXT.filter(lambda s: s and "\x00" not in s), max_size=3)):
        file = SourceFile(name, name)
        file.skipped = draw(TEXT)
        files.append(file)
    report = Report(findings, files, [])
    report.root = "."
    return report


@settings(max_examples=300, deadline=None)
@given(reports(), st.booleans())
def test_the_report_is_what_json_dump_writes(report, statistics):
    expected = io.StringIO()
    json.dump(reporter.document(report, statistics=statistics), expected, indent=2, ensure_ascii=False)
    expected.write("\n")
    written = io.StringIO()
    reporter.write(report, written, statistics=statistics)
    assert written.getvalue() == expected.getvalue()


def test_the_entries_of_the_findings_are_made_one_at_a_time():
    """A report of 50,000 files has tens of thousands of findings: their entries are made
    as they are written, never all held at once (~650 bytes each)."""
    import tracemalloc

    findings = [
        Finding("ECS001", "name", Severity.ERROR, "message", "td.json", Region(n, 1, n, 2), "/family", f"{n:016x}:1")
        for n in range(1, 3001)
    ]
    report = Report(findings, [], [])

    class Sink:
        def write(self, text: str) -> None:
            pass

    tracemalloc.start()
    try:
        reporter.write(report, Sink())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200_000, peak
