"""ecslint benchmarks: start-up against a bare interpreter, throughput, memory, scale, lifecycle preview (DESIGN §5, issue 12).

Run from the repository root with the interpreter ecslint is installed in::

    .venv/bin/python benchmarks/bench.py                 # table
    .venv/bin/python benchmarks/bench.py --json          # the same numbers as JSON
    .venv/bin/python benchmarks/bench.py --runs 50 --files 2000
    .venv/bin/python benchmarks/bench.py --scale 1000,10000,50000   # issue 12's whole picture

One run reports, side by side: start-up of one file (clean, with schema findings) against
``python -c pass``; throughput and memory on generated and real task definitions; a
repository with a lock file and ``node_modules``; ``check --fix``; the report formats (SARIF
against text); with ``--scale``, trees of 1,000 / 10,000 / 50,000 files (corpus copies and
generated task definitions), serial and parallel, files/s and peak RSS; ``lifecycle preview``
on 10,000 and 100,000 generated images. Each part can be skipped (``--skip-*``) or run alone
(``--scale-only``, ``--lifecycle-only``, ``--formats``).

This is a script, not a test: timings depend on the machine. The budgets it checks
(PASS/FAIL) are the issues': one file, clean or with schema findings, at most 50 ms median
for the whole process and at most 3x ``python -c pass`` measured side by side (wall time,
and CPU time, which a busy machine disturbs less); at least 1,000 task definitions per
second, generated and real (the corpus's, repeated), in-process on one core; with
``--scale``, 2 workers at least 1.8x the serial throughput at 10,000 files and peak RSS at
most 80 MiB at 50,000 files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CLEAN = HERE / "clean-task-definition.json"
#: The clean file with the schema findings pre-commit meets most: a misspelt key (ECS002),
#: a number in quotes (ECS003), a value outside its enum (ECS004), no family (ECS005).
SCHEMA_FINDINGS = HERE / "schema-findings-task-definition.json"

SINGLE_FILE_BUDGET_MS = 50.0
SINGLE_FILE_BUDGET_RATIO = 3.0  # to python -c pass, side by side
THROUGHPUT_BUDGET = 1000.0  # files per second
REPOSITORY_BUDGET_MS = 1000.0  # what a repository's other files may add to a check

# Children write their .pyc files, as an installed package has them: with
# PYTHONDONTWRITEBYTECODE set, a module whose cache is missing or stale (a file just edited)
# would be compiled again in every timed run, which no user ever pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# -- commands -------------------------------------------------------------------------------


def ecslint_command(python: str = sys.executable) -> list[str]:
    """The console script next to the interpreter (what pre-commit and users run)."""
    script = Path(python).parent / ("ecslint.exe" if os.name == "nt" else "ecslint")
    if script.exists():
        return [str(script)]
    # Not installed as a script: the same entry point through the interpreter.
    return [python, "-c", "import sys; from ecslint.cli import run; sys.argv[0] = 'ecslint'; run()"]


# Prints how ecslint is installed in the interpreter that runs it: "editable" (pip install
# -e: a finder that the interpreter imports at every start, whatever it runs, which makes
# ``python -c pass`` slower than a user's), "installed", or "source" (no distribution: the
# checkout on sys.path).
_INSTALL_MODE = """
import json
try:
    from importlib.metadata import PackageNotFoundError, distribution
    text = distribution("ecslint").read_text("direct_url.json")
except PackageNotFoundError:
    print("source")
else:
    print("editable" if text and json.loads(text).get("dir_info", {}).get("editable") else "installed")
"""


def install_mode(python: str = sys.executable) -> str:
    proc = subprocess.run([python, "-c", _INSTALL_MODE], capture_output=True, text=True, cwd=HERE, env=ENV)
    return proc.stdout.strip() or "unknown"


def installed_venv(directory: Path, say) -> str:
    """A virtual environment in ``directory`` (made unless it is one already) with the
    checkout installed as users and pre-commit install it (``pip install .``, not
    editable; installed again over an earlier one); its interpreter."""
    python = directory / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")
    again = ["--force-reinstall", "--no-deps"] if python.exists() else []
    if not again:
        subprocess.run([sys.executable, "-m", "venv", str(directory)], check=True, env=ENV)
    say(f"start-up: installing the checkout into {directory} ...")
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *again, str(ROOT)],
        capture_output=True, text=True, env=ENV,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench: cannot install the checkout into {directory}: {proc.stderr.strip()[-2000:]}")
    return str(python)


def timed_cpu(cmd: list[str], *, expect: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(cmd, expect=expect)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def timed(cmd: list[str], *, expect: tuple[int, ...] = (0,), cwd: Path = ROOT) -> float:
    """Wall time of one whole process, in seconds."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode not in expect:
        raise SystemExit(f"bench: {' '.join(cmd)} exited {proc.returncode} (expected {expect})")
    return elapsed


