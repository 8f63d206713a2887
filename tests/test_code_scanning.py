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


# -- a file GitHub always accepts (issue 10 item 3) ----------------------------------------

_scale = {}


def _synthetic(directory, count, **kwargs):
    if "module" not in _scale:
        import importlib.util

        spec = importlib.util.spec_from_file_location("sarif_scale", ROOT / "tools" / "sarif_scale.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _scale["module"] = module
    return _scale["module"].synthetic_report(directory, count, **kwargs)


def _write(report):
    import io

    from ecslint.output import sarif

    out, warnings = io.StringIO(), []
    sarif.write(report, out, warn=warnings.append)
    return out.getvalue(), warnings


def test_41000_findings_keep_the_25000_most_severe_and_say_so(tmp_path, monkeypatch):
    import gzip

    import jsonschema

    monkeypatch.chdir(tmp_path)
    report = _synthetic(tmp_path, 41_000)
    text, warnings = _write(report)
    log = json.loads(text)
    (run,) = log["runs"]
    levels = [r["level"] for r in run["results"]]
    assert len(levels) == 25_000
    # every error and the warnings of the highest security severity first
    assert levels.count("error") == 13_667 and levels.count("note") == 0
    kept_warnings = {r["ruleId"] for r in run["results"] if r["level"] == "warning"}
    scores = {r.id: r.security_severity or 0 for r in REGISTRY.rules}
    dropped = {f.rule for f in report.findings if f.severity.label == "warning"} - kept_warnings
    assert min(scores[r] for r in kept_warnings) >= max((scores[r] for r in dropped), default=0)
    assert run["properties"] == {
        "resultsTotal": 41_000,
        "resultsOmitted": 16_000,
        "resultsOmittedBySeverity": {"error": 0, "warning": 2_334, "note": 13_666},
        "resultsOmittedReason": "41,000 results are more than GitHub code scanning accepts in one run (25,000): "
        "kept the 25,000 most severe, left out 16,000 (2,334 warnings, 13,666 notes)",
    }
    assert warnings == [f"SARIF: {run['properties']['resultsOmittedReason']} (the run's properties record it)"]
    # in report order (file, line), each with one location relative to the repository root
    keys = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    assert keys == sorted(keys) and keys[0][0] == "deploy/s000.json"
    assert all(len(r["locations"]) == 1 and "primaryLocationLineHash" in r["partialFingerprints"] for r in run["results"])
    assert len(gzip.compress(text.encode(), 6)) * 4 / 3 <= 10_000_000
    # the schema on every shape of the log (all 25,000 results alike take seconds; CI runs
    # ../shared/tools/validate-sarif on the whole of it, tools/sarif_scale.py)
    run["results"] = run["results"][:: len(run["results"]) // 500]
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)


def test_an_upload_too_large_keeps_fewer_results(tmp_path, monkeypatch):
    """Long, incompressible messages: 20,000 results make a file of some 20 MB, whose gzip
    base64-encoded (what upload-sarif sends) is about as large: it must stay within 10 MB."""
    import base64
    import gzip

    monkeypatch.chdir(tmp_path)
    report = _synthetic(tmp_path, 20_000, message_bytes=700)
    text, warnings = _write(report)
    (run,) = json.loads(text)["runs"]
    assert len(base64.b64encode(gzip.compress(text.encode(), 6))) <= 10_000_000
    kept = len(run["results"])
    assert 8_000 < kept < 20_000 and run["properties"]["resultsOmitted"] == 20_000 - kept
    assert f"make an upload larger than GitHub code scanning accepts (10 MB compressed): kept the {kept:,} most severe" in warnings[0]


def test_a_log_within_the_limits_says_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text, warnings = _write(_synthetic(tmp_path, 3_000))
    (run,) = json.loads(text)["runs"]
    assert len(run["results"]) == 3_000 and "properties" not in run and warnings == []


def test_the_cli_says_what_it_left_out_on_stderr(tmp_path):
    """41,000 findings through the command line would take minutes to produce; the limit
    is the same code, so it is lowered here to show the message and --quiet."""
    import subprocess
    import sys

    code = (
        "import sys; from ecslint.output import sarif; sarif.MAX_RESULTS = 2; "
        "from ecslint.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    args = [sys.executable, "-c", code, "check", "fixtures/rules/ECS101", "--format", "sarif", "-o", str(tmp_path / "out.sarif")]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("ecslint: warning: SARIF: ") and "kept the 2 most severe" in result.stderr
    assert len(json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]) == 2
    quiet = subprocess.run(args + ["--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert quiet.stderr == ""


# -- speed (issue 10 item 5) ----------------------------------------------------------------


def test_each_file_is_hashed_once(tmp_path, monkeypatch):
    from ecslint.output import sarif

    monkeypatch.chdir(tmp_path)
    report = _synthetic(tmp_path, 3_000)
    calls = []
    original = sarif._line_hashes
    monkeypatch.setattr(sarif, "_line_hashes", lambda path, *args: calls.append(path) or original(path, *args))
    _write(report)
    assert sorted(calls) == sorted(f.path for f in report.files)  # 3 files, 1,000 findings each
