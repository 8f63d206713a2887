"""The engine's contracts: selection, severities, options, suppressions, baselines, context,
and a crashing rule turning into ECS008 while the others still run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecslint.config import Config, ConfigError, from_mapping
from ecslint.core.finding import Severity, Violation
from ecslint.core.rule import rule
from ecslint.engine import Registry, Settings, run, write_baseline
from ecslint.rules import BUILTIN

#: A task definition whose only problem, for every ECS rule (default-on or not), is ECS101.
NON_ESSENTIAL = {
    "family": "web",
    "containerDefinitions": [
        {
            "name": "web",
            "image": "public.ecr.aws/nginx/nginx:1.27@sha256:" + "a" * 64,
            "memory": 256,
            "essential": False,
            "user": "1000",
            "readonlyRootFilesystem": True,
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}},
        }
    ],
}


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data, indent=2) if not isinstance(data, str) else data)
    return path


def rules_of(report):
    return [(f.rule, f.region.line, f.region.column) for f in report.findings]


@pytest.mark.parametrize("selector", ["ECS101", "ECS1", "no-essential-container", "ECS"])
def test_select_by_id_prefix_or_name(tmp_path, selector):
    td = write(tmp_path / "td.json", NON_ESSENTIAL)
    report = run([str(td)], Settings(select=[selector]))
    assert [f.rule for f in report.findings] == ["ECS101"]


def test_ignore_and_extend_select(tmp_path):
    td = write(tmp_path / "td.json", NON_ESSENTIAL)
    assert run([str(td)], Settings(ignore=["ECS1"])).findings == []
    report = run([str(td)], Settings(select=["ECS2"], extend_select=["no-essential-container"]))
    assert [f.rule for f in report.findings] == ["ECS101"]


def test_unknown_selector_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError, match="no rule matches `ECS999`"):
        run([str(tmp_path)], Settings(select=["ECS999"]))
    with pytest.raises(ConfigError, match="did you mean `no-essential-container`"):
        run([str(tmp_path)], Settings(ignore=["no-esential-container"]))


def test_severity_override_by_name(tmp_path):
    td = write(tmp_path / "td.json", NON_ESSENTIAL)
    config = from_mapping({"severity": {"no-essential-container": "warning"}})
    (finding,) = run([str(td)], Settings(config=config, select=["ECS101"])).findings
    assert finding.severity is Severity.WARNING


def test_per_file_ignores_match_relative_globs(tmp_path):
    (tmp_path / "legacy").mkdir()
    td = write(tmp_path / "legacy" / "td.json", NON_ESSENTIAL)
    config = Config(root=str(tmp_path), per_file_ignores={"legacy/*.json": ["ECS101"]})
    assert run([str(td)], Settings(config=config, select=["ECS101"])).findings == []
    config = Config(root=str(tmp_path), per_file_ignores={"other/*.json": ["ECS101"]})
    assert len(run([str(td)], Settings(config=config, select=["ECS101"])).findings) == 1


def test_per_file_ignores_match_like_exclude_a_name_or_a_directory(tmp_path):
    """``per-file-ignores`` and ``exclude`` share one matcher: a bare file name, or a
    directory (everything below it)."""
    (tmp_path / "legacy" / "old").mkdir(parents=True)
    td = write(tmp_path / "legacy" / "old" / "td.json", NON_ESSENTIAL)
    for glob in ("td.json", "legacy", "legacy/"):
        config = Config(root=str(tmp_path), per_file_ignores={glob: ["ECS101"]})
        assert run([str(td)], Settings(config=config, select=["ECS101"])).findings == [], glob


def test_config_rejects_unknown_keys_and_bad_values():
    with pytest.raises(ConfigError, match=r"unknown key `selct` \(did you mean `select`\?\)"):
        from_mapping({"selct": ["ECS1"]})
    with pytest.raises(ConfigError, match="`fail-on` must be one of"):
        from_mapping({"fail-on": "sometimes"})
    with pytest.raises(ConfigError, match="must be a list of strings"):
        from_mapping({"ignore": [1, 2]})
    with pytest.raises(ConfigError, match="must be error, warning or note"):
        from_mapping({"severity": {"ECS101": "fatal"}})
    for unhashable in (["error"], {"level": "error"}):
        with pytest.raises(ConfigError, match="must be error, warning or note"):
            from_mapping({"severity": {"ECS101": unhashable}})


def test_rule_options_are_validated(tmp_path):
    with pytest.raises(ConfigError, match="has no option `reserved-memry`"):
        run([str(tmp_path)], Settings(config=from_mapping({"rules": {"ECS206": {"reserved-memry": 1}}})))
    with pytest.raises(ConfigError, match="must be an integer"):
        run([str(tmp_path)], Settings(config=from_mapping({"rules": {"task-exceeds-instance": {"reserved-memory": "256"}}})))


@pytest.mark.parametrize(
    "rule, option, value",
    [
        ("ECS206", "reserved-memory", -100),  # made ECS206-208 crash (ValueError) before
        ("ECR206", "min-keep", 0),
        ("ECR208", "min-images", -1),
        ("ECR302", "mutable-tags", ["latest", 3]),
        ("ECS414", "allowed-registries", ["quay.io", None]),
    ],
)
def test_rule_option_values_a_rule_cannot_use_are_configuration_errors(tmp_path, rule, option, value):
    """Not silently dropped, not a crash at run time: exit 2 with the option's help."""
    with pytest.raises(ConfigError, match=f"rules.{rule}.{option}: must be"):
        run([str(tmp_path)], Settings(config=from_mapping({"rules": {rule: {option: value}}})))


