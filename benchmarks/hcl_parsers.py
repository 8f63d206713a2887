"""Compare the HCL parsers ecslint could use: tree-sitter + tree-sitter-hcl, and python-hcl2.

The numbers behind the choice of tree-sitter (see the commit that added it). Run from the
repository root with an interpreter that has the candidates installed::

    python -m venv /tmp/hclbench && /tmp/hclbench/bin/pip install -e . tree-sitter tree-sitter-hcl python-hcl2
    /tmp/hclbench/bin/python benchmarks/hcl_parsers.py             # import, parse, errors
    /tmp/hclbench/bin/python benchmarks/hcl_parsers.py --wheels    # also: wheels on PyPI (network)

A script, not a test: timings depend on the machine and its load (medians of repeated
runs; the machine is 2 cores shared with other work). Inputs: tests/data/terraform/ecs.tf
(a task definition and a service, 75 lines) and that directory's module.tf repeated ten
times with renamed resources (2,260 lines).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "terraform"

# Children write their .pyc files, as an installed package has them (see bench.py).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

CANDIDATES = {
    "tree-sitter": {
        "modules": ("tree_sitter", "tree_sitter_hcl"),
        "load": "import tree_sitter_hcl\nfrom tree_sitter import Language, Parser\nParser(Language(tree_sitter_hcl.language())).parse(b'x = 1\\n')",
        "packages": ("tree-sitter==0.26.1", "tree-sitter-hcl==1.2.0"),
    },
    "python-hcl2": {
        "modules": ("hcl2",),
        "load": "from hcl2.api import parses_to_tree\nparses_to_tree('x = 1\\n')",
        # regex unpinned: its newest release has no CPython 3.10 wheel, pip takes an older one.
        "packages": ("python-hcl2==8.1.4", "lark==1.3.1", "regex"),
    },
}

#: Broken files (``⟦`` marks where the problem is), the cases tests/test_hcl_parse.py asserts.
BROKEN = json.loads((DATA / "syntax-errors.json").read_text(encoding="utf-8"))


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _fresh(code: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
        samples.append(time.perf_counter() - start)
    return _median_ms(samples)


def _importtime(modules: tuple[str, ...], load: str, runs: int) -> float:
    """Median over fresh processes of the cumulative ``-X importtime`` of the candidate's
    top-level imports (what a process that already runs Python pays for them)."""
    samples = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", load], capture_output=True, text=True, check=True, env=ENV)
        total = 0
        for line in proc.stderr.splitlines():
            m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)
            if m and m.group(2).split(".")[0] in modules:  # a top-level import of the candidate
                total += int(m.group(1))
        samples.append(total / 1e6)
    return _median_ms(samples)


_INCREMENTAL = """
import sys, time
import ecslint.cli, ecslint.engine, ecslint.load.reader, ecslint.load.jsonload, ecslint.load.sniff
start = time.perf_counter()
exec(sys.argv[1])
print(time.perf_counter() - start)
"""


def _incremental(load: str, runs: int) -> float:
    """Median over fresh processes of loading the candidate after ecslint's own check path."""
    samples = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", _INCREMENTAL, load], capture_output=True, text=True, check=True, env=ENV)
        samples.append(float(proc.stdout))
    return _median_ms(samples)


def _large_text() -> str:
    module = (DATA / "module.tf").read_text(encoding="utf-8")
    copies = []
    for n in range(10):
        copies.append(re.sub(r'^(resource|data) "(\w+)" "(\w+)"', rf'\1 "\2" "\3_{n}"', module, flags=re.M))
    return "\n".join(copies)


def _parsers() -> dict[str, object]:
    found: dict[str, object] = {}
    try:
        import tree_sitter_hcl
        from tree_sitter import Language, Parser

        parser = Parser(Language(tree_sitter_hcl.language()))
        found["tree-sitter"] = lambda text: parser.parse(text.encode("utf-8"))
    except ImportError:
        pass
    try:
        from hcl2.api import parses_to_tree

        found["python-hcl2"] = parses_to_tree
    except ImportError:
        pass
    return found


def _has_parse_hcl() -> bool:
    """Whether this checkout has ecslint's HCL loader (it came after this script)."""
    import importlib.util

    return importlib.util.find_spec("ecslint.load.hcl") is not None


