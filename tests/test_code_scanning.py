"""What GitHub code scanning needs from ecslint's SARIF: security severities, help pages that
exist, a file it always accepts, and speed (../shared/reference/sarif-github.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecslint import __version__
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.engine import Registry

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = Registry.default()


# -- security severity and help pages (issue 10 item 6) ---------------------------------


@pytest.mark.parametrize("r", [r for r in REGISTRY.rules if "security" in r.tags], ids=lambda r: r.id)
def test_every_security_rule_has_a_security_severity(r):
    """GitHub shows a result as a security alert only with a `security-severity`."""
    assert r.security_severity is not None, f"{r.id} is tagged security but has no security_severity"
    assert 0.1 <= r.security_severity <= 10.0


def test_a_builtin_security_rule_without_severity_is_refused():
    with pytest.raises(ValueError, match="security_severity"):

        def check(td, ctx):
            """Doc."""
            return iter(())

        check.__module__ = "ecslint.rules.security.example"
        rule(id="ECS499", name="example", severity="note", tags=("security",), sources=("https://example.org",))(check)


@pytest.mark.parametrize("r", [r for r in REGISTRY.rules], ids=lambda r: r.id)
def test_builtin_help_uri_is_the_page_at_the_release_tag(r):
    assert r.help_uri == f"https://github.com/ecslint/ecslint/blob/v{__version__}/rules/{r.id}.md"
    assert (ROOT / "rules" / f"{r.id}.md").is_file(), "the page the link names is committed"


def _plugin_rule(**extra):
    def check(td, ctx):
        """A plugin's rule."""
        yield Violation((), "x")

    return rule(id="ACME001", name="acme-rule", severity="warning", kinds=("task-definition",), sources=("https://acme.example",), **extra)(check)


def test_plugin_rules_give_their_own_help_uri_or_none():
    from ecslint.output import sarif

    assert _plugin_rule().help_uri is None
    assert _plugin_rule(url="https://acme.example/rules/ACME001").help_uri == "https://acme.example/rules/ACME001"
    import sarif_om as om

    from ecslint import docs

    described = sarif.sarif_dict(sarif._descriptor(om, docs, _plugin_rule()))
    assert "helpUri" not in described
    described = sarif.sarif_dict(sarif._descriptor(om, docs, _plugin_rule(url="https://acme.example/r")))
    assert described["helpUri"] == "https://acme.example/r"
    # a plugin tagged security without a score is allowed (it is shown as a plain alert)
    assert _plugin_rule(tags=("security",)).security_severity is None


def test_sarif_rules_carry_security_severity_for_ecs118_and_ecs601(tmp_path):
    from ecslint.engine import Settings, run
    from ecslint.output import sarif

    report = run([str(ROOT / "fixtures" / "rules" / "ECS601")], Settings(select=["ECS118", "ECS601"]), REGISTRY)
    log = sarif.document(report)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    for rule_id in ("ECS118", "ECS601"):
        properties = rules[rule_id]["properties"]
        assert float(properties["security-severity"]) > 0 and properties["tags"][0] == "security"
        assert rules[rule_id]["helpUri"].endswith(f"/blob/v{__version__}/rules/{rule_id}.md")
    json.dumps(log)