# Spawns one command, waits, and prints "seconds maxrss-KiB exit-code". It runs in its own
# small interpreter (-S -I: a few MB) because a child's ru_maxrss also counts the memory of
# the process that forked it (Linux carries the pre-exec peak across exec): measured from
# this benchmark's process, every command would look at least as big as the benchmark.
# Having a single child, its getrusage(RUSAGE_CHILDREN) is exactly that child's peak.
_RSS_HELPER = """
import os, resource, sys, time
null = os.devnull
actions = [(os.POSIX_SPAWN_OPEN, 1, null, os.O_WRONLY, 0), (os.POSIX_SPAWN_OPEN, 2, null, os.O_WRONLY, 0)]
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=actions)
_, status = os.waitpid(pid, 0)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the process and its workers
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def timed_rss(cmd: list[str], *, expect: tuple[int, ...] = (0, 1)) -> tuple[float, float | None]:
    """Wall time (s) and peak RSS (MB) of one whole process (RSS None where unsupported)."""
    wall, _, rss = measured(cmd, expect=expect)
    return wall, rss


def measured(cmd: list[str], *, expect: tuple[int, ...] = (0, 1)) -> tuple[float, float, float | None]:
    """Wall time (s), CPU time (s, user + system, workers included) and peak RSS (MB, of
    the largest process; None where unsupported) of one whole process."""
    if not hasattr(os, "posix_spawnp"):
        wall, cpu = timed_cpu(cmd, expect=expect)
        return wall, cpu, None
    helper = [sys.executable, "-S", "-I", "-c", _RSS_HELPER, *cmd]
    proc = subprocess.run(helper, capture_output=True, text=True, cwd=ROOT, env=ENV)
    try:
        elapsed, cpu, maxrss, code = proc.stdout.split()
    except ValueError:
        raise SystemExit(f"bench: cannot measure {' '.join(cmd)}: {proc.stderr.strip()}")
    if int(code) not in expect:
        raise SystemExit(f"bench: {' '.join(cmd)} exited {code} (expected {expect})")
    return float(elapsed), float(cpu), _mb(int(maxrss))


def _mb(maxrss: int) -> float:
    # Linux reports KiB, macOS bytes.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def _self_rss() -> float | None:
    try:
        import resource
    except ImportError:
        return None
    return _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def stats(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    p90 = ms[min(len(ms) - 1, max(0, round(0.9 * len(ms)) - 1))]
    return {"median_ms": statistics.median(ms), "p90_ms": p90, "min_ms": ms[0], "runs": len(ms)}


# -- inputs ---------------------------------------------------------------------------------

_IMAGES = (
    "public.ecr.aws/nginx/nginx:1.27",
    "public.ecr.aws/docker/library/python:3.12-slim",
    "public.ecr.aws/docker/library/redis:7.2",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/{family}:{version}",
    "ghcr.io/acme/{family}-worker:{version}",
    "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
)
_ROLES = ("app", "web", "worker", "sidecar", "proxy", "agent", "migrate", "cron")
_TEAMS = ("payments", "orders", "search", "identity", "billing", "catalog", "ledger", "mail")
_FARGATE_SIZES = ((256, 512), (256, 1024), (512, 1024), (512, 2048), (1024, 2048), (1024, 4096), (2048, 8192), (4096, 16384))
_BAD_FARGATE_SIZES = ((256, 4096), (512, 512), (1024, 1024), (3000, 8192))


def task_definition(i: int, rng: random.Random) -> tuple[dict, str]:
    """One varied task definition and what it is expected to trigger ("" for clean)."""
    family = f"{rng.choice(_TEAMS)}-{rng.choice(_ROLES)}-{i:05d}"
    version = f"{rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 9)}"
    roll = rng.random()
    defect = "non-essential-only" if roll < 0.04 else "bad-fargate-size" if roll < 0.08 else "unknown-field" if roll < 0.10 else ""
    fargate = defect == "bad-fargate-size" or rng.random() < 0.7
    td: dict = {"family": family}
    # Clean task definitions follow the default-on practices (an execution role where one
    # is needed, non-root users, read-only root filesystems, logging, health checks), as a
    # team that runs ecslint on every commit would; the defects are the planned ones.
    if fargate or rng.random() < 0.8:
        td["executionRoleArn"] = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
    if rng.random() < 0.6:
        td["taskRoleArn"] = f"arn:aws:iam::123456789012:role/{family}"
    count = rng.randint(1, 4)
    if fargate:
        td["networkMode"] = "awsvpc"
        td["requiresCompatibilities"] = ["FARGATE"]
        cpu, memory = rng.choice(_BAD_FARGATE_SIZES if defect == "bad-fargate-size" else _FARGATE_SIZES)
        td["cpu"], td["memory"] = str(cpu), str(memory)
        share_cpu, share_mem = max(cpu // count, 0), memory // count
    else:
        td["networkMode"] = rng.choice(("bridge", "awsvpc", "host"))
        td["requiresCompatibilities"] = ["EC2"]
        share_cpu, share_mem = 256, 512
    containers = []
    for n in range(count):
        name = "app" if n == 0 else f"{rng.choice(_ROLES)}-{n}"
        c: dict = {
            "name": name,
            "image": rng.choice(_IMAGES).format(family=family, version=version),
            "essential": (n == 0 or rng.random() < 0.3) and defect != "non-essential-only",
            "user": "1000",
            "readonlyRootFilesystem": True,
        }
        if fargate:
            if rng.random() < 0.5:
                c["cpu"] = share_cpu
            if rng.random() < 0.5:
                c["memoryReservation"] = max(6, share_mem // 2)
        else:
            c["memory"] = share_mem
            c["cpu"] = share_cpu
        if rng.random() < 0.6:
            port = rng.choice((80, 3000, 5000, 8000, 8080, 9090)) + n
            mapping: dict = {"containerPort": port, "protocol": "tcp"}
            if td["networkMode"] in ("awsvpc", "host"):
                mapping["hostPort"] = port
            else:
                mapping["hostPort"] = 0  # dynamic: a fixed bridge port is a finding (ECS308)
            c["portMappings"] = [mapping]
        if rng.random() < 0.7:
            c["environment"] = [
                {"name": f"VAR_{k}", "value": f"value-{rng.randint(0, 10**6)}"} for k in range(rng.randint(1, 8))
            ]
        if rng.random() < 0.3:
            c["secrets"] = [
                {"name": "DB_PASSWORD", "valueFrom": f"arn:aws:ssm:eu-west-1:123456789012:parameter/{family}/db"}
            ]
        c["logConfiguration"] = {
            "logDriver": "awslogs",
            "options": {"awslogs-group": f"/ecs/{family}", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": name},
        }
        if c["essential"] or rng.random() < 0.3:
            c["healthCheck"] = {
                "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                "interval": 30,
                "timeout": 5,
                "retries": 3,
            }
        if rng.random() < 0.2:
            c["command"] = ["sh", "-c", f"exec ./{name} --port {8000 + n}"]
        containers.append(c)
    if defect == "unknown-field":
        containers[0]["portMapings"] = []  # a typo: exercises the detailed schema path
    td["containerDefinitions"] = containers
    if rng.random() < 0.3:
        td["tags"] = [{"key": "team", "value": family.split("-")[0]}]
    return td, defect


def generate(directory: Path, count: int, seed: int = 1) -> dict[str, int]:
    """Write ``count`` task definitions into ``directory``; return how many of each defect."""
    rng = random.Random(seed)
    defects: dict[str, int] = {}
    for i in range(count):
        td, defect = task_definition(i, rng)
        defects[defect or "clean"] = defects.get(defect or "clean", 0) + 1
        sub = directory / f"svc-{i // 100:02d}"  # nested, as a real repository is
        sub.mkdir(exist_ok=True)
        indent = 2 if i % 5 else 4
        (sub / f"{td['family']}.json").write_text(json.dumps(td, indent=indent) + "\n", encoding="utf-8")
    return defects


CORPUS = ROOT.parent / "shared" / "corpus"
#: Names a copy varies so that no two copies are the same document (a family, a service).
_VARIED = re.compile(r'("(?:family|serviceName|Family|ServiceName)"\s*:\s*")([^"\\]{1,200})"')
#: A service's task definition by family (``web`` or ``web:3``), varied like the families.
_NAMED = re.compile(r'("taskDefinition"\s*:\s*")([A-Za-z0-9_-]{1,200})(:\d+)?"')


def corpus_tree(directory: Path, count: int, corpus: Path = CORPUS) -> int:
    """Write ``count`` files into ``directory``: copies of the real-world corpus (every
    kind and format it holds, broken files included), each copy in its own directory with
    the corpus's layout, its families and service names suffixed so that copies are
    distinct documents; the n-th copy's task definitions are still named by its services."""
    sources = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix not in (".md", ".tsv"))
    written = 0
    copy = 0
    while written < count:
        for source in sources:
            if written == count:
                break
            target = directory / f"copy-{copy:04d}" / source.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = source.read_bytes()
            if copy and source.suffix == ".json":
                text = data.decode("utf-8", "surrogateescape")
                text = _VARIED.sub(lambda m: f'{m.group(1)}{m.group(2)}-{copy}"', text)
                text = _NAMED.sub(lambda m: f'{m.group(1)}{m.group(2)}-{copy}{m.group(3) or ""}"', text)
                data = text.encode("utf-8", "surrogateescape")
            target.write_bytes(data)
            written += 1
        copy += 1
    return written


#: What a JavaScript repository holds besides its ECS files (issue 7).
LOCK_BYTES = 20 * 1024 * 1024
NODE_MODULES_FILES = 2000
REAL_TASK_DEFINITIONS = 20


