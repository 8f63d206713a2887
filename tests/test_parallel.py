"""``--jobs``: a run checked by worker processes reports exactly what a serial run does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecslint import cli, engine, parallel
from ecslint.core.finding import Finding, Region, Severity
from ecslint.engine import Settings

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
CORPUS = HERE.parent.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not parallel.available(), reason="parallel runs fork (Linux)")


@pytest.fixture
def small_threshold(monkeypatch):
    """Every run of more than one file goes to the workers."""
    monkeypatch.setattr(parallel, "THRESHOLD", 2)
    monkeypatch.setattr(parallel, "SERIAL_THRESHOLD", 2)


def _outputs(target: Path, jobs: int) -> dict[str, str]:
    """Every report format of one run (the text one as a terminal gets it: with excerpts,
    the skipped files and the statistics), and what it wrote to standard error."""
    import contextlib
    import io

    report = engine.run([str(target)], Settings(jobs=jobs))
    if any(f.fix is not None for f in report.findings):  # as `check` does: fixes available
        from ecslint.fix.runner import FixSummary, available

        report.fixes = FixSummary()
        report.fixes.safe_left, report.fixes.unsafe_left = available(report)
    out = {}
    for fmt, extra in [("text", ["-v"]), ("text", ["--statistics"]), ("json", []), ("sarif", []), ("github", [])]:
        args = cli.parser().parse_args(["check", "--format", fmt, "--no-color", *extra])
        stream, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err):
            cli._report(report, stream, args, to_terminal=True)
        out[" ".join([fmt, *extra])] = stream.getvalue() + err.getvalue()
    return out


@pytest.mark.parametrize("tree", [FIXTURES, CORPUS], ids=["fixtures", "corpus"])
def test_parallel_output_is_the_serial_output_byte_for_byte(tree, monkeypatch):
    """A big run (read file by file, each file's own rules run at once, what only a link
    can need let go: ``ecslint.retention``), serially or in workers, reports what a small
    run (everything read, then one pass) reports, in every format, fixes offered included."""
    monkeypatch.chdir(tree.parent)
    monkeypatch.setattr(parallel, "THRESHOLD", 10**9)
    whole = _outputs(Path(tree.name), 1)
    monkeypatch.setattr(parallel, "THRESHOLD", 2)
    monkeypatch.setattr(parallel, "SERIAL_THRESHOLD", 2)
    serial = _outputs(Path(tree.name), 1)
    together = _outputs(Path(tree.name), 2)
    for fmt, text in whole.items():
        assert serial[fmt] == text, fmt
        assert together[fmt] == text, fmt
        assert len(text) > 1000, fmt
    assert "fix" in whole["text --statistics"]


def test_the_workers_do_check_the_files(small_threshold):
    """The comparison above is not between two serial runs: the workers found the
    findings of the corpus's files, and left only the rules that read the workspace (and
    the Terraform files, read with their module) to the parent."""
    session = engine.load([str(FIXTURES)], Settings(jobs=2))
    checked = [f for f in session.files if id(f) in session.done or f.released is not None]
    assert len(checked) > len(session.files) // 2
    left = [f for f in session.files if id(f) not in session.done and f.documents]
    assert left and all(f.path.endswith((".tf", ".tf.json")) or "terraform" in f.path for f in left)
    deferred = {seg[1] for segments in session.done.values() for seg in segments if isinstance(seg, tuple)}
    assert deferred, "rules that read the workspace run in the parent"
    report = session.lint()
    assert not session.done, "the first lint uses everything the workers found"
    assert report.findings


def test_arguments_order_in_a_parallel_run_is_the_serial_order(tmp_path, small_threshold):
    """Files come back in the order they were found, whatever worker read them."""
    for i in range(40):
        shutil.copy(HERE.parent / "benchmarks" / "clean-task-definition.json", tmp_path / f"td-{i:02d}.json")
    (tmp_path / "td-07.json").write_text('{"family": "x", "containerDefinitions": [{"name": "a"}]}\n')
    serial = engine.run([str(tmp_path)], Settings(jobs=1))
    together = engine.run([str(tmp_path)], Settings(jobs=3))
    assert [f.path for f in together.files] == [f.path for f in serial.files]
    assert [(f.path, f.rule, f.region, f.message, f.fingerprint) for f in together.findings] == [
        (f.path, f.rule, f.region, f.message, f.fingerprint) for f in serial.findings
    ]
    assert any(f.path.endswith("td-07.json") for f in together.findings)


def test_a_small_run_stays_serial(monkeypatch, tmp_path):
    """Below the threshold no worker starts (they would cost more than they save)."""
    monkeypatch.setattr(parallel, "read_and_check", lambda *a, **k: pytest.fail("workers started"))
    shutil.copy(HERE.parent / "benchmarks" / "clean-task-definition.json", tmp_path / "td.json")
    assert engine.load([str(tmp_path)], Settings(jobs=4)).done == {}


def test_jobs_1_starts_no_worker(monkeypatch, small_threshold):
    """One job: the big run's files are read and checked one by one in this process."""
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_context", lambda *a: pytest.fail("workers started"))
    session = engine.load([str(CORPUS / "taskdefs")], Settings(jobs=1))
    # (what a released file's rules found stays with its summary: ``Released.found``)
    checked = [f for f in session.files if id(f) in session.done or f.released is not None]
    assert len(checked) == len(session.files) > 50
    assert session.done and any(f.released is not None for f in session.files)


