"""The service model's shape-aware accessors and the arithmetic of the service rules."""

from __future__ import annotations

import json

import pytest

from ecslint.engine import Registry, Settings, run
from ecslint.model.service import platform_version_number
from ecslint.model.values import UNKNOWN

REGISTRY = Registry.default()


def _service(tmp_path, data, name="service.json"):
    from ecslint.load.reader import read
    from ecslint.model import view

    path = tmp_path / name
    path.write_text(json.dumps(data))
    (doc,) = read(str(path), str(path)).documents
    return view(doc)


def test_update_input_reads_omitted_members_as_unknown(tmp_path):
    update = _service(tmp_path, {"service": "api", "desiredCount": 2})
    assert update.is_update
    assert update.scheduling is UNKNOWN
    assert update.controller is UNKNOWN
    assert update.maximum_percent is UNKNOWN and update.minimum_healthy_percent is UNKNOWN
    assert update.runs_on_fargate is UNKNOWN
    assert update.has_awsvpc_configuration is UNKNOWN


def test_create_input_applies_the_defaults(tmp_path):
    create = _service(tmp_path, {"serviceName": "api", "desiredCount": 2})
    assert (create.scheduling, create.controller, create.deployment_strategy) == ("REPLICA", "ECS", "ROLLING")
    assert (create.maximum_percent, create.minimum_healthy_percent) == (200, 100)
    daemon = _service(tmp_path, {"serviceName": "agent", "schedulingStrategy": "DAEMON"}, "daemon.json")
    assert (daemon.maximum_percent, daemon.minimum_healthy_percent) == (100, 0)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"launchType": "FARGATE"}, True),
        ({"launchType": "EC2"}, False),
        ({"launchType": "", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}, True),
        ({"capacityProviderStrategy": [{"capacityProvider": "my-asg", "weight": 1}]}, False),
        ({}, UNKNOWN),  # the cluster's default strategy decides
        ({"launchType": "${LAUNCH_TYPE}"}, UNKNOWN),
    ],
)
def test_runs_on_fargate(tmp_path, data, expected):
    assert _service(tmp_path, {"serviceName": "api", "desiredCount": 1, **data}).runs_on_fargate is expected


def test_a_template_reference_names_a_load_balancer_though_its_value_is_unknown(tmp_path):
    """``TargetGroupArn: !Ref TG`` and ``LoadBalancerName: !Ref Elb`` are set (a resource's
    ARN or name is never empty); a parameter may be empty, so it is unknown."""
    from ecslint.load.reader import read
    from ecslint.model import view

    path = tmp_path / "template.yaml"
    path.write_text(
        "Parameters: {TargetGroupArn: {Type: String}}\n"
        "Resources:\n"
        "  TG: {Type: AWS::ElasticLoadBalancingV2::TargetGroup}\n"
        "  Elb: {Type: AWS::ElasticLoadBalancing::LoadBalancer}\n"
        "  Service:\n"
        "    Type: AWS::ECS::Service\n"
        "    Properties:\n"
        "      LoadBalancers:\n"
        "        - {TargetGroupArn: !Ref TG, ContainerName: web, ContainerPort: 80}\n"
        "        - {LoadBalancerName: !Ref Elb, ContainerName: web, ContainerPort: 80}\n"
        "        - {TargetGroupArn: !Ref TargetGroupArn, ContainerName: web, ContainerPort: 80}\n"
        "        - {TargetGroupArn: '', LoadBalancerName: '', ContainerName: web, ContainerPort: 80}\n"
    )
    service = next(view(d) for d in read(str(path), "template.yaml").documents if d.kind == "service")
    target_group, classic, parameter, blank = service.load_balancers
    assert (target_group.has_target_group, target_group.is_classic, target_group.label) == (True, False, "target group 'TG'")
    assert (classic.has_target_group, classic.is_classic, classic.label) == (False, True, "load balancer 'Elb'")
    assert (parameter.has_target_group, parameter.is_classic) == (UNKNOWN, False)
    assert (blank.has_target_group, blank.is_classic, blank.classic_name) == (False, False, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("arn:aws:ecs:us-east-1:123456789012:task-definition/api:7", ("api", 7)),
        # !Sub "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/api"
        ("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/api:7", ("api", 7)),
        ("arn:aws:ecs:{{ .Env.REGION }}:${ACCOUNT_ID}:task-definition/web", ("web", None)),
        ("arn:aws:ecs:us-east-1:123456789012:task-definition/${FAMILY}", UNKNOWN),
        ("api:${REVISION}", UNKNOWN),
        ("${TASK_DEFINITION}", UNKNOWN),
    ],
)
def test_a_task_definition_arn_with_a_templated_account_still_names_its_family(value, expected):
    from ecslint.model.service import task_definition_ref

    ref = task_definition_ref(value)
    assert ref is UNKNOWN if expected is UNKNOWN else tuple(ref) == expected


def test_platform_version_numbers():
    assert platform_version_number("1.3.0") == (1, 3, 0)
    assert platform_version_number("LATEST") is None
    assert platform_version_number("one") is None


def _deadlocks(count: int, maximum: int, minimum: int) -> bool:
    """Brute force: can a deployment of ``count`` tasks start one more, or stop one?"""
    most = count * maximum // 100
    least = -(-count * minimum // 100)
    can_start = most >= count + 1
    can_stop = least <= count - 1
    return not can_start and not can_stop


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7, 10])
def test_deadlock_findings_match_brute_force(tmp_path, count):
    for maximum in (100, 110, 125, 134, 150, 199, 200):
        for minimum in (0, 50, 67, 75, 100):
            folder = tmp_path / f"{count}-{maximum}-{minimum}"
            folder.mkdir()
            (folder / "service.json").write_text(json.dumps({
                "serviceName": "api", "desiredCount": count,
                "deploymentConfiguration": {"maximumPercent": maximum, "minimumHealthyPercent": minimum},
            }))
            report = run([str(folder)], Settings(select=["ECS503"]), REGISTRY)
            assert bool(report.findings) is _deadlocks(count, maximum, minimum), (count, maximum, minimum)