def repository(directory: Path, *, noise: bool = True) -> dict[str, list[str]]:
    """A git repository as ecslint meets it in the wild, in ``directory`` (created).

    Its real ECS files are the examples (a task definition, a service, a lifecycle policy,
    and an images listing that is not ECS) and copies of the clean task definition, all
    clean. With ``noise``, also a 20 MiB ``package-lock.json``, ``node_modules/`` with 2,000
    JSON files (some of them ECS-shaped test fixtures with findings), a git-ignored ``dist/``
    of build output with findings, and a FIFO. Returns the paths (relative, with ``/``)
    ecslint must check and the ones it must list as skipped; nothing else may appear.
    """
    directory.mkdir(parents=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(directory)], check=True)
    else:
        (directory / ".git").mkdir()  # all ecslint looks for
    checked = []
    shutil.copytree(ROOT / "examples", directory / "deploy")
    checked += ["deploy/lifecycle-policy.json", "deploy/service.json", "deploy/task-definition.json"]
    skipped = ["deploy/lifecycle/images.json"]
    clean = json.loads(CLEAN.read_text(encoding="utf-8"))
    (directory / "deploy" / "tasks").mkdir()
    for i in range(REAL_TASK_DEFINITIONS):
        clean["family"] = f"orders-api-{i:02d}"
        (directory / "deploy" / "tasks" / f"{clean['family']}.json").write_text(json.dumps(clean, indent=2) + "\n", encoding="utf-8")
        checked.append(f"deploy/tasks/{clean['family']}.json")
    if not noise:
        return {"checked": sorted(checked), "skipped": skipped}
    _package_lock(directory / "package-lock.json")
    skipped.append("package-lock.json")
    with_findings = {"family": "fixture", "containerDefinitions": [{"name": "app", "image": "app", "essential": False}]}
    broken = '{"family": "fixture", "containerDefinitions": [{"name": "app",}]}\n'
    for i in range(NODE_MODULES_FILES):
        package = directory / "node_modules" / f"pkg-{i // 10:03d}"
        package.mkdir(parents=True, exist_ok=True)
        if i % 10 == 0:
            text = json.dumps({"name": package.name, "version": "1.0.0", "main": "index.js", "license": "MIT"})
            (package / "package.json").write_text(text, encoding="utf-8")
        elif i % 10 == 1:
            (package / "task-definition.json").write_text(json.dumps(with_findings), encoding="utf-8")
        elif i % 10 == 2:
            (package / "broken-task-definition.json").write_text(broken, encoding="utf-8")
        else:
            (package / f"data-{i % 10}.json").write_text(json.dumps({"id": i, "values": list(range(20))}), encoding="utf-8")
    (directory / "dist").mkdir()
    (directory / "dist" / "task-definition.json").write_text(json.dumps(with_findings), encoding="utf-8")
    (directory / "dist" / "broken-task-definition.json").write_text(broken, encoding="utf-8")
    (directory / ".gitignore").write_text("dist/\n", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(directory / "pipe.json")
        skipped.append("pipe.json")
    return {"checked": sorted(checked), "skipped": sorted(skipped)}


def _package_lock(path: Path) -> None:
    """An npm lock file of at least :data:`LOCK_BYTES`, shaped as npm writes them."""
    entries = []
    size = 0
    i = 0
    while size < LOCK_BYTES:
        entry = (
            f'    "node_modules/package-{i}": {{\n'
            f'      "version": "1.{i % 50}.{i % 7}",\n'
            f'      "resolved": "https://registry.npmjs.org/package-{i}/-/package-{i}-1.{i % 50}.{i % 7}.tgz",\n'
            f'      "integrity": "sha512-{"A" * 86}==",\n'
            f'      "dev": true,\n'
            f'      "license": "MIT"\n'
            "    }"
        )
        entries.append(entry)
        size += len(entry) + 2
        i += 1
    head = '{\n  "name": "app",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n'
    path.write_text(head + ",\n".join(entries) + "\n  }\n}\n", encoding="utf-8")


# -- the measurements -----------------------------------------------------------------------


def verify_clean(cli: list[str]) -> None:
    proc = subprocess.run(cli + ["check", str(CLEAN), "--format", "json"], capture_output=True, text=True, cwd=ROOT, env=ENV)
    try:
        findings = json.loads(proc.stdout)["findings"]
    except (ValueError, KeyError):
        raise SystemExit(f"bench: cannot read ecslint's JSON output (exit {proc.returncode}): {proc.stderr.strip()}")
    if proc.returncode != 0 or findings:
        rules = sorted({f["rule"] for f in findings})
        raise SystemExit(f"bench: {CLEAN.name} is not clean (exit {proc.returncode}, rules {rules})")


def startup(cli: list[str], runs: int, warmup: int, python: str = sys.executable) -> dict:
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "ecslint --version": cli + ["--version"],
        "ecslint check (1 clean file)": cli + ["check", str(CLEAN.relative_to(ROOT))],
        "ecslint check (schema findings)": cli + ["check", str(SCHEMA_FINDINGS.relative_to(ROOT))],
        # Every rule, the off-by-default ones too (ECS413 reports the tags: notes, exit 0).
        "ecslint check --select ALL": cli + ["check", str(CLEAN.relative_to(ROOT)), "--select", "ALL"],
    }
    expect = {"ecslint check (schema findings)": (1,)}
    for _ in range(warmup):
        for name, cmd in commands.items():
            timed(cmd, expect=expect.get(name, (0,)))
    samples: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for i in range(runs):
        # Interleaved, and the order rotated, so that drifting noise hits every command alike.
        k = i % len(names)
        for name in names[k:] + names[:k]:
            wall, used = timed_cpu(commands[name], expect=expect.get(name, (0,)))
            samples[name].append(wall)
            cpu[name].append(used)
    out = {name: stats(s) for name, s in samples.items()}
    for name in names:
        out[name]["cpu_median_ms"] = statistics.median(cpu[name]) * 1000
    base = out["python -c pass"]["median_ms"]
    base_cpu = out["python -c pass"]["cpu_median_ms"]
    for name in names[1:]:
        out[name]["ratio_to_python"] = out[name]["median_ms"] / base
        out[name]["cpu_ratio_to_python"] = out[name]["cpu_median_ms"] / base_cpu
        out[name]["over_python_ms"] = out[name]["median_ms"] - base
    for name in ("ecslint check (1 clean file)", "ecslint check (schema findings)", "ecslint check --select ALL"):
        check = out[name]
        check["budget_ms"] = SINGLE_FILE_BUDGET_MS
        check["budget_ratio"] = SINGLE_FILE_BUDGET_RATIO
        check["pass"] = check["median_ms"] <= SINGLE_FILE_BUDGET_MS and check["ratio_to_python"] <= SINGLE_FILE_BUDGET_RATIO
    # Peak RSS of each command (one more run each), the floor for the throughput runs.
    for name, cmd in commands.items():
        out[name]["peak_rss_mb"] = timed_rss(cmd)[1]
    return out


def throughput_process(cli: list[str], directory: Path, files: int, runs: int) -> dict:
    cmd = cli + ["check", str(directory), "--format", "json", "-o", os.devnull]
    timed_rss(cmd)  # warm-up: page cache, .pyc
    results = [timed_rss(cmd) for _ in range(runs)]
    median_s = statistics.median(t for t, _ in results)
    rss = [r for _, r in results if r is not None]
    return {
        "files": files,
        "runs": runs,
        "median_ms": median_s * 1000,
        "files_per_s": files / median_s,
        "peak_rss_mb": max(rss) if rss else None,
        "budget_files_per_s": THROUGHPUT_BUDGET,
        "pass": files / median_s >= THROUGHPUT_BUDGET,
    }


def repository_overhead(cli: list[str], runs: int) -> dict:
    """``ecslint check`` run in a repository whose only ECS files are clean, with and
    without what else repositories hold (see :func:`repository`): the difference is what
    the lock file, ``node_modules/``, the ignored ``dist/`` and the FIFO cost. The run in
    the full repository must exit 0 with no finding and check only the real files."""
    base = Path(tempfile.mkdtemp(prefix="ecslint-repository-"))
    try:
        repository(base / "real", noise=False)
        expected = repository(base / "full")
        proc = subprocess.run(cli + ["check", "--format", "json"], capture_output=True, text=True, cwd=base / "full", env=ENV, timeout=120)
        report = json.loads(proc.stdout) if proc.stdout else {}
        checked = report.get("summary", {}).get("checked")
        if proc.returncode != 0 or report.get("findings") or checked != len(expected["checked"]):
            raise SystemExit(f"bench: the repository run exited {proc.returncode}, checked {checked} files: {proc.stdout[:2000]} {proc.stderr}")
        commands = {"ECS files only": base / "real", "+ lock, node_modules, dist, FIFO": base / "full"}
        for directory in commands.values():
            timed(cli + ["check"], cwd=directory)  # warm-up: page cache, .pyc
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for i in range(runs):
            for name in list(commands)[i % 2 :] + list(commands)[: i % 2]:
                samples[name].append(timed(cli + ["check"], cwd=commands[name]))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    out: dict = {name: stats(s) for name, s in samples.items()}
    extra = out["+ lock, node_modules, dist, FIFO"]["median_ms"] - out["ECS files only"]["median_ms"]
    out["checked_files"] = len(expected["checked"])
    out["extra_ms"] = extra
    out["budget_ms"] = REPOSITORY_BUDGET_MS
    out["pass"] = extra <= REPOSITORY_BUDGET_MS
    return out


