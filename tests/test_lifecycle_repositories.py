"""The ``lifecycle-repositories`` configuration key: which ECR repository a policy file
applies to, for the rules that match deployed images with policies (ECR301, ECR302)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ecslint import config as cfg
from ecslint.config import ConfigError
from ecslint.engine import Settings, run

ECSLINT = str(Path(sys.executable).parent / "ecslint")

POLICY = {"rules": [
    {"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 10}, "action": {"type": "expire"}},
]}
TASK = {"family": "web", "containerDefinitions": [
    {"name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2", "memory": 512},
]}


def _project(tmp_path: Path, toml: str | None) -> Path:
    (tmp_path / "ecr").mkdir()
    (tmp_path / "ecr" / "web-policy.json").write_text(json.dumps(POLICY, indent=2))
    (tmp_path / "taskdef.json").write_text(json.dumps(TASK, indent=2))
    if toml is not None:
        (tmp_path / ".ecslint.toml").write_text(toml)
    return tmp_path


def _findings(paths, config, **kw):
    report = run([str(p) for p in paths], Settings(config=config, select=["ECR301"], **kw))
    return [(Path(f.path).name, f.region.line, f.region.column) for f in report.findings]


def test_the_mapping_names_the_repository_of_a_raw_policy(tmp_path):
    root = _project(tmp_path, 'lifecycle-repositories = {"ecr/web-policy.json" = "web"}\n')
    config = cfg.load(str(root / ".ecslint.toml"))
    assert config.lifecycle_repositories == {str(root / "ecr" / "web-policy.json"): "web"}
    assert _findings([root], config) == [("web-policy.json", 5, 7)]  # the rule's "selection" key
    assert _findings([root], cfg.Config()) == []  # without it, the policy's repository is unknown


def test_paths_are_relative_to_the_config_file_not_the_working_directory(tmp_path, monkeypatch):
    root = _project(tmp_path, 'lifecycle-repositories = {"ecr/web-policy.json" = "web"}\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = cfg.load(str(root / ".ecslint.toml"))
    assert _findings([root / "taskdef.json", root / "ecr" / "web-policy.json"], config) == [("web-policy.json", 5, 7)]


def test_the_mapping_overrides_repository_name(tmp_path):
    root = _project(tmp_path, 'lifecycle-repositories = {"ecr/web-policy.json" = "web"}\n')
    text = json.dumps(POLICY)
    (root / "ecr" / "web-policy.json").write_text(json.dumps({"repositoryName": "other", "lifecyclePolicyText": text}))
    config = cfg.load(str(root / ".ecslint.toml"))
    assert [f[0] for f in _findings([root], config)] == ["web-policy.json"]


def test_a_mapped_policy_in_context_reports_on_the_task_definition(tmp_path):
    root = _project(tmp_path, 'context = ["ecr"]\nlifecycle-repositories = {"ecr/web-policy.json" = "web"}\n')
    config = cfg.load(str(root / ".ecslint.toml"))
    assert _findings([root / "taskdef.json"], config) == [("taskdef.json", 6, 16)]  # the image value


def test_other_repositories_and_other_documents_are_untouched(tmp_path):
    root = _project(tmp_path, 'lifecycle-repositories = {"ecr/web-policy.json" = "api", "taskdef.json" = "web"}\n')
    config = cfg.load(str(root / ".ecslint.toml"))
    report = run([str(root)], Settings(config=config, select=["ECR301"]))
    assert report.findings == []
    assert all(d.repository is None for f in report.files for d in f.documents if d.kind == "task-definition")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('lifecycle-repositories = ["ecr/web-policy.json"]\n', "`lifecycle-repositories` must be a table"),
        ('lifecycle-repositories = {"ecr/web-policy.json" = 3}\n', "`lifecycle-repositories.ecr/web-policy.json` must be a repository name"),
        ('lifecycle-repositories = {"ecr/web-policy.json" = "Web App"}\n', "is not an ECR repository name"),
        ('lifecycle-repositories = {"ecr/missing.json" = "web"}\n', "no such file 'ecr/missing.json'"),
        ('lifecycle-repository = {"ecr/web-policy.json" = "web"}\n', "did you mean"),
    ],
)
def test_bad_values_are_configuration_errors(tmp_path, toml, message):
    root = _project(tmp_path, toml)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace(".", r"\.")):
        cfg.load(str(root / ".ecslint.toml"))
    result = subprocess.run([ECSLINT, "check", "."], cwd=root, capture_output=True, text=True)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_through_the_cli(tmp_path):
    root = _project(tmp_path, 'select = ["ECR301"]\nlifecycle-repositories = {"ecr/web-policy.json" = "team/web"}\n')
    task = dict(TASK, containerDefinitions=[dict(TASK["containerDefinitions"][0], image="123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.4.2")])
    (root / "taskdef.json").write_text(json.dumps(task, indent=2))
    result = subprocess.run([ECSLINT, "check", "."], cwd=root, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ecr/web-policy.json:5:7: ECR301 [warning] rule 1 (tagStatus any, imageCountMoreThan 10, expire)" in result.stdout
    assert "from repository 'team/web'" in result.stdout
