"""The pre-commit hook, driven by the real ``pre-commit try-repo`` in a fresh git repository.

pre-commit builds the hook's own virtual environment from this repository (as it would
for a user's ``.pre-commit-config.yaml``), so this checks the packaging, the console script
and ``.pre-commit-hooks.yaml`` together.
"""

from __future__ import annotations

import json
import os
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


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This working tree as a committed repository: ``try-repo`` only sees committed or
    modified tracked files, and a new module must not make the hook test lie."""
    source = tmp_path_factory.mktemp("hook-repo")
    for name in _source_files():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=source, check=True)
    subprocess.run(["git", "add", "."], cwd=source, check=True)
    subprocess.run([*git, "commit", "-qm", "snapshot"], cwd=source, check=True)
    return source


def _source_files() -> list[str]:
    """The files of this source tree: git's list in a checkout, and every file but build
    and cache output in an unpacked sdist (which is no git repository)."""
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ROOT, capture_output=True, text=True)
    if top.returncode == 0 and Path(top.stdout.strip()).resolve() == ROOT:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.split("\0")
        return [name for name in listed if name]
    skip = {".git", ".venv", "__pycache__", ".hypothesis", ".pytest_cache", "build", "dist"}
    names = []
    for directory, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip and not d.endswith(".egg-info")]
        names += [os.path.relpath(os.path.join(directory, f), ROOT) for f in files]
    return names


def _repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=path, check=True)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    subprocess.run(["git", "add", "."], cwd=path, check=True)
    return path


def _try_repo(repo: Path, home: Path, hook: Path, *files: str, hook_id: str = "ecslint") -> subprocess.CompletedProcess:
    env = {"PRE_COMMIT_HOME": str(home), "PATH": "/usr/bin:/bin:" + str(Path(sys.executable).parent), "HOME": str(home)}
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(hook), hook_id, "--verbose", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


#: Clean under every default rule: an unprivileged user, a read-only root, logs, a health check.
TASK = {
    "family": "web",
    "containerDefinitions": [
        {
            "name": "web",
            "image": "public.ecr.aws/nginx/nginx:1.27",
            "memory": 256,
            "user": "1000",
            "readonlyRootFilesystem": True,
            "logConfiguration": {
                "logDriver": "awslogs",
                "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"},
            },
            "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]},
        }
    ],
}


def test_hook_fails_a_task_definition_without_an_essential_container(tmp_path, home, hook_repo):
    broken = json.loads(json.dumps(TASK))
    broken["containerDefinitions"][0]["essential"] = False
    repo = _repo(tmp_path / "repo", {"task-definition.json": json.dumps(broken, indent=2)})
    result = _try_repo(repo, home, hook_repo, "task-definition.json")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "task-definition.json:3:3: ECS101 [error]" in output


def test_hook_passes_a_clean_task_definition_and_unrelated_json(tmp_path, home, hook_repo):
    repo = _repo(
        tmp_path / "repo",
        {"task-definition.json": json.dumps(TASK, indent=2), "package.json": '{"name": "app", "version": "1.0.0"}\n'},
    )
    result = _try_repo(repo, home, hook_repo, "task-definition.json", "package.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_hook_honours_exclude_and_passes_a_large_lock_file(tmp_path, home, hook_repo):
    """pre-commit names every file: the hook passes --force-exclude, so the config's
    ``exclude`` drops them too; a lock file too large to read is not ECS and passes."""
    broken = json.loads(json.dumps(TASK))
    broken["containerDefinitions"][0]["essential"] = False
    lock = '{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n' + "".join(
        f'    "node_modules/pkg-{i}": {{"version": "1.0.{i}", "integrity": "sha512-{"A" * 86}"}},\n' for i in range(50_000)
    ) + '    "": {}\n  }\n}\n'
    assert len(lock) > 4 * 1024 * 1024
    repo = _repo(tmp_path / "repo", {".ecslint.toml": 'exclude = ["legacy/*"]\n', "package-lock.json": lock})
    (repo / "legacy").mkdir()
    (repo / "legacy" / "task-definition.json").write_text(json.dumps(broken, indent=2))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    result = _try_repo(repo, home, hook_repo, "legacy/task-definition.json", "package-lock.json")
    assert result.returncode == 0, result.stdout + result.stderr
    # legacy/ excluded (not even counted), the lock file read in part and skipped
    assert "No ECS document found in 1 file: nothing was checked. Skipped: file too large" in result.stdout


#: The deploy workflow of GitHub's "Deploy to Amazon ECS" starter, cut to its ECS steps.
WORKFLOW = """\
name: Deploy to Amazon ECS
on:
  push:
    branches: [main]