#: ``check --fix`` on a copy of the corpus against a plain check of it (issue 11).
FIX_BUDGET_RATIO = 2.0


def fix_overhead(cli: list[str], corpus: Path, runs: int) -> dict:
    """``ecslint check --fix`` on a fresh copy of ``corpus`` against ``ecslint check`` of
    another copy, interleaved; each fix run starts from the files as published."""
    base = Path(tempfile.mkdtemp(prefix="ecslint-fix-"))

    def fresh(name: str) -> Path:
        target = base / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(corpus, target)
        for path in target.rglob("*"):
            path.chmod(path.stat().st_mode | 0o200)
        return target

    try:
        checked = fresh("check")
        timed(cli + ["check", "--fail-on", "never", "-q", str(checked)])  # warm-up: page cache, .pyc
        samples: dict[str, list[float]] = {"check": [], "check --fix": []}
        for _ in range(runs):
            samples["check"].append(timed(cli + ["check", "--fail-on", "never", "-q", str(checked)]))
            samples["check --fix"].append(timed(cli + ["check", "--fix", "--fail-on", "never", "-q", str(fresh("fix"))]))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    out: dict = {name: stats(s) for name, s in samples.items()}
    out["files"] = sum(1 for p in corpus.rglob("*") if p.is_file())
    out["ratio"] = out["check --fix"]["median_ms"] / out["check"]["median_ms"]
    out["budget_ratio"] = FIX_BUDGET_RATIO
    out["pass"] = out["ratio"] <= FIX_BUDGET_RATIO
    return out


#: The report formats of ``ecslint check --format`` (issue 10 item 5: timed side by side).
FORMATS = ("text", "json", "sarif", "github")


def reporters(cli: list[str], corpus: Path, runs: int, copies: int = 1) -> dict:
    """``ecslint check CORPUS --format F --output /dev/null`` for each report format, whole
    process, interleaved with the order rotated: what each reporter adds to the same check.
    With ``copies`` > 1 the corpus is checked as that many copies of it side by side (to
    reach the size of a large repository)."""
    base = Path(tempfile.mkdtemp(prefix="ecslint-formats-"))
    try:
        target = corpus
        if copies > 1:
            target = base / "corpus"
            for i in range(copies):
                shutil.copytree(corpus, target / f"copy-{i:03d}")
        commands = {fmt: cli + ["check", str(target), "--format", fmt, "--output", os.devnull, "--fail-on", "never"] for fmt in FORMATS}
        proc = subprocess.run(cli + ["check", str(target), "--format", "json", "--fail-on", "never"], capture_output=True, text=True, cwd=ROOT, env=ENV)
        try:
            summary = json.loads(proc.stdout)["summary"]
            findings = len(json.loads(proc.stdout)["findings"])
        except (ValueError, KeyError):
            raise SystemExit(f"bench: cannot read ecslint's JSON report of {target} (exit {proc.returncode}): {proc.stderr.strip()[:2000]}")
        for cmd in commands.values():
            timed(cmd)  # warm-up: page cache, .pyc
        samples: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
        for i in range(runs):
            k = i % len(FORMATS)
            for fmt in FORMATS[k:] + FORMATS[:k]:
                samples[fmt].append(timed(commands[fmt]))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    out: dict = {fmt: stats(s) for fmt, s in samples.items()}
    for fmt in FORMATS:
        out[fmt]["ratio_to_text"] = out[fmt]["median_ms"] / out["text"]["median_ms"]
    out["files"] = summary.get("checked")
    out["findings"] = findings
    out["copies"] = copies
    return out


def real_task_definitions(corpus: Path, directory: Path, count: int) -> int:
    """``count`` files in ``directory``: the corpus's task definitions (register input,
    describe output, container definitions), repeated in turn. Returns how many differ."""
    sources = sorted(p for sub in ("taskdefs", "describe", "containerdefs") for p in (corpus / sub).glob("*") if p.is_file())
    if not sources:
        raise SystemExit(f"bench: no task definitions under {corpus}")
    for i in range(count):
        source = sources[i % len(sources)]
        shutil.copyfile(source, directory / f"{i:06d}-{source.name}")
    return len(sources)


def throughput_engine(directory: Path, files: int, runs: int) -> dict:
    start = time.perf_counter()
    from ecslint.engine import Settings, run

    imported = time.perf_counter() - start
    # One core: a run of 200 files or more would otherwise start a worker per CPU, whose
    # time process_time() does not count (the "2,010/s of CPU against 583/s wall" puzzle).
    one_core = Settings(jobs=1)
    first = time.perf_counter()
    report = run([str(directory)], one_core)
    first = time.perf_counter() - first
    times = []
    cpu = []
    for _ in range(runs):
        report = None  # so that two reports are never alive at once
        start = time.perf_counter()
        used = time.process_time()
        report = run([str(directory)], one_core)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    median_s = statistics.median(times)
    cpu_s = statistics.median(cpu)
    by_rule: dict[str, int] = {}
    for f in report.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return {
        "files": files,
        "runs": runs,
        "import_ms": imported * 1000,
        "first_run_ms": first * 1000,
        "median_ms": median_s * 1000,
        "files_per_s": files / median_s,
        # One core: the process's CPU time (what a busy machine's other work does not add).
        "cpu_files_per_s": files / cpu_s,
        "documents": sum(len(f.documents) for f in report.files),
        "findings_by_rule": dict(sorted(by_rule.items())),
        "self_peak_rss_mb": _self_rss(),
        "budget_files_per_s": THROUGHPUT_BUDGET,
        "pass": files / cpu_s >= THROUGHPUT_BUDGET,
    }


SCALE_SIZES = (1000, 10000, 50000)
#: The trees ``--scale`` checks: copies of the real-world corpus (every kind and format,
#: broken files included: most files have findings) and generated task definitions (about
#: 10 % with findings, as a repository that runs ecslint on every commit).
SCALE_TREES = ("corpus", "generated")
#: Issue 12's goals: 2 workers at least 1.8x the serial throughput at 10,000 files; peak
#: RSS at most 80 MiB at 50,000 files (this script's MB are MiB: ``ru_maxrss`` KiB / 1024).
PARALLEL_GOAL = 1.8
PARALLEL_GOAL_FILES = 10000
RSS_GOAL_MB = 80.0
RSS_GOAL_FILES = 50000


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def scale_tree(tree: str, directory: Path, size: int) -> None:
    """Write the ``tree`` of ``size`` files (see :data:`SCALE_TREES`) into ``directory``."""
    if tree == "corpus":
        corpus_tree(directory, size)
    elif tree == "generated":
        generate(directory, size)
    else:
        raise ValueError(f"unknown tree {tree!r}: choose from {', '.join(SCALE_TREES)}")


