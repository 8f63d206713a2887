"""benchmarks/bench.py's reporter timings (issue 10 item 5): every format, side by side."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_files import _bench

ROOT = Path(__file__).resolve().parent.parent


def test_reporters_time_every_format_on_copies_of_the_corpus(tmp_path):
    bench = _bench()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "fixtures" / "rules" / "ECS101" / "fail-all-non-essential.json", corpus / "a.json")
    shutil.copy(ROOT / "benchmarks" / "clean-task-definition.json", corpus / "b.json")
    result = bench.reporters(bench.ecslint_command(), corpus, runs=1, copies=2)
    assert (result["files"], result["copies"]) == (4, 2)
    assert result["findings"] >= 2  # the failing file, twice
    assert result["text"]["ratio_to_text"] == 1.0
    for fmt in ("text", "json", "sarif", "github"):
        assert result[fmt]["runs"] == 1 and result[fmt]["median_ms"] > 0
    table = bench.table({"python": "3", "cpus": 1, "startup": {}, "throughput": [], "formats": result})
    assert [line.split()[1] for line in table.splitlines() if line.startswith("--format ")] == ["text", "json", "sarif", "github"]


# -- issue 12: the scale trees ----------------------------------


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus").is_dir(), reason="needs ../shared/corpus")
def test_scale_shows_the_corpus_tree_and_the_generated_tree(tmp_path):
    bench = _bench()
    rows = bench.scale(bench.ecslint_command(), [40], 1, tmp_path, lambda *a: None, ("corpus", "generated"))
    jobs = sorted({1, bench.usable_cpus()})
    assert [(r["tree"], r["jobs"]) for r in rows] == [(t, j) for t in ("corpus", "generated") for j in jobs]
    share = {r["tree"]: r["files_with_findings"] / r["files"] for r in rows}
    assert share["corpus"] > share["generated"]  # finding-heavy against mostly clean
    table = bench.table({"python": "3", "cpus": 1, "startup": {}, "throughput": [], "scale": rows})
    starts = [line[:32].strip() for line in table.splitlines()]
    assert starts.count("corpus copies") == starts.count("generated task definitions") == len(jobs)
