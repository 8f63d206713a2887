"""ECR repositories (ECR4xx) and what the sources say about them."""

from __future__ import annotations

from pathlib import Path

from ecslint.load.reader import read


def _read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read(str(path), name)


def test_a_template_repository_keeps_a_lifecycle_policy_whose_text_is_not_readable(tmp_path):
    # The policy text is a parameter: no lifecycle-policy document can be made of it, but
    # the repository still says that it has a policy (ECR403 must not call it missing).
    file = _read(
        tmp_path,
        "stack.yaml",
        "Parameters:\n  Policy: {Type: String}\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n"
        "    Properties:\n      RepositoryName: web\n      LifecyclePolicy:\n        LifecyclePolicyText: !Ref Policy\n",
    )
    (repository,) = [d for d in file.documents if d.kind == "repository"]
    assert "lifecyclePolicy" in repository.data
    assert [d for d in file.documents if d.kind == "lifecycle-policy"] == []


# -- ECR405: IAM semantics --------------------------------------------------------------

import json  # noqa: E402

import pytest  # noqa: E402

from ecslint.engine import Settings, run  # noqa: E402
from ecslint.rules.repository.public_repository_policy import PULL, PUSH, _granted, _matches  # noqa: E402


@pytest.mark.parametrize(
    ("pattern", "action", "expected"),
    [
        ("ecr:*", "ecr:BatchGetImage", True),
        ("ECR:batchgetimage", "ecr:BatchGetImage", True),
        ("*", "ecr:PutImage", True),
        ("ecr:Get*", "ecr:GetDownloadUrlForLayer", True),
        ("ecr:Get*", "ecr:BatchGetImage", False),
        ("ecr:?utImage", "ecr:PutImage", True),
        ("ecr:Put", "ecr:PutImage", False),
        ("ecr:Batch[GC]*", "ecr:BatchGetImage", False),  # no character classes in IAM
        ("s3:*", "ecr:PutImage", False),
    ],
)
def test_actions_match_as_iam_matches_them(pattern, action, expected):
    assert _matches(pattern, action) is expected


def test_a_pull_needs_both_pull_actions_and_not_action_grants_what_it_does_not_name():
    assert _granted({"Action": ["ecr:Get*"]}, PULL) is False
    assert _granted({"Action": ["ecr:Get*", "ecr:BatchGet*"]}, PULL) is True
    assert _granted({"NotAction": "ecr:PutImage"}, PULL) is True
    assert _granted({"NotAction": "ecr:PutImage"}, PUSH) is False
    assert _granted({"Action": ["ecr:*", "${MORE}"]}, PULL) is False  # a templated list is not judged


def _template(policy) -> str:
    return json.dumps({"Resources": {"Web": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "web", "RepositoryPolicyText": policy}}}})


def _ecr405(tmp_path, policy):
    (tmp_path / "stack.json").write_text(_template(policy))
    return run([str(tmp_path / "stack.json")], Settings(select=["ECR405"])).findings


def test_a_policy_given_as_a_json_string_is_judged_on_the_string(tmp_path):
    policy = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}]})
    (finding,) = _ecr405(tmp_path, policy)
    assert finding.pointer == "/policyText"
    assert "statement #1" in finding.message and "pull and push" in finding.message