def scale(cli: list[str], sizes: list[int], runs: int, base: Path, say, trees: tuple[str, ...] = SCALE_TREES) -> list[dict]:
    """``ecslint check`` on each tree of ``trees`` (:func:`scale_tree`) of ``sizes`` files:
    serial (``--jobs 1``) and with a worker per usable CPU, the best of ``runs`` runs each;
    the two JSON reports must be the same bytes."""
    jobs = usable_cpus()
    rows = []
    for size in sizes:
        for tree in trees:
            directory = base / f"{tree}-{size}"
            if directory.exists():
                shutil.rmtree(directory)
            directory.mkdir(parents=True)
            scale_tree(tree, directory, size)
            outputs = {}
            for j in sorted({1, jobs}):
                say(f"scale: {size} files ({tree}), --jobs {j}, {runs} run(s) ...")
                out = base / f"report-{tree}-{size}-{j}.json"
                cmd = cli + ["check", str(directory), "--format", "json", "-o", str(out), "--jobs", str(j)]
                wall, cpu, rss = min(measured(cmd) for _ in range(runs))
                outputs[j] = out.read_bytes()
                out.unlink()
                row = {"tree": tree, "files": size, "jobs": j, "wall_s": wall, "cpu_s": cpu, "files_per_s": size / wall, "peak_rss_mb": rss}
                if j > 1:
                    serial = rows[-1]
                    row["speedup"] = serial["wall_s"] / wall
                    if size >= PARALLEL_GOAL_FILES:
                        row["pass_parallel"] = row["speedup"] >= PARALLEL_GOAL
                if size >= RSS_GOAL_FILES and rss is not None:
                    row["pass_rss"] = rss <= RSS_GOAL_MB
                rows.append(row)
            if len(outputs) == 2 and outputs[1] != outputs[jobs]:
                raise SystemExit(f"bench: --jobs {jobs} reported otherwise than --jobs 1 on {size} files ({tree})")
            report = json.loads(outputs[1])
            for row in rows[-len(outputs):]:
                row["findings"] = len(report["findings"])
                row["files_with_findings"] = len({f["path"] for f in report["findings"]})
            shutil.rmtree(directory)
    return rows


# -- lifecycle preview (issue 12 item 5) --------------------------------------------------

LIFECYCLE_SIZES = (10000, 100000)
#: The preview is evaluated at a fixed instant, so that the generated images age alike.
LIFECYCLE_NOW = "2026-06-01T00:00:00Z"
_LIFECYCLE_NOW_MS = 1_780_272_000_000  # LIFECYCLE_NOW in milliseconds since the epoch
_LIFECYCLE_SPAN_DAYS = 730
_DAY_MS = 86_400_000
#: The pipelines that push to one busy repository, and how often each pushes (weights):
#: builds of main, pull requests, feature branches, releases and their candidates, hotfixes,
#: images left untagged when a mutable tag moved on, and the rest (build caches, manual
#: pushes). A nightly build is pushed on the first push of every day besides these.
_STREAMS = (("main", 33), ("pr", 22), ("untagged", 15), ("feature", 8), ("release", 7), ("rc", 5), ("hotfix", 3), ("other", 7))
_OTHER = ("cache", "buildcache", "debug", "tmp", "test", "dev", "canary")
_FEATURES = ("checkout-v2", "new-search", "billing-export", "sso", "dark-mode", "rate-limits", "grpc", "arm64", "otel", "cache-warmup")
#: A realistic policy for that repository, in evaluation order: every stream has a rule
#: (description, selection, count type, count number, action), untagged images expire, a
#: transition to the archive, an ``any`` rule and an archive expiry last. ``ecslint check``
#: finds nothing in it (the preview refuses a policy with errors).
_POLICY_RULES = (
    ("Release candidates expire after 30 days", {"tagStatus": "tagged", "tagPrefixList": ["rc-"]}, "sinceImagePushed", 30, "expire"),
    ("Keep the last 100 releases", {"tagStatus": "tagged", "tagPatternList": ["v*.*.*"]}, "imageCountMoreThan", 100, "expire"),
    ("Pull-request builds expire after 14 days", {"tagStatus": "tagged", "tagPrefixList": ["pr-"]}, "sinceImagePushed", 14, "expire"),
    ("Feature-branch builds expire after 30 days", {"tagStatus": "tagged", "tagPrefixList": ["feature-"]}, "sinceImagePushed", 30, "expire"),
    ("Keep the last 60 nightly builds", {"tagStatus": "tagged", "tagPrefixList": ["nightly-"]}, "imageCountMoreThan", 60, "expire"),
    ("Archive hotfixes not pulled for 60 days", {"tagStatus": "tagged", "tagPrefixList": ["hotfix-"]}, "sinceImagePulled", 60, "transition"),
    ("Keep the last 500 builds of main", {"tagStatus": "tagged", "tagPrefixList": ["main-"]}, "imageCountMoreThan", 500, "expire"),
    ("Untagged images expire after 7 days", {"tagStatus": "untagged"}, "sinceImagePushed", 7, "expire"),
    ("Keep at most 1,000 images of everything else", {"tagStatus": "any"}, "imageCountMoreThan", 1000, "expire"),
    ("Delete archived images after a year in the archive", {"tagStatus": "any", "storageClass": "archive"}, "sinceImageTransitioned", 365, "expire"),
)
LIFECYCLE_POLICY = {
    "rules": [
        {
            "rulePriority": priority,
            "description": description,
            "selection": {
                **selection,
                "countType": count_type,
                **({} if count_type == "imageCountMoreThan" else {"countUnit": "days"}),
                "countNumber": number,
            },
            "action": {"type": action, **({"targetStorageClass": "archive"} if action == "transition" else {})},
        }
        for priority, (description, selection, count_type, number, action) in enumerate(_POLICY_RULES, 1)
    ]
}


def _iso_ms(ms: int) -> str:
    """``2024-05-30T14:03:11.120000+00:00``: how the AWS CLI v2 prints describe-images times."""
    from datetime import datetime, timezone

    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="microseconds")


