"""ECR111 (policy-text-length): which text is measured, for each way a policy is written.

The fixtures hold the realistic cases; the 30,720-character boundary needs generated files.
"""

from __future__ import annotations

import json

from ecslint.engine import Registry, Settings, run

REGISTRY = Registry.default()


def _policy(description_length: int, rules: int = 1) -> dict:
    return {
        "rules": [
            {
                "rulePriority": p,
                "description": "d" * description_length,
                "selection": {"tagStatus": "tagged", "tagPatternList": [f"t{p}-*"], "countType": "imageCountMoreThan", "countNumber": 10},
                "action": {"type": "expire"},
            }
            for p in range(1, rules + 1)
        ]
    }


def _findings(path) -> list:
    return [f for f in run([str(path)], Settings(select=["ECR111"]), REGISTRY).findings]


def _sized(length: int) -> str:
    """Compact policy text of exactly ``length`` characters."""
    base = json.dumps(_policy(0), separators=(",", ":"))
    text = json.dumps(_policy(length - len(base)), separators=(",", ":"))
    assert len(text) == length
    return text


def test_policy_text_is_measured_exactly(tmp_path):
    for length, expected in ((30720, 0), (30721, 1)):
        path = tmp_path / f"put-{length}.json"
        path.write_text(json.dumps({"repositoryName": "web", "lifecyclePolicyText": _sized(length)}))
        found = _findings(path)
        assert len(found) == expected, length
    (finding,) = found
    assert (finding.region.line, finding.region.column) == (1, 27)  # the lifecyclePolicyText key
    assert "30,721 characters" in finding.message and "minify" not in finding.message


def test_pretty_policy_text_suggests_minifying(tmp_path):
    text = json.dumps(_policy(20000), indent=4) + " " * 12000
    path = tmp_path / "put.json"
    path.write_text(json.dumps({"repositoryName": "web", "lifecyclePolicyText": text}))
    (finding,) = _findings(path)
    assert "minify it" in finding.message


def test_policy_file_counts_what_every_client_sends(tmp_path):
    # Over the limit as written (and with CRLF line ends), within it minified: Terraform
    # minifies, so no finding; over it even minified: a finding.
    fits = json.dumps(_policy(30000), indent=40).replace("\n", "\r\n")
    assert len(fits) > 30720 >= len(json.dumps(_policy(30000), separators=(",", ":")))
    (tmp_path / "fits.json").write_text(fits, newline="")
    assert _findings(tmp_path / "fits.json") == []
    big = _policy(700, rules=50)
    (tmp_path / "over.json").write_text(json.dumps(big, indent=2))
    (finding,) = _findings(tmp_path / "over.json")
    assert (finding.region.line, finding.region.column) == (1, 1)
    assert "even minified" in finding.message


def test_yaml_and_templated_policies_are_not_measured(tmp_path):
    import yaml

    big = _policy(700, rules=50)
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(big))
    assert _findings(tmp_path / "policy.yaml") == []
    text = json.dumps(_policy(40000)).replace('"t1-*"', '"${PREFIX}-*"')
    (tmp_path / "put.json").write_text(json.dumps({"repositoryName": "web", "lifecyclePolicyText": text}))
    assert _findings(tmp_path / "put.json") == []


def test_short_text_without_rules_is_left_to_other_rules(tmp_path):
    (tmp_path / "empty.json").write_text(json.dumps({"repositoryName": "web", "lifecyclePolicyText": '{"rules": []}'}))
    assert _findings(tmp_path / "empty.json") == []
    (tmp_path / "empty-file.json").write_text('{"rules": []}')
    assert _findings(tmp_path / "empty-file.json") == []


def test_a_template_policy_text_is_reported_on_its_key_in_every_branch(tmp_path):
    """As on put-lifecycle-policy's key: the LifecyclePolicyText key of the repository,
    also when an Fn::If chooses the text (the finding holds in one reading only)."""
    short = '{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged"}}]}'
    path = tmp_path / "template.yaml"
    path.write_text(
        "Conditions:\n"
        "  IsProd: !Equals [!Ref AWS::Region, us-east-1]\n"
        "Resources:\n"
        "  Repository:\n"
        "    Type: AWS::ECR::Repository\n"
        "    Properties:\n"
        "      LifecyclePolicy:\n"
        f"        LifecyclePolicyText: !If [IsProd, '{short}', '{json.dumps(_policy(10))}']\n"
    )
    (finding,) = _findings(path)
    assert (finding.region.line, finding.region.column) == (8, 9)
    assert finding.message.startswith("the LifecyclePolicyText string is 72 characters;")
    assert finding.message.endswith("(when IsProd is true)")
