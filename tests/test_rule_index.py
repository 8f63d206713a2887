"""The rule index (ecslint/rules/_index.py): what a run knows of every built-in rule without
importing its module. It must say exactly what the rules themselves say."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ecslint.engine import Registry, Settings, run
from ecslint.rules import BUILTIN, FAMILIES, index_source, indexed

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_index_is_current() -> None:
    committed = (ROOT / "ecslint" / "rules" / "_index.py").read_text(encoding="utf-8")
    assert committed == index_source(BUILTIN), "ecslint/rules/_index.py is out of date: run python tools/gen_docs.py"


def test_indexed_rules_are_the_rules_but_for_when_their_module_is_imported() -> None:
    rules = indexed()
    assert [r.id for r in rules] == [r.id for r in BUILTIN]
    for lazy, real in zip(rules, BUILTIN):
        assert lazy._replace(check=None) == real._replace(check=None), real.id
        assert (lazy.check is None) == (real.check is None), real.id


def test_an_indexed_check_runs_the_rule_module_s_check(tmp_path) -> None:
    td = tmp_path / "td.json"
    td.write_text('{"family": "web", "containerDefinitions": [{"name": "a", "image": "x", "essential": false}]}')
    lazy = Registry(indexed())
    found = run([str(td)], Settings(select=["ALL"]), lazy).findings
    assert "ECS101" in {f.rule for f in found}
    assert [repr(f) for f in found] == [repr(f) for f in run([str(td)], Settings(select=["ALL"]), Registry(BUILTIN)).findings]
    real = next(r for r in BUILTIN if r.id == "ECS101")
    assert lazy.by_id["ECS101"].check.check is real.check


def test_every_family_lists_each_of_its_modules_once() -> None:
    seen = [(family, m) for family in FAMILIES for m in __import__(f"ecslint.rules.{family}", fromlist=["MODULES"]).MODULES]
    assert len(seen) == len(set(seen)) == len(BUILTIN)
    modules = {p.stem for family in FAMILIES for p in (ROOT / "ecslint" / "rules" / family).glob("*.py")}
    assert {m for _, m in seen} <= modules


def test_the_default_registry_is_the_index_and_the_plugins() -> None:
    assert [r.id for r in Registry.default().rules] == [r.id for r in BUILTIN]


def _modules_after(code: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.splitlines()[-1]))


def test_selecting_listing_and_describing_rules_imports_no_rule_module() -> None:
    code = (
        "from ecslint.engine import Plan, Registry, Settings\n"
        "from ecslint.config import Config\n"
        "from ecslint.docs import index\n"
        "r = Registry.default()\n"
        "assert r.resolve('compliance:security-hub') and r.resolve('ECS4') and r.resolve('no-essential-container')\n"
        "plan = Plan(r, Settings(select=['ALL'], ignore=['ECR']))\n"
        "assert index(list(r.rules)) and all(x.summary and x.section('What it does') for x in r.rules)\n"
    )
    modules = _modules_after(code)
    rule_modules = {f"ecslint.rules.{f}.{m}" for f in FAMILIES for m in __import__(f"ecslint.rules.{f}", fromlist=["MODULES"]).MODULES}
    assert sorted(modules & rule_modules) == []
