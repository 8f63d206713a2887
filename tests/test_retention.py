"""A big run lets go of what only a link can need again (``ecslint.retention``), and still
reports exactly what a run that keeps everything reports."""

from __future__ import annotations

import contextlib
import gc
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from ecslint import cli, engine, parallel
from ecslint.engine import Settings

CLEAN = Path(__file__).resolve().parent.parent / "benchmarks" / "clean-task-definition.json"


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(parallel, "THRESHOLD", 2)
    monkeypatch.setattr(parallel, "SERIAL_THRESHOLD", 2)


def _fillers(directory: Path, count: int, start: int = 0) -> None:
    """Clean task definitions, each of its own family."""
    data = json.loads(CLEAN.read_text())
    for i in range(start, start + count):
        (directory / f"filler-{i:04d}.json").write_text(json.dumps(dict(data, family=f"filler-{i}"), indent=2) + "\n")


def _task_definition(family: str, image: str, **extra) -> dict:
    return {
        "family": family, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
        "containerDefinitions": [{
            "name": "web", "image": image, "essential": True, "portMappings": [{"containerPort": 8080}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1",
                                                                       "awslogs-stream-prefix": "web"}},
            **extra,
        }],
    }


def _findings(report) -> list[tuple]:
    return [(Path(f.path).name, f.rule, f.region, f.message, f.fingerprint) for f in report.findings]


def _whole_run(monkeypatch, paths: list[str]):
    monkeypatch.setattr(parallel, "THRESHOLD", 10**9)
    report = engine.run(paths, Settings(jobs=1))
    monkeypatch.setattr(parallel, "THRESHOLD", 2)
    monkeypatch.setattr(parallel, "SERIAL_THRESHOLD", 2)
    return report


ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com"


@pytest.fixture
def linked_tree(tmp_path):
    """Task definitions that a service, a workflow and a lifecycle policy link to, among
    others that nothing links to."""
    _fillers(tmp_path, 20)
    (tmp_path / "api.json").write_text(json.dumps(_task_definition("api", f"{ECR}/api:1.0"), indent=2))
    (tmp_path / "service.json").write_text(json.dumps({
        "serviceName": "api", "cluster": "main", "taskDefinition": "api", "desiredCount": 2, "launchType": "FARGATE",
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}},
        "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef",
                           "containerName": "api", "containerPort": 8080}],
    }, indent=2))
    (tmp_path / "worker.json").write_text(json.dumps(_task_definition("worker", f"{ECR}/worker:2.1"), indent=2))
    (tmp_path / "policy.json").write_text(json.dumps({"repositoryName": "worker", "lifecyclePolicyText": json.dumps({"rules": [
        {"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 5},
         "action": {"type": "expire"}}]})}, indent=2))
    (tmp_path / "deployed.json").write_text(json.dumps(_task_definition("deployed", "public.ecr.aws/nginx/nginx:1.27"), indent=2))
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "deploy.yml").write_text(
        "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - id: render\n        uses: aws-actions/amazon-ecs-render-task-definition@v1\n        with:\n"
        "          task-definition: deployed.json\n          container-name: app\n          image: nginx:1.28\n"
        "      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n        with:\n"
        "          task-definition: ${{ steps.render.outputs.task-definition }}\n          service: web\n          cluster: main\n"
    )
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_released_files_keep_no_documents_and_text_only_for_their_findings(tmp_path, small_threshold):
    _fillers(tmp_path, 30)
    (tmp_path / "filler-0007.json").write_text(json.dumps(dict(json.loads(CLEAN.read_text()), family="x", cpu="3")))
    session = engine.load([str(tmp_path)], Settings(jobs=1))
    assert all(f.released is not None and not f.documents and not f.roots for f in session.files)
    from ecslint.retention import text_of

    kept_text = [f.display for f in session.files if f.has_text()]
    assert len(kept_text) == 1 and kept_text[0].endswith("filler-0007.json")
    assert all(f.text is None for f in session.files), "an ASCII text without suppressions is kept compressed"
    assert text_of(session.files[7]) == (tmp_path / "filler-0007.json").read_text()
    import zlib

    # (packed with what task definitions say most: less room than the text alone takes)
    alone = zlib.compress((tmp_path / "filler-0007.json").read_bytes(), 9)
    assert len(session.files[7].released.packed) < 0.8 * len(alone), (len(session.files[7].released.packed), len(alone))
    report = session.lint()
    assert len(report.checked) == 30 and not report.skipped
    assert {f.rule for f in report.findings} and all(f.path.endswith("filler-0007.json") for f in report.findings)


