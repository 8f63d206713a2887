"""The lifecycle policy model shared by the ECR rules and the preview
(``ecslint.model.lifecycle``): tag lists, shadowing, the put-lifecycle-policy envelope."""

from __future__ import annotations

import json
from pathlib import Path

from ecslint.engine import Settings, run
from ecslint.lifecycle import deployed
from ecslint.lifecycle.preview import load_policy
from ecslint.load.reader import read
from ecslint.model import view


def _rule(priority: int, status: str, n: int = 20, **lists) -> dict:
    selection = {"tagStatus": status, **lists, "countType": "imageCountMoreThan", "countNumber": n}
    return {"rulePriority": priority, "selection": selection, "action": {"type": "expire"}}


def _policy(tmp_path: Path, doc: dict, name: str = "policy.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2))
    (policy,) = read(str(path), name).documents
    return view(policy)


def _findings(tmp_path: Path, doc: dict, select: list[str]) -> list[tuple[str, str]]:
    path = tmp_path / "check.json"
    path.write_text(json.dumps(doc, indent=2))
    report = run([str(path)], Settings(select=select))
    return [(f.rule, f.pointer) for f in report.findings]


def test_a_null_tag_list_beside_the_real_one_counts_as_absent(tmp_path):
    doc = {"rules": [_rule(1, "tagged", tagPrefixList=["prod", "staging"], tagPatternList=None), _rule(2, "any")]}
    (r, _) = _policy(tmp_path, doc).rules
    assert r.tag_list_key == "tagPrefixList"
    assert [e.text for e in r.selection.entries] == ["prod", "staging"]
    # the AND-trap finding names and points at the list that holds the entries
    assert _findings(tmp_path, doc, ["ECR204"]) == [("ECR204", "/rules/0/selection/tagPrefixList")]


def test_shadowing_is_decided_once_for_both_shadowing_rules(tmp_path):
    union = {"rules": [
        _rule(1, "untagged", 5),
        _rule(2, "tagged", 5, tagPatternList=["*"]),
        _rule(3, "tagged", 5, tagPrefixList=["v"]),  # shadowed by rule 2 alone
        _rule(4, "any", 50),  # shadowed by rules 1 and 2 together
    ]}
    policy = _policy(tmp_path, union)
    assert {r.priority: [c.priority for c in cover] for r, cover in policy.shadowed.items()} == {3: [2], 4: [1, 2]}
    found = _findings(tmp_path, union, ["ECR201", "ECR202"])
    assert found == [("ECR201", "/rules/2/selection"), ("ECR201", "/rules/3/selection")]


def test_the_envelope_is_the_put_lifecycle_policy_object(tmp_path):
    text = json.dumps({"rules": [_rule(1, "any")]})
    put = {"registryId": "123456789012", "repositoryName": "web", "lifecyclePolicyText": text}
    policy = _policy(tmp_path, put, "put.json")
    assert policy.envelope[0]["repositoryName"] == "web"
    assert deployed.registry_id(policy) == "123456789012"
    assert _policy(tmp_path, {"rules": [_rule(1, "any")]}).envelope is None


def test_the_preview_reads_the_policy_file_once(tmp_path, monkeypatch):
    import ecslint.load.reader as reader

    calls = []
    real = reader.read

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(reader, "read", counting)
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"rules": [_rule(1, "any")]}))
    rules, _ = load_policy(str(path))
    assert [r.priority for r in rules] == [1]
    assert calls == [str(path)]
