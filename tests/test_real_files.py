"""ecslint on real configuration from public repositories (fixtures/real, see its README):
no internal error, every finding located inside its file, and exactly the error- and
warning-level findings whose verdicts are recorded (each judged true)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecslint.engine import Settings, run

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"
FOLDERS = sorted(p for p in REAL.iterdir() if p.is_dir()) if REAL.is_dir() else []


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_real_files_give_exactly_the_judged_findings(folder: Path):
    report = run([str(folder)], Settings())
    assert not [f for f in report.findings if f.rule == "ECS008"]
    for finding in report.findings:
        text = report.sources[finding.path].text or ""
        assert 1 <= finding.region.line <= text.count("\n") + 1 and finding.region.column >= 1, finding
    prefix = str(folder.relative_to(Path.cwd())) + "/" if folder.is_relative_to(Path.cwd()) else str(folder) + "/"
    found = sorted(
        f"{f.rule} {f.path.removeprefix(prefix)}:{f.region.line}:{f.region.column}" for f in report.findings if f.severity.label != "note"
    )
    verdicts = json.loads((folder / "verdicts.json").read_text())
    assert found == sorted(verdicts)
    assert all(v.startswith("true:") for v in verdicts.values())