@pytest.mark.parametrize(
    "statement",
    [
        {"Effect": "Deny", "Principal": "*", "Action": "ecr:*"},
        {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "ecr:*"},
        {"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "ecr:*"},
        {"Effect": "Allow", "Principal": "*", "Action": "ecr:*", "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}},
        {"Effect": "Allow", "Principal": "*", "Action": "ecr:*", "Condition": {"Fn::If": ["Open", {}, {"Bool": {"aws:SecureTransport": "true"}}]}},
        {"Effect": "Allow", "Principal": "*", "Action": {"Ref": "Actions"}},
    ],
)
def test_statements_that_do_not_open_the_repository_to_everyone(tmp_path, statement):
    assert _ecr405(tmp_path, {"Statement": [statement]}) == []


def test_a_policy_string_nested_past_the_parser_limit_is_not_a_crash(tmp_path):
    """Found by tools/fuzz.py: json.loads raised RecursionError (not a ValueError) on
    the policy text, and ECR405 failed (ECS008)."""
    (tmp_path / "stack.json").write_text(_template("[" * 100_000 + "]" * 100_000))
    findings = run([str(tmp_path / "stack.json")], Settings(select=["ALL"])).findings
    assert [f.rule for f in findings if f.rule == "ECS008"] == []


# -- ECR403: when the absence of a lifecycle policy is knowable ------------------------------

from ecslint.model.values import UNKNOWN  # noqa: E402
from ecslint.workspace import Workspace  # noqa: E402

POLICY_TEXT = json.dumps(
    {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}
)


def _workspace(tmp_path, files: dict) -> Workspace:
    docs = []
    for name, data in files.items():
        docs += _read(tmp_path, name, data if isinstance(data, str) else json.dumps(data)).documents
    return Workspace(docs)


def test_a_template_repository_without_policy_has_none_and_one_named_by_a_policy_file_has_one(tmp_path):
    stack = "Resources:\n  Web:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: web\n"
    ws = _workspace(tmp_path, {"stack.yaml": stack})
    assert ws.has_lifecycle_policy(ws.repositories[0]) is False
    ws = _workspace(tmp_path, {"stack.yaml": stack, "put.json": {"repositoryName": "web", "lifecyclePolicyText": POLICY_TEXT}})
    assert ws.has_lifecycle_policy(ws.repositories[0]) is True


def test_a_template_repository_named_by_a_parameter_may_be_the_one_a_policy_file_names(tmp_path):
    stack = "Parameters:\n  Name: {Type: String}\nResources:\n  Web:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: !Ref Name\n"
    ws = _workspace(tmp_path, {"stack.yaml": stack, "put.json": {"repositoryName": "web", "lifecyclePolicyText": POLICY_TEXT}})
    assert ws.has_lifecycle_policy(ws.repositories[0]) is UNKNOWN


def test_an_api_repository_is_judged_only_when_the_run_keeps_named_policies(tmp_path):
    repository = {"repositoryName": "web", "imageTagMutability": "IMMUTABLE"}
    ws = _workspace(tmp_path, {"repo.json": repository})
    assert ws.has_lifecycle_policy(ws.repositories[0]) is UNKNOWN
    ws = _workspace(tmp_path, {"repo.json": repository, "policy.json": json.loads(POLICY_TEXT)})
    assert ws.has_lifecycle_policy(ws.repositories[0]) is UNKNOWN  # the raw policy may be web's
    ws = _workspace(tmp_path, {"repo.json": repository, "put.json": {"repositoryName": "api", "lifecyclePolicyText": POLICY_TEXT}})
    assert ws.has_lifecycle_policy(ws.repositories[0]) is False


def test_a_sub_policy_that_is_json_only_after_substitution_is_unknown_not_a_syntax_error(tmp_path):
    # Valid CloudFormation (aws/amazon-ecs-agent's build stack does this): the number is a
    # parameter. The policy is unknown until deployed; the repository still has one.
    text = (
        "Parameters:\n  Days: {Type: Number}\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n"
        "      RepositoryName: web\n      LifecyclePolicy:\n        LifecyclePolicyText: !Sub |\n"
        '          {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan",'
        ' "countNumber": ${Days}}, "action": {"type": "expire"}}]}\n'
    )
    (tmp_path / "stack.yaml").write_text(text)
    report = run([str(tmp_path / "stack.yaml")], Settings(select=["ECS001", "ECR403"]))
    assert report.findings == []
    file = _read(tmp_path, "stack.yaml", text)
    assert file.problems == [] and [d.kind for d in file.documents] == ["repository"]


@pytest.mark.parametrize("policy", ['{"rules": [{"rulePriority": 1,}]}', '{"rules": [{"rulePriority": ${P},}]}'])
def test_a_sub_policy_that_is_not_json_for_another_reason_is_still_reported(tmp_path, policy):
    text = (
        "Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      LifecyclePolicy:\n"
        f"        LifecyclePolicyText: !Sub '{policy}'\n"
    )
    (tmp_path / "stack.yaml").write_text(text)
    assert [f.rule for f in run([str(tmp_path / "stack.yaml")], Settings(select=["ECS001"])).findings] == ["ECS001"]
