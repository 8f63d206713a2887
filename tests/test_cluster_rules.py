"""Clusters and capacity providers (ECS7xx): the readings the rules rest on, and their edges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecslint.engine import Settings, run
from ecslint.load.source import Document
from ecslint.model.capacity import new_instances_protected
from ecslint.model.values import UNKNOWN


def _group(data) -> Document:
    return Document("auto-scaling-group", "create", data, None, None, "asg")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "expected"),
    [(True, True), ("true", True), ("True", True), (False, False), ("FALSE", False), ("${PROTECT}", UNKNOWN), ("yes", None)],
)
def test_scale_in_protection_reads_template_booleans(written, expected):
    assert new_instances_protected(_group({"NewInstancesProtectedFromScaleIn": written})) is expected


def test_scale_in_protection_is_off_when_the_group_does_not_set_it():
    assert new_instances_protected(_group({"AutoScalingGroupName": "asg", "MinSize": 1, "MaxSize": 2})) is False


def _check(tmp_path: Path, rule: str, files: dict, **settings):
    for name, data in files.items():
        (tmp_path / name).write_text(json.dumps(data, indent=2) if not isinstance(data, str) else data)
    return run([str(tmp_path / n) for n in files], Settings(select=[rule], **settings)).findings


def test_ecs701_accepts_both_on_values_in_any_case_and_skips_placeholders(tmp_path):
    for value in ("enabled", "enhanced", "Enabled", "${INSIGHTS}"):
        cluster = {"clusterName": "prod", "settings": [{"name": "containerInsights", "value": value}]}
        assert _check(tmp_path, "ECS701", {"cluster.json": cluster}) == [], value


def test_ecs701_says_the_account_default_may_apply_when_the_setting_is_absent(tmp_path):
    (finding,) = _check(tmp_path, "ECS701", {"cluster.json": {"clusterName": "prod", "settings": []}})
    assert finding.pointer == "/settings"
    assert "cluster 'prod' does not turn Container Insights on in this file" in finding.message
    assert "account's default" in finding.message


def test_ecs702_and_ecs703_leave_a_managed_instances_provider_alone(tmp_path):
    provider = {"name": "mi", "managedInstancesProvider": {"infrastructureRoleArn": "arn:aws:iam::123456789012:role/ecs-infra"}}
    assert _check(tmp_path, "ECS702", {"cp.json": provider}) == []
    assert _check(tmp_path, "ECS703", {"cp.json": provider}) == []


def test_ecs703_needs_termination_protection_stated_on(tmp_path):
    provider = {"name": "cp", "autoScalingGroupProvider": {"autoScalingGroupArn": "nodes", "managedScaling": {"status": "ENABLED"}}}
    group = {"AutoScalingGroupName": "nodes", "MinSize": 1, "MaxSize": 2}
    assert _check(tmp_path, "ECS703", {"cp.json": provider, "asg.json": group}) == []


def test_ecs703_names_the_provider_and_the_group_and_finds_the_group_by_arn(tmp_path):
    arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d:autoScalingGroupName/nodes"
    provider = {"name": "cp", "autoScalingGroupProvider": {"autoScalingGroupArn": arn, "managedTerminationProtection": "ENABLED"}}
    group = {"AutoScalingGroupName": "nodes", "MinSize": 1, "MaxSize": 2}
    (finding,) = _check(tmp_path, "ECS703", {"cp.json": provider, "asg.json": group})
    assert Path(finding.path).name == "cp.json" and finding.pointer == "/autoScalingGroupProvider/managedTerminationProtection"
    assert "capacity provider 'cp'" in finding.message and "group 'nodes'" in finding.message


def test_ecs704_judges_no_cluster_without_an_exec_configuration_and_no_unknown_one(tmp_path):
    assert _check(tmp_path, "ECS704", {"c.json": {"clusterName": "prod", "settings": []}}) == []
    assert _check(tmp_path, "ECS704", {"c.json": {"clusterName": "prod", "configuration": "${EXEC}"}}) == []
    assert _check(tmp_path, "ECS704", {"c.json": {"clusterName": "prod", "configuration": {"executeCommandConfiguration": "${EXEC}"}}}) == []


def test_ecs704_is_off_by_default(tmp_path):
    cluster = {"clusterName": "prod", "configuration": {"executeCommandConfiguration": {"logging": "NONE"}}}
    (tmp_path / "c.json").write_text(json.dumps(cluster))
    assert [f.rule for f in run([str(tmp_path / "c.json")], Settings()).findings if f.rule.startswith("ECS70")] == ["ECS701"]
