"""What users hit on real repositories: a run that checked nothing says so, per-rule
statistics."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path

from ecslint.load.reader import read

ROOT = Path(__file__).resolve().parent.parent
ECSLINT = str(Path(sys.executable).parent / "ecslint")
BROKEN = ROOT / "fixtures" / "rules" / "ECS101" / "fail-all-non-essential.json"


def ecslint(*args: str, cwd: Path = ROOT, env: dict | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    result = subprocess.run([ECSLINT, *args], capture_output=True, cwd=cwd, env={**environ, **(env or {})}, input=stdin or b"")
    result.stdout, result.stderr = result.stdout.decode(), result.stderr.decode()
    assert "Traceback" not in result.stdout + result.stderr
    return result


def reason(path: Path) -> str:
    """Why the loader skips ``path`` (read from the loader, so the wording stays its own)."""
    skipped = read(str(path), path.name).skipped
    assert skipped
    return skipped


# -- 8. nothing checked ------------------------------------------------------------------


def test_a_run_that_finds_no_ecs_document_says_so_and_passes(tmp_path):
    lock = tmp_path / "package.json"
    lock.write_text('{"name": "app", "version": "1.0.0"}')
    result = ecslint("check", str(lock))
    assert result.returncode == 0  # pre-commit must not block the commit
    assert result.stdout == f"No ECS document found in 1 file: nothing was checked. Skipped: {reason(lock)}.\n"


def test_the_reason_that_covers_most_files_is_given(tmp_path):
    for name in ("package.json", "tsconfig.json"):
        (tmp_path / name).write_text('{"name": "app"}')
    (tmp_path / "empty.json").write_text("")
    result = ecslint("check", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout == (
        "No ECS document found in 3 files: nothing was checked. "
        f"2 of 3 skipped: {reason(tmp_path / 'package.json')}. --verbose says why for each file.\n"
    )
    (tmp_path / "tsconfig.json").unlink()
    result = ecslint("check", str(tmp_path))  # one each: no reason dominates
    assert result.stdout == "No ECS document found in 2 files: nothing was checked. --verbose says why for each file.\n"
    (tmp_path / "empty.json").write_text('{"compilerOptions": {}}')
    assert ecslint("check", str(tmp_path)).stdout.startswith("No ECS document found in 2 files: nothing was checked. Both skipped: ")


def test_no_file_at_all_is_said_too(tmp_path):
    (tmp_path / "notes.txt").write_text("not a candidate")
    result = ecslint("check", str(tmp_path))
    assert (result.returncode, result.stdout) == (0, "No JSON or YAML file found: nothing was checked.\n")


def test_json_summary_says_whether_anything_was_checked(tmp_path):
    lock = tmp_path / "package.json"
    lock.write_text('{"name": "app"}')
    summary = json.loads(ecslint("check", str(lock), "--format", "json").stdout)["summary"]
    assert (summary["nothingChecked"], summary["nothingCheckedReason"]) == (True, reason(lock))
    summary = json.loads(ecslint("check", str(BROKEN), "--format", "json").stdout)["summary"]
    assert (summary["nothingChecked"], summary["nothingCheckedReason"]) == (False, None)


def test_a_checked_run_keeps_its_summary():
    result = ecslint("check", "examples/")
    assert result.stdout.startswith("No problems found. Checked 3 files, skipped 1")


# -- 9. --statistics -----------------------------------------------------------------------


def test_statistics_count_each_rule_most_first():
    findings = json.loads(ecslint("check", "fixtures/rules/ECS101", "--format", "json").stdout)["findings"]
    counts = collections.Counter((f["rule"], f["name"]) for f in findings)
    assert len(counts) > 3 and len(set(counts.values())) > 1  # an ordering to get right
    rows = sorted(((n, rule, name) for (rule, name), n in counts.items()), key=lambda r: (-r[0], r[1]))
    width = len(str(rows[0][0]))
    expected = "".join(f"{n:>{width}}\t{rule}\t{name}\n" for n, rule, name in rows)
    result = ecslint("check", "fixtures/rules/ECS101", "--statistics")
    assert result.returncode == 1  # the exit code does not change
    summary = ecslint("check", "fixtures/rules/ECS101").stdout.splitlines()[-1]
    assert result.stdout == expected + summary + "\n"
    assert ecslint("check", "fixtures/rules/ECS101", "--statistics", "--quiet").stdout == expected


def test_statistics_in_json_and_not_in_sarif():
    report = json.loads(ecslint("check", str(BROKEN), "--statistics", "--format", "json").stdout)
    counts = collections.Counter(f["rule"] for f in report["findings"])
    assert report["statistics"] == sorted(
        ({"rule": f["rule"], "name": f["name"], "count": counts[f["rule"]]} for f in {f["rule"]: f for f in report["findings"]}.values()),
        key=lambda s: (-s["count"], s["rule"]),
    )
    assert "statistics" not in json.loads(ecslint("check", str(BROKEN), "--format", "json").stdout)
    result = ecslint("check", str(BROKEN), "--statistics", "--format", "sarif")
    assert result.returncode == 2 and "--statistics needs --format text or json" in result.stderr