def images_listing(count: int, seed: int = 1) -> dict:
    """``aws ecr describe-images --filter imageStatus=ANY`` output of a repository with
    ``count`` images pushed over two years before :data:`LIFECYCLE_NOW` (see
    :data:`_STREAMS`; deterministic for a ``seed``). Tags are unique in the repository, as
    ECR keeps them; the mutable ones (``latest``, ``prod``, ``main``, ``staging``) are on the
    newest image of their stream; about 1 % of the images were pushed at the same
    millisecond as the one before (a multi-architecture build: ties), a little over half
    were pulled since their push, and old images are now and then in the archive."""
    rng = random.Random(seed)
    kinds = [k for k, _ in _STREAMS]
    weights = [w for _, w in _STREAMS]
    start = _LIFECYCLE_NOW_MS - _LIFECYCLE_SPAN_DAYS * _DAY_MS
    gap = _LIFECYCLE_SPAN_DAYS * _DAY_MS // max(count, 1)
    major, minor, patch, rc, pr, build = 1, 0, 0, 0, 1200, 0
    newest: dict[str, dict] = {}
    shas: set[str] = set()
    images: list[dict] = []
    day = None
    pushed = start
    while len(images) < count:
        pushed = pushed if images and rng.random() < 0.01 else start + len(images) * gap + rng.randrange(max(gap, 1))
        sha = f"{rng.getrandbits(28):07x}"
        while sha in shas:  # one commit, one short hash: tags stay unique
            sha = f"{rng.getrandbits(28):07x}"
        shas.add(sha)
        today = pushed // _DAY_MS
        if today != day:
            day, kind = today, "nightly"
        else:
            kind = rng.choices(kinds, weights)[0]
        if kind == "main":
            build += 1
            tags = [f"main-{sha}", f"build-{build}"] if rng.random() < 0.4 else [f"main-{sha}"]
        elif kind == "pr":
            pr += rng.random() < 0.3  # a few pushes per pull request
            tags = [f"pr-{pr}-{sha}"]
        elif kind == "feature":
            tags = [f"feature-{rng.choice(_FEATURES)}-{sha}"]
        elif kind == "release":
            roll = rng.random()
            if roll < 0.01:
                major, minor, patch = major + 1, 0, 0
            elif roll < 0.12:
                minor, patch = minor + 1, 0
            else:
                patch += 1
            rc = 0
            tags = [f"v{major}.{minor}.{patch}", f"{major}.{minor}.{patch}"] if rng.random() < 0.5 else [f"v{major}.{minor}.{patch}"]
        elif kind == "rc":
            rc += 1
            tags = [f"rc-{major}.{minor}.{patch + 1}.{rc}"]
        elif kind == "hotfix":
            tags = [f"hotfix-{major}.{minor}.{patch}-{sha}"]
        elif kind == "other":
            tags = [f"{rng.choice(_OTHER)}-{sha}"]
        elif kind == "nightly":
            tags = [f"nightly-{_iso_ms(pushed)[:10].replace('-', '')}"]
        else:
            tags = []
        image: dict = {
            "registryId": "123456789012",
            "repositoryName": "platform/services",
            "imageDigest": f"sha256:{rng.getrandbits(256):064x}",
        }
        if tags:
            image["imageTags"] = tags
        image["imageSizeInBytes"] = rng.randint(20_000_000, 900_000_000)
        image["imagePushedAt"] = _iso_ms(pushed)
        image["imageManifestMediaType"] = "application/vnd.oci.image.manifest.v1+json"
        image["artifactMediaType"] = "application/vnd.oci.image.config.v1+json"
        if rng.random() < 0.55:
            image["lastRecordedPullTime"] = _iso_ms(rng.randint(pushed, min(_LIFECYCLE_NOW_MS, pushed + 120 * _DAY_MS)))
        age_days = (_LIFECYCLE_NOW_MS - pushed) // _DAY_MS
        if age_days > 200 and rng.random() < 0.05:
            image["imageStatus"] = "ARCHIVED"
            image["lastArchivedAt"] = _iso_ms(pushed + rng.randint(90, age_days - 1) * _DAY_MS)
        else:
            image["imageStatus"] = "ACTIVE"
        if tags and image["imageStatus"] == "ACTIVE":
            newest[kind] = image
        images.append(image)
    for kind, tag in (("release", "latest"), ("release", "prod"), ("main", "main"), ("rc", "staging")):
        if kind in newest:
            newest[kind]["imageTags"].append(tag)
    rng.shuffle(images)  # describe-images lists in no particular order
    return {"imageDetails": images}


def lifecycle(cli: list[str], sizes: list[int], runs: int, base: Path, say, *, keep: bool = False) -> list[dict]:
    """``ecslint lifecycle preview`` of :data:`LIFECYCLE_POLICY` on an images listing of
    each of ``sizes`` (:func:`images_listing`), whole process, default (text) report: the
    median wall and CPU time of ``runs`` runs and the largest peak RSS. A first run with
    ``--format json`` (untimed, also the warm-up) must preview every image. The inputs are
    written into ``base``; the listings are deleted after use unless ``keep``."""
    base.mkdir(parents=True, exist_ok=True)
    policy = base / "lifecycle-policy.json"
    policy.write_text(json.dumps(LIFECYCLE_POLICY, indent=2) + "\n", encoding="utf-8")
    rows = []
    for size in sizes:
        say(f"lifecycle: generating {size} images ...")
        images = base / f"images-{size}.json"
        with images.open("w", encoding="utf-8") as out:
            json.dump(images_listing(size), out, indent=4)
            out.write("\n")
        cmd = cli + ["lifecycle", "preview", str(policy), "--images", str(images), "--now", LIFECYCLE_NOW]
        proc = subprocess.run(cmd + ["--format", "json"], capture_output=True, text=True, cwd=ROOT, env=ENV)
        try:
            preview = json.loads(proc.stdout)
        except ValueError:
            raise SystemExit(f"bench: {' '.join(cmd)} --format json exited {proc.returncode}: {proc.stderr.strip()[:2000]}")
        summary = preview["summary"]
        if proc.returncode != 0 or summary["images"] != size:
            raise SystemExit(f"bench: the preview of {size} images exited {proc.returncode} and previewed {summary['images']}")
        say(f"lifecycle: {size} images, {runs} run(s) ...")
        samples = [measured(cmd, expect=(0,)) for _ in range(runs)]
        wall = statistics.median(w for w, _, _ in samples)
        cpu = statistics.median(c for _, c, _ in samples)
        rss = [r for _, _, r in samples if r is not None]
        rows.append({
            "images": size,
            "runs": runs,
            "images_mb": images.stat().st_size / (1024 * 1024),
            "wall_s": wall,
            "cpu_s": cpu,
            "images_per_s": size / wall,
            "peak_rss_mb": max(rss) if rss else None,
            "expire": summary["expire"],
            "transition": summary["transition"],
            "keep": summary["keep"],
            "ties": len(preview["ties"]),
        })
        preview = None
        if not keep:
            images.unlink()
    return rows


# -- output ---------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


#: What the start-up table says of how ecslint is installed (``install_mode``).
_INSTALLS = {"editable": "editable install", "installed": "installed", "source": "source checkout"}


def _startup_lines(startup: dict, install: str) -> list[str]:
    """The start-up rows of the table (none with --skip-startup), headed by how ecslint is
    installed in the interpreter they ran."""
    if not startup:
        return []
    title = f"start-up ({_INSTALLS.get(install, install)})"
    lines = [f"{title:<32}{'median':>9}{'p90':>9}{'ratio':>8}{'+ms':>8}{'CPU':>9}{'ratio':>8}{'RSS':>9}"]
    for name, s in startup.items():
        ratio = f"{s['ratio_to_python']:.2f}x" if "ratio_to_python" in s else "1.00x"
        cpu_ratio = f"{s['cpu_ratio_to_python']:.2f}x" if "cpu_ratio_to_python" in s else "1.00x"
        extra = f"{s['over_python_ms']:+.1f}" if "over_python_ms" in s else ""
        rss = f"{s['peak_rss_mb']:.1f}MB" if s.get("peak_rss_mb") is not None else "-"
        verdict = f"  {_verdict(s['pass'])} (<= {s['budget_ms']:.0f} ms, <= {s['budget_ratio']:.0f}x)" if "pass" in s else ""
        lines.append(
            f"{name:<32}{s['median_ms']:>7.1f}ms{s['p90_ms']:>7.1f}ms{ratio:>8}{extra:>8}"
            f"{s['cpu_median_ms']:>7.1f}ms{cpu_ratio:>8}{rss:>9}{verdict}"
        )
    if install == "editable":
        lines.append("(an editable install's finder runs at every start, python -c pass's too: --installed measures what users run)")
    return lines