env:
  ECS_TASK_DEFINITION: task-definition.json
  CONTAINER_NAME: {container}
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Fill in the new image ID in the Amazon ECS task definition
        id: task-def
        uses: aws-actions/amazon-ecs-render-task-definition@v1
        with:
          task-definition: ${{{{ env.ECS_TASK_DEFINITION }}}}
          container-name: ${{{{ env.CONTAINER_NAME }}}}
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:${{{{ github.sha }}}}
      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
        with:
          task-definition: ${{{{ steps.task-def.outputs.task-definition }}}}
          service: web
          cluster: production
          wait-for-service-stability: true
"""


def test_hook_fails_a_renamed_container_that_a_workflow_still_renders(tmp_path, home, hook_repo):
    """Only task-definition.json changes: the repository's workflows are read as context,
    and the workflow that still renders the old container name fails the commit at its own
    line (ECS802). Renaming it in the workflow too passes; a workflow that deploys nothing
    to ECS stays silent all along."""
    renamed = json.loads(json.dumps(TASK))
    renamed["containerDefinitions"][0]["name"] = "app"
    tests_only = "name: Test\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n"
    repo = _repo(
        tmp_path / "repo",
        {
            "task-definition.json": json.dumps(renamed, indent=2),
            ".github/workflows/deploy.yml": WORKFLOW.format(container="web"),
            ".github/workflows/test.yml": tests_only,
        },
    )
    result = _try_repo(repo, home, hook_repo, "task-definition.json")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert ".github/workflows/deploy.yml:18:27: ECS802 [error] step 'Fill in the new image ID in the Amazon ECS task definition' of job deploy renders container 'web'" in output
    assert "Found 1 problem (1 error) in 1 file. Checked 1 file." in output

    (repo / ".github" / "workflows" / "deploy.yml").write_text(WORKFLOW.format(container="app"))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    result = _try_repo(repo, home, hook_repo, "task-definition.json", ".github/workflows/deploy.yml", ".github/workflows/test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_hook_fixes_the_file_and_fails_the_commit_then_passes(tmp_path, home, hook_repo):
    """``ecslint-fix``: pre-commit sees the file the hook changed and fails the commit, as
    with ruff's hook; the fixed file then passes. A finding without a fix still fails."""
    pasted = json.loads(json.dumps(TASK))
    pasted.update({"revision": 7, "status": "ACTIVE", "taskRoleArn": None})
    text = json.dumps(pasted, indent=2) + "\n"
    repo = _repo(tmp_path / "repo", {"task-definition.json": text})
    result = _try_repo(repo, home, hook_repo, "task-definition.json", hook_id="ecslint-fix")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "files were modified by this hook" in output
    assert "Fixed 3 problems in 1 file. No problems found." in output
    assert json.loads((repo / "task-definition.json").read_text()) == TASK
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    again = _try_repo(repo, home, hook_repo, "task-definition.json", hook_id="ecslint-fix")
    assert again.returncode == 0, again.stdout + again.stderr
    broken = json.loads(json.dumps(TASK))
    broken["containerDefinitions"][0]["essential"] = False
    (repo / "task-definition.json").write_text(json.dumps(broken, indent=2))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    failing = _try_repo(repo, home, hook_repo, "task-definition.json", hook_id="ecslint-fix")
    assert failing.returncode == 1 and "ECS101 [error]" in failing.stdout + failing.stderr