def test_reserved_memory_option_reaches_the_rule(tmp_path):
    td = write(
        tmp_path / "td.json",
        {"family": "b", "memory": "7900", "containerDefinitions": [{"name": "a", "image": "busybox:1.36"}]},
    )
    settings = Settings(select=["ECS206"], instance_types=["m5.large"])
    assert run([str(td)], settings).findings == []  # 7900 <= 8069
    settings.config = from_mapping({"rules": {"ECS206": {"reserved-memory": 256}}})
    (finding,) = run([str(td)], settings).findings
    assert "7813 MiB" in finding.message and "256 MiB ECS_RESERVED_MEMORY" in finding.message


def test_unknown_instance_type_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError, match="unknown EC2 instance type `m5.larg`.*did you mean `m5.large`"):
        run([str(tmp_path)], Settings(instance_types=["m5.larg"]))


def test_a_crashing_rule_becomes_ecs008_and_the_others_run(tmp_path):
    @rule(id="ECS999", name="always-crashes", severity="error", kinds=("task-definition",), sources=("https://example.com",))
    def crashes(td, ctx):
        """Crashes on purpose, with a message that quotes a secret value.

        What it does:
            Nothing useful.
        """
        raise ValueError("hunter2 " + str(td.data))

    td = write(tmp_path / "td.json", NON_ESSENTIAL)
    report = run([str(td)], Settings(select=["ECS101", "ECS999", "ECS008"]), Registry(BUILTIN + (crashes,)))
    assert rules_of(report) == [("ECS008", 1, 1), ("ECS101", 3, 3)]
    message = report.findings[0].message
    assert "ECS999" in message and "ValueError" in message and "test_engine.py" in message
    assert "hunter2" not in message


def test_a_crash_is_reported_even_when_ecs008_is_not_selected_and_hidden_only_by_ignore(tmp_path):
    @rule(id="ECS998", name="crashes-too", severity="error", kinds=("task-definition",), sources=("https://example.com",))
    def crashes(td, ctx):
        """Crashes on purpose.

        What it does:
            Nothing useful.
        """
        raise ValueError("boom")

    td = write(tmp_path / "td.json", NON_ESSENTIAL)
    registry = Registry(BUILTIN + (crashes,))
    assert rules_of(run([str(td)], Settings(select=["ECS998"]), registry)) == [("ECS008", 1, 1)]
    assert rules_of(run([str(td)], Settings(select=["ECS998"], ignore=["ECS008"]), registry)) == []