def test_what_a_link_reaches_is_read_again_and_judged_with_the_whole_run(linked_tree, monkeypatch, small_threshold):
    monkeypatch.chdir(linked_tree)
    whole = _whole_run(monkeypatch, ["."])
    session = engine.load(["."], Settings(jobs=1))
    released = {Path(f.path).name for f in session.files if f.released is not None}
    assert {"api.json", "worker.json", "deployed.json", "filler-0003.json"} <= released
    report = session.lint()
    still = {Path(f.path).name for f in report.files if f.released is not None}
    assert "filler-0003.json" in still and not {"api.json", "worker.json", "deployed.json"} & still
    rules = {(name, rule) for name, rule, *_ in _findings(report)}
    # the service against its task definition (no container `api`), the policy against the
    # image deployed, the workflow against the file it renders (no container `app`)
    assert {("service.json", "ECS504"), ("policy.json", "ECR301"), ("deploy.yml", "ECS802")} <= rules
    assert _findings(report) == _findings(whole)
    assert _findings(engine.run(["."], Settings(jobs=2))) == _findings(whole)


def test_a_family_nothing_links_to_still_counts_among_the_families_in_sight(tmp_path, monkeypatch, small_threshold):
    """ECS518's message lists the families in sight: released ones included."""
    _fillers(tmp_path, 5)
    (tmp_path / "service.json").write_text(json.dumps({"serviceName": "api", "cluster": "main", "taskDefinition": "apii"}))
    whole = _whole_run(monkeypatch, [str(tmp_path)])
    report = engine.run([str(tmp_path)], Settings(jobs=1))
    assert [f for f in _findings(report) if f[1] == "ECS518"] == [f for f in _findings(whole) if f[1] == "ECS518"]
    assert "'filler-0'" in next(f.message for f in report.findings if f.rule == "ECS518")


def test_fixes_offered_by_released_files_are_counted_as_in_a_whole_run(tmp_path, monkeypatch, small_threshold, capsys):
    _fillers(tmp_path, 10)
    for i in range(3):
        data = dict(_task_definition(f"described-{i}", "public.ecr.aws/nginx/nginx:1.27"), revision=4, status="ACTIVE")
        (tmp_path / f"described-{i}.json").write_text(json.dumps(data, indent=2))

    def summary() -> dict:
        cli.main(["check", str(tmp_path), "--format", "json", "--jobs", "1"])
        return json.loads(capsys.readouterr().out)["summary"]

    monkeypatch.setattr(parallel, "THRESHOLD", 10**9)
    whole = summary()
    monkeypatch.setattr(parallel, "THRESHOLD", 2)
    monkeypatch.setattr(parallel, "SERIAL_THRESHOLD", 2)
    assert whole["fixes"]["available"] >= 6
    assert summary() == whole


def test_an_excerpt_of_a_released_file_masks_its_secrets(tmp_path, monkeypatch, small_threshold):
    """Excerpts mask what ECS403's detector finds in the documents (here the only way: the
    value comes before the name, on one line): a released file's are read again from its
    text for that."""
    _fillers(tmp_path, 5)
    secret = "hunter2hunter2"
    data = _task_definition("app", "public.ecr.aws/nginx/nginx:1.27")
    body = json.dumps(data, indent=2).replace(
        '"essential": true', f'"essential": true,\n      "environment": [{{"value": "{secret}", "name": "DB_PASSWORD"}}]'
    )
    (tmp_path / "app.json").write_text(body)
    report = engine.run([str(tmp_path)], Settings(jobs=1))
    assert any(f.rule == "ECS403" for f in report.findings)
    assert next(f for f in report.files if f.display.endswith("app.json")).released is not None
    args = cli.parser().parse_args(["check", "--no-color"])
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):
        cli._report(report, out, args, to_terminal=True)
    assert "DB_PASSWORD" in out.getvalue() and secret not in out.getvalue()
    assert '    "environment": [{"value": "' in out.getvalue(), "the excerpt is shown, from the text kept compressed"


def _retained(directory: Path, count: int, start: int) -> int:
    _fillers(directory, count, start)
    gc.collect()
    tracemalloc.start()
    try:
        report = engine.run([str(directory)], Settings(jobs=1))
        gc.collect()
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(report.checked) == start + count
    return size


