"""From proposals to edits through the locator: only a literal written where the finding
is may be edited, and a CloudFormation member is spelled the template's way."""

from __future__ import annotations

import shutil
from pathlib import Path

from ecslint.core.fix import Fix, Insert, Proposal, Replace
from ecslint.engine import Settings, load
from ecslint.fix import runner
from ecslint.fix.plan import plan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "rules"


def _run(path: Path, select: str, parameters: dict[str, str] | None = None):
    session = load([str(path)], Settings(select=[select], parameters=parameters or {}))
    report = session.lint()
    return session, report


def test_a_value_a_parameter_gives_is_never_edited(tmp_path):
    """``HostPort: !Ref HostPort`` with ``--parameter HostPort=80``: the finding is real,
    but the file writes a reference, not 80: no fix."""
    path = tmp_path / "template.yaml"
    shutil.copyfile(FIXTURES / "ECS301" / "pass-cfn-host-port-parameter.yaml", path)
    session, report = _run(path, "ECS301", {"HostPort": "80", "VpcId": "vpc-1"})
    (finding,) = report.findings
    assert finding.fix is not None
    (planned,) = plan(session.files[0], [finding.fix])
    assert planned.edits is None and "tag" in planned.reason
    long_form = tmp_path / "long.yaml"
    long_form.write_text(path.read_text().replace("HostPort: !Ref HostPort", "HostPort: {Ref: HostPort}"))
    session, report = _run(long_form, "ECS301", {"HostPort": "80", "VpcId": "vpc-1"})
    (planned,) = plan(session.files[0], [report.findings[0].fix])
    assert planned.edits is None and "literal" in planned.reason
    _, summary = runner.run(session, report, unsafe=True)
    assert summary.changed == []


def test_values_reached_through_if_find_in_map_and_sub_are_not_edited(tmp_path):
    path = tmp_path / "template.yaml"
    path.write_text(
        "Conditions:\n  Prod: !Equals [!Ref Env, prod]\nParameters:\n  Env: {Type: String}\n"
        "Mappings:\n  Sizes:\n    web: {memory: 512}\n"
        "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
        "      Family: web\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n"
        "      Cpu: !If [Prod, 512, 512]\n      Memory: !FindInMap [Sizes, web, memory]\n"
        "      ContainerDefinitions:\n        - Name: web\n          Image: nginx:1.27\n"
        "          DependsOn: [{ContainerName: db, Condition: !Sub HEALTHY}]\n"
        "        - {Name: db, Image: postgres:16, Essential: false}\n"
    )
    session, report = _run(path, "ECS201")
    locator = report.findings[0].fix.document.locator
    assert locator.written(("memory",)) is None and locator.written(("cpu",)) is None
    assert locator.written(("family",)) == ("Resources", "Task", "Properties", "Family")
    assert locator.written(("containerDefinitions", 0, "dependsOn", 0, "condition")) is None
    for proposal in [f.fix for f in report.findings]:
        assert plan(session.files[0], [proposal])[0].edits is None


def test_an_inserted_template_member_is_spelled_the_templates_way(tmp_path):
    path = tmp_path / "template.yaml"
    path.write_text(
        "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: web\n"
        "      ContainerDefinitions:\n        - Name: web\n          Image: nginx:1.27\n"
        "          DockerLabels:\n            team: web\n"
    )
    session, _ = _run(path, "ECS101")
    doc = next(d for d in session.files[0].documents if d.kind == "task-definition")
    fix = Fix(
        "test",
        Insert(("containerDefinitions", 0), "memory", 256, after="image"),
        Insert(("containerDefinitions", 0, "dockerLabels"), "owner", "me"),
        Replace(("family",), "api"),
    )
    ((_, edits, _),) = plan(session.files[0], [Proposal(fix, doc, "TEST", True)])
    out = runner.apply(path.read_text(), edits)
    assert out == path.read_text().replace("Family: web", "Family: api").replace(
        "Image: nginx:1.27\n", "Image: nginx:1.27\n          Memory: 256\n"
    ).replace("team: web\n", "team: web\n            owner: me\n")
