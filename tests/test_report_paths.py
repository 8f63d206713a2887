"""One path base: JSON, SARIF, GitHub annotations and baselines name a file by its path from
the repository root (the working directory outside a repository), whatever directory
ecslint runs in; the text report names it from the working directory, as ruff does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ECSLINT = str(Path(sys.executable).parent / "ecslint")
BROKEN = {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:latest", "essential": False, "memory": 256}]}


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "task-definition.json").write_text(json.dumps(BROKEN, indent=2) + "\n")
    return tmp_path


def ecslint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([ECSLINT, *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def test_json_github_and_sarif_are_the_same_from_a_subdirectory(repo):
    for fmt in ("json", "github", "sarif"):
        from_root = ecslint(repo, "check", "infra/task-definition.json", "--format", fmt)
        from_infra = ecslint(repo / "infra", "check", "task-definition.json", "--format", fmt)
        assert from_root.returncode == from_infra.returncode == 1
        assert from_root.stdout == from_infra.stdout, fmt
    report = json.loads(from_root.stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in report["runs"][0]["results"]}
    assert uris == {"infra/task-definition.json"}
    findings = json.loads(ecslint(repo / "infra", "check", "task-definition.json", "--format", "json").stdout)["findings"]
    assert {f["path"] for f in findings} == {"infra/task-definition.json"}
    annotations = ecslint(repo / "infra", "check", ".", "--format", "github").stdout.splitlines()
    assert annotations and all(line.split(",")[0].endswith(" file=infra/task-definition.json") for line in annotations)


def test_text_names_files_from_the_working_directory(repo):
    assert ecslint(repo / "infra", "check", "task-definition.json").stdout.startswith("task-definition.json:")
    assert ecslint(repo, "check", "infra/task-definition.json").stdout.startswith("infra/task-definition.json:")


def test_a_baseline_written_in_a_subdirectory_matches_a_run_from_the_root(repo):
    written = ecslint(repo / "infra", "check", "task-definition.json", "--write-baseline", "../baseline.json")
    assert written.returncode == 0, written.stderr
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert entries and {e["path"] for e in entries} == {"infra/task-definition.json"}
    result = ecslint(repo, "check", "infra/task-definition.json", "--baseline", "baseline.json")
    assert result.returncode == 0, result.stdout
    assert f"{len(entries)} suppressed" in result.stdout
    # and the other way round
    ecslint(repo, "check", ".", "--write-baseline", "root-baseline.json")
    assert ecslint(repo / "infra", "check", ".", "--baseline", "../root-baseline.json").returncode == 0


def test_outside_a_repository_paths_are_from_the_working_directory(tmp_path):
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "td.json").write_text(json.dumps(BROKEN))
    findings = json.loads(ecslint(tmp_path, "check", "deploy", "--format", "json").stdout)["findings"]
    assert {f["path"] for f in findings} == {"deploy/td.json"}


def test_directories_resolved_once_give_the_paths_resolved_each_time(tmp_path, monkeypatch):
    """``relative_to`` with its memo of resolved directories gives what it gives without:
    through linked directories, a linked file, a link out of the root, ``..`` after a link,
    a file outside the root, and the same directories asked again."""
    from ecslint.load.discover import relative_to

    root = tmp_path / "repo"
    (root / "a" / "b").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    for name in ("x.json", "y.json"):
        (root / "a" / "b" / name).write_text("{}")
        (tmp_path / "outside" / name).write_text("{}")
    (root / "linked-dir").symlink_to(root / "a")
    (root / "a" / "linked.json").symlink_to(root / "a" / "b" / "x.json")
    (root / "a" / "out.json").symlink_to(tmp_path / "outside" / "x.json")
    (root / "out-dir").symlink_to(tmp_path / "outside")
    monkeypatch.chdir(root / "a")
    paths = [
        "b/x.json", "b/y.json", "linked.json", "out.json", "../linked-dir/b/x.json", "../linked-dir/b/y.json",
        "../linked-dir/../a/b/x.json", "../out-dir/x.json", "../out-dir/y.json", str(tmp_path / "outside" / "x.json"),
        "../../outside/y.json", "b/missing.json", str(root / "a" / "b" / "x.json"),
    ]
    real_root = os.path.realpath(root)
    memo: dict[str, str] = {}
    for _ in range(2):  # the second time from the memo
        assert [relative_to(p, real_root, memo) for p in paths] == [relative_to(p, real_root) for p in paths]
    assert relative_to("linked.json", real_root, memo) == "a/b/x.json"
    assert relative_to("out.json", real_root, memo) == "a/out.json"  # a linked file leading out: its own path
    assert relative_to("../out-dir/x.json", real_root, memo) == "../outside/x.json"
