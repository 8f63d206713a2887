"""The pre-commit hook, driven by the real ``pre-commit try-repo`` in a fresh git repository.

pre-commit builds the hook's own virtual environment from this repository (as it would
for a user's ``.pre-commit-config.yaml``), so this checks the packaging, the console script
and ``.pre-commit-hooks.yaml`` together.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")

pytestmark = pytest.mark.skipif(not Path(PRE_COMMIT).exists() or shutil.which("git") is None, reason="pre-commit or git missing")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """One pre-commit cache for the module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=path, check=True)
    for name, text in files.items():
        (path / name).write_text(text)
    subprocess.run(["git", "add", "."], cwd=path, check=True)
    return path


def _try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess:
    env = {"PRE_COMMIT_HOME": str(home), "PATH": "/usr/bin:/bin:" + str(Path(sys.executable).parent), "HOME": str(home)}
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), "ecslint", "--verbose", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


TASK = {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}


def test_hook_fails_a_task_definition_without_an_essential_container(tmp_path, home):
    broken = json.loads(json.dumps(TASK))
    broken["containerDefinitions"][0]["essential"] = False
    repo = _repo(tmp_path / "repo", {"task-definition.json": json.dumps(broken, indent=2)})
    result = _try_repo(repo, home, "task-definition.json")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "task-definition.json:3:3: ECS101 [error]" in output


def test_hook_passes_a_clean_task_definition_and_unrelated_json(tmp_path, home):
    repo = _repo(
        tmp_path / "repo",
        {"task-definition.json": json.dumps(TASK, indent=2), "package.json": '{"name": "app", "version": "1.0.0"}\n'},
    )
    result = _try_repo(repo, home, "task-definition.json", "package.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
