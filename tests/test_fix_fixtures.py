"""Every fixable rule's fail fixtures, fixed: byte for byte what ``*.fixed.*`` holds.

Convention (``fixtures/rules/<ID>/``): the fixed output of ``fail-x.json`` is
``fail-x.fixed.json`` (``fail-x.template.json``: ``fail-x.template.fixed.json``), and of
a directory case ``fail-x/`` the directory ``fail-x.fixed/`` with the files the fix changes.
A fail case of a rule with a fix that has no fixed output says why in ``expected.json``
(``"unfixed": "..."``): then ``--fix`` must change nothing. A case whose fix leaves some
findings of the rule lists them, at their place in the fixed output, in
``"left-after-fix"`` (and says why in ``"why-left"``). The fixes run as the fixture test
runs the rule (that rule alone, with the case's options), unsafe fixes included.

For every case of every rule, fixable or not: the fixed text parses, holds no finding of
the rule (unless unfixed), and fixing again changes nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ecslint.config import from_mapping
from ecslint.engine import Registry, Settings, load
from ecslint.fix import runner
from ecslint.load.reader import read

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
REGISTRY = Registry.default()
FIXABLE = {r.id for r in REGISTRY.rules if r.fix}


def fixed_name(case: str) -> str:
    """``fail-x.json`` -> ``fail-x.fixed.json``; ``fail-x/`` -> ``fail-x.fixed``."""
    if case.endswith("/"):
        return case.rstrip("/") + ".fixed"
    stem, dot, suffix = case.rpartition(".")
    return f"{stem}.fixed.{suffix}"


def _cases():
    for directory in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        for case, spec in json.loads((directory / "expected.json").read_text()).items():
            yield pytest.param(directory.name, case, spec if isinstance(spec, dict) else {"findings": spec}, id=f"{directory.name}/{case}")


def _fix(rule_id: str, root: Path, spec: dict) -> tuple[dict[str, str], list]:
    """Fix the case at ``root`` (a copy) in memory: {relative path: new text}, findings left."""
    paths = [str(root / p) for p in spec.get("check", [])] or [str(root)]
    settings = Settings(
        select=[rule_id],
        instance_types=spec.get("instance-types", []),
        context=[str(root / p) for p in spec.get("context", [])],
    )
    if "options" in spec:
        settings.config = from_mapping({"rules": {rule_id: spec["options"]}})
    session = load(paths, settings, REGISTRY)
    report, summary = runner.run(session, session.lint(), unsafe=True)
    base = root if root.is_dir() else root.parent
    changed = {str(Path(f.path).relative_to(base)): text for f, text in summary.changed}
    return changed, report.findings


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)
    return target


def _text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


@pytest.mark.parametrize(("rule_id", "case", "spec"), list(_cases()))
def test_fixed_output_is_exact_parses_and_is_idempotent(rule_id, case, spec, tmp_path):
    source = ROOT / rule_id / case.rstrip("/")
    expected_path = ROOT / rule_id / fixed_name(case)
    root = _copy(source, tmp_path)
    changed, left = _fix(rule_id, root, spec)

    if rule_id in FIXABLE and case.startswith("fail-") and "unfixed" not in spec:
        assert expected_path.exists(), f"no fixed output {expected_path.name}, and expected.json says no `unfixed` reason"
    if "unfixed" in spec or not expected_path.exists():
        assert not expected_path.exists(), "an unfixed case has no fixed output"
        assert changed == {}, "nothing to fix here, yet --fix changed the files"
        return
    if source.is_dir():
        expected = {str(p.relative_to(expected_path)): _text(p) for p in sorted(expected_path.rglob("*")) if p.is_file()}
    else:
        expected = {source.name: _text(expected_path)}
    assert changed == expected
    base = root if source.is_dir() else root.parent
    prefix = (lambda f: f"{Path(f.path).resolve().relative_to(base.resolve())} ") if source.is_dir() else (lambda f: "")
    remaining = [f"{prefix(f)}{f.region.line}:{f.region.column}" for f in left if f.rule == rule_id]
    assert remaining == spec.get("left-after-fix", []), "findings of the rule left in the fixed output"
    assert ("left-after-fix" in spec) == ("why-left" in spec)
    # The fixed text parses, as its own file, into documents with no problem.
    for name, text in changed.items():
        _write(root / name if source.is_dir() else root, text)
        fixed = read(str(root / name if source.is_dir() else root), name)
        assert fixed.documents and not fixed.problems, fixed.problems
    again, _ = _fix(rule_id, root, spec)
    assert again == {}, "a second --fix changed the fixed output"


def test_every_fixed_output_belongs_to_a_fail_case():
    for directory in (p for p in ROOT.iterdir() if p.is_dir()):
        cases = json.loads((directory / "expected.json").read_text())
        outputs = {fixed_name(c) for c in cases if c.startswith("fail-")}
        for path in directory.iterdir():
            if ".fixed" in path.name:
                assert path.name in outputs, f"{directory.name}/{path.name} is the fixed output of no fail case"


def test_every_fixable_rule_has_a_fixed_fixture():
    for rule_id in sorted(FIXABLE):
        assert any(".fixed" in p.name for p in (ROOT / rule_id).iterdir()), f"{rule_id} has a fix but no fixed fixture"
