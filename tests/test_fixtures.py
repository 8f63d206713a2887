"""Every rule's fixtures give exactly the findings its ``expected.json`` lists.

``fixtures/rules/<ID>/expected.json`` maps each fixture (a file, or a directory of files
checked together) to the findings of rule ``<ID>`` alone, as ``line:column`` (prefixed by
the file inside a directory case). A case may also name the paths to ``check``, the
``context`` to load, the ``instance-types`` to assume and the rule's ``options`` (as its
``[tool.ecslint.rules.<ID>]`` table would set them). ``fail-*`` cases must have findings
and ``pass-*`` cases none, so a rule that stops firing, or fires more, fails here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ecslint.config import from_mapping
from ecslint.engine import Registry, Settings, run

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
REGISTRY = Registry.default()


def _cases():
    for directory in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        expected = json.loads((directory / "expected.json").read_text())
        for case, spec in expected.items():
            yield pytest.param(directory.name, case, spec, id=f"{directory.name}/{case}")


def _run(rule_id: str, case: str, spec):
    options = spec if isinstance(spec, dict) else {"findings": spec}
    target = ROOT / rule_id / case.rstrip("/")
    paths = [str(target / p) for p in options.get("check", [])] or [str(target)]
    settings = Settings(
        select=[rule_id],
        instance_types=options.get("instance-types", []),
        context=[str(target / p) for p in options.get("context", [])],
    )
    if "options" in options:
        settings.config = from_mapping({"rules": {rule_id: options["options"]}})
    report = run(paths, settings, REGISTRY)
    found = []
    for f in report.findings:
        assert f.rule == rule_id
        prefix = f"{os.path.relpath(f.path, os.path.relpath(target))} " if target.is_dir() else ""
        found.append(f"{prefix}{f.region.line}:{f.region.column}")
    return found, options["findings"]


@pytest.mark.parametrize(("rule_id", "case", "spec"), list(_cases()))
def test_fixture_findings_are_exact(rule_id, case, spec):
    found, expected = _run(rule_id, case, spec)
    assert found == expected
    if case.startswith("fail-"):
        assert expected, "a fail fixture must produce findings"
    else:
        assert case.startswith("pass-") and not expected


def test_every_rule_has_fail_and_pass_fixtures():
    for rule in REGISTRY.rules:
        if rule.engine_only:
            continue  # ECS008 is exercised by tests/test_engine.py with a crashing rule
        directory = ROOT / rule.id
        assert directory.is_dir(), f"{rule.id} has no fixtures"
        cases = json.loads((directory / "expected.json").read_text())
        assert any(c.startswith("fail-") for c in cases), f"{rule.id} has no fail fixture"
        assert any(c.startswith("pass-") for c in cases), f"{rule.id} has no pass fixture"


def test_every_rule_a_template_can_trigger_has_cloudformation_fixtures():
    """Every source a rule applies to has its bad and good fixtures: a rule that reads a
    kind a CloudFormation template holds (its resources, and the lifecycle policy a
    repository embeds) has `fail-cfn-*` and `pass-cfn-*` cases."""
    from ecslint.sources.cloudformation import AUXILIARY, RESOURCES

    kinds = {kind for kind, _, _ in RESOURCES.values()} - AUXILIARY | {"lifecycle-policy"}
    missing = []
    for rule in REGISTRY.rules:
        if rule.engine_only or not kinds & set(rule.kinds) or "workflow" in rule.kinds:
            continue  # (the deploy actions render and register task-definition JSON files only)
        cases = json.loads((ROOT / rule.id / "expected.json").read_text())
        missing += [f"{rule.id} {p}*" for p in ("fail-cfn-", "pass-cfn-") if not any(c.startswith(p) for c in cases)]
    assert missing == []


def test_every_rule_terraform_can_trigger_has_terraform_fixtures():
    """The same for Terraform: a rule that reads a kind a Terraform resource becomes has
    `fail-tf-*` and `pass-tf-*` cases (a module directory each)."""
    from ecslint.sources.terraform import AUXILIARY, RESOURCES

    kinds = {kind for kind, _ in RESOURCES.values()} - AUXILIARY
    missing = []
    for rule in REGISTRY.rules:
        if rule.engine_only or not kinds & set(rule.kinds) or "workflow" in rule.kinds:
            continue  # (the deploy actions render and register task-definition JSON files only)
        cases = json.loads((ROOT / rule.id / "expected.json").read_text())
        missing += [f"{rule.id} {p}*" for p in ("fail-tf-", "pass-tf-") if not any(c.startswith(p) for c in cases)]
    assert missing == []


def test_every_fixture_file_is_listed():
    """Every file is a listed case, or the fixed output of one (tests/test_fix_fixtures.py)."""
    from test_fix_fixtures import fixed_name

    for directory in (p for p in ROOT.iterdir() if p.is_dir()):
        cases = json.loads((directory / "expected.json").read_text())
        listed = {c.rstrip("/") for c in cases}
        fixed = {fixed_name(c) for c in cases}
        present = {p.name for p in directory.iterdir() if p.name != "expected.json" and p.name not in fixed}
        assert present == listed, f"{directory.name}: unlisted {present - listed}, missing {listed - present}"


def test_every_fixture_outside_ecs001_is_well_formed():
    """A fixture with a syntax slip (an unquoted `: ` in YAML) yields ECS001 and nothing
    else, so its `pass-` case would pass for the wrong reason."""
    paths = [str(p) for p in sorted(ROOT.iterdir()) if p.is_dir() and p.name != "ECS001"]
    report = run(paths, Settings(select=["ECS001"]), REGISTRY)
    assert [f"{f.path}:{f.region.line}:{f.region.column}" for f in report.findings] == []
