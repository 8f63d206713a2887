"""``--fix`` on a copy of the maintainers' corpus of real files (``../shared/corpus``):
every fixed file still parses into the same documents, no file gains a finding it did not
have, and fixing again changes nothing. (What fixing costs against a plain check is measured
by ``benchmarks/fix.py``, not by a timed test.)"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from ecslint.engine import Registry, Settings, load
from ecslint.fix import runner
from ecslint.load.reader import read

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
REGISTRY = Registry.default()

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not there")


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(CORPUS, target)
    for path in target.rglob("*"):
        path.chmod(path.stat().st_mode | 0o200)  # shared/ may be read-only
    return target


def _counts(report, root: Path) -> Counter:
    return Counter((str(Path(f.path).resolve().relative_to(root.resolve())), f.rule) for f in report.findings)


def _fix(root: Path, unsafe: bool, jobs: int | None = None) -> tuple[Counter, Counter, runner.FixSummary]:
    session = load([str(root)], Settings(jobs=jobs), REGISTRY)
    before = session.lint()
    counts = _counts(before, root)
    after, summary = runner.run(session, before, unsafe=unsafe)
    for file, text in summary.changed:
        runner.write(file, text)
    return counts, _counts(after, root), summary


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixing_the_corpus_keeps_every_file_valid_adds_no_finding_and_is_idempotent(tmp_path, unsafe):
    root = _copy(tmp_path, "corpus")
    before, after, summary = _fix(root, unsafe)
    assert summary.fixed > 0 and summary.changed and not summary.warnings
    for file, _ in summary.changed:
        original = file
        fixed = read(file.path, file.display)
        assert not fixed.problems, (file.display, fixed.problems)
        assert sorted(d.kind for d in fixed.documents) == sorted(d.kind for d in original.documents)
    gained = {key: n - before[key] for key, n in after.items() if n > before[key]}
    assert gained == {}, "fixed files gained findings"
    # What was fixed is gone: the findings left are the ones before, less the fixes.
    assert sum(before.values()) - sum(after.values()) == summary.fixed
    _, again, second = _fix(root, unsafe)
    assert second.changed == [] and second.fixed == 0
    assert again == after
