"""benchmarks/bench.py's reporter timings (issue 10 item 5): every format, side by side."""

from __future__ import annotations

import json
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


# -- issue 12: the lifecycle preview and the scale trees ----------------------------------


def test_images_listing_is_seeded_describe_images_output_with_unique_tags():
    from ecslint.lifecycle.images import read_images

    bench = _bench()
    listing = bench.images_listing(3000)
    assert json.dumps(listing) == json.dumps(bench.images_listing(3000))  # seeded: same bytes
    assert json.dumps(listing) != json.dumps(bench.images_listing(3000, seed=2))
    images = read_images(listing).images  # the preview's own reader accepts it
    assert len(images) == 3000
    tags = [t for image in images for t in image.tags]
    assert len(tags) == len(set(tags))  # ECR keeps a tag on one image
    untagged = sum(1 for image in images if not image.tags)
    assert 0.10 < untagged / 3000 < 0.20
    assert {"latest", "prod", "main", "staging"} <= set(tags)
    prefixes = {t.split("-")[0] for t in tags}
    assert {"main", "pr", "feature", "rc", "hotfix", "nightly"} <= prefixes
    assert any(t.startswith("v") and t.count(".") == 2 for t in tags)
    pushed = [image.pushed_at for image in images]
    assert len(set(pushed)) < len(pushed)  # some pushed at the same instant: ties
    assert any(image.storage_class == "archive" for image in images)
    assert any(image.last_pull is not None for image in images)


def test_lifecycle_policy_is_clean(tmp_path):
    from ecslint.engine import Settings, run

    policy = tmp_path / "lifecycle-policy.json"
    policy.write_text(json.dumps(_bench().LIFECYCLE_POLICY), encoding="utf-8")
    report = run([str(policy)], Settings())
    assert [d.kind for f in report.files for d in f.documents] == ["lifecycle-policy"]
    assert report.findings == []


def test_lifecycle_times_the_preview_at_each_size(tmp_path):
    bench = _bench()
    rows = bench.lifecycle(bench.ecslint_command(), [100, 400], 1, tmp_path, lambda *a: None)
    assert [r["images"] for r in rows] == [100, 400]
    for row in rows:
        assert row["expire"] + row["transition"] + row["keep"] == row["images"]
        assert row["expire"] > 0 and row["wall_s"] > 0 and row["cpu_s"] > 0 and row["images_per_s"] > 0
    assert not list(tmp_path.glob("images-*.json"))  # listings are removed unless kept
    table = bench.table({"python": "3", "cpus": 1, "startup": {}, "throughput": [], "lifecycle": rows})
    assert [line.split()[3] for line in table.splitlines() if line.startswith("ecslint lifecycle preview")] == ["100", "400"]
    assert "4x the images take" in table


def test_lifecycle_only_runs_only_the_preview(capsys):
    bench = _bench()
    assert bench.main(["--lifecycle-only", "--lifecycle-sizes", "60", "--lifecycle-runs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [r["images"] for r in result["lifecycle"]] == [60]
    assert result["startup"] == {} and result["throughput"] == [] and result["repository"] is None
    assert "scale" not in result and "formats" not in result and "fix" not in result


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
