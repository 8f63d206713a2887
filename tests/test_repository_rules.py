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
