"""The command line as users and CI see it: exit codes, formats, the rule commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "rules"
ECSLINT = str(Path(sys.executable).parent / "ecslint")
CLEAN = ROOT / "examples"
BROKEN = FIXTURES / "ECS101" / "fail-all-non-essential.json"


def ecslint(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([ECSLINT, *args], capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})})
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_version():
    result = ecslint("--version")
    assert result.returncode == 0 and result.stdout.startswith("ecslint 0.")


def test_exit_codes():
    assert ecslint("check", str(CLEAN)).returncode == 0
    assert ecslint("check", str(BROKEN)).returncode == 1
    assert ecslint("check", str(BROKEN), "--fail-on", "never").returncode == 0
    warning_only = FIXTURES / "ECR201" / "fail-prefix-shadows.json"
    assert ecslint("check", str(warning_only), "--fail-on", "error").returncode == 0
    assert ecslint("check", str(warning_only)).returncode == 1
    missing = ecslint("check", "no/such/file.json")
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr
    bad_option = ecslint("check", "--format", "xml", str(CLEAN))
    assert bad_option.returncode == 2


def test_text_format_is_the_documented_line(tmp_path):
    result = ecslint("check", str(BROKEN.relative_to(ROOT)), "--select", "ECS101")
    first = result.stdout.splitlines()[0]
    assert first.startswith("fixtures/rules/ECS101/fail-all-non-essential.json:3:3: ECS101 [error] no container is essential")
    assert first.endswith("(no-essential-container)")
    assert result.stdout.splitlines()[-1].startswith("Found 1 problem (1 error) in 1 file.")
    assert "\x1b[" not in result.stdout  # not a terminal: no colours, no excerpt


def test_verbose_names_skipped_files(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}')
    (tmp_path / "td.json").write_text(BROKEN.read_text())
    result = ecslint("check", str(tmp_path), "-v")
    assert "package.json: skipped: no ECS task definition, service or ECR lifecycle policy in it" in result.stdout
    assert "skipped 1 that holds no ECS document" in result.stdout


def test_a_file_a_terraform_module_loads_is_counted_as_part_of_it_not_as_skipped(tmp_path):
    (tmp_path / "containers.json").write_text('[{"name": "web", "image": "nginx:1.27", "essential": false, "memory": 256}]')
    (tmp_path / "main.tf").write_text(
        'resource "aws_ecs_task_definition" "web" {\n'
        '  family                = "web"\n'
        '  container_definitions = file("${path.module}/containers.json")\n'
        "}\n"
    )
    result = ecslint("check", "--select", "ECS101", str(tmp_path))
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 error) in 1 file. Checked 1 file (and 1 it loads)."
    assert "main.tf:3:3: ECS101" in result.stdout


def test_json_format(tmp_path):
    out = tmp_path / "report.json"
    ecslint("check", str(BROKEN.relative_to(ROOT)), "--format", "json", "--output", str(out))
    report = json.loads(out.read_text())
    (finding,) = [f for f in report["findings"] if f["rule"] == "ECS101"]
    assert finding == {
        "rule": "ECS101",
        "name": "no-essential-container",
        "severity": "error",
        "message": finding["message"],
        "path": "fixtures/rules/ECS101/fail-all-non-essential.json",
        "line": 3,
        "column": 3,
        "endLine": 3,
        "endColumn": 25,
        "pointer": "/containerDefinitions",
        "fingerprint": finding["fingerprint"],
    }
    assert report["summary"]["checked"] == 1 and report["version"]


def test_github_format_escapes():
    result = ecslint("check", str(BROKEN.relative_to(ROOT)), "--format", "github", "--select", "ECS101")
    assert result.stdout.startswith(
        "::error file=fixtures/rules/ECS101/fail-all-non-essential.json,line=3,col=3,endLine=3,endColumn=25,"
        "title=ECS101 no-essential-container::no container is essential"
    )


def test_sarif_is_valid_and_complete(tmp_path):
    out = tmp_path / "out.sarif"
    result = ecslint("check", "fixtures/rules", "--format", "sarif", "--output", str(out))
    assert result.returncode == 1
    log = json.loads(out.read_text())
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    (run,) = log["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"].startswith("fixtures/rules/")
        assert set(result["partialFingerprints"]) <= {"primaryLocationLineHash", "ecslint/v1"}
        assert result["level"] in ("error", "warning", "note")


def test_rules_json_lists_every_rule_with_catalog_fields():
    rows = json.loads(ecslint("rules", "--format", "json").stdout)
    ids = [r["id"] for r in rows]
    assert "ECS101" in ids and "ECR201" in ids and len(ids) == len(set(ids))
    for row in rows:
        assert set(row) == {"id", "name", "severity", "enabled", "kinds", "summary", "compliance", "fix"}
    by_id = {r["id"]: r for r in rows}
    assert by_id["ECS301"]["name"] == "fixed-host-port-behind-load-balancer" and by_id["ECS301"]["severity"] == "warning"
    assert by_id["ECS301"]["compliance"] == []


def test_rule_page():
    result = ecslint("rule", "no-essential-container")
    assert result.returncode == 0 and result.stdout.startswith("# ECS101: no-essential-container")
    assert ecslint("rule", "ECS999").returncode == 2


def test_schema_command():
    schema = json.loads(ecslint("schema", "task-definition").stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert ecslint("schema", "nope").returncode == 2


def test_config_errors_exit_2(tmp_path):
    (tmp_path / ".ecslint.toml").write_text('selct = ["ECS1"]\n')
    result = ecslint("check", ".", cwd=tmp_path)
    assert result.returncode == 2 and "unknown key `selct` (did you mean `select`?)" in result.stderr
    (tmp_path / ".ecslint.toml").write_text("fail-on = [\n")
    assert ecslint("check", ".", cwd=tmp_path).returncode == 2


def test_config_in_pyproject_is_discovered_from_a_subdirectory(tmp_path):
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "td.json").write_text(BROKEN.read_text())
    assert ecslint("check", ".", cwd=tmp_path / "deploy").returncode == 1  # no configuration yet
    (tmp_path / "pyproject.toml").write_text('[tool.ecslint]\nselect = ["ECS101"]\nseverity = {ECS101 = "note"}\n')
    result = ecslint("check", ".", cwd=tmp_path / "deploy")
    assert result.returncode == 0 and "ECS101 [note]" in result.stdout


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {}])
def test_no_color_and_excerpt(env, monkeypatch):
    """On a terminal the text report adds an excerpt with a caret; NO_COLOR removes colours."""
    import io

    from ecslint.engine import Settings, run
    from ecslint.output import text

    report = run([str(BROKEN)], Settings(select=["ECS101"]))
    out = io.StringIO()
    text.write(report, out, excerpt=True, color="NO_COLOR" not in env)
    lines = out.getvalue().splitlines()
    assert lines[1].endswith('"containerDefinitions": [')
    assert lines[2].endswith("  ^^^^^^^^^^^^^^^^^^^^^^" + ("\x1b[0m" if not env else ""))
    assert ("\x1b[" in out.getvalue()) is (not env)