def test_default_jobs_are_the_usable_cpus(monkeypatch, small_threshold):
    seen = []
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 3)
    monkeypatch.setattr(parallel, "read_and_check", lambda candidates, plan, sources, lifecycle, jobs, read, release: seen.append(jobs))
    engine.load([str(CORPUS / "taskdefs")], Settings())
    assert seen == [3]


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_jobs_must_be_a_positive_number(value, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", "--jobs", value, os.devnull])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_a_worker_assumes_no_service_deploys_a_task_definition_and_the_parent_checks(tmp_path, small_threshold):
    """ECS302 offers its fix only when a service's load balancer targets the container
    port: a worker, which sees one file, assumes no service does; the parent sees the
    service in another file and runs the rule again, so the fix is there as in a serial run."""
    for i in range(30):
        shutil.copy(HERE.parent / "benchmarks" / "clean-task-definition.json", tmp_path / f"filler-{i:02d}.json")
    td = {
        "family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
        "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": True,
                                  "portMappings": [{"containerPort": 8080, "hostPort": 80}]}],
    }
    alone = dict(td, family="alone")
    service = {
        "serviceName": "api", "cluster": "main", "taskDefinition": "api", "desiredCount": 2, "launchType": "FARGATE",
        "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef",
                           "containerName": "api", "containerPort": 8080}],
    }
    import json

    (tmp_path / "td.json").write_text(json.dumps(td, indent=2))
    (tmp_path / "alone.json").write_text(json.dumps(alone, indent=2))
    (tmp_path / "svc.json").write_text(json.dumps(service, indent=2))

    def ecs302(report):
        return [(Path(f.path).name, f.region, f.fix is not None) for f in report.findings if f.rule == "ECS302"]

    serial = ecs302(engine.run([str(tmp_path)], Settings(jobs=1)))
    assert serial == [("alone.json", serial[0][1], False), ("td.json", serial[1][1], True)]
    kept = Settings(jobs=2, keep_documents=True)  # (released, a file keeps its findings only: test_retention.py)
    session = engine.load([str(tmp_path)], kept)
    assumed = {
        Path(f.path).name
        for f in session.files
        for segment in session.done.get(id(f), [])
        if isinstance(segment, tuple) and segment[1] == "ECS302" and segment[2]
    }
    assert {"td.json", "alone.json"} <= assumed
    assert ecs302(session.lint()) == serial
    assert ecs302(engine.run([str(tmp_path)], Settings(jobs=2))) == serial


def test_workers_that_fail_leave_the_run_to_the_serial_path(monkeypatch, small_threshold):
    """A worker that cannot answer (a plugin's finding that cannot be sent back, no memory)
    costs time, never the run: the files are read again here."""

    def broken(chunk, serial=False):
        raise MemoryError

    monkeypatch.setattr(parallel, "_work", broken)
    target = str(FIXTURES / "real")  # Terraform modules too: what the parent read is read again
    session = engine.load([target], Settings(jobs=2))
    assert session.done == {}
    serial = engine.run([target], Settings(jobs=1))
    report = session.lint()
    assert [(f.path, f.rule, f.region, f.message) for f in report.findings] == [
        (f.path, f.rule, f.region, f.message) for f in serial.findings
    ]
    assert report.findings


def test_what_the_workers_sent_is_set_aside_from_the_collector_until_the_run_ends(small_threshold):
    """The parent unpickles with collection off; what it unpickled is frozen rather than
    scanned once per generation (the parent's 1.1 s of collections at 10,000 files), and
    handed back to the collector when the run ends (a library call leaves no frozen
    objects behind)."""
    import gc

    from ecslint.core import collector

    seen = []

    def lint(self):
        seen.append(gc.get_freeze_count())
        return real(self)

    real = engine.Session.lint
    before = gc.get_freeze_count()
    try:
        engine.Session.lint = lint
        report = engine.run([str(FIXTURES)], Settings(jobs=2))
    finally:
        engine.Session.lint = real
    assert report.findings
    assert seen and seen[0] > before + 10_000, "the files read by workers are frozen while the rules run"
    assert gc.get_freeze_count() == before and not collector._SET_ASIDE


@given(
    rule=st.text(max_size=8),
    message=st.text(),
    severity=st.sampled_from(list(Severity)),
    numbers=st.lists(st.integers(min_value=0, max_value=10**6), min_size=4, max_size=4),
    scenario=st.none() | st.integers(min_value=0, max_value=64),
    fix=st.none() | st.tuples(st.text(max_size=5), st.integers()),
)
def test_a_finding_crosses_from_a_worker_to_the_parent_unchanged(rule, message, severity, numbers, scenario, fix):
    """Findings travel as one flat tuple (``Finding.__reduce__``): every field comes back
    equal and of its own type, and so does a copy."""
    import copy
    import pickle

    finding = Finding(rule, "a-name", severity, message, "dir/file.json", Region(*numbers), "/a/0", "fp:1", "Resources.X", "rel/file.json")
    finding.scenario, finding.fix = scenario, fix
    for back in (pickle.loads(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL)), copy.copy(finding), copy.deepcopy(finding)):
        for field in Finding.__slots__:
            assert getattr(back, field) == getattr(finding, field), field
            assert type(getattr(back, field)) is type(getattr(finding, field)), field
