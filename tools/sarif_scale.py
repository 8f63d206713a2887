"""A SARIF log of many findings, built in a second: does ecslint stay within GitHub's limits?

    python tools/sarif_scale.py --findings 41000 --output out/41k.sarif

writes synthetic findings of every rule (a third each error, warning and note) over files
it creates in a temporary directory (the report root), then the SARIF log GitHub would be
sent, and prints what ecslint said on standard error. CI validates the file with
``../shared/tools/validate-sarif``; ``tests/test_code_scanning.py`` uses
:func:`synthetic_report` the same way.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ecslint.core.finding import Finding, Region, Severity  # noqa: E402
from ecslint.engine import Registry, Report  # noqa: E402
from ecslint.load.source import SourceFile  # noqa: E402

#: Findings per generated file (each on a line of its own).
PER_FILE = 1000


def synthetic_report(directory: Path, count: int, *, message_bytes: int = 0, seed: int = 1) -> Report:
    """``count`` findings over files written in ``directory`` (the report root), with
    messages padded by ``message_bytes`` random, incompressible characters."""
    rng = random.Random(seed)
    rules = [r for r in Registry.default().rules if not r.engine_only]
    severities = (Severity.ERROR, Severity.WARNING, Severity.NOTE)
    files = []
    for i in range((count + PER_FILE - 1) // PER_FILE):
        path = directory / "deploy" / f"s{i:03d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{\n" + "".join(f'  "key{j}": {j},\n' for j in range(PER_FILE)) + '  "end": 0\n}\n', encoding="utf-8")
        files.append(SourceFile(str(path), os.path.relpath(path).replace(os.sep, "/")))
    findings = []
    for n in range(count):
        rule = rules[n % len(rules)]
        file = files[n // PER_FILE]
        line = n % PER_FILE + 2
        padding = base64.b64encode(rng.randbytes(message_bytes * 3 // 4)).decode() if message_bytes else ""
        finding = Finding(
            rule.id,
            rule.name,
            severities[n % 3],
            f"finding {n} {padding}".rstrip(),
            file.display,
            Region(line, 3, line, 9 + len(str(line))),
            f"/key{line - 2}",
            fingerprint=f"{n:016x}:1",
        )
        findings.append(finding)
    findings.sort(key=Finding.sort_key)
    report = Report(findings, files, list(Registry.default().rules))
    report.root = os.path.realpath(directory)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--findings", type=int, default=41_000)
    parser.add_argument("--message-bytes", type=int, default=0, help="random characters added to each message")
    parser.add_argument("--output", required=True)
    args = parser.parse_args(argv)
    from ecslint.output import sarif

    output = os.path.abspath(args.output)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        report = synthetic_report(Path(directory), args.findings, message_bytes=args.message_bytes)
        with open(output, "w", encoding="utf-8") as out:
            sarif.write(report, out, warn=lambda text: sys.stderr.write(f"ecslint: warning: {text}\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
