"""``ecslint check --fix``, ``--diff``, ``--unsafe-fixes`` and ``--unwrap-describe`` as users
run them: what is written (and how), what is printed, the exit codes, and the guards (a file
changed meanwhile, a fix that would break a file)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ecslint.core.fix import Proposal
from ecslint.engine import Settings, load
from ecslint.fix import runner
from ecslint.fix.edits import Edit
from ecslint.fix.plan import Planned

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "rules"
ECSLINT = str(Path(sys.executable).parent / "ecslint")


def ecslint(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    result = subprocess.run([ECSLINT, *args], capture_output=True, text=True, cwd=cwd, input=stdin, env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def fixture(tmp_path: Path, rule: str, name: str, as_name: str | None = None) -> Path:
    target = tmp_path / (as_name or name)
    shutil.copyfile(FIXTURES / rule / name, target)
    return target


def expected(rule: str, name: str) -> str:
    stem, _, suffix = name.rpartition(".")
    return (FIXTURES / rule / f"{stem}.fixed.{suffix}").read_text()


def test_fix_writes_the_fixed_file_keeps_its_mode_and_exits_0_when_nothing_is_left(tmp_path):
    path = fixture(tmp_path, "ECR106", "fail-policy-text.json")
    os.chmod(path, 0o640)
    assert ecslint("check", path.name, cwd=tmp_path).returncode == 1
    result = ecslint("check", "--fix", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text() == expected("ECR106", "fail-policy-text.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert result.stdout == "Fixed 2 problems in 1 file. No problems found. Checked 1 file.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left
    again = ecslint("check", "--fix", path.name, cwd=tmp_path)
    assert again.stdout == "No problems found. Checked 1 file.\n" and again.returncode == 0


def test_fix_exits_1_when_findings_at_the_threshold_remain(tmp_path):
    path = fixture(tmp_path, "ECS003", "fail-types.json")
    result = ecslint("check", "--fix", "--select", "ECS003", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert "Fixed 4 problems in 1 file. Found 1 problem (1 error) in 1 file." in result.stdout
    assert path.read_text() == expected("ECS003", "fail-types.json")
    assert ecslint("check", "--fix", "--select", "ECS003", "--fail-on", "never", path.name, cwd=tmp_path).returncode == 0


def test_a_plain_check_says_how_many_fixes_are_available(tmp_path):
    fixture(tmp_path, "ECS106", "fail-no-healthcheck.json")
    fixture(tmp_path, "ECS007", "fail-service.json")
    result = ecslint("check", "--select", "ECS106,ECS007", ".", cwd=tmp_path)
    assert result.stdout.splitlines()[-1].endswith("2 fixable with --fix (1 more with --unsafe-fixes).")
    report = json.loads(ecslint("check", "--select", "ECS106,ECS007", "--format", "json", ".", cwd=tmp_path).stdout)
    assert report["summary"]["fixes"] == {"applied": 0, "available": 2, "availableUnsafe": 1}


def test_unsafe_fixes_only_with_unsafe_fixes(tmp_path):
    path = fixture(tmp_path, "ECS106", "fail-no-healthcheck.json")
    original = path.read_text()
    safe = ecslint("check", "--fix", path.name, "--select", "ECS106", cwd=tmp_path)
    assert path.read_text() == original
    assert safe.stdout.splitlines()[-1].endswith("1 more fixable with --unsafe-fixes.")
    unsafe = ecslint("check", "--fix", "--unsafe-fixes", path.name, "--select", "ECS106", cwd=tmp_path)
    assert path.read_text() == expected("ECS106", "fail-no-healthcheck.json")
    assert unsafe.returncode == 0 and unsafe.stdout.startswith("Fixed 1 problem in 1 file.")


def test_diff_prints_a_patch_and_writes_nothing(tmp_path):
    path = fixture(tmp_path, "ECR103", "fail-cfn-block-scalar.yaml")
    original = path.read_text()
    result = ecslint("check", "--diff", path.name, "--select", "ECR103", cwd=tmp_path)
    assert result.returncode == 1
    assert path.read_text() == original
    assert result.stdout.startswith(f"--- {path.name}\n+++ {path.name}\n@@ ")
    assert "Would fix 1 problem in 1 file, leaving no problem." in result.stderr
    if shutil.which("patch"):
        subprocess.run(["patch", "-s", "-p0"], input=result.stdout, text=True, cwd=tmp_path, check=True)
        assert path.read_text() == expected("ECR103", "fail-cfn-block-scalar.yaml")
    clean = ecslint("check", "--diff", path.name, "--select", "ECR103", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == ""


def test_diff_marks_a_last_line_without_newline(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text('{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", '
                    '"countUnit": "days", "countNumber": 5}, "action": {"type": "expire"}}]}')
    result = ecslint("check", "--diff", "policy.json", cwd=tmp_path)
    assert result.stdout.endswith("\n\\ No newline at end of file\n")
    assert result.stdout.count("\\ No newline at end of file") == 2


def test_a_byte_order_mark_and_crlf_line_ends_are_kept(tmp_path):
    path = tmp_path / "service.yaml"
    text = "serviceName: web\r\ntaskDefinition: web:7\r\nrunningCount: 2\r\ndesiredCount: 2\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert ecslint("check", "--fix", "service.yaml", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + text.replace("runningCount: 2\r\n", "").encode()


def test_a_symbolic_link_stays_a_link_to_the_fixed_file(tmp_path):
    target = fixture(tmp_path, "ECS007", "fail-service.json", "real.json")
    link = tmp_path / "service.json"
    link.symlink_to(target.name)
    ecslint("check", "--fix", "service.json", cwd=tmp_path)
    assert link.is_symlink() and target.read_text() == expected("ECS007", "fail-service.json")


def test_standard_input_comes_back_fixed_on_standard_output(tmp_path):
    text = (FIXTURES / "ECS007" / "fail-service.json").read_text()
    result = ecslint("check", "--fix", "-", "--stdin-filename", "service.json", cwd=tmp_path, stdin=text)
    assert result.stdout == expected("ECS007", "fail-service.json")
    assert "Fixed 2 problems in 1 file." in result.stderr
    assert not (tmp_path / "service.json").exists()
    nothing = ecslint("check", "--fix", "-", "--stdin-filename", "service.json", cwd=tmp_path, stdin=result.stdout)
    assert nothing.stdout == result.stdout


def test_unwrap_describe_output_then_the_read_only_fields_go(tmp_path):
    """Two passes: the unwrap makes a register input, whose read-only fields ECS007 then
    reports and fixes; the loop re-checks in memory and writes once."""
    path = tmp_path / "task-definition.json"
    path.write_text(
        '{\n    "taskDefinition": {\n        "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",\n'
        '        "family": "web",\n        "containerDefinitions": [\n            {"name": "web", "image": "nginx:1.27", "memory": 256}\n'
        '        ],\n        "revision": 3,\n        "status": "ACTIVE"\n    },\n    "tags": [\n        {"key": "team", "value": "web"}\n    ]\n}\n'
    )
    assert ecslint("check", "--unwrap-describe", "task-definition.json", cwd=tmp_path).returncode == 2
    result = ecslint("check", "--fix", "--unwrap-describe", "--select", "ECS007", "task-definition.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text() == (
        '{\n    "family": "web",\n    "containerDefinitions": [\n        {"name": "web", "image": "nginx:1.27", "memory": 256}\n'
        '    ],\n    "tags": [\n        {"key": "team", "value": "web"}\n    ]\n}\n'
    )
    assert result.stdout.startswith("Fixed 4 problems in 1 file.")


def test_a_file_changed_on_disk_meanwhile_is_not_written(tmp_path):
    path = fixture(tmp_path, "ECS007", "fail-service.json")
    session = load([str(path)], Settings(select=["ECS007"]))
    _, summary = runner.run(session, session.lint())
    ((file, text),) = summary.changed
    path.write_text(path.read_text().replace('"web:7"', '"web:8"'))
    with pytest.raises(runner.Unwritten, match="changed on disk"):
        runner.write(file, text)
    assert '"web:8"' in path.read_text() and "runningCount" in path.read_text()


def test_a_fix_that_would_break_the_file_is_not_applied(tmp_path, monkeypatch):
    """The guard, with an editor that goes wrong: the edit that would delete the closing
    brace is refused with a warning, the good one is kept."""
    path = fixture(tmp_path, "ECS007", "fail-service.json")
    text = path.read_text()
    real_plan = runner.plan

    def broken_plan(file, proposals):
        planned = real_plan(file, proposals)
        bad = Planned(planned[0].proposal, [Edit(len(text) - 2, len(text) - 1, "")])
        return [bad] + planned[1:]

    monkeypatch.setattr(runner, "plan", broken_plan)
    session = load([str(path)], Settings(select=["ECS007"]))
    report, summary = runner.run(session, session.lint())
    assert summary.warnings and "would leave the file unreadable" in summary.warnings[0]
    ((_, fixed),) = summary.changed
    assert json.loads(fixed) == {"serviceName": "web", "taskDefinition": "web:7", "desiredCount": 2, "runningCount": 2}
    assert isinstance(report.findings[0].fix, Proposal)


def test_rules_say_which_have_a_fix(tmp_path):
    rows = {row["id"]: row for row in json.loads(ecslint("rules", "--format", "json", cwd=tmp_path).stdout)}
    assert (rows["ECS007"]["fix"], rows["ECS201"]["fix"], rows["ECS101"]["fix"]) == ("safe", "unsafe", None)
    page = ecslint("rule", "ECS201", cwd=tmp_path).stdout
    assert "| Fix | unsafe (applied only with `--fix --unsafe-fixes`: review it) |" in page


def test_a_read_only_file_is_not_written_and_the_run_exits_2(tmp_path):
    path = fixture(tmp_path, "ECS007", "fail-service.json")
    path.chmod(0o444)
    result = ecslint("check", "--fix", path.name, cwd=tmp_path)
    assert result.returncode == 2
    assert "fail-service.json: it is read-only; not written" in result.stderr
    assert "ECS007" in result.stdout  # the findings left are still reported
    assert path.read_text() == (FIXTURES / "ECS007" / "fail-service.json").read_text()
