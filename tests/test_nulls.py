"""``null`` is absent: the models never see it, and ECS003 reports it at the severity the
file's consumers warrant (nothing in a Terraform container array, a note in a task
definition or service file, an error in a lifecycle policy), never twice."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ecslint.core.finding import Severity
from ecslint.engine import Settings, run
from ecslint.model.values import null_members, without_nulls

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=20,
)


def _has_null_member(value) -> bool:
    if isinstance(value, dict):
        return any(v is None or _has_null_member(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_null_member(v) for v in value)
    return False


@given(JSON)
def test_without_nulls_leaves_out_exactly_the_null_members(value):
    before = json.dumps(value)
    stripped = without_nulls(value)
    assert json.dumps(value) == before  # the input is never changed
    assert not _has_null_member(stripped)
    assert (stripped is value) == (not list(null_members(value)))
    # Nothing but the null members goes: putting them back gives the input again.
    restored = json.loads(json.dumps(stripped))
    for path in null_members(value):
        node = restored
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = None
    assert json.dumps(restored, sort_keys=True) == json.dumps(value, sort_keys=True)


def _check(tmp_path, name, data, select):
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2) if not isinstance(data, str) else data)
    return run([str(path)], Settings(select=select)).findings


CONTAINER = {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "essential": True}


def test_a_null_in_a_terraform_container_array_is_absent(tmp_path):
    array = [{**CONTAINER, "healthCheck": None, "cpu": None, "portMappings": None, "logConfiguration": None}]
    assert _check(tmp_path, "containers.json", array, ["ECS0"]) == []


def test_a_null_in_a_task_definition_file_is_a_note_naming_who_accepts_it(tmp_path):
    data = {"family": "web", "taskRoleArn": None, "containerDefinitions": [{**CONTAINER, "cpu": None}]}
    findings = _check(tmp_path, "taskdef.json", data, ["ECS0"])
    assert [(f.rule, f.severity, f.pointer) for f in findings] == [
        ("ECS003", Severity.NOTE, "/taskRoleArn"),
        ("ECS003", Severity.NOTE, "/containerDefinitions/0/cpu"),
    ]
    assert "GitHub deploy action" in findings[0].message and "--cli-input-json" in findings[0].message


def test_a_null_in_a_service_file_is_a_note(tmp_path):
    data = {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2, "platformVersion": None}
    (finding,) = _check(tmp_path, "service.json", data, ["ECS0"])
    assert (finding.rule, finding.severity, finding.pointer) == ("ECS003", Severity.NOTE, "/platformVersion")
    assert "create-service" in finding.message


def test_a_null_in_a_lifecycle_policy_stays_an_error_and_is_a_type_error_even_for_an_enum(tmp_path):
    rule = {
        "rulePriority": 1,
        "selection": {"tagStatus": None, "countType": "imageCountMoreThan", "countNumber": 5},
        "action": {"type": "expire"},
    }
    (finding,) = _check(tmp_path, "policy.json", {"rules": [rule]}, ["ECS0"])
    assert (finding.rule, finding.severity) == ("ECS003", Severity.ERROR)
    assert finding.message.startswith("`rules[0].selection.tagStatus` must be a string, not null; ECR's policy validator")


def test_a_required_member_written_as_null_is_missing_and_reported_once(tmp_path):
    data = {"family": None, "containerDefinitions": [{**CONTAINER, "name": None}]}
    findings = _check(tmp_path, "taskdef.json", data, ["ECS0"])
    assert [(f.rule, f.pointer) for f in findings] == [("ECS005", "/family"), ("ECS005", "/containerDefinitions/0/name")]
    assert all(f.severity is Severity.ERROR and "it is null" in f.message for f in findings)


def test_nulls_inside_a_read_only_member_are_not_noted_again(tmp_path):
    data = {
        "family": "web",
        "containerDefinitions": [CONTAINER],
        "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18", "targetId": None}],
    }
    findings = _check(tmp_path, "taskdef.json", data, ["ECS0"])
    assert [(f.rule, f.pointer) for f in findings] == [("ECS007", "/requiresAttributes")]


def test_rules_read_a_null_as_absent(tmp_path):
    """`"memory": null` no longer turns ECS212 off, nor `"cpu": null` ECS202."""
    ec2 = {"family": "api", "requiresCompatibilities": ["EC2"], "memory": None,
           "containerDefinitions": [{"name": "api", "image": "nginx:1.27", "memory": None, "memoryReservation": 256}]}
    (finding,) = _check(tmp_path, "ec2.json", ec2, ["ECS212"])
    assert finding.pointer == "/containerDefinitions/0/memory" and "no hard `memory` limit" in finding.message
    fargate = {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": None, "memory": "512",
               "containerDefinitions": [{"name": "api", "image": "nginx:1.27"}]}
    (finding,) = _check(tmp_path, "fargate.json", fargate, ["ECS202"])
    assert "`cpu`" in finding.message


def test_no_two_findings_are_identical_on_nulls_and_missing_members(tmp_path):
    data = {"rules": [{"action": {"type": "expire"}}, {"rulePriority": None, "selection": None, "action": None}]}
    findings = _check(tmp_path, "policy.json", data, ["ALL"])
    identities = [(f.rule, f.region, f.message) for f in findings]
    assert len(identities) == len(set(identities))
