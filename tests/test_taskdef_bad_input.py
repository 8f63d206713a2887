"""Wrong types anywhere in a task definition never crash an ECS1xx rule.

Every value of every ECS1xx fixture is replaced, one at a time, by values of the wrong
type (null, a string where a list or an object belongs, a number where a name belongs, a
list of junk); the task definition rules must give findings or nothing, never ECS008.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ecslint.engine import Registry, Settings, run
from ecslint.load.sourcemap import iter_paths
from ecslint.load.yamlload import parse_yaml

REGISTRY = Registry.default()
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
RULES = [r.id for r in REGISTRY.rules if r.id.startswith("ECS1")]
JUNK = [None, "x", 7, [None, "x", 7, {}], {"x": 1}]


def _fixtures() -> list[Path]:
    files = [p for p in sorted(FIXTURES.glob("ECS1*/*")) if p.name != "expected.json" and p.is_file()]
    return [p for p in files if p.suffix in (".json", ".yaml")]


def _load(path: Path):
    text = path.read_text(encoding="utf-8")
    # ecslint's own YAML loader: CloudFormation's short tags (!Ref, !If ...) in long form
    return parse_yaml(text)[0][0] if path.suffix == ".yaml" else json.loads(text)


def _replace(data, path, value):
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_wrong_types_in_any_member_never_crash_a_task_definition_rule(tmp_path, fixture):
    base = _load(fixture)
    cases = {}
    for path, _ in iter_paths(base):
        if not path:
            continue
        for junk in JUNK:
            data = copy.deepcopy(base)
            _replace(data, path, copy.deepcopy(junk))
            name = tmp_path / f"case-{len(cases)}.json"
            name.write_text(json.dumps(data, indent=1), encoding="utf-8")
            cases[name.name] = (path, junk)
    assert RULES and cases
    report = run([str(tmp_path)], Settings(select=RULES + ["ECS008"]), REGISTRY)
    crashes = [(cases[Path(f.path).name], f.message) for f in report.findings if f.rule == "ECS008"]
    assert not crashes, crashes[:5]
