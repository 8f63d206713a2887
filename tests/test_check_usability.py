"""What users hit on real repositories: a run that checked nothing says so, per-rule
statistics, standard input, ``--output`` into a new directory, colour settings, and unknown
rules in inline suppressions."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecslint.engine import Settings, run
from ecslint.load.reader import read

ROOT = Path(__file__).resolve().parent.parent
ECSLINT = str(Path(sys.executable).parent / "ecslint")
BROKEN = ROOT / "fixtures" / "rules" / "ECS101" / "fail-all-non-essential.json"

#: A YAML task definition whose ECS101 finding is on line 2 (the containerDefinitions key).
NON_ESSENTIAL_YAML = (
    "family: web\n"
    "containerDefinitions:{comment}\n"
    "  - {{name: web, image: 'nginx:1.27', memory: 256, essential: false}}\n"
)


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


# -- 9. standard input -------------------------------------------------------------------


def test_standard_input_is_checked_like_a_file():
    from_file = ecslint("check", str(BROKEN.relative_to(ROOT)))
    from_stdin = ecslint("check", "-", stdin=BROKEN.read_bytes())
    assert from_stdin.returncode == from_file.returncode == 1
    assert from_stdin.stdout == from_file.stdout.replace(str(BROKEN.relative_to(ROOT)), "-")
    assert from_stdin.stdout.startswith("-:3:3: ECS101 ")


def test_stdin_without_a_name_is_sniffed():
    text = NON_ESSENTIAL_YAML.format(comment="").encode()
    result = ecslint("check", "-", "--select", "ECS101", stdin=text)
    assert result.returncode == 1 and result.stdout.startswith("-:2:1: ECS101 ")


def test_stdin_filename_names_it_and_decides_json_or_yaml():
    text = NON_ESSENTIAL_YAML.format(comment="").encode()
    as_yaml = ecslint("check", "-", "--stdin-filename", "deploy/td.yaml", "--select", "ECS101", stdin=text)
    assert as_yaml.stdout.startswith("deploy/td.yaml:2:1: ECS101 ")
    as_json = ecslint("check", "-", "--stdin-filename", "deploy/td.json", stdin=text)
    assert as_json.stdout.startswith("deploy/td.json:1:1: ECS001 [error] invalid JSON")
    alone = ecslint("check", "--stdin-filename", "deploy/td.yaml", "--select", "ECS101", stdin=text)  # `-` implied
    assert alone.stdout == as_yaml.stdout


def test_stdin_filename_finds_its_configuration_and_its_excludes(tmp_path):
    project = tmp_path / "project"
    (project / "deploy").mkdir(parents=True)
    (project / ".ecslint.toml").write_text(
        'select = ["ECS101", "ECS203"]\nexclude = ["vendor"]\n[per-file-ignores]\n"legacy/*" = ["ECS203"]\n'
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    text = BROKEN.read_bytes()
    named = ecslint("check", "-", "--stdin-filename", str(project / "deploy" / "td.json"), cwd=elsewhere, stdin=text)
    assert [line.split(" ")[1] for line in named.stdout.splitlines()[:-1]] == ["ECS101"]  # the project's select
    # Like any path named on the command line, the name is excluded only with --force-exclude.
    named_excluded = ecslint("check", "-", "--stdin-filename", str(project / "vendor" / "td.json"), cwd=elsewhere, stdin=text)
    assert named_excluded.returncode == 1
    excluded = ecslint(
        "check", "-", "--force-exclude", "--stdin-filename", str(project / "vendor" / "td.json"), cwd=elsewhere, stdin=text
    )
    assert excluded.returncode == 0
    assert excluded.stdout == "No ECS document found in 1 file: nothing was checked. Skipped: excluded by `exclude`.\n"
    ignored = ecslint("check", "-", "--stdin-filename", "legacy/td.yaml", cwd=project, stdin=b"family: web\ncontainerDefinitions: [{name: web, image: nginx}]\n")
    assert ignored.returncode == 0 and ignored.stdout.startswith("No problems found. Checked 1 file.")


def test_stdin_in_the_api(tmp_path):
    import io

    report = run(["-"], Settings(select=["ECS101"], stdin=io.BytesIO(BROKEN.read_bytes()), stdin_filename="td.json"))
    assert [(f.rule, f.path, f.region.line) for f in report.findings] == [("ECS101", "td.json", 3)]


def test_stdin_larger_than_the_limit_is_reported_not_read_whole():
    import io

    from ecslint.load.reader import MAX_BYTES

    stream = io.BytesIO(b'{"family": "web", "containerDefinitions": [' + b" " * MAX_BYTES + b"]}")
    report = run(["-"], Settings(stdin=stream))
    assert [(f.rule, f.path, f.message.split(":")[0]) for f in report.findings] == [("ECS001", "-", "input too large")]
    assert stream.tell() == MAX_BYTES + 1  # stopped reading past the limit


@pytest.mark.parametrize("args", [("-", "examples"), ("examples", "--stdin-filename", "x.json")])
def test_stdin_is_the_only_path(args):
    result = ecslint("check", *args)
    assert result.returncode == 2 and "standard input" in result.stderr


# -- 9. --output into a new directory ------------------------------------------------------


def test_output_creates_its_directory(tmp_path):
    out = tmp_path / "reports" / "ecslint" / "report.sarif"
    result = ecslint("check", str(BROKEN), "--format", "sarif", "--output", str(out))
    assert result.returncode == 1 and result.stderr == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_output_into_a_file_in_the_way_is_an_error(tmp_path):
    (tmp_path / "reports").write_text("a file, not a directory")
    result = ecslint("check", str(BROKEN), "--output", str(tmp_path / "reports" / "out.txt"))
    assert result.returncode == 2 and "cannot write" in result.stderr


# -- 9. colours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "no_color, environ, terminal, expected",
    [
        (False, {}, True, True),
        (False, {}, False, False),
        (False, {"FORCE_COLOR": "1"}, False, True),
        (False, {"FORCE_COLOR": ""}, False, False),  # set but empty: not set
        (False, {"TERM": "dumb"}, True, False),
        (False, {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
        (False, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        (False, {"NO_COLOR": ""}, True, True),  # no-color.org: set and not empty
        (True, {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_precedence(no_color, environ, terminal, expected):
    from ecslint.cli import use_color

    assert use_color(no_color, environ, terminal) is expected


def test_force_color_colours_a_pipe_and_no_color_still_wins():
    assert "\x1b[" in ecslint("check", str(BROKEN), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in ecslint("check", str(BROKEN), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in ecslint("check", str(BROKEN), "--no-color", env={"FORCE_COLOR": "1"}).stdout


def test_force_color_never_colours_an_output_file(tmp_path):
    ecslint("check", str(BROKEN), "--output", str(tmp_path / "out.txt"), env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in (tmp_path / "out.txt").read_text()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_term_dumb_on_a_terminal_has_no_colour():
    import pty

    def on_terminal(env: dict) -> str:
        leader, follower = pty.openpty()
        environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
        subprocess.run([ECSLINT, "check", str(BROKEN)], stdout=follower, stderr=subprocess.DEVNULL, env={**environ, **env}, cwd=ROOT)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO once the terminal is drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        return b"".join(chunks).decode()

    assert "\x1b[" in on_terminal({"TERM": "xterm"})
    dumb = on_terminal({"TERM": "dumb"})
    assert "\x1b[" not in dumb and "ECS101" in dumb


# -- 9. unknown rules in inline suppressions ---------------------------------------------------


def test_an_unknown_rule_in_a_suppression_is_a_warning_not_a_finding(tmp_path):
    td = tmp_path / "td.yaml"
    td.write_text(NON_ESSENTIAL_YAML.format(comment="  # ecslint: ignore=ecs101, no-esential-container, ECS1"))
    result = ecslint("check", "td.yaml", "--select", "ECS101", cwd=tmp_path)
    assert result.returncode == 1  # nothing is suppressed, and the warning changes no exit code
    assert result.stdout.startswith("td.yaml:2:1: ECS101 ")
    assert result.stderr.splitlines() == [
        "ecslint: warning: td.yaml:2:42: `# ecslint: ignore` names no rule `ecs101` (did you mean `ECS101`?); it suppresses nothing",
        "ecslint: warning: td.yaml:2:50: `# ecslint: ignore` names no rule `no-esential-container` "
        "(did you mean `no-essential-container`?); it suppresses nothing",
        "ecslint: warning: td.yaml:2:73: `# ecslint: ignore` names no rule `ECS1` "
        "(a suppression names each rule by its id or name, not by a prefix); it suppresses nothing",
    ]
    assert ecslint("check", "td.yaml", "--select", "ECS101", "--quiet", cwd=tmp_path).stderr == ""
    clean = ecslint("check", "td.yaml", "--select", "ECS101", "--fail-on", "never", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stderr.count("warning:") == 3


def test_a_known_rule_with_a_reason_suppresses_and_warns_nothing(tmp_path):
    td = tmp_path / "td.yaml"
    td.write_text(NON_ESSENTIAL_YAML.format(comment="  # ecslint: ignore=ECS201, ECS101 the sidecar decides"))
    result = ecslint("check", "td.yaml", "--select", "ECS101", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "No problems found. Checked 1 file. 1 suppressed.\n"
