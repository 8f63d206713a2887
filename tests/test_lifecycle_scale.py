"""Lifecycle analyses in time near-linear in their input (issue 12, 5): ``lifecycle preview``
on 100,000 images (the tie check was quadratic: 10,000 images took 55 s here, 100,000 would
take hours) and ``check`` of a generated policy of 5,000 rules (ECR201/202 compared every
rule with every earlier one: 37 s). Each runs the real CLI in a subprocess with a generous
timeout, so that a regression fails instead of hanging the suite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ecslint.engine import Registry, Settings, run

ECSLINT = str(Path(sys.executable).parent / "ecslint")
REGISTRY = Registry.default()


def _images(count: int) -> dict:
    """``count`` images, three pushed at each minute (ties), three in four tagged."""
    images = []
    for k in range(count):
        minute = k // 3
        image = {"imageDigest": f"sha256:{k:064x}", "imagePushedAt": f"2024-01-{1 + minute // 1440:02d}T{minute // 60 % 24:02d}:{minute % 60:02d}:00Z"}
        if k % 4:
            image["imageTags"] = [f"v{k}.0.0"]
        images.append(image)
    return {"imageDetails": images}


def _rule(priority: int, **selection) -> dict:
    return {"rulePriority": priority, "selection": {"countType": "imageCountMoreThan", **selection}, "action": {"type": "expire"}}


def test_preview_of_100000_images_is_fast(tmp_path):
    images = tmp_path / "images.json"
    images.write_text(json.dumps(_images(100_000)))
    policy = tmp_path / "policy.json"
    # Cut-offs inside groups of images pushed at one instant: the tie check runs on each.
    policy.write_text(json.dumps({"rules": [
        _rule(1, tagStatus="tagged", tagPatternList=["v*"], countNumber=20_000),
        _rule(2, tagStatus="any", countNumber=5_000),
    ]}))
    result = subprocess.run(
        [ECSLINT, "lifecycle", "preview", str(policy), "--images", str(images), "--now", "2025-01-01T00:00:00Z", "--format", "json"],
        capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert len(out["images"]) == 100_000
    assert out["ties"], "the cut-offs fall inside groups of tied images"


def test_check_of_a_5000_rule_policy_is_fast(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"rules": [_rule(p, tagStatus="tagged", tagPrefixList=[f"r{p % 700}-"], countNumber=5) for p in range(1, 5001)]}))
    result = subprocess.run([ECSLINT, "check", "--format", "json", str(path)], capture_output=True, text=True, timeout=20)
    findings = json.loads(result.stdout)["findings"]
    (limit,) = [f for f in findings if f["rule"] == "ECR101"]
    assert "5000 rules" in limit["message"] and "read only the first 50" in limit["message"]
    # Only the first 50 rules as written are analysed: rules 1-50 use 50 distinct prefixes.
    assert not [f for f in findings if f["rule"].startswith("ECR2") and f["rule"] != "ECR209"]


def test_the_interaction_checks_read_the_first_50_rules_as_written(tmp_path):
    """Rule 40 repeats rule 1's prefix: shadowed (ECR201). The 51st rule, listed last, does
    too but is beyond the quota: not analysed, while ECR101 reports the quota."""
    rules = [_rule(p, tagStatus="tagged", tagPrefixList=[f"r{p}-"], countNumber=5) for p in range(1, 51)]
    rules[39]["selection"]["tagPrefixList"] = ["r1-"]
    rules.append(_rule(51, tagStatus="tagged", tagPrefixList=["r2-"], countNumber=5))
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"rules": rules}, indent=1))
    report = run([str(path)], Settings(select=["ECR101", "ECR201"]), REGISTRY)
    found = sorted((f.rule, f.pointer) for f in report.findings)
    assert found == [("ECR101", "/rules"), ("ECR201", "/rules/39/selection")]
