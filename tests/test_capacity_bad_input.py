"""Sizes and ports of absurd length give findings, never an internal error (ECS008).

A string of hundreds of digits overflowed the float conversion of ``"N vCPU"``/``"N GB"``
and ``int()`` refuses more than 4,300 digits; a JSON integer too large for a float broke
the ``vCPU``/``GiB`` wording of messages.
"""

from __future__ import annotations

import json

from ecslint.engine import Registry, Settings, run
from ecslint.model.sizes import cpu_units, gib, memory_mib, vcpu
from ecslint.model.taskdef import port_range

REGISTRY = Registry.default()


def _findings(tmp_path, task: dict) -> list[tuple[str, str]]:
    path = tmp_path / "td.json"
    path.write_text(json.dumps(task))
    report = run([str(path)], Settings(select=["ALL"], instance_types=["m5.large"]), REGISTRY)
    return [(f.rule, f.message) for f in report.findings]


def test_size_readers_refuse_numbers_no_size_can_be():
    assert cpu_units("9" * 400 + " vCPU") is None
    assert memory_mib("9" * 400 + " GB") is None
    assert cpu_units("9" * 5000) is None
    assert (cpu_units("1 vCPU"), cpu_units(".25 vcpu"), memory_mib("2 GB"), memory_mib(" 512 ")) == (1024, 256, 2048, 512)
    assert port_range("1-" + "9" * 5000) is None
    assert port_range("8000 - 8010") == (8000, 8010)


def test_message_wording_of_huge_integers():
    assert (vcpu(256), gib(1536)) == ("0.25 vCPU", "1.5 GiB")
    assert vcpu(10**400) == f"{10**400 // 1024} vCPU"


def test_huge_sizes_and_ports_are_findings(tmp_path):
    task = {
        "family": "x", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
        "cpu": "9" * 400 + " vCPU", "memory": "9" * 400 + " GB",
        "containerDefinitions": [{"name": "a", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
                                  "portMappings": [{"containerPortRange": "1-" + "9" * 5000}]}],
    }
    found = _findings(tmp_path, task)
    rules = {rule for rule, _ in found}
    assert "ECS008" not in rules, found
    assert {"ECS209", "ECS307"} <= rules


def test_windows_fargate_cpu_too_large_for_a_float(tmp_path):
    task = {
        "family": "x", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
        "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}, "cpu": 10**400, "memory": "8192",
        "containerDefinitions": [{"name": "a", "image": "mcr.microsoft.com/windows/servercore:ltsc2019"}],
    }
    found = _findings(tmp_path, task)
    assert "ECS008" not in {rule for rule, _ in found}, found
    assert any(rule == "ECS201" and "not available for Windows containers" in message for rule, message in found)


def test_costly_placement_regex_is_unknown_not_evaluated():
    from ecslint.model import instances, placement

    m5 = instances.lookup("m5.large")
    # Nested quantifiers backtrack exponentially (this one ran for minutes over the catalogue).
    slow = placement.parse("attribute:ecs.instance-type =~ '(([a-z0-9.-]|[a-z0-9.-])|([a-z0-9.-]|[a-z0-9.-]))*Z'")
    assert placement.evaluate(slow, m5) is None
    assert placement.evaluate(placement.parse("attribute:ecs.instance-type =~ '.*.*.*.*.*.*.*.*.*.*Z'"), m5) is None
    assert placement.evaluate(placement.parse("attribute:ecs.instance-type =~ m5\\..*"), m5) is True
    assert placement.evaluate(placement.parse("attribute:ecs.instance-type =~ '(m5|c5)\\.[a-z]+'"), m5) is True


def test_templated_placement_constraint_leaves_placement_unknown(tmp_path):
    task = {
        "family": "batch", "requiresCompatibilities": ["EC2"], "memory": "7800",
        "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type in [m5.large, ${OTHER}]"}],
        "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/docker/library/python:3.12"}],
    }
    path = tmp_path / "td.json"
    path.write_text(json.dumps(task))
    assert run([str(path)], Settings(select=["ECS206", "ECS207", "ECS208"]), REGISTRY).findings == []
