"""Malformed clusters, capacity providers, repositories, target groups and Auto Scaling
groups never crash a rule (no ECS008): whatever JSON value stands where a member belongs,
in API files and in templates, the rules read it leniently and the schema rules report it."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.engine import Settings, run

ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 70000) | st.sampled_from(["", "*", "${X}", "NONE", "ENABLED", "MUTABLE", "traffic-port", "80", "ip"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["AWS", "name", "value", "Effect", "Action", "x"]), inner, max_size=3),
    max_leaves=6,
)

#: A well-formed document of each kind, and the members a property replaces.
BASES = {
    "cluster.json": {"clusterName": "prod", "settings": [{"name": "containerInsights", "value": "disabled"}],
                     "configuration": {"executeCommandConfiguration": {"logging": "NONE"}}},
    "cp.json": {"name": "cp", "autoScalingGroupProvider": {"autoScalingGroupArn": "nodes", "managedScaling": {"status": "ENABLED"},
                                                            "managedTerminationProtection": "ENABLED"}},
    "asg.json": {"AutoScalingGroupName": "nodes", "MinSize": 1, "MaxSize": 2, "NewInstancesProtectedFromScaleIn": False},
    "repo.json": {"repositoryName": "web", "imageTagMutability": "MUTABLE", "imageScanningConfiguration": {"scanOnPush": False},
                  "encryptionConfiguration": {"encryptionType": "AES256"}},
    "tg.json": {"Name": "web", "TargetType": "instance", "HealthCheckPort": "8080"},
    "td.json": {"family": "web", "networkMode": "awsvpc", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 256,
                                                                                       "portMappings": [{"containerPort": 80, "hostPort": 0}]}]},
    "svc.json": {"serviceName": "web", "taskDefinition": "web", "loadBalancers": [{"targetGroupArn": ARN, "containerName": "web", "containerPort": 80}]},
}
PLACES = [
    ("cluster.json", ("settings",)), ("cluster.json", ("settings", 0)), ("cluster.json", ("settings", 0, "value")),
    ("cluster.json", ("configuration",)), ("cluster.json", ("configuration", "executeCommandConfiguration")),
    ("cp.json", ("autoScalingGroupProvider",)), ("cp.json", ("autoScalingGroupProvider", "managedScaling")),
    ("cp.json", ("autoScalingGroupProvider", "autoScalingGroupArn")), ("asg.json", ("NewInstancesProtectedFromScaleIn",)),
    ("asg.json", ("AutoScalingGroupName",)), ("repo.json", ("imageScanningConfiguration",)), ("repo.json", ("imageTagMutability",)),
    ("repo.json", ("encryptionConfiguration",)), ("repo.json", ("repositoryName",)), ("tg.json", ("TargetType",)),
    ("tg.json", ("HealthCheckPort",)), ("tg.json", ("Name",)), ("td.json", ("networkMode",)),
    ("td.json", ("containerDefinitions", 0, "portMappings", 0)), ("svc.json", ("loadBalancers", 0)),
]


def _set(data, path, value):
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(PLACES), value=JSON)
def test_no_rule_crashes_on_a_malformed_member_of_an_api_file(tmp_path_factory, place, value):
    folder = tmp_path_factory.mktemp("api")
    for name, base in BASES.items():
        data = json.loads(json.dumps(base))
        if name == place[0]:
            _set(data, place[1], value)
        (folder / name).write_text(json.dumps(data))
    report = run([str(folder)], Settings(select=["ALL"]))
    assert not [f for f in report.findings if f.rule == "ECS008"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=JSON, member=st.sampled_from(["RepositoryPolicyText", "LifecyclePolicy", "ImageScanningConfiguration", "EncryptionConfiguration"]))
def test_no_rule_crashes_on_a_malformed_repository_property_of_a_template(tmp_path_factory, value, member):
    folder = tmp_path_factory.mktemp("cfn")
    template = {"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "web", member: value}},
                              "Policy": {"Type": "AWS::ECR::Repository",
                                         "Properties": {"RepositoryPolicyText": {"Statement": [{"Effect": "Allow", "Principal": value, "Action": value}]}}}}}
    (folder / "stack.json").write_text(json.dumps(template))
    report = run([str(folder)], Settings(select=["ALL"]))
    assert not [f for f in report.findings if f.rule == "ECS008"]
