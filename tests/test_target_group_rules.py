"""ECS310 and ECS311: a service, its task definition and its target group read together."""

from __future__ import annotations

import json
from pathlib import Path

from ecslint.engine import Settings, run

ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"
SERVICE = {"serviceName": "api", "taskDefinition": "web", "desiredCount": 2,
           "loadBalancers": [{"targetGroupArn": ARN, "containerName": "app", "containerPort": 80}]}


def _task(mode: str | None, host_port: int | None = None) -> dict:
    mapping: dict = {"containerPort": 80}
    if host_port is not None:
        mapping["hostPort"] = host_port
    td: dict = {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256, "portMappings": [mapping]}]}
    if mode is not None:
        td["networkMode"] = mode
    return td


def _check(tmp_path: Path, rule: str, files: dict, context: dict | None = None):
    for name, data in {**files, **(context or {})}.items():
        (tmp_path / name).write_text(json.dumps(data, indent=2))
    settings = Settings(select=[rule], context=[str(tmp_path / n) for n in context or {}])
    return run([str(tmp_path / n) for n in files], settings).findings


def test_ecs310_message_names_the_service_container_target_group_and_network_mode(tmp_path):
    (finding,) = _check(tmp_path, "ECS310", {"td.json": _task("awsvpc"), "svc.json": SERVICE, "tg.json": {"Name": "web", "Port": 80, "Protocol": "HTTP", "HealthCheckPath": "/"}})
    assert finding.path.endswith("svc.json")  # the target group states no TargetType to point at
    for part in ("service 'api'", "container 'app'", "target group 'web'", "`instance` (the default", "awsvpc network mode", "`TargetType` to `ip`"):
        assert part in finding.message


def test_ecs310_bridge_by_default_with_ip_targets_says_the_mode_is_the_default(tmp_path):
    (finding,) = _check(tmp_path, "ECS310", {"td.json": _task(None), "svc.json": SERVICE, "tg.json": {"Name": "web", "TargetType": "ip"}})
    assert finding.path.endswith("tg.json")
    assert "bridge (the default: `networkMode` is not set) network mode" in finding.message


def test_ecs310_reports_on_the_task_definition_when_only_it_is_checked(tmp_path):
    findings = _check(
        tmp_path, "ECS310", {"td.json": _task("awsvpc")}, context={"svc.json": SERVICE, "tg.json": {"Name": "web", "TargetType": "instance"}}
    )
    assert [(Path(f.path).name, f.pointer) for f in findings] == [("td.json", "/networkMode")]


def test_ecs310_judges_neither_an_unknown_target_type_nor_an_unknown_network_mode(tmp_path):
    assert _check(tmp_path, "ECS310", {"td.json": _task("${MODE}"), "svc.json": SERVICE, "tg.json": {"Name": "web", "TargetType": "instance"}}) == []
    assert _check(tmp_path, "ECS310", {"td.json": _task("awsvpc"), "svc.json": SERVICE, "tg.json": {"Name": "web", "TargetType": "${TYPE}"}}) == []


def test_ecs310_leaves_a_fargate_task_definition_without_network_mode_to_ecs303(tmp_path):
    td = {**_task(None), "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512"}
    assert _check(tmp_path, "ECS310", {"td.json": td, "svc.json": SERVICE, "tg.json": {"Name": "web", "TargetType": "ip"}}) == []


def test_ecs311_reports_on_the_port_mapping_when_only_the_task_definition_is_checked(tmp_path):
    findings = _check(tmp_path, "ECS311", {"td.json": _task("bridge", 0)}, context={"svc.json": SERVICE, "tg.json": {"Name": "web", "HealthCheckPort": "8080"}})
    assert [(Path(f.path).name, f.pointer) for f in findings] == [("td.json", "/containerDefinitions/0/portMappings/0/hostPort")]
    assert "fixed port 8080" in findings[0].message and "`hostPort` 0" in findings[0].message


def test_ecs311_ignores_fixed_host_ports_other_modes_and_unknown_health_check_ports(tmp_path):
    tg = {"Name": "web", "HealthCheckPort": "8080"}
    assert _check(tmp_path, "ECS311", {"td.json": _task("bridge", 80), "svc.json": SERVICE, "tg.json": tg}) == []
    assert _check(tmp_path, "ECS311", {"td.json": _task("host"), "svc.json": SERVICE, "tg.json": tg}) == []
    assert _check(tmp_path, "ECS311", {"td.json": _task("bridge"), "svc.json": SERVICE, "tg.json": {"Name": "web", "HealthCheckPort": "${PORT}"}}) == []
    assert _check(tmp_path, "ECS311", {"td.json": _task("bridge", "${HOST}"), "svc.json": SERVICE, "tg.json": tg}) == []


def test_ecs311_a_service_whose_container_port_is_not_mapped_is_not_judged(tmp_path):
    service = {**SERVICE, "loadBalancers": [{"targetGroupArn": ARN, "containerName": "app", "containerPort": 8080}]}
    assert _check(tmp_path, "ECS311", {"td.json": _task("bridge"), "svc.json": service, "tg.json": {"Name": "web", "HealthCheckPort": "8080"}}) == []
