"""tools/fuzz.py, the mutation fuzzer CI runs: deterministic mutants, real checks, failures
minimised and saved."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from ecslint.core.finding import Region

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [str(ROOT / "examples"), str(ROOT / "fixtures" / "rules" / "ECS403"), str(ROOT / "fixtures" / "rules" / "ECS802")]


def _load():
    spec = importlib.util.spec_from_file_location("ecslint_fuzz", ROOT / "tools" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fuzz = _load()


def _digest(seed: int, count: int = 30) -> str:
    files = fuzz.corpus_files(CORPUS)
    digest = hashlib.sha256()
    for index in range(count):
        _, name, data, mutations = fuzz.mutant(seed, index, files)
        digest.update(name.encode() + data + repr(mutations).encode())
    return digest.hexdigest()


def test_the_corpus_keeps_a_workflow_where_it_is_recognised():
    names = [name for _, name in fuzz.corpus_files(CORPUS)]
    assert ".github/workflows/deploy.yml" in names
    assert "task-definition.json" in names and "expected.json" in names


def test_the_same_seed_makes_the_same_mutants_whatever_the_hash_seed():
    here = _digest(5)
    assert here == _digest(5) and here != _digest(6)
    script = f"import sys; sys.path.insert(0, {str(ROOT / 'tests')!r}); import test_fuzz_tool as t; print(t._digest(5))"
    for hash_seed in ("0", "123"):
        done = subprocess.run([sys.executable, "-c", script], env={"PYTHONHASHSEED": hash_seed, "PATH": ""}, cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.stdout.strip() == here, done.stderr


def test_mutations_change_the_files_in_every_way_the_fuzzer_names():
    files = fuzz.corpus_files(CORPUS)
    kinds = set()
    for index in range(250):
        _, _, _, mutations = fuzz.mutant(1, index, files)
        kinds.update(m.split(" ")[0] for m in mutations)
    expected = {"type-swap", "delete", "huge-number", "deep-nesting", "unicode", "truncate", "flip", "yaml", "insert", "encode", "bom"}
    assert expected <= kinds, expected - kinds


def test_delta_debugging_keeps_only_what_the_failure_needs():
    calls = []

    def fails(items):
        calls.append(1)
        return 13 in items and 77 in items

    assert fuzz.ddmin(list(range(100)), fails, time.monotonic() + 60) == [13, 77]
    assert len(calls) < 200


@pytest.mark.parametrize(
    ("region", "unlocated"),
    [
        (Region(1, 1, 1, 2), False),
        (Region(2, 4, 2, 4), False),  # just past the end of a line: where a missing member goes
        (Region(3, 1, 3, 1), True),  # a line the file does not have
        (Region(2, 6, 2, 7), True),  # past the end of its line
        (Region(0, 1, 1, 1), True),
        (Region(2, 2, 1, 1), True),  # ends before it starts
    ],
)
def test_a_finding_outside_its_file_is_a_failure(region, unlocated):
    finding = SimpleNamespace(region=region)
    file = SimpleNamespace(text="{\n  1}", path="x.json")
    kind, why = fuzz._unlocated(finding, file)
    assert bool(kind) is unlocated, why


def test_a_short_run_on_real_files_passes(tmp_path):
    assert fuzz.main(["--corpus", CORPUS[0], "--count", "20", "--seed", "3", "--jobs", "1", "--out", str(tmp_path)]) == 0
    assert list(tmp_path.iterdir()) == []


FORK = pytest.mark.skipif(not hasattr(os, "fork"), reason="the fake check reaches the workers by fork")


@FORK
def test_a_failure_is_minimised_and_saved(tmp_path, monkeypatch, capsys):
    real = fuzz.check

    def fake(path):
        data = Path(path).read_bytes()
        if b"FARGATE" in data and b"awslogs" in data:
            return [("internal-error", "rule X failed", "ECS008 1:1 rule X failed")]
        return real(path)

    monkeypatch.setattr(fuzz, "check", fake)
    code = fuzz.main(["--corpus", CORPUS[0], "--count", "6", "--seed", "1", "--jobs", "2", "--minimise-seconds", "20", "--out", str(tmp_path)])
    assert code == 1
    saved = tmp_path / "internal-error-rule-X-failed"
    assert saved.is_dir(), capsys.readouterr().out
    (small,) = (saved / "minimised").iterdir()
    (original,) = (saved / "original").iterdir()
    # The least text that still fails: both words, nearly nothing else.
    assert b"FARGATE" in small.read_bytes() and b"awslogs" in small.read_bytes()
    assert len(small.read_bytes()) < 100 < len(original.read_bytes())
    text = (saved / "failure.txt").read_text()
    assert "replay: python tools/fuzz.py --replay 1:" in text and "ECS008 1:1 rule X failed" in text


@FORK
def test_a_mutant_that_hangs_is_a_timeout_and_the_run_goes_on(tmp_path, monkeypatch):
    def fake(path):
        if "lifecycle" in path:
            time.sleep(60)
        return []

    monkeypatch.setattr(fuzz, "check", fake)
    started = time.monotonic()
    code = fuzz.main(["--corpus", CORPUS[0], "--count", "8", "--seed", "1", "--jobs", "2", "--timeout", "1",
                      "--minimise-seconds", "0", "--out", str(tmp_path)])
    assert code == 1 and time.monotonic() - started < 30
    assert [p.name for p in tmp_path.iterdir()] == ["timeout-timeout"]
