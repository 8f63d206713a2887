"""Compliance references: rule metadata, selection by framework and by control, severity
overrides through them, and what `ecslint rules`, `ecslint rule` and SARIF show."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecslint.config import ConfigError, from_mapping
from ecslint.core.compliance import FRAMEWORKS, Reference
from ecslint.core.finding import Severity
from ecslint.core.rule import rule
from ecslint.docs import page
from ecslint.engine import Registry, Settings, run

ROOT = Path(__file__).resolve().parent.parent
ECSLINT = str(Path(sys.executable).parent / "ecslint")
REGISTRY = Registry.default()

#: A task definition whose only finding, with the default rules, is ECS402 (no `user`).
LOGS = {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}}
WEB = {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27@sha256:" + "a" * 64, "memory": 256, "logConfiguration": LOGS}
NO_USER = {"family": "web", "containerDefinitions": [{**WEB, "readonlyRootFilesystem": True, "healthCheck": {"command": ["CMD", "/ok"]}}]}

#: Findings of several rules mapped to Security Hub: privileged (ECS.4), no user (ECS.20),
#: host PID namespace (ECS.3), host network mode (ECS.17), no log configuration (ECS.9).
HARDENING_GAPS = {
    "family": "agent",
    "networkMode": "host",
    "pidMode": "host",
    "containerDefinitions": [{"name": "agent", "image": "public.ecr.aws/agent/agent:2.1", "memory": 256, "privileged": True}],
}


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, indent=2))
    return path


def ecslint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    result = subprocess.run([ECSLINT, *args], capture_output=True, text=True, cwd=cwd, env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in result.stdout + result.stderr
    return result


def check(*, docstring: str = "Doc.\n\nWhat it does:\n    x\n", **metadata):
    def fn(td, ctx):
        return iter(())

    fn.__doc__ = docstring
    defaults = {"id": "ACME001", "name": "acme-rule", "severity": "note", "kinds": ("task-definition",), "sources": ("https://x",)}
    return rule(**{**defaults, **metadata})(fn)


# -- metadata ---------------------------------------------------------------------------


def test_references_are_parsed_and_ordered_by_framework():
    r = check(compliance=("aws-config:ecs-containers-nonprivileged", "control-tower:CT.ECS.PR.11", "security-hub:ECS.4"))
    assert r.compliance == (
        Reference("security-hub", "ECS.4"),
        Reference("control-tower", "CT.ECS.PR.11"),
        Reference("aws-config", "ecs-containers-nonprivileged"),
    )
    assert r.compliance[0].selector == "compliance:security-hub/ECS.4"
    assert check().compliance == ()


@pytest.mark.parametrize(
    "references, message",
    [
        (("ECS.20",), "must start with a known framework"),
        (("securityhub:ECS.20",), "must start with a known framework"),
        (("security-hub:ECS20",), "is not a AWS Security Hub CSPM id"),
        (("security-hub:ECS.0",), "is not a AWS Security Hub CSPM id"),
        (("control-tower:CT.ECS.3",), "is not a AWS Control Tower proactive control id"),
        (("aws-config:ECS_CONTAINERS_NONPRIVILEGED",), "is not a AWS Config managed rule id"),
        (("security-hub:ECS.1",), "retired ECS.1 on 2026-03-04"),
        (("aws-config:ecs-task-definition-memory-hard-limit",), "discontinued"),
        (("security-hub:ECS.4", "security-hub:ECS.4"), "listed twice"),
        ("security-hub:ECS.4", "not one string"),
    ],
)
def test_malformed_references_fail_at_import(references, message):
    with pytest.raises(ValueError, match=message) as error:
        check(compliance=references)
    assert "ACME001" in str(error.value)


def test_every_built_in_reference_is_well_formed_and_each_control_has_one_rule():
    seen: dict[Reference, str] = {}
    for r in REGISTRY.rules:
        for ref in r.compliance:
            assert ref.framework in FRAMEWORKS
            assert ref.url.startswith("https://docs.aws.amazon.com/")
            assert ref not in seen, f"{ref.selector} is mapped by {seen[ref]} and {r.id}"
            seen[ref] = r.id
    # The mapping the issue names, checked against AWS's control pages when it was written.
    assert seen[Reference("security-hub", "ECS.20")] == "ECS402"
    assert seen[Reference("control-tower", "CT.ECS.PR.3")] == "ECS402"
    assert seen[Reference("aws-config", "ecs-containers-nonprivileged")] == "ECS401"
    assert {ref.id for ref in seen if ref.framework == "security-hub"} == {
        "ECS.2", "ECS.3", "ECS.4", "ECS.5", "ECS.8", "ECS.9", "ECS.10", "ECS.12", "ECS.17", "ECS.18", "ECS.20", "ECS.21",
        "ECR.1", "ECR.3",
    }  # fmt: skip


# -- selection ----------------------------------------------------------------------------


def rules_found(report) -> list[str]:
    return sorted({f.rule for f in report.findings})


def test_extend_select_a_framework_selects_every_rule_mapped_to_it(tmp_path):
    selected = {r.id for r in REGISTRY.resolve("compliance:security-hub")}
    assert selected == {
        "ECS401", "ECS402", "ECS403", "ECS404", "ECS405", "ECS409", "ECS410", "ECS412", "ECS508", "ECS513", "ECS601",
        "ECS701", "ECR402", "ECR403",
    }  # fmt: skip
    assert {r.id for r in REGISTRY.resolve("compliance:control-tower")} < selected
    td = write(tmp_path / "td.json", HARDENING_GAPS)
    report = run([str(td)], Settings(select=["compliance:security-hub"]))
    assert rules_found(report) == ["ECS401", "ECS402", "ECS404", "ECS405", "ECS410", "ECS601"]
    report = run([str(td)], Settings(select=["ECS1"], extend_select=["compliance:control-tower"]))
    assert set(rules_found(report)) == {"ECS401", "ECS402", "ECS404", "ECS410", "ECS601"}


@pytest.mark.parametrize(
    "selector",
    ["compliance:security-hub/ECS.20", "compliance:ECS.20", "compliance:ecs.20", "COMPLIANCE:Security-Hub/ecs.20",
     "compliance:control-tower/CT.ECS.PR.3", "compliance:aws-config/ecs-task-definition-nonroot-user"],
)  # fmt: skip
def test_select_one_control(tmp_path, selector):
    assert [r.id for r in REGISTRY.resolve(selector)] == ["ECS402"]
    td = write(tmp_path / "td.json", HARDENING_GAPS)
    assert rules_found(run([str(td)], Settings(select=[selector]))) == ["ECS402"]


def test_ignore_and_per_file_ignores_by_compliance(tmp_path):
    td = write(tmp_path / "td.json", HARDENING_GAPS)
    mapped = ["ECS401", "ECS402", "ECS404", "ECS405", "ECS410", "ECS601"]
    report = run([str(td)], Settings(select=[*mapped, "ECS605"], ignore=["compliance:security-hub/ECS.4"]))
    assert rules_found(report) == ["ECS402", "ECS404", "ECS405", "ECS410", "ECS601", "ECS605"]
    config = from_mapping({"per-file-ignores": {"td.json": ["compliance:security-hub"]}}, str(tmp_path / ".ecslint.toml"))
    report = run([str(td)], Settings(config=config, select=[*mapped, "ECS605"]))
    assert rules_found(report) == ["ECS605"]  # the rule that checks no Security Hub control


def test_config_select_by_compliance(tmp_path):
    td = write(tmp_path / "td.json", HARDENING_GAPS)
    config = from_mapping({"select": ["compliance:aws-config/ecs-task-definition-pid-mode-check"]})
    assert rules_found(run([str(td)], Settings(config=config))) == ["ECS404"]


def test_severity_override_by_compliance_selector(tmp_path):
    td = write(tmp_path / "td.json", NO_USER)
    config = from_mapping({"severity": {"compliance:security-hub/ECS.20": "error"}})
    (finding,) = run([str(td)], Settings(config=config)).findings
    assert (finding.rule, finding.severity) == ("ECS402", Severity.ERROR)
    # Entries apply in order: a later, narrower entry wins over a framework-wide one.
    config = from_mapping({"severity": {"compliance:security-hub": "error", "container-runs-as-root": "warning"}})
    (finding,) = run([str(td)], Settings(config=config)).findings
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    "selector, message",
    [
        ("compliance:sec-hub/ECS.4", "unknown compliance framework `sec-hub` (known: security-hub, control-tower, aws-config)"),
        ("compliance:securityhub", "no rule is mapped to `compliance:securityhub` (did you mean `compliance:security-hub`?)"),
        ("compliance:security-hub/ECS.99", "did you mean `compliance:security-hub/ECS.9`?"),
        ("compliance:ECS.1", "Security Hub retired ECS.1 on 2026-03-04"),
        ("compliance:", "name a framework"),
    ],
)
def test_unknown_compliance_selectors_are_configuration_errors(tmp_path, selector, message):
    with pytest.raises(ConfigError, match="select") as error:
        run([str(tmp_path)], Settings(select=[selector]))
    assert message in str(error.value)


def test_a_new_rule_needs_only_its_compliance_argument(tmp_path):
    """No rule checks that services are tagged (Security Hub ECS.13) or that tasks use awsvpc
    (CT.ECS.PR.4): declaring the control is all a new or plugin rule needs to be selected,
    shown and tagged."""
    from ecslint.rules import BUILTIN

    new = check(id="ACME701", name="acme-service-tags", compliance=("security-hub:ECS.13", "control-tower:CT.ECS.PR.4"))
    registry = Registry(BUILTIN + (new,))
    assert [r.id for r in registry.resolve("compliance:ECS.13")] == ["ACME701"]
    assert "ACME701" in {r.id for r in registry.resolve("compliance:security-hub")}
    assert "`compliance:control-tower/CT.ECS.PR.4`" in page(new)
    with pytest.raises(ConfigError, match="no rule is mapped"):
        REGISTRY.resolve("compliance:ECS.13")


def test_a_compliance_selector_does_not_name_one_rule():
    with pytest.raises(ConfigError, match="must name one rule"):
        REGISTRY.lookup("compliance:ECS.20", "rule")


# -- what users see ------------------------------------------------------------------------


def test_rules_command_shows_and_filters_by_compliance():
    text = ecslint("rules", "--select", "compliance:ECS.20").stdout
    assert text.startswith("ECS402  container-runs-as-root") and text.rstrip().endswith("[ECS.20, CT.ECS.PR.3]")
    assert len(text.splitlines()) == 1
    rows = json.loads(ecslint("rules", "--format", "json", "--select", "ECS402,ECS101").stdout)
    assert [r["id"] for r in rows] == ["ECS101", "ECS402"]
    assert rows[0]["compliance"] == []
    assert rows[1]["compliance"][:2] == [
        {"framework": "security-hub", "id": "ECS.20", "url": "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-20"},
        {
            "framework": "control-tower",
            "id": "CT.ECS.PR.3",
            "url": "https://docs.aws.amazon.com/controltower/latest/controlreference/ecs-rules.html#ct-ecs-pr-3-description",
        },
    ]
    bad = ecslint("rules", "--select", "compliance:nope/X.1")
    assert bad.returncode == 2 and "unknown compliance framework" in bad.stderr


def test_rule_page_lists_controls_and_their_selectors():
    text = ecslint("rule", "ECS401").stdout
    assert "## Compliance" in text
    assert "| AWS Security Hub CSPM | [ECS.4](https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4) |" in text
    assert "`compliance:aws-config/ecs-containers-nonprivileged`" in text
    assert "## Compliance" not in ecslint("rule", "ECS101").stdout


def test_sarif_tags_carry_the_controls(tmp_path):
    write(tmp_path / "td.json", HARDENING_GAPS)
    out = tmp_path / "out.sarif"
    ecslint("check", "td.json", "--format", "sarif", "--output", str(out), cwd=tmp_path)
    rules = {r["id"]: r for r in json.loads(out.read_text())["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["ECS402"]["properties"]["tags"] == [
        "security",
        "compliance:security-hub/ECS.20",
        "compliance:control-tower/CT.ECS.PR.3",
        "compliance:aws-config/ecs-task-definition-linux-user-non-root",
        "compliance:aws-config/ecs-task-definition-nonroot-user",
    ]
    assert rules["ECS101"]["properties"]["tags"] == ["reliability"]


def test_every_rule_fits_githubs_tag_limit():
    """GitHub keeps the first 10 tags of a rule (sarif-github.md §3)."""
    from ecslint.output.sarif import _descriptor

    import sarif_om as om

    from ecslint import docs

    for r in REGISTRY.rules:
        tags = _descriptor(om, docs, r).properties["tags"]
        assert len(tags) <= 10 and len(tags) == len(set(tags)), r.id


# -- ECS402 is a note ---------------------------------------------------------------------


def test_container_runs_as_root_is_a_note_that_says_why():
    r = REGISTRY.by_id["ECS402"]
    assert r.severity is Severity.NOTE and r.enabled
    text = page(r)
    assert "the image is invisible to a check of the task definition" in text
    assert 'container-runs-as-root = "warning"' in text and '"compliance:security-hub/ECS.20" = "warning"' in text
    assert "ECS.1 (retired on 2026-03-04)" in text


def test_default_gate_passes_a_missing_user_and_fails_it_when_raised(tmp_path):
    write(tmp_path / "td.json", NO_USER)
    result = ecslint("check", "td.json", cwd=tmp_path)
    assert result.returncode == 0 and "ECS402 [note]" in result.stdout
    (tmp_path / ".ecslint.toml").write_text('[severity]\n"compliance:security-hub/ECS.20" = "warning"\n')
    result = ecslint("check", "td.json", cwd=tmp_path)
    assert result.returncode == 1 and "ECS402 [warning]" in result.stdout


def test_sarif_rule_level_is_note(tmp_path):
    write(tmp_path / "td.json", NO_USER)
    out = tmp_path / "out.sarif"
    ecslint("check", "td.json", "--format", "sarif", "--output", str(out), cwd=tmp_path)
    (result,) = json.loads(out.read_text())["runs"][0]["results"]
    rules = json.loads(out.read_text())["runs"][0]["tool"]["driver"]["rules"]
    assert result["level"] == "note" and rules[result["ruleIndex"]]["defaultConfiguration"]["level"] == "note"