def table(result: dict) -> str:
    runs = result["startup"].get("python -c pass", {}).get("runs")
    lines = [f"ecslint benchmarks  (python {result['python']}, {result['cpus']} CPUs" + (f", {runs} runs)" if runs else ")"), ""]
    lines += _startup_lines(result["startup"], result.get("install", "this interpreter"))
    if result["startup"] and result.get("startup_installed"):
        lines.append("")
    lines += _startup_lines(result.get("startup_installed") or {}, "installed")
    if (result["startup"] or result.get("startup_installed")) and result["throughput"]:
        lines.append("")
    if result["throughput"]:
        lines.append(f"{'throughput':<32}{'files':>7}{'median':>11}{'files/s':>9}{'peak RSS':>10}")
    labels = {"process": "ecslint check DIR (process)", "engine": "engine.run (in-process)", "corpus": "engine.run, real (in-process)"}
    for row in result["throughput"]:
        label = labels[row["kind"]]
        rss = row.get("peak_rss_mb") if row["kind"] == "process" else row.get("self_peak_rss_mb")
        rss_text = f"{rss:.1f} MB" if rss is not None else "-"
        cpu = f"; {row['cpu_files_per_s']:.0f}/s on CPU time" if "cpu_files_per_s" in row else ""
        lines.append(
            f"{label:<32}{row['files']:>7}{row['median_ms']:>9.0f}ms{row['files_per_s']:>9.0f}{rss_text:>10}"
            f"  {_verdict(row['pass'])} (>= {row['budget_files_per_s']:.0f}/s{cpu})"
        )
    growth = result.get("rss_growth_kb_per_file")
    if growth is not None:
        lines.append(f"memory: peak RSS grows {growth:.1f} KB per extra file (flat would be ~0)")
    repo = result.get("repository")
    if repo:
        lines.append("")
        lines.append(f"{'a repository (ecslint check)':<32}{'median':>9}{'p90':>9}")
        for name in ("ECS files only", "+ lock, node_modules, dist, FIFO"):
            lines.append(f"{name:<32}{repo[name]['median_ms']:>7.1f}ms{repo[name]['p90_ms']:>7.1f}ms")
        lines.append(
            f"{'what the other files add':<32}{repo['extra_ms']:>+7.1f}ms  {_verdict(repo['pass'])} (<= {repo['budget_ms']:.0f} ms; "
            f"{repo['checked_files']} ECS files checked, nothing reported)"
        )
    fixing = result.get("fix")
    if fixing:
        lines.append("")
        lines.append(f"{'the corpus (' + str(fixing['files']) + ' files)':<32}{'median':>9}{'p90':>9}")
        for name in ("check", "check --fix"):
            lines.append(f"{name:<32}{fixing[name]['median_ms']:>7.1f}ms{fixing[name]['p90_ms']:>7.1f}ms")
        lines.append(f"{'--fix / check':<32}{fixing['ratio']:>8.2f}x  {_verdict(fixing['pass'])} (<= {fixing['budget_ratio']:.0f}x)")
    formats = result.get("formats")
    if formats:
        if lines[-1]:
            lines.append("")
        what = f"the corpus x{formats['copies']}" if formats["copies"] > 1 else "the corpus"
        lines.append(f"{'reporters (' + what + ')':<32}{'median':>11}{'p90':>11}{'/ text':>8}")
        for fmt in FORMATS:
            lines.append(f"{'--format ' + fmt:<32}{formats[fmt]['median_ms']:>9.1f}ms{formats[fmt]['p90_ms']:>9.1f}ms{formats[fmt]['ratio_to_text']:>7.2f}x")
        lines.append(f"({formats['files']} files checked, {formats['findings']} findings, report written to {os.devnull})")
    engine = next((r for r in result["throughput"] if r["kind"] == "engine"), None)
    if engine:
        lines.append("")
        lines.append(
            f"in-process: import {engine['import_ms']:.0f} ms, first run {engine['first_run_ms']:.0f} ms "
            f"(lazy imports), {engine['documents']} documents, findings {engine['findings_by_rule']}"
        )
        lines.append("(the in-process RSS is the benchmark's own peak, generator and reports included)")
    if result.get("inputs"):
        lines.append(f"generated inputs: {result['inputs']}")
    if result.get("scale"):
        if lines[-1]:
            lines.append("")
        lines.append(
            f"{'scale (ecslint check DIR, json)':<32}{'files':>7}{'jobs':>6}{'wall':>9}{'CPU':>9}{'files/s':>9}{'peak RSS':>10}"
            f"{'findings':>10}{'speed-up':>10}"
        )
        labels = {"corpus": "corpus copies", "generated": "generated task definitions"}
        for row in result["scale"]:
            rss = f"{row['peak_rss_mb']:>7.1f} MB" if row.get("peak_rss_mb") is not None else f"{'-':>10}"
            speedup = f"{row['speedup']:.2f}x" if "speedup" in row else ""
            goals = []
            if "pass_parallel" in row:
                goals.append(f"{_verdict(row['pass_parallel'])} (>= {PARALLEL_GOAL}x)")
            if "pass_rss" in row:
                goals.append(f"{_verdict(row['pass_rss'])} (<= {RSS_GOAL_MB:.0f} MB)")
            findings = f"{row['findings']}" if "findings" in row else "-"
            lines.append(
                f"{labels.get(row.get('tree'), row.get('tree', '')):<32}{row['files']:>7}{row['jobs']:>6}{row['wall_s']:>8.1f}s{row['cpu_s']:>8.1f}s"
                f"{row['files_per_s']:>9.0f}{rss}{findings:>10}{speedup:>10}" + ("  " + ", ".join(goals) if goals else "")
            )
        trees = {row.get("tree"): row for row in result["scale"]}
        with_findings = ", ".join(
            f"{labels.get(tree, tree)}: {row['files_with_findings'] * 100 / row['files']:.0f} % of the files with findings"
            for tree, row in trees.items() if "files_with_findings" in row
        )
        if with_findings:
            lines.append(f"({with_findings})")
        lines.append(
            f"(goals: --jobs 2 >= {PARALLEL_GOAL}x serial at {PARALLEL_GOAL_FILES:,} files; peak RSS <= {RSS_GOAL_MB:.0f} MB at "
            f"{RSS_GOAL_FILES:,}; RSS is the largest process's; wall times need an otherwise idle machine)"
        )
    if result.get("lifecycle"):
        if lines[-1]:
            lines.append("")
        lines.append(f"{'lifecycle preview (process)':<32}{'images':>7}{'input':>9}{'median':>9}{'CPU':>9}{'images/s':>10}{'peak RSS':>10}")
        for row in result["lifecycle"]:
            rss = f"{row['peak_rss_mb']:>7.1f} MB" if row.get("peak_rss_mb") is not None else f"{'-':>10}"
            lines.append(
                f"{'ecslint lifecycle preview':<32}{row['images']:>7}{row['images_mb']:>6.1f} MB{row['wall_s']:>8.2f}s{row['cpu_s']:>8.2f}s"
                f"{row['images_per_s']:>10.0f}{rss}  ({row['expire']} expire, {row['transition']} transition, {row['keep']} keep, "
                f"{row['ties']} ties)"
            )
        rows = result["lifecycle"]
        if len(rows) > 1 and rows[0]["cpu_s"] > 0:
            first, last = rows[0], rows[-1]
            factor = last["images"] / first["images"]
            lines.append(
                f"({factor:.0f}x the images take {last['cpu_s'] / first['cpu_s']:.1f}x the CPU time: {factor:.0f}x is linear, "
                f"{factor * factor:.0f}x quadratic; median of {first['runs']} run(s), text report, --now {LIFECYCLE_NOW})"
            )
    return "\n".join(lines)


