"""The API's own files for clusters, capacity providers, repositories, target groups and
Auto Scaling groups: which shapes are recognised, what their documents say, and how the
workspace links them (the kinds a CloudFormation stack also holds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecslint.engine import Settings, run
from ecslint.load.reader import read
from ecslint.model import view
from ecslint.model.values import UNKNOWN
from ecslint.workspace import Workspace

TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"


def _read(tmp_path: Path, name: str, data) -> list:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    file = read(str(path), name)
    assert not file.problems
    return file.documents


SHAPES = [
    ("create-cluster", {"clusterName": "prod", "settings": [{"name": "containerInsights", "value": "enabled"}]}, "cluster", "create", "prod"),
    (
        "describe-clusters",
        {"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "clusterName": "prod", "status": "ACTIVE"}], "failures": []},
        "cluster",
        "describe",
        "prod",
    ),
    ("create-cluster-output", {"cluster": {"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "clusterName": "prod"}}, "cluster", "describe", "prod"),
    (
        "create-capacity-provider",
        {"name": "cp", "autoScalingGroupProvider": {"autoScalingGroupArn": "asg", "managedTerminationProtection": "ENABLED"}},
        "capacity-provider",
        "create",
        "cp",
    ),
    (
        "describe-capacity-providers",
        {"capacityProviders": [{"capacityProviderArn": "arn:aws:ecs:us-east-1:123456789012:capacity-provider/cp", "name": "cp", "status": "ACTIVE"}]},
        "capacity-provider",
        "describe",
        "cp",
    ),
    ("create-repository", {"repositoryName": "web", "imageTagMutability": "IMMUTABLE"}, "repository", "create", "web"),
    (
        "describe-repositories",
        {"repositories": [{"repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/web", "repositoryName": "web", "imageTagMutability": "MUTABLE"}]},
        "repository",
        "describe",
        "web",
    ),
    ("create-target-group", {"Name": "web", "Protocol": "HTTP", "Port": 80, "TargetType": "ip"}, "target-group", "create", "web"),
    (
        "describe-target-groups",
        {"TargetGroups": [{"TargetGroupArn": TG_ARN, "TargetGroupName": "web", "TargetType": "ip", "HealthCheckPort": "traffic-port"}]},
        "target-group",
        "describe",
        "web",
    ),
    ("create-auto-scaling-group", {"AutoScalingGroupName": "asg", "MinSize": 1, "MaxSize": 3}, "auto-scaling-group", "create", "asg"),
    (
        "describe-auto-scaling-groups",
        {"AutoScalingGroups": [{"AutoScalingGroupName": "asg", "AutoScalingGroupARN": "arn:aws:autoscaling:x", "MinSize": 1, "MaxSize": 3}]},
        "auto-scaling-group",
        "describe",
        "asg",
    ),
]


@pytest.mark.parametrize(("label", "data", "kind", "shape", "name"), SHAPES, ids=[s[0] for s in SHAPES])
def test_each_api_shape_is_one_document_of_its_kind(tmp_path, label, data, kind, shape, name):
    (doc,) = _read(tmp_path, f"{label}.json", data)
    assert (doc.kind, doc.shape, doc.name) == (kind, shape, name)


NOT_THESE = [
    # get-lifecycle-policy / delete-repository input: a repository name alone says nothing.
    ("get-lifecycle-policy-input", {"repositoryName": "web"}),
    ("delete-repository-input", {"repositoryName": "web", "force": True}),
    # A name and a port are in every other tool's configuration.
    ("app-config", {"Name": "web", "Port": 8080}),
    # create-cluster input lists capacity providers by name; that is not describe output.
    ("cluster-name-only", {"clusterName": "prod"}),
]


@pytest.mark.parametrize(("label", "data"), NOT_THESE, ids=[n for n, _ in NOT_THESE])
def test_lookalikes_are_not_read_as_these_kinds(tmp_path, label, data):
    assert _read(tmp_path, f"{label}.json", data) == []


def test_create_input_is_checked_against_its_api_schema_and_describe_output_is_not(tmp_path):
    cluster = json.dumps({"clusterName": "prod", "settings": [], "configuraton": {}})
    target_group = json.dumps({"Name": "web", "TargetType": "instanse"})
    (tmp_path / "cluster.json").write_text(cluster)
    (tmp_path / "clusters.json").write_text(
        json.dumps({"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "clusterName": "prod", "status": "ACTIVE"}]})
    )
    (tmp_path / "tg.json").write_text(target_group)
    report = run([str(tmp_path)], Settings(select=["ECS002", "ECS003", "ECS004", "ECS005"]))
    assert [(f.rule, Path(f.path).name, f.region.line, f.region.column) for f in report.findings] == [
        ("ECS002", "cluster.json", 1, cluster.index('"configuraton"') + 1),
        ("ECS004", "tg.json", 1, target_group.index('"instanse"') + 1),
    ]


def test_describe_clusters_output_without_settings_does_not_say_insights_are_off(tmp_path):
    (doc,) = _read(
        tmp_path,
        "clusters.json",
        {"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "clusterName": "prod", "status": "ACTIVE"}]},
    )
    cluster = view(doc)
    assert cluster.container_insights[0] is UNKNOWN
    assert cluster.execute_command_configuration is UNKNOWN


def test_create_cluster_input_without_settings_leaves_insights_unset(tmp_path):
    (doc,) = _read(tmp_path, "cluster.json", {"clusterName": "prod", "capacityProviders": ["FARGATE"]})
    assert view(doc).container_insights == (None, None)
    assert view(doc).execute_command_configuration is None


def test_a_service_finds_its_target_group_in_describe_output_by_arn(tmp_path):
    service = {"serviceName": "web", "taskDefinition": "web:1", "loadBalancers": [{"targetGroupArn": TG_ARN, "containerName": "web", "containerPort": 80}]}
    docs = _read(tmp_path, "service.json", service)
    docs += _read(
        tmp_path,
        "tgs.json",
        {
            "TargetGroups": [
                {"TargetGroupArn": TG_ARN.replace("0123456789abcdef", "fedcba9876543210"), "TargetGroupName": "web", "TargetType": "instance"},
                {"TargetGroupArn": TG_ARN, "TargetGroupName": "web", "TargetType": "ip"},
            ]
        },
    )
    ws = Workspace(docs)
    (svc,) = ws.services
    found = ws.target_group_for(svc.load_balancers[0], svc)
    assert found is not None and found.target_type == "ip"


def test_a_service_finds_a_create_target_group_input_by_the_name_in_its_arn(tmp_path):
    service = {"serviceName": "web", "taskDefinition": "web:1", "loadBalancers": [{"targetGroupArn": TG_ARN, "containerName": "web", "containerPort": 80}]}
    docs = _read(tmp_path, "service.json", service) + _read(tmp_path, "tg.json", {"Name": "web", "TargetType": "ip", "Port": 80})
    ws = Workspace(docs)
    (svc,) = ws.services
    assert ws.target_group_for(svc.load_balancers[0], svc).target_group_name == "web"
