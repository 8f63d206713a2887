"""The collector's pace during a run (ecslint/core/collector.py)."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from ecslint.core import collector
from ecslint.engine import Settings, run

ROOT = Path(__file__).resolve().parent.parent


def test_a_library_run_collects_at_ecslint_s_pace_and_restores_the_caller_s(tmp_path, monkeypatch) -> None:
    seen = []
    real = collector.tune

    def spy() -> None:
        real()
        seen.append(gc.get_threshold())

    monkeypatch.setattr(collector, "tune", spy)
    (tmp_path / "td.json").write_text('{"family": "web", "containerDefinitions": [{"name": "a", "image": "x"}]}')
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        run([str(tmp_path)], Settings())
        assert seen and seen[0][0] == collector.THRESHOLD
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_the_command_line_collects_at_ecslint_s_pace() -> None:
    code = "import gc, sys\nsys.argv = ['ecslint', '--version']\nfrom ecslint.cli import run\ntry:\n    run()\nexcept SystemExit:\n    print(gc.get_threshold()[0])\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout.split()[-1] == str(collector.THRESHOLD), proc.stdout + proc.stderr