def _rounded(value):
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per start-up command (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed warm-up runs first (default 3)")
    parser.add_argument("--files", type=int, default=1000, help="generated task definitions (default 1000)")
    parser.add_argument("--throughput-runs", type=int, default=3, help="timed runs of each throughput measurement (default 3)")
    parser.add_argument("--no-scale", action="store_true", help="skip the second throughput run at twice --files (memory flatness)")
    parser.add_argument("--skip-startup", action="store_true", help="only the throughput part")
    parser.add_argument(
        "--installed", action="store_true",
        help="also time the start-up in a throw-away venv with the checkout installed as users install it (pip install ., not editable)",
    )
    parser.add_argument("--installed-venv", metavar="DIR", help="with --installed: install into that venv (made if absent) and keep it")
    parser.add_argument("--skip-throughput", action="store_true", help="only the start-up part")
    parser.add_argument("--skip-repository", action="store_true", help="skip the repository with a lock file, node_modules, dist/ and a FIFO")
    parser.add_argument("--keep", metavar="DIR", help="generate the inputs into DIR and keep them")
    parser.add_argument(
        "--corpus", metavar="DIR", default=str(ROOT.parent / "shared" / "corpus"),
        help="real files: check --fix against a plain check, and the in-process throughput on its task definitions (default ../shared/corpus; skipped when absent)",
    )
    parser.add_argument("--skip-fix", action="store_true", help="skip check --fix on the corpus")
    parser.add_argument("--skip-formats", action="store_true", help="skip the text/json/sarif/github reporter timings on the corpus")
    parser.add_argument("--formats", action="store_true", help="only the reporter timings on the corpus (text, json, sarif, github side by side)")
    parser.add_argument("--formats-copies", type=int, default=1, metavar="N", help="time the reporters on N copies of the corpus side by side (default 1)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON instead of a table")
    parser.add_argument(
        "--scale", nargs="?", const=",".join(map(str, SCALE_SIZES)), metavar="SIZES",
        help="also check trees of SIZES files (see --scale-tree), serial and parallel: files/s, CPU, peak RSS (default sizes 1000,10000,50000)",
    )
    parser.add_argument("--scale-only", action="store_true", help="only the --scale part")
    parser.add_argument("--scale-runs", type=int, default=1, help="runs of each --scale measurement, the best kept (default 1)")
    parser.add_argument(
        "--scale-tree", choices=("corpus", "generated", "both"), default="both",
        help="the --scale trees: copies of the corpus (most files with findings), generated task definitions (about 10%% with findings), or both (default)",
    )
    parser.add_argument("--skip-lifecycle", action="store_true", help="skip the lifecycle preview timings")
    parser.add_argument("--lifecycle-only", action="store_true", help="only the lifecycle preview timings")
    parser.add_argument(
        "--lifecycle-sizes", default=",".join(map(str, LIFECYCLE_SIZES)), metavar="SIZES",
        help="images in the generated listings of the lifecycle preview (default 10000,100000)",
    )
    parser.add_argument("--lifecycle-runs", type=int, default=3, help="timed runs of each lifecycle preview, the median kept (default 3)")
    args = parser.parse_args(argv)
    if args.scale_only:
        args.scale = args.scale or ",".join(map(str, SCALE_SIZES))
        args.skip_startup = args.skip_throughput = args.skip_repository = args.skip_fix = args.skip_formats = args.skip_lifecycle = True
    if args.lifecycle_only:
        args.scale = None
        args.skip_startup = args.skip_throughput = args.skip_repository = args.skip_fix = args.skip_formats = True
    if args.runs < 1 or args.files < 1 or args.throughput_runs < 1:
        parser.error("--runs, --files and --throughput-runs must be at least 1")
    if args.formats_copies < 1:
        parser.error("--formats-copies must be at least 1")
    try:
        lifecycle_sizes = [int(n) for n in args.lifecycle_sizes.split(",") if n.strip()]
        scale_sizes = [int(n) for n in args.scale.split(",") if n.strip()] if args.scale else []
    except ValueError:
        parser.error("--scale and --lifecycle-sizes take numbers separated by commas, like 1000,10000")
    if args.lifecycle_runs < 1 or not lifecycle_sizes or min(lifecycle_sizes + scale_sizes) < 1:
        parser.error("--lifecycle-runs, --lifecycle-sizes and --scale must be at least 1")
    if args.formats:
        if not Path(args.corpus).is_dir():
            parser.error(f"--formats needs the corpus: {args.corpus} is not a directory")
        args.skip_startup = args.skip_repository = args.skip_fix = args.skip_throughput = args.skip_lifecycle = True

    cli = ecslint_command()
    if not (args.scale_only or args.lifecycle_only):
        verify_clean(cli)
    result: dict = {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "command": cli,
        "cpus": os.cpu_count(),
        "install": install_mode(),
        "startup": {},
        "throughput": [],
        "repository": None,
    }
    say = (lambda *a: print(*a, file=sys.stderr)) if not args.json else (lambda *a: None)

    if not args.skip_startup:
        say(f"start-up: {args.warmup} warm-up + {args.runs} interleaved runs ...")
        result["startup"] = startup(cli, args.runs, args.warmup)
    if args.installed:
        venv = Path(args.installed_venv) if args.installed_venv else Path(tempfile.mkdtemp(prefix="ecslint-installed-"))
        try:
            python = installed_venv(venv, say)
            say(f"start-up, installed: {args.warmup} warm-up + {args.runs} interleaved runs ...")
            verify_clean(ecslint_command(python))
            result["installed_python"] = python
            result["startup_installed"] = startup(ecslint_command(python), args.runs, args.warmup, python)
        finally:
            if not args.installed_venv:
                shutil.rmtree(venv, ignore_errors=True)

    if not args.skip_repository:
        say(f"repository: {args.throughput_runs * 5} interleaved runs with and without the other files ...")
        result["repository"] = repository_overhead(cli, args.throughput_runs * 5)

    if not args.skip_fix and Path(args.corpus).is_dir():
        say(f"fix: {args.throughput_runs * 3} interleaved runs of check and check --fix on {args.corpus} ...")
        result["fix"] = fix_overhead(cli, Path(args.corpus), args.throughput_runs * 3)

    if not args.skip_formats and Path(args.corpus).is_dir():
        say(f"formats: {args.throughput_runs * 3} interleaved runs of each reporter on {args.corpus} ...")
        result["formats"] = reporters(cli, Path(args.corpus), args.throughput_runs * 3, args.formats_copies)

    if not args.skip_throughput:
        base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ecslint-bench-"))
        try:
            sizes = [args.files] if args.no_scale else [args.files, 2 * args.files]
            inputs = {}
            for size in sizes:
                directory = base / f"taskdefs-{size}"
                if directory.exists():
                    shutil.rmtree(directory)
                directory.mkdir(parents=True)
                inputs[size] = generate(directory, size)
                say(f"throughput: {size} files, whole process ...")
                row = throughput_process(cli, directory, size, args.throughput_runs)
                result["throughput"].append({"kind": "process", **row})
            result["inputs"] = {str(k): v for k, v in inputs.items()}
            rows = [r for r in result["throughput"] if r["kind"] == "process" and r["peak_rss_mb"] is not None]
            if len(rows) == 2:
                growth = (rows[1]["peak_rss_mb"] - rows[0]["peak_rss_mb"]) * 1024 / (rows[1]["files"] - rows[0]["files"])
                result["rss_growth_kb_per_file"] = growth
            say(f"throughput: {args.files} files, in-process engine ...")
            row = throughput_engine(base / f"taskdefs-{args.files}", args.files, args.throughput_runs)
            result["throughput"].append({"kind": "engine", **row})
            if Path(args.corpus).is_dir():
                real = base / f"real-{args.files}"
                real.mkdir()
                distinct = real_task_definitions(Path(args.corpus), real, args.files)
                say(f"throughput: {args.files} real task definitions ({distinct} distinct), in-process engine ...")
                row = throughput_engine(real, args.files, args.throughput_runs)
                result["throughput"].append({"kind": "corpus", "distinct": distinct, **row})
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)

    if args.scale:
        base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ecslint-scale-"))
        try:
            trees = SCALE_TREES if args.scale_tree == "both" else (args.scale_tree,)
            result["scale"] = scale(cli, scale_sizes, max(1, args.scale_runs), base, say, trees)
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)

    if not args.skip_lifecycle:
        base = Path(args.keep) / "lifecycle" if args.keep else Path(tempfile.mkdtemp(prefix="ecslint-lifecycle-"))
        try:
            result["lifecycle"] = lifecycle(cli, lifecycle_sizes, args.lifecycle_runs, base, say, keep=bool(args.keep))
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)

    if args.json:
        print(json.dumps(_rounded(result), indent=2))
    else:
        print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