def _parse_ms(parse: object, text: str, runs: int) -> str:
    """Median wall time and least CPU time of ``runs`` parses (the least CPU time is what
    the parse costs when other work shares the cores)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        parse(text)  # type: ignore[operator]
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return f"{_median_ms(wall):.2f} ms (least CPU {min(cpu) * 1000:.2f} ms)"


def _error_position(name: str, text: str) -> tuple[int, int] | str:
    """Where each parser reports the first problem of ``text``."""
    if name == "tree-sitter":
        # The raw tree: the first ERROR or MISSING node in document order.
        import tree_sitter_hcl
        from tree_sitter import Language, Parser

        node = Parser(Language(tree_sitter_hcl.language())).parse(text.encode("utf-8")).root_node
        if not node.has_error:
            return "accepted"
        todo = [node]
        while todo:
            node = todo.pop()
            if node.is_error or node.is_missing:
                return node.start_point.row + 1, node.start_point.column + 1
            todo.extend(reversed(node.children))
    if name == "ecslint parse_hcl":
        from ecslint.load.errors import LoadError
        from ecslint.load.hcl import parse_hcl

        try:
            parse_hcl(text)
        except LoadError as exc:
            return exc.line, exc.column
        return "accepted"
    from hcl2.api import parses_to_tree

    try:
        parses_to_tree(text)
    except Exception as exc:  # lark's UnexpectedInput and its subclasses
        return getattr(exc, "line", 0), getattr(exc, "column", 0)
    return "accepted"


def _wheels(packages: tuple[str, ...]) -> list[str]:
    platforms = {
        "linux x86_64": "manylinux2014_x86_64",
        "linux aarch64": "manylinux2014_aarch64",
        "macos arm64": "macosx_11_0_arm64",
        "macos x86_64": "macosx_10_13_x86_64",
        "windows x86_64": "win_amd64",
    }
    rows = []
    for label, platform in platforms.items():
        found = []
        for version in ("3.10", "3.11", "3.12", "3.13"):
            ok = True
            for package in packages:
                with tempfile.TemporaryDirectory() as dest:
                    proc = subprocess.run(
                        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                         "--platform", platform, "--python-version", version, "-d", dest, package],
                        capture_output=True, text=True,
                    )
                    ok = ok and proc.returncode == 0
            found.append(f"{version}:{'yes' if ok else 'NO'}")
        rows.append(f"  {label:15} " + " ".join(found))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--wheels", action="store_true", help="ask the package index for wheels (network)")
    args = parser.parse_args()

    small = (DATA / "ecs.tf").read_text(encoding="utf-8")
    large = _large_text()
    parsers = _parsers()
    bare = _fresh("pass", args.runs)
    print(f"bare interpreter: {bare:.1f} ms (median of {args.runs} fresh processes)\n")
    for name, spec in CANDIDATES.items():
        if name not in parsers:
            print(f"{name}: not installed\n")
            continue
        print(name)
        print(f"  -X importtime (cumulative, median): {_importtime(spec['modules'], spec['load'], args.runs):.1f} ms")
        print(f"  import + first parse, fresh process: {_fresh(spec['load'], args.runs) - bare:.1f} ms over the bare interpreter")
        print(f"  after ecslint's check path: {_incremental(spec['load'], args.runs):.1f} ms")
        parse = parsers[name]
        print(f"  parse {small.count(chr(10))} lines: {_parse_ms(parse, small, args.runs)}")
        print(f"  parse {large.count(chr(10))} lines: {_parse_ms(parse, large, max(5, args.runs // 3))}")
        if name == "tree-sitter" and _has_parse_hcl():
            from ecslint.load.hcl import parse_hcl

            job = (
                "from ecslint.load.hcl import Attribute, Evaluator, iter_nodes, parse_hcl\n"
                f"body = parse_hcl(open({str(DATA / 'ecs.tf')!r}).read())\n"
                "evaluator = Evaluator()\n"
                "[evaluator.evaluate(n.expr) for n in iter_nodes(body) if isinstance(n, Attribute)]"
            )
            print(f"  ecslint: import, parse ecs.tf and evaluate every attribute, after the check path: {_incremental(job, args.runs):.1f} ms")

            print(f"  ecslint parse_hcl (typed nodes), {small.count(chr(10))} lines: {_parse_ms(parse_hcl, small, args.runs)}")
            print(f"  ecslint parse_hcl (typed nodes), {large.count(chr(10))} lines: {_parse_ms(parse_hcl, large, max(5, args.runs // 3))}")
        if args.wheels:
            print("  wheels (CPython 3.10-3.13):")
            print("\n".join(_wheels(spec["packages"])))
        print()

    columns = list(parsers)
    if _has_parse_hcl():  # what ecslint makes of tree-sitter's tree
        columns.insert(1, "ecslint parse_hcl")
    print("error positions (expected -> reported line:column; tree-sitter columns count bytes)")
    print(f"  {'case':26} {'expected':9} " + " ".join(f"{n:18}" for n in columns))
    for case, spec in BROKEN.items():
        marked = spec["text"]
        offset = marked.index("⟦")
        text = marked.replace("⟦", "")
        expected = (text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)
        cells = []
        for name in columns:
            got = _error_position(name, text)
            cells.append(f"{got[0]}:{got[1]}" if isinstance(got, tuple) else got)
        print(f"  {case:26} {expected[0]}:{expected[1]:<7} " + " ".join(f"{c:18}" for c in cells))


if __name__ == "__main__":
    main()
