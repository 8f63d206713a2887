"""Which task definition a service is judged against never depends on the order of the
arguments: the revision the service names, else the highest revision in sight, else every
task definition of the family (issue 12, 4b)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.engine import Registry, Settings, run

REGISTRY = Registry.default()
SELECT = ["ECS5", "ECS3"]

AWSVPC_FARGATE = {
    "family": "web",
    "networkMode": "awsvpc",
    "requiresCompatibilities": ["FARGATE"],
    "cpu": "256",
    "memory": "512",
    "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "portMappings": [{"containerPort": 80}]}],
}
BRIDGE_EC2 = {
    "family": "web",
    "networkMode": "bridge",
    "requiresCompatibilities": ["EC2"],
    "containerDefinitions": [
        {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
    ],
}
#: Deploys family ``web`` on Fargate with a network configuration: right for the awsvpc
#: Fargate definition, wrong (ECS505, ECS506) for the bridge EC2 one.
SERVICE = {
    "serviceName": "web",
    "cluster": "main",
    "taskDefinition": "web",
    "desiredCount": 2,
    "launchType": "FARGATE",
    "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}},
}


def _findings(paths: list[str]) -> list[tuple]:
    report = run(paths, Settings(select=SELECT), REGISTRY)
    return sorted((f.path, f.rule, f.region.line, f.region.column, f.message) for f in report.findings)


def _write(tmp_path, files: dict[str, dict]) -> list[str]:
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_text(json.dumps(data, indent=2))
        paths.append(str(path))
    return paths


def test_without_revisions_the_service_is_judged_against_every_candidate(tmp_path):
    """On main the first task definition on the command line won: ECS505 and ECS506
    appeared when the bridge one came first, not when the Fargate one did."""
    paths = _write(tmp_path, {"a-fargate.json": AWSVPC_FARGATE, "b-bridge.json": BRIDGE_EC2, "service.json": SERVICE})
    forward = _findings(paths)
    backward = _findings(list(reversed(paths)))
    assert forward == backward
    rules = {rule for path, rule, *_ in forward if path.endswith("service.json")}
    assert {"ECS505", "ECS506"} <= rules


def test_the_highest_revision_decides_whatever_the_order(tmp_path):
    files = {
        "old.json": {**BRIDGE_EC2, "revision": 3},
        "new.json": {**AWSVPC_FARGATE, "revision": 4},
        "service.json": SERVICE,
    }
    paths = _write(tmp_path, files)
    for order in (paths, paths[::-1], [paths[1], paths[2], paths[0]]):
        rules = {rule for path, rule, *_ in _findings(order) if path.endswith("service.json")}
        assert "ECS505" not in rules and "ECS506" not in rules, order
    # The other way round, the bridge definition is the newest: both findings, in any order.
    files["old.json"], files["new.json"] = {**AWSVPC_FARGATE, "revision": 3}, {**BRIDGE_EC2, "revision": 4}
    paths = _write(tmp_path, files)
    for order in (paths, paths[::-1]):
        rules = {rule for path, rule, *_ in _findings(order) if path.endswith("service.json")}
        assert {"ECS505", "ECS506"} <= rules, order


def test_a_named_revision_picks_it(tmp_path):
    files = {
        "old.json": {**AWSVPC_FARGATE, "revision": 3},
        "new.json": {**BRIDGE_EC2, "revision": 4},
        "service.json": {**SERVICE, "taskDefinition": "web:3"},
    }
    paths = _write(tmp_path, files)
    for order in (paths, paths[::-1]):
        rules = {rule for path, rule, *_ in _findings(order) if path.endswith("service.json")}
        assert "ECS505" not in rules and "ECS506" not in rules, order


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(5)), revisions=st.lists(st.sampled_from([None, 1, 2]), min_size=4, max_size=4))
def test_findings_do_not_depend_on_argument_order(tmp_path_factory, order, revisions):
    tmp_path = tmp_path_factory.mktemp("order")
    definitions = [AWSVPC_FARGATE, BRIDGE_EC2, {**BRIDGE_EC2, "networkMode": "host"}, AWSVPC_FARGATE]
    files = {}
    for index, (data, revision) in enumerate(zip(definitions, revisions)):
        files[f"td{index}.json"] = data if revision is None else {**data, "revision": revision}
    files["service.json"] = {
        **SERVICE,
        "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
                           "containerName": "web", "containerPort": 80}],
    }
    paths = _write(tmp_path, files)
    assert _findings([paths[i] for i in order]) == _findings(paths)


def test_the_nearest_task_definition_is_the_one_of_the_service(tmp_path):
    """A monorepo whose apps reuse a family name: each service goes with its own app's
    task definition, in any order."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    paths = _write(tmp_path, {"a/taskdef.json": AWSVPC_FARGATE, "a/service.json": SERVICE, "b/taskdef.json": BRIDGE_EC2})
    for order in (paths, paths[::-1]):
        rules = {rule for path, rule, *_ in _findings(order) if path.endswith("service.json")}
        assert "ECS505" not in rules and "ECS506" not in rules, order
    # The bridge definition next to the service: both findings, whatever the order.
    paths = _write(tmp_path, {"a/taskdef.json": BRIDGE_EC2, "b/taskdef.json": AWSVPC_FARGATE})
    for order in ([paths[0], paths[1], str(tmp_path / "a/service.json")], [str(tmp_path / "a/service.json"), paths[1], paths[0]]):
        rules = {rule for path, rule, *_ in _findings(order) if path.endswith("service.json")}
        assert {"ECS505", "ECS506"} <= rules, order


def test_several_candidates_elsewhere_judge_nothing(tmp_path):
    """Task definitions of the family in another directory, several and no revision: they
    may be other applications' that reuse the name; none is picked, in any order."""
    (tmp_path / "taskdefs").mkdir()
    (tmp_path / "services").mkdir()
    paths = _write(
        tmp_path, {"taskdefs/a.json": BRIDGE_EC2, "taskdefs/b.json": AWSVPC_FARGATE, "services/web.json": {**SERVICE, "launchType": "FARGATE"}}
    )
    for order in (paths, paths[::-1]):
        rules = {rule for path, rule, *_ in _findings(order) if path.endswith("web.json")}
        assert "ECS505" not in rules and "ECS506" not in rules, order
