"""ECS206, ECS207 and ECS208 are three zones of one fit check and share one computation."""

from __future__ import annotations

import json

from ecslint.engine import Registry, Settings, run

REGISTRY = Registry.default()
ZONES = ["ECS206", "ECS207", "ECS208"]


def _task(memory: int, cpu: int | None = None, constraint: str | None = "attribute:ecs.instance-type == m5.large") -> dict:
    task = {"family": "job", "requiresCompatibilities": ["EC2"], "memory": str(memory),
            "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/docker/library/python:3.12"}]}
    if cpu is not None:
        task["cpu"] = str(cpu)
    if constraint:
        task["placementConstraints"] = [{"type": "memberOf", "expression": constraint}]
    return task


def _rules(tmp_path, task: dict, **settings) -> list[str]:
    path = tmp_path / "td.json"
    path.write_text(json.dumps(task))
    return [f.rule for f in run([str(path)], Settings(select=ZONES, **settings), REGISTRY).findings]


def test_memory_sweep_on_m5_large_gives_at_most_one_zone(tmp_path):
    # m5.large, 8192 MiB nominal: safe floor 7632, ceiling 8069 (ec2-capacity.md §5).
    expected = {4000: [], 7632: [], 7633: ["ECS207"], 8069: ["ECS207"], 8070: ["ECS206"], 8192: ["ECS206"]}
    for memory, rules in expected.items():
        assert _rules(tmp_path, _task(memory)) == rules, memory


def test_near_limit_and_stranding_need_specific_instance_types(tmp_path):
    assert _rules(tmp_path, _task(7800, constraint=None)) == []
    assert _rules(tmp_path, _task(7800, constraint=None), instance_types=["m5.large"]) == ["ECS207"]
    assert _rules(tmp_path, _task(1024, cpu=1536, constraint=None)) == []
    assert _rules(tmp_path, _task(1024, cpu=1536)) == ["ECS208"]


def test_reserved_memory_shifts_the_zones(tmp_path):
    from ecslint.config import from_mapping

    config = from_mapping({"rules": {"ECS207": {"reserved-memory": 256}, "ECS206": {"reserved-memory": 256}}})
    # ceiling 8069 - 256 = 7813, safe floor 7632 - 256 = 7376
    assert _rules(tmp_path, _task(7500), config=config) == ["ECS207"]
    assert _rules(tmp_path, _task(7900), config=config) == ["ECS206"]


def test_candidates_are_computed_once_per_document(tmp_path):
    from ecslint.core.context import Context
    from ecslint.load.reader import read
    from ecslint.model import view
    from ecslint.rules.capacity import fit

    path = tmp_path / "td.json"
    path.write_text(json.dumps(_task(7800)))
    (doc,) = read(str(path), str(path)).documents
    td = view(doc)
    first = fit.candidates(td, Context())
    assert first is not None and first.need.memory == 7800 and [t.name for t in first.types] == ["m5.large"]
    assert fit.candidates(td, Context()) is first
    assert fit.candidates(td, Context(instance_types=("m5.xlarge",))) is not first
