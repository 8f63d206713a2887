"""The ``dependsOn`` rules (ECS105-ECS107) read dependencies through one model accessor,
:attr:`TaskDefinition.dependencies`: the container an entry names, when exactly one
container has that name."""

from __future__ import annotations

import json

from ecslint.engine import Registry, Settings, run

REGISTRY = Registry.default()


def _container(name, depends=(), **more):
    out = {"name": name, "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 128, **more}
    if depends:
        out["dependsOn"] = [{"containerName": target, "condition": condition} for target, condition in depends]
    return out


def _task(tmp_path, containers, name="task.json"):
    from ecslint.load.reader import read
    from ecslint.model import view

    path = tmp_path / name
    path.write_text(json.dumps({"family": "web", "containerDefinitions": containers}, indent=2))
    (doc,) = read(str(path), str(path)).documents
    return view(doc), path


def _findings(path, rule):
    report = run([str(path)], Settings(select=[rule, "ECS008"]), REGISTRY)
    assert not [f for f in report.findings if f.rule == "ECS008"]
    return [(f.region.line, f.region.column) for f in report.findings]


def test_dependencies_name_exactly_one_other_container(tmp_path):
    td, _ = _task(
        tmp_path,
        [
            _container("app", [("db", "HEALTHY"), ("app", "START"), ("nope", "START"), ("${X}", "START"), ("twin", "START")]),
            _container("db"),
            _container("twin"),
            _container("twin"),
        ],
    )
    assert [(c.name, i, cond, d.name) for c, i, cond, d in td.dependencies] == [("app", 0, "HEALTHY", "db")]


def test_wrongly_typed_dependencies_are_left_out(tmp_path):
    td, path = _task(
        tmp_path,
        [
            _container("app", dependsOn="db"),
            _container("db", dependsOn=[None, "app", 7, {"containerName": 7, "condition": "HEALTHY"}, {"condition": None}]),
            {"name": 7, "dependsOn": [{"containerName": "app", "condition": 3}]},
            None,
            "app",
        ],
    )
    assert [(c.index, i, d.name) for c, i, _, d in td.dependencies] == [(2, 0, "app")]
    for rule in ("ECS104", "ECS105", "ECS106", "ECS107"):
        assert _findings(path, rule) == []


def test_a_cycle_is_found_after_a_non_object_container(tmp_path):
    """Nodes are the containers' own indices: a null before them shifts nothing."""
    _, path = _task(
        tmp_path,
        [None, _container("a", [("b", "START")]), _container("b", [("a", "START")])],
    )
    lines = path.read_text().split("\n")
    # the entry that closes the cycle: b's dependency on a, its containerName value
    line = next(n for n, text in enumerate(lines, 1) if '"containerName": "a"' in text)
    assert _findings(path, "ECS105") == [(line, lines[line - 1].index('"a"') + 1)]


def test_a_shared_name_is_no_dependency(tmp_path):
    """Which of two containers named alike a dependsOn means is not known (ECS102 reports
    the names): no cycle, no HEALTHY or COMPLETE finding on them."""
    _, path = _task(
        tmp_path,
        [
            _container("app", [("init", "SUCCESS"), ("proxy", "HEALTHY")]),
            _container("init", [("app", "START")]),
            _container("init", essential=False),
            _container("proxy"),
            _container("proxy", healthCheck={"command": ["CMD", "true"]}),
        ],
    )
    for rule in ("ECS105", "ECS106", "ECS107"):
        assert _findings(path, rule) == []
