"""``check --fix`` against a plain check on a copy of the corpus (issue 11: at most twice).

    python benchmarks/fix.py [--corpus ../shared/corpus] [--repeat 5]

CPU time of this process, serial (``--jobs 1``: workers' time is not this process's;
wall time depends on what else the machine runs), best of
``--repeat`` runs each; a first, untimed run warms the imports both pay once in a real run.
The fix run reads, checks, fixes in memory, re-checks what it changed and writes: its floor
is one check plus the re-check of the changed files.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ecslint.engine import Registry, Settings, load  # noqa: E402
from ecslint.fix import runner  # noqa: E402


def _copy(corpus: Path, target: Path) -> Path:
    shutil.copytree(corpus, target)
    for path in target.rglob("*"):
        path.chmod(path.stat().st_mode | 0o200)  # shared/ may be read-only
    return target


def _check(root: Path, registry: Registry) -> float:
    start = time.process_time()
    load([str(root)], Settings(jobs=1), registry).lint()
    return time.process_time() - start


def _fix(root: Path, registry: Registry) -> tuple[float, int]:
    start = time.process_time()
    session = load([str(root)], Settings(jobs=1), registry)
    _, summary = runner.run(session, session.lint(), unsafe=False)
    for file, text in summary.changed:
        runner.write(file, text)
    return time.process_time() - start, summary.fixed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    registry = Registry.default()
    with tempfile.TemporaryDirectory() as tmp:
        _fix(_copy(corpus, Path(tmp) / "warm"), registry)
        checks, fixes, fixed = [], [], 0
        for n in range(args.repeat):
            checks.append(_check(_copy(corpus, Path(tmp) / f"check{n}"), registry))
            seconds, fixed = _fix(_copy(corpus, Path(tmp) / f"fix{n}"), registry)
            fixes.append(seconds)
    check, fix = min(checks), min(fixes)
    print(f"corpus: {corpus} ({sum(1 for p in corpus.rglob('*') if p.is_file())} files)")
    print(f"check       {check * 1000:8.0f} ms CPU (best of {args.repeat})")
    print(f"check --fix {fix * 1000:8.0f} ms CPU (best of {args.repeat}), {fixed} fixes applied")
    print(f"ratio       {fix / check:8.2f}x (budget 2.00x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