def test_context_documents_inform_but_are_not_reported(tmp_path):
    (tmp_path / "ctx").mkdir()
    write(tmp_path / "ctx" / "td.json", NON_ESSENTIAL)
    service = write(tmp_path / "service.json", {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1})
    report = run([str(service)], Settings(select=["ALL"], context=[str(tmp_path / "ctx")]))
    assert all(f.path.endswith("service.json") for f in report.findings)
    assert [f.display for f in report.files] == [report.files[0].display]


def test_inline_suppression_in_yaml(tmp_path):
    td = write(
        tmp_path / "td.yaml",
        "family: web\n"
        "containerDefinitions:  # ecslint: ignore=no-essential-container\n"
        "  - {name: web, image: 'nginx:1.27', memory: 256, essential: false}\n",
    )
    report = run([str(td)], Settings(select=["ECS101"]))
    assert report.findings == [] and report.suppressed == 1
    td.write_text(td.read_text().replace("ignore=no-essential-container", "ignore=ECS201"))
    assert len(run([str(td)], Settings(select=["ECS101"])).findings) == 1


def test_baseline_hides_known_findings_only(tmp_path):
    td = write(tmp_path / "td.json", NON_ESSENTIAL)
    baseline = tmp_path / "baseline.json"
    write_baseline(run([str(td)], Settings()), str(baseline))
    report = run([str(td)], Settings(baseline=str(baseline)))
    assert report.findings == [] and report.suppressed == 1
    data = json.loads(json.dumps(NON_ESSENTIAL))
    data["containerDefinitions"][0]["memoryReservation"] = 512  # a new problem appears
    write(td, "\n" + json.dumps(data, indent=4))  # and the old one moves
    assert [f.rule for f in run([str(td)], Settings(baseline=str(baseline))).findings] == ["ECS204"]


def test_fingerprints_survive_reordering(tmp_path):
    two = {
        "family": "web",
        "containerDefinitions": [
            {"name": "a", "image": "nginx:1.27", "memory": 512, "memoryReservation": 1024},
            {"name": "b", "image": "nginx:1.27", "memory": 256},
        ],
    }
    td = write(tmp_path / "td.json", two)
    before = run([str(td)], Settings(select=["ECS204"])).findings[0]
    two["containerDefinitions"].reverse()
    write(td, "\n\n" + json.dumps(two, indent=4))
    after = run([str(td)], Settings(select=["ECS204"])).findings[0]
    assert before.region != after.region and before.fingerprint == after.fingerprint


def test_output_order_is_deterministic(tmp_path):
    for name in ("b.json", "a.json"):
        write(tmp_path / name, NON_ESSENTIAL)
    report = run([str(tmp_path)], Settings())
    keys = [f.sort_key() for f in report.findings]
    assert keys == sorted(keys) and report.findings[0].path.endswith("a.json")


def test_workspace_rule_violation_targets_its_document(tmp_path):
    @rule(id="ECS998", name="names-the-service", severity="note", scope="workspace", kinds=("service",), sources=("https://example.com",))
    def names(ws, ctx):
        """Reports every service at its name.

        What it does:
            Test only.
        """
        for service in ws.services:
            yield Violation(("serviceName",), "seen", document=service.doc)

    service = write(tmp_path / "svc.json", {"serviceName": "web", "desiredCount": 1})
    report = run([str(service)], Settings(select=["ECS998"]), Registry(BUILTIN + (names,)))
    assert rules_of(report) == [("ECS998", 2, 18)]


