"""GitHub Actions workflows as a source: which steps become documents, what their
expressions resolve to, and how a workflow and the task definitions it deploys find each
other in a run (the rules' exact findings are in fixtures/rules/ECS80x)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ecslint.config import from_mapping
from ecslint.engine import Registry, Settings, run
from ecslint.model import view
from ecslint.model.values import UNKNOWN
from ecslint.sources.references import FileReference

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = Registry.default()
ECSLINT = str(Path(sys.executable).parent / "ecslint")

TASK = {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}

WORKFLOW = """\
name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: render
        uses: aws-actions/amazon-ecs-render-task-definition@v1
        with:
          task-definition: task-definition.json
          container-name: {container}
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:${{{{ github.sha }}}}
      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
        with:
          task-definition: ${{{{ steps.render.outputs.task-definition }}}}
          service: web
          cluster: production
"""

TESTS_ONLY = """\
name: Test
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
"""


def _repository(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _steps(text: str, tmp_path: Path, env_files: dict[str, str] | None = None) -> list:
    repo = _repository(tmp_path / "repo", {".github/workflows/deploy.yml": textwrap.dedent(text), **(env_files or {})})
    report = run([str(repo / ".github" / "workflows" / "deploy.yml")], Settings(select=["ECS804"]), REGISTRY)
    (file,) = report.files
    return [view(d) for d in file.documents]


# -- the source -----------------------------------------------------------------------------


def test_only_steps_of_the_ecs_actions_become_documents_with_any_ref(tmp_path):
    steps = _steps(
        """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: AWS-Actions/Amazon-ECS-Render-Task-Definition@c8c8fb7a6a7c54ce27ba8e8ecd1d5d5cf2b42e35
                with: {task-definition: td.json, container-name: web, image: x}
              - run: echo hi
          deploy:
            needs: build
            runs-on: ubuntu-latest
            steps:
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2.6.3
                with: {task-definition: td.json, service: web}
              - uses: aws-actions/amazon-ecs-deploy-task-definitions@v2
        """,
        tmp_path,
    )
    assert [(s.action, s.ref, s.doc.name) for s in steps] == [
        ("render", "c8c8fb7a6a7c54ce27ba8e8ecd1d5d5cf2b42e35", "build/#2"),
        ("deploy", "v2.6.3", "deploy/#1"),
    ]


def test_env_expressions_resolve_with_the_most_specific_env(tmp_path):
    (step,) = _steps(
        """
        on: push
        env: {TD: workflow.json, NAME: web, IMAGE: "${{ secrets.IMAGE }}"}
        jobs:
          deploy:
            runs-on: ubuntu-latest
            env: {TD: job.json}
            steps:
              - uses: actions/checkout@v4
              - uses: aws-actions/amazon-ecs-render-task-definition@v1
                env: {NAME: app}
                with:
                  task-definition: deploy/${{ env.TD }}
                  container-name: ${{ env['NAME'] }},${{ env.NAME }}
                  image: ${{ env.IMAGE }}
                  memory: 512
                  flag: true
        """,
        tmp_path,
    )
    ref = step.task_definition_file
    assert isinstance(ref, FileReference) and ref.path == "deploy/job.json"
    assert step.input("container-name") == "app,app"
    assert step.input("image") is UNKNOWN  # an env value that is itself an expression
    assert (step.input("memory"), step.input("flag")) == ("512", "true")  # the runner passes strings


def test_paths_follow_the_checkout_and_earlier_steps(tmp_path):
    steps = _steps(
        """
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with: {task-definition: before-checkout.json}
              - uses: actions/checkout@v4
                with: {path: src}
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with: {task-definition: src/infra/td.json}
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with: {task-definition: elsewhere/td.json}
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with: {task-definition: /home/runner/td.json}
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with: {task-definition: src/../../td.json}
              - run: ./generate > src/generated.json
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with: {task-definition: src/generated.json}
        """,
        tmp_path,
    )
    refs = [s.task_definition_file for s in steps]
    assert refs[0] is UNKNOWN  # nothing checked out yet: no file of this repository
    assert isinstance(refs[1], FileReference) and (refs[1].path, refs[1].checkout) == ("infra/td.json", "src")
    assert refs[2] is UNKNOWN and refs[3] is UNKNOWN and refs[4] is UNKNOWN
    assert isinstance(refs[5], FileReference) and refs[5].written_by == "#7"
    assert [s.reads_repository_file for s in steps] == [False, True, False, False, False, False]


def test_a_workflow_that_deploys_nothing_is_skipped_silently(tmp_path):
    repo = _repository(tmp_path, {".github/workflows/test.yml": TESTS_ONLY})
    report = run([str(repo)], Settings(), REGISTRY)
    assert report.findings == [] and report.nothing_checked
    assert report.skipped[0].skipped == "a GitHub Actions workflow that deploys nothing to ECS"


def test_a_broken_workflow_is_reported_only_when_it_deploys_to_ecs(tmp_path):
    broken_tests = TESTS_ONLY.replace("  test:\n", "  test:\n   bad: [\n")
    deploying = WORKFLOW.format(container="web").replace("      - uses: actions/checkout@v4\n", "      - uses: [actions/checkout@v4\n")
    repo = _repository(tmp_path, {".github/workflows/test.yml": broken_tests, ".github/workflows/deploy.yml": deploying})
    report = run([str(repo)], Settings(), REGISTRY)
    assert [(Path(f.path).name, f.rule) for f in report.findings] == [("deploy.yml", "ECS001")]
    assert "looks like a template" not in report.findings[0].message  # ${{ }} is GitHub's, not a template's


# -- a task definition checked alone: the repository's workflows are context -----------------


def _check(repo: Path, *paths: str, config: dict | None = None) -> list[str]:
    settings = Settings(config=from_mapping(config or {}, str(repo / ".ecslint.toml")), select=["ECS8"])
    report = run([str(repo / p) for p in paths], settings, REGISTRY)
    return [f"{Path(f.path).relative_to(repo).as_posix()}:{f.region.line}:{f.region.column} {f.rule}" for f in report.findings]


def test_renaming_a_container_fails_on_the_workflows_line(tmp_path):
    repo = _repository(
        tmp_path,
        {
            ".github/workflows/deploy.yml": WORKFLOW.format(container="web"),
            ".github/workflows/test.yml": TESTS_ONLY,
            "task-definition.json": json.dumps({**TASK, "containerDefinitions": [{**TASK["containerDefinitions"][0], "name": "app"}]}),
        },
    )
    # ECS804 of the workflow (a deploy without a stability wait) is not the commit's business
    assert _check(repo, "task-definition.json") == [".github/workflows/deploy.yml:14:27 ECS802"]
    (repo / ".github" / "workflows" / "deploy.yml").write_text(WORKFLOW.format(container="app"))
    assert _check(repo, "task-definition.json") == []


def test_workflows_follow_exclude_and_inline_suppressions(tmp_path):
    renamed = json.dumps({**TASK, "containerDefinitions": [{**TASK["containerDefinitions"][0], "name": "app"}]})
    repo = _repository(tmp_path, {".github/workflows/deploy.yml": WORKFLOW.format(container="web"), "task-definition.json": renamed})
    assert _check(repo, "task-definition.json", config={"exclude": [".github"]}) == []
    suppressed = WORKFLOW.format(container="web  # ecslint: ignore=ECS802 renamed in the next release")
    (repo / ".github" / "workflows" / "deploy.yml").write_text(suppressed)
    assert _check(repo, "task-definition.json") == []


def test_a_workflow_checked_alone_reads_the_task_definition_it_names(tmp_path):
    repo = _repository(
        tmp_path, {".github/workflows/deploy.yml": WORKFLOW.format(container="app"), "task-definition.json": json.dumps(TASK)}
    )
    assert _check(repo, ".github/workflows/deploy.yml") == [
        ".github/workflows/deploy.yml:14:27 ECS802",
        ".github/workflows/deploy.yml:17:9 ECS804",
    ]


def test_the_task_definitions_own_findings_stay_in_its_file(tmp_path):
    """The workflow is context: only findings that concern the checked task definition
    land in it (ECS802), not the workflow's own (ECS804), and the summary counts the one
    file checked."""
    renamed = json.dumps({**TASK, "containerDefinitions": [{**TASK["containerDefinitions"][0], "name": "app"}]})
    repo = _repository(tmp_path, {".github/workflows/deploy.yml": WORKFLOW.format(container="web"), "task-definition.json": renamed})
    result = subprocess.run([ECSLINT, "check", "task-definition.json", "--select", "ECS8"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(".github/workflows/deploy.yml:14:27: ECS802 [error] step 'render' of job deploy")
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 error) in 1 file. Checked 1 file."


def test_a_clean_task_definition_next_to_workflows_that_deploy_nothing_loads_no_yaml(tmp_path):
    """The workflows are read only when they name an ECS action: a repository's other
    workflows cost a directory listing and a read, not a YAML parser."""
    repo = _repository(tmp_path, {".github/workflows/test.yml": TESTS_ONLY, "task-definition.json": json.dumps(TASK)})
    code = "import sys; from ecslint.cli import main; code = main(['check', 'task-definition.json', '--select', 'ECS8']); print(code, 'yaml' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert result.stdout.split()[-2:] == ["0", "False"], result.stdout + result.stderr


@pytest.mark.parametrize("case", ["ECS802/fail-renamed-container", "ECS803/fail-render-describe-output"])
def test_sarif_of_workflow_findings_points_at_the_workflow(case):
    from ecslint.output import sarif

    rule_id = case.split("/")[0]
    report = run([str(ROOT / "fixtures" / "rules" / case / "task-definition.json")], Settings(select=[rule_id]), REGISTRY)
    (result,) = sarif.document(report)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == f"fixtures/rules/{case}/.github/workflows/deploy.yml"
    assert "primaryLocationLineHash" in result["partialFingerprints"]  # the context file is hashed too