def test_memory_kept_per_released_file_is_small(tmp_path, monkeypatch):
    """What a run holds once it has checked N clean task definitions grows by a few
    hundred bytes a file (its record, name and summary: ~550 here, ~780 before its
    names were held once), not by its documents (~30 KB each)."""
    monkeypatch.setattr(parallel, "THRESHOLD", 50)
    monkeypatch.setattr(parallel, "SERIAL_THRESHOLD", 50)
    _retained(tmp_path, 100, 0)  # (what the first run imports is not the files')
    small = _retained(tmp_path, 0, 100)
    big = _retained(tmp_path, 200, 100)
    per_file = (big - small) / 200
    assert 0 < per_file < 680, per_file


def test_released_files_keep_once_what_they_have_alike(tmp_path, monkeypatch, small_threshold):
    """What the rules of clean files assumed is the same in each: kept once. So are the
    messages, pointers and regions the findings of many files repeat."""
    for i in range(10):  # (on EC2, its rules assume the run names no instance type to place it on)
        data = dict(_task_definition(f"ec2-{i}", "public.ecr.aws/nginx/nginx:1.27"), requiresCompatibilities=["EC2"])
        (tmp_path / f"filler-{i}.json").write_text(json.dumps(data, indent=2))
    for name in ("a", "b"):
        (tmp_path / f"{name}.json").write_text(json.dumps(dict(json.loads(CLEAN.read_text()), family=name, cpu="3"), indent=2))
    whole = _findings(_whole_run(monkeypatch, [str(tmp_path)]))
    for jobs in (1, 2):
        session = engine.load([str(tmp_path)], Settings(jobs=jobs))
        released = {Path(f.path).name: f.released for f in session.files}
        assert all(r is not None for r in released.values())
        if jobs == 1:  # (a worker keeps them once for the files it sends together)
            assumed = [[s for s in r.found if isinstance(s, tuple)] for name, r in released.items() if name.startswith("filler")]
            assert assumed[0] and all(map(tuple.__eq__, assumed[0], assumed[-1]))
            assert all(one is two for each in assumed for one, two in zip(each, assumed[0])), "kept once"
        a, b = ([f for s in released[n].found if isinstance(s, list) for f in s] for n in ("a.json", "b.json"))
        assert a and [f.rule for f in a] == [f.rule for f in b]
        for one, two in zip(a, b):
            assert one.message is two.message and one.pointer is two.pointer and one.region is two.region
        assert _findings(session.lint()) == whole


def test_fix_runs_keep_every_document(tmp_path, small_threshold):
    """``--fix`` edits the documents: a big fix run releases nothing."""
    _fillers(tmp_path, 5)
    settings = Settings(jobs=1, keep_documents=True)
    session = engine.load([str(tmp_path)], settings)
    assert all(f.released is None and f.documents for f in session.files)


def test_fixing_a_session_that_released_files_reads_them_again(tmp_path, small_threshold):
    """A library caller may fix a big run it loaded to check: the fix runner reads the
    released files again, and fixes what a run that kept them fixes."""
    from ecslint.fix import runner

    _fillers(tmp_path, 5)
    data = dict(_task_definition("described", "public.ecr.aws/nginx/nginx:1.27"), revision=4, status="ACTIVE")
    (tmp_path / "described.json").write_text(json.dumps(data, indent=2))
    kept = Settings(jobs=1, keep_documents=True)
    results = []
    for settings in (kept, Settings(jobs=1)):
        session = engine.load([str(tmp_path)], settings)
        _, summary = runner.run(session, session.lint())
        results.append(([(Path(f.path).name, text) for f, text in summary.changed], summary.applied))
    assert results[0] == results[1]
    assert results[0][1] == {"ECS007": 2}


def test_a_plugin_rule_of_the_whole_run_sees_every_task_definition(tmp_path, small_threshold):
    """A plugin's workspace rule may read task definitions in ways ecslint's links do not
    know: with one selected, a big run releases nothing."""
    from ecslint.core.finding import Violation
    from ecslint.core.rule import rule
    from ecslint.engine import Registry

    @rule(id="ECS950", name="too-many-families", severity="note", scope="workspace", kinds=("task-definition",),
          sources=("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",))
    def too_many_families(ws, ctx):
        """Reports each task definition of a run with more than three families."""
        if len(ws.families) > 3:
            for td in ws.task_definitions:
                yield Violation(("family",), "more than three families", document=td.doc)

    _fillers(tmp_path, 5)
    registry = Registry(Registry.default().rules + (too_many_families,))
    session = engine.load([str(tmp_path)], Settings(jobs=1, extend_select=["ECS950"]), registry)
    assert all(f.released is None and f.documents for f in session.files)
    assert sum(f.rule == "ECS950" for f in session.lint().findings) == 5
    ours = engine.load([str(tmp_path)], Settings(jobs=1), Registry.default())
    assert all(f.released is not None for f in ours.files)