def test_plugin_rules_come_from_entry_points(tmp_path, monkeypatch):
    """An organisation's rules package, declared in the ``ecslint.rules`` group, runs like a
    built-in rule (found without importlib.metadata, which costs 30 ms of start-up)."""
    (tmp_path / "acme_rules.py").write_text(
        "from ecslint.core.finding import Violation\n"
        "from ecslint.core.rule import rule\n\n"
        "@rule(id='ACME001', name='family-prefix', severity='warning', kinds=('task-definition',),\n"
        "      sources=('https://example.com/policy',))\n"
        "def family_prefix(td, ctx):\n"
        "    '''Task families start with acme-.\n\n    What it does:\n        Checks the family.\n    '''\n"
        "    if not str(td.data.get('family', '')).startswith('acme-'):\n"
        "        yield Violation(('family',), 'family must start with acme-')\n\n"
        "RULES = [family_prefix]\n"
    )
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[ecslint.rules]\nacme = acme_rules:RULES\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    td = write(tmp_path / "td.json", NON_ESSENTIAL)
    report = run([str(td)], Settings(select=["ACME"]))
    assert rules_of(report) == [("ACME001", 2, 13)]


def test_a_crashing_workspace_rule_is_reported_on_a_document_it_reads(tmp_path):
    @rule(id="ECS997", name="workspace-crashes", severity="error", scope="workspace", kinds=("service",), sources=("https://example.com",))
    def crashes(ws, ctx):
        """Crashes on purpose.

        What it does:
            Nothing useful.
        """
        raise KeyError("x")

    service = write(tmp_path / "svc.json", {"serviceName": "web", "desiredCount": 1})
    report = run([str(service)], Settings(select=["ECS997", "ECS008"]), Registry(BUILTIN + (crashes,)))
    assert rules_of(report) == [("ECS008", 1, 1)]
    assert "failed on these documents together (KeyError" in report.findings[0].message


def test_a_finding_may_carry_its_own_severity_unless_the_user_set_one(tmp_path):
    """ECS508 is a warning, but a public IP with the EC2 launch type is rejected: error."""
    service = {
        "serviceName": "web",
        "desiredCount": 1,
        "launchType": "EC2",
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "ENABLED"}},
    }
    path = write(tmp_path / "svc.json", service)
    (finding,) = run([str(path)], Settings(select=["ECS508"])).findings
    assert finding.severity is Severity.ERROR
    config = from_mapping({"severity": {"public-ip-assigned": "note"}})
    (finding,) = run([str(path)], Settings(config=config, select=["ECS508"])).findings
    assert finding.severity is Severity.NOTE
    service["launchType"] = "FARGATE"
    write(path, service)
    (finding,) = run([str(path)], Settings(select=["ECS508"])).findings
    assert finding.severity is Severity.WARNING


def test_identical_findings_are_reported_once(tmp_path):
    """The same rule saying the same thing at the same place is one finding, whichever
    rule repeats itself; findings that differ in message or place all stay."""

    @rule(id="ECS996", name="says-it-twice", severity="warning", kinds=("task-definition",), sources=("https://example.com",))
    def twice(td, ctx):
        """Repeats itself on purpose.

        What it does:
            Nothing useful.
        """
        yield Violation(("family",), "the family is odd")
        yield Violation(("family",), "the family is odd")
        yield Violation(("family",), "the family is odd", "key")
        yield Violation(("family",), "the family is very odd")

    td = write(tmp_path / "td.json", NON_ESSENTIAL)
    report = run([str(td)], Settings(select=["ECS996"]), Registry(BUILTIN + (twice,)))
    assert [(f.region.column, f.message) for f in report.findings] == [
        (3, "the family is odd"),
        (13, "the family is odd"),
        (13, "the family is very odd"),
    ]


def test_document_rules_are_chosen_once_per_kind():
    """A document's rules are those of the run that read its kind, in run order, picked
    once per kind (not asked of every rule for every document)."""
    from ecslint.engine import Plan, _document_rules, _scopes

    by_scope, _ = _scopes(Plan(Registry.default(), Settings()))
    kinds = {k for r in by_scope["document"] for k in r.kinds}
    assert {"task-definition", "service"} <= kinds
    for kind in sorted(kinds) + ["no-such-kind"]:
        chosen = _document_rules(by_scope, kind)
        assert chosen == [r for r in by_scope["document"] if kind in r.kinds]
        assert _document_rules(by_scope, kind) is chosen
    assert _document_rules(by_scope, "no-such-kind") == []
