"""Which files ecslint reads, and how (issue 7 items 1-3, issue 12 item 1).

ecslint judges only files that hold ECS documents: a large or undecodable file that does
not look like ECS is skipped, never a failed commit. ``exclude``, ``--exclude`` and
``--force-exclude`` drop any path, ``.gitignore`` is respected when walking, and nothing
the user names or ecslint finds (a FIFO, a device, a socket, a symbolic link loop) can hang
the run or end in an internal error.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.config import ConfigError, from_mapping
from ecslint.engine import Settings, run
from ecslint.load import files
from ecslint.load.discover import PathError, discover
from ecslint.load.reader import MAX_BYTES, looks_like_ecs

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (ROOT / "benchmarks" / "clean-task-definition.json").read_text(encoding="utf-8")


def _no_essential() -> str:
    """The clean task definition with every container non-essential: one ECS101, at the
    ``containerDefinitions`` key (line 1 on one line)."""
    task = json.loads(CLEAN)
    for container in task["containerDefinitions"]:
        container["essential"] = False
    return json.dumps(task)


NO_ESSENTIAL = _no_essential()
ECS101_COLUMN = NO_ESSENTIAL.index('"containerDefinitions"') + 1
BROKEN = '{"a": [1\n'  # invalid as JSON and as YAML
#: YAML aliases nested ten times ten deep: a billion values once expanded.
BOMB = "a0: &a0 x\n" + "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 10))

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _cli(*args: str, cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The real command, in a child whose address space is capped: a run that reads
    without a bound fails fast instead of taking the machine's memory."""

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    command = [sys.executable, "-c", "import sys; from ecslint.cli import run; sys.argv[0] = 'ecslint'; run()", *args]
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env,
        preexec_fn=cap if sys.platform == "linux" else None,
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result


def _report(path: Path, **settings) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(rule, file name) of each finding, and the skipped files' reasons by name."""
    report = run([str(path)], Settings(**settings))
    findings = [(f.rule, os.path.basename(f.path)) for f in report.findings]
    return findings, {os.path.basename(f.display): f.skipped for f in report.skipped}


def _git_repository(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(path)], check=True)
    else:
        (path / ".git" / "info").mkdir(parents=True)
    return path


# -- special files, devices, loops: bounded reads ------------------------------------------


@needs_fifo
def test_a_fifo_found_while_walking_is_skipped_and_does_not_hang(tmp_path):
    (tmp_path / "d").mkdir()
    os.mkfifo(tmp_path / "d" / "p.json")
    (tmp_path / "d" / "task-definition.json").write_text(NO_ESSENTIAL, encoding="utf-8")
    result = _cli("check", "--verbose", "d", cwd=tmp_path, timeout=20)
    assert result.returncode == 1, result.stderr
    assert "d/p.json: skipped: a FIFO (named pipe), not a regular file\n" in result.stdout
    assert f"d/task-definition.json:1:{ECS101_COLUMN}: ECS101" in result.stdout


def test_a_socket_found_while_walking_is_skipped(tmp_path):
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no UNIX sockets here")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.json"))
        _, skipped = _report(tmp_path)
    finally:
        server.close()
    assert skipped == {"s.json": "a socket, not a regular file"}


@needs_fifo
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "p.json"], "cannot read p.json: a FIFO (named pipe), not a regular file"),
        (["check", "--config", "p.json", "t.json"], "cannot read p.json: a FIFO (named pipe), not a regular file"),
        (["check", "--baseline", "p.json", "t.json"], "cannot read baseline p.json: a FIFO (named pipe), not a regular file"),
        (["check", "--context", "p.json", "t.json"], "cannot read p.json: a FIFO (named pipe), not a regular file"),
        (["lifecycle", "preview", "p.json", "--images", "images.json"], "cannot read p.json: a FIFO (named pipe), not a regular file"),
        (["lifecycle", "preview", "policy.json", "--images", "p.json"], "cannot read p.json: a FIFO (named pipe), not a regular file"),
        (["check", "loop.json"], "cannot read loop.json: a symbolic link loop, not a regular file"),
        (["check", "dangling.json"], "cannot read dangling.json: a symbolic link to a missing file, not a regular file"),
        (["check", "--config", "loop.json", "t.json"], "cannot read loop.json: a symbolic link loop, not a regular file"),
        (["lifecycle", "preview", "loop.json", "--images", "images.json"], "cannot read loop.json: a symbolic link loop, not a regular file"),
    ],
)
def test_a_named_special_file_is_a_usage_error_not_a_hang(tmp_path, args, message):
    os.mkfifo(tmp_path / "p.json")
    (tmp_path / "loop.json").symlink_to("loop.json")
    (tmp_path / "dangling.json").symlink_to("missing.json")
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "lifecycle-policy.json", tmp_path / "policy.json")
    shutil.copy(ROOT / "examples" / "lifecycle" / "images.json", tmp_path / "images.json")
    result = _cli(*args, cwd=tmp_path, timeout=20)
    assert (result.returncode, result.stderr) == (2, f"ecslint: error: {message}\n")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "/dev/zero"], "cannot read /dev/zero: a character device, not a regular file"),
        (["check", "--config", "/dev/zero", "t.json"], "cannot read /dev/zero: a character device, not a regular file"),
        (["check", "--baseline", "/dev/zero", "t.json"], "cannot read baseline /dev/zero: a character device, not a regular file"),
        (["lifecycle", "preview", "/dev/zero", "--images", "t.json"], "cannot read /dev/zero: a character device, not a regular file"),
        (["lifecycle", "preview", "policy.json", "--images", "/dev/zero"], "cannot read /dev/zero: a character device, not a regular file"),
    ],
)
def test_a_device_is_refused_not_read_forever(tmp_path, args, message):
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "lifecycle-policy.json", tmp_path / "policy.json")
    result = _cli(*args, cwd=tmp_path, timeout=20)
    assert (result.returncode, result.stderr) == (2, f"ecslint: error: {message}\n")


def test_symbolic_link_loops_found_while_walking_are_skipped_with_the_reason(tmp_path):
    (tmp_path / "loop.json").symlink_to("loop.json")
    (tmp_path / "dangling.json").symlink_to("missing.json")
    (tmp_path / "task-definition.json").write_text(NO_ESSENTIAL, encoding="utf-8")
    findings, skipped = _report(tmp_path)
    assert findings == [("ECS101", "task-definition.json")]
    assert skipped == {
        "dangling.json": "a symbolic link to a missing file, not a regular file",
        "loop.json": "a symbolic link loop, not a regular file",
    }


def test_the_read_is_bounded_whatever_stat_says(tmp_path, monkeypatch):
    """A regular file whose size ``stat`` understates (as files under /proc do) is read
    to the limit plus one byte, no further."""
    path = tmp_path / "growing.json"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    def lying(fd):
        status = list(real_fstat(fd))
        status[6] = 0  # st_size
        return os.stat_result(status)

    monkeypatch.setattr(os, "fstat", lying)
    assert files.read_regular(str(path), 5000) == b"x" * 5000
    with pytest.raises(files.TooLarge) as raised:
        files.read_regular(str(path), 1000)
    assert raised.value.strerror == "file too large: more than 1,000 bytes (ecslint reads up to 1,000)"
    assert raised.value.head == b"x" * 1001
    assert raised.value.errno == errno.EFBIG


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang the suite, when a FIFO blocks ``open`` in this process."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@needs_fifo
def test_a_path_that_became_a_fifo_after_the_check_is_refused_without_blocking(tmp_path, monkeypatch):
    """The check and the open are two steps: the non-blocking open and ``fstat`` close the gap."""
    os.mkfifo(tmp_path / "p.json")
    monkeypatch.setattr(files, "unusable", lambda path: None)
    with _deadline(10), pytest.raises(files.NotRegularFile, match="a FIFO"):
        files.read_regular(str(tmp_path / "p.json"), 100)


@needs_fifo
def test_a_named_special_file_raises_a_path_error_through_the_api(tmp_path):
    os.mkfifo(tmp_path / "p.json")
    with _deadline(10), pytest.raises(PathError, match="a FIFO"):
        run([str(tmp_path / "p.json")], Settings())


# -- a file that is not ECS never fails the commit ----------------------------------------


def _lock_file(path: Path, size: int) -> None:
    """An npm lock file's beginning, made ``size`` bytes long (sparse: the test is cheap)."""
    entry = '    "node_modules/pkg-{0}": {{"version": "1.0.{0}", "integrity": "sha512-{1}"}},\n'
    head = '{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n' + "".join(entry.format(i, "A" * 86) for i in range(2000))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head)
        handle.truncate(size)


def test_a_lock_file_too_large_to_read_is_skipped_not_reported(tmp_path):
    _lock_file(tmp_path / "package-lock.json", 20 * 1024 * 1024)
    findings, skipped = _report(tmp_path / "package-lock.json")
    assert findings == []
    assert skipped["package-lock.json"] == (
        f"file too large: {20 * 1024 * 1024:,} bytes (ecslint reads up to {MAX_BYTES:,}), "
        f"and nothing ECS-related in its first {files.HEAD_BYTES:,} bytes"
    )
    result = _cli("check", "package-lock.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "No ECS document found in 1 file: nothing was checked." in result.stdout


def test_a_file_too_large_is_still_reported_when_its_beginning_is_ecs(tmp_path):
    path = tmp_path / "big.json"  # a neutral name: the content says ECS
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"family": "web", "containerDefinitions": [')
        handle.truncate(MAX_BYTES + 1)
    report = run([str(path)], Settings())
    assert [(f.rule, f.message) for f in report.findings] == [
        ("ECS001", f"file too large: {MAX_BYTES + 1:,} bytes (ecslint reads up to {MAX_BYTES:,}); ECS documents are far smaller")
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("latin1.json", '{"name": "caf\xe9"}\n'.encode("latin-1"), "not valid UTF-8 text: byte 0xe9 at offset 13"),
        ("data.json", b'{"blob": "\x00\x01"}', "binary content: NUL byte at offset 10"),
        ("utf16.json", b"\xff\xfe" + '{"a": 1}'.encode("utf-16-le") + b"\x00\xd8", "not valid UTF-16-LE text: byte 0x00"),
        ("deep.json", b"[" * 600 + b"]" * 600, "nesting deeper than 500 levels"),
        ("deep.yaml", b"x: " + b"[" * 1200 + b"]" * 1200 + b"\n", "nesting depth"),
        ("anchors.yaml", BOMB.encode(), "aliases expand to more than 500,000 values"),
    ],
)
def test_an_undecodable_or_hostile_file_that_is_not_ecs_is_skipped(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    findings, skipped = _report(tmp_path / name)
    assert findings == []
    assert reason in skipped[name] and "nothing ECS-related in it" in skipped[name]


def test_an_undecodable_file_that_looks_like_ecs_is_reported_at_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"family": "caf\xe9",\n "containerDefinitions": []}\n'.encode("latin-1"))
    [finding] = run([str(path)], Settings()).findings
    assert (finding.rule, finding.region.line, finding.region.column) == ("ECS001", 1, 16)
    assert finding.message == "not valid UTF-8 text: byte 0xe9 at offset 15; save the file as UTF-8"


@pytest.mark.parametrize(
    ("name", "ecs"),
    [
        ("specs.json", False),
        ("secret.yaml", False),
        ("decrypt.json", False),
        ("records.json", False),
        ("recs.json", False),
        ("lifecycles-of-stars.json", False),
        ("ecs.json", True),
        ("ecs-service.json", True),
        ("my_ecs_task.yaml", True),
        ("ecsTaskDef.json", True),
        ("ECSService.json", True),
        ("ecr-policy.json", True),
        ("lifecycle-policy.json", True),
        ("taskdef.json", True),
        ("task-definition.json", True),
        ("task_definition.prod.json", True),
        ("TaskDefinition.json", True),
        ("container-definitions.json", True),
        ("containerDefs.json", True),
    ],
)
def test_the_file_name_says_ecs_only_in_whole_words(tmp_path, name, ecs):
    assert looks_like_ecs(name, BROKEN) is ecs
    (tmp_path / name).write_text(BROKEN, encoding="utf-8")
    findings, skipped = _report(tmp_path / name)
    assert findings == ([("ECS001", name)] if ecs else [])
    assert (name in skipped) is not ecs


@pytest.mark.parametrize(
    ("text", "ecs"),
    [
        ('{"containerDefinitions": [],}', True),
        ('{"essential": true,}', True),
        ("essential: true\n  - [", True),
        ('{"lifecyclePolicyText": "{\\"rulePriority\\": 1,}"', True),
        ("Type: AWS::ECS::TaskDefinition\n  - [", True),
        ('{"nonessential": true,}', False),
        ('{"x-essential": true,}', False),
        ('{"essentials": true,}', False),
        ('{"description": "see containerDefinitions in the docs",}', False),
    ],
)
def test_the_text_says_ecs_only_with_an_ecs_key(text, ecs):
    assert looks_like_ecs("data.json", text) is ecs


# -- exclude, --exclude, --force-exclude ---------------------------------------------------


def _excluding_project(tmp_path: Path, config: str) -> Path:
    (tmp_path / ".ecslint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "task-definition.json").write_text(NO_ESSENTIAL, encoding="utf-8")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "task-definition.json").write_text(NO_ESSENTIAL, encoding="utf-8")
    (tmp_path / "task-definition.json").write_text(NO_ESSENTIAL, encoding="utf-8")
    return tmp_path


def _found(result: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(f["path"] for f in json.loads(result.stdout)["findings"])


def test_exclude_drops_a_named_path_only_with_force_exclude(tmp_path):
    project = _excluding_project(tmp_path, 'exclude = ["legacy"]\n')
    named = ("legacy/task-definition.json", "task-definition.json")
    assert _found(_cli("check", "-f", "json", *named, cwd=project)) == sorted(named)
    assert _found(_cli("check", "-f", "json", "--force-exclude", *named, cwd=project)) == ["task-definition.json"]
    # Walking, the config's exclude applies anyway.
    assert _found(_cli("check", "-f", "json", ".", cwd=project)) == ["task-definition.json", "vendor/task-definition.json"]


def test_force_exclude_from_the_config(tmp_path):
    project = _excluding_project(tmp_path, 'exclude = ["legacy/*"]\nforce-exclude = true\n')
    result = _cli("check", "-f", "json", "legacy/task-definition.json", cwd=project)
    assert result.returncode == 0
    assert json.loads(result.stdout)["summary"]["files"] == 0


def test_cli_exclude_is_repeatable_comma_separated_and_adds_to_the_config(tmp_path):
    project = _excluding_project(tmp_path, 'exclude = ["legacy"]\n')
    result = _cli("check", "-f", "json", "--exclude", "vendor/*,nothing", "--exclude", "other", ".", cwd=project)
    assert _found(result) == ["task-definition.json"]
    result = _cli("check", "-f", "json", "--exclude", "task-definition.json", "--force-exclude", "task-definition.json", cwd=project)
    assert _found(result) == []


def test_cli_exclude_globs_are_relative_to_the_working_directory(tmp_path):
    """The config's globs are relative to the config file, ``--exclude`` to where it runs:
    from legacy/, ``*/task-definition.json`` is every task definition but legacy's own."""
    project = _excluding_project(tmp_path, "")
    result = _cli("check", "-f", "json", "--exclude", "*/task-definition.json", "..", cwd=project / "legacy")
    assert _found(result) == ["task-definition.json"]
    (project / ".ecslint.toml").write_text('exclude = ["*/task-definition.json"]\n', encoding="utf-8")
    assert _found(_cli("check", "-f", "json", "..", cwd=project / "legacy")) == ["../task-definition.json"]


@pytest.mark.parametrize("key", ["force-exclude", "respect-gitignore"])
def test_boolean_keys_must_be_booleans(key):
    assert getattr(from_mapping({key: False}), key.replace("-", "_")) is False
    with pytest.raises(ConfigError, match=f"`{key}` must be true or false, not 'yes'"):
        from_mapping({key: "yes"})


def test_the_pre_commit_hook_passes_force_exclude():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["ecslint"]["entry"].split() == ["ecslint", "check", "--force-exclude"]
    assert hooks["ecslint-fix"]["entry"].split() == ["ecslint", "check", "--fix", "--force-exclude"]
    assert hooks["ecslint"]["types_or"] == hooks["ecslint-fix"]["types_or"]


# -- .gitignore ----------------------------------------------------------------------------


def _ignoring_repository(tmp_path: Path) -> Path:
    repo = _git_repository(tmp_path / "repo")
    (repo / ".gitignore").write_text("# build output\ndist/\n*.generated.json\n", encoding="utf-8")
    for name in ("dist/task-definition.json", "app/task-definition.json", "app/web.generated.json",
                 "app/keep/web.generated.json", "app/local/task-definition.json", "app/mine.json"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(NO_ESSENTIAL, encoding="utf-8")
    (repo / "app" / "keep" / ".gitignore").write_text("!*.generated.json\n", encoding="utf-8")
    (repo / "app" / "local" / ".gitignore").write_text("*\n", encoding="utf-8")
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("# personal\n/app/mine.json\n", encoding="utf-8")
    return repo


def test_walking_a_repository_skips_what_git_ignores(tmp_path):
    repo = _ignoring_repository(tmp_path)
    expected = ["app/keep/web.generated.json", "app/task-definition.json"]
    if shutil.which("git"):  # the same verdict as git's own
        listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=repo, capture_output=True, text=True, check=True)
        assert sorted(p for p in listed.stdout.split() if p.endswith(".json")) == expected
    report = run([str(repo)], Settings())
    assert sorted(os.path.relpath(f.path, repo) for f in report.findings) == expected
    assert _found(_cli("check", "-f", "json", ".", cwd=repo)) == expected
    assert _found(_cli("check", "-f", "json", "app", cwd=repo)) == expected


def test_respect_gitignore_can_be_turned_off(tmp_path):
    repo = _ignoring_repository(tmp_path)
    everything = ["app/keep/web.generated.json", "app/local/task-definition.json", "app/mine.json",
                  "app/task-definition.json", "app/web.generated.json", "dist/task-definition.json"]
    assert _found(_cli("check", "-f", "json", "--no-respect-gitignore", ".", cwd=repo)) == everything
    (repo / ".ecslint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert _found(_cli("check", "-f", "json", ".", cwd=repo)) == everything


def test_a_named_ignored_file_is_checked_unless_force_exclude(tmp_path):
    repo = _ignoring_repository(tmp_path)
    named = ("dist/task-definition.json", "app/web.generated.json", "app/task-definition.json")
    assert _found(_cli("check", "-f", "json", *named, cwd=repo)) == sorted(named)
    assert _found(_cli("check", "-f", "json", "--force-exclude", *named, cwd=repo)) == ["app/task-definition.json"]
    # A named directory that git ignores is walked (with the rules inside it).
    assert _found(_cli("check", "-f", "json", "dist", cwd=repo)) == ["dist/task-definition.json"]


def test_gitignore_outside_a_repository_is_not_read(tmp_path):
    (tmp_path / ".gitignore").write_text("*.json\n", encoding="utf-8")
    (tmp_path / "task-definition.json").write_text(NO_ESSENTIAL, encoding="utf-8")
    assert _report(tmp_path)[0] == [("ECS101", "task-definition.json")]


def test_a_worktree_reads_the_exclude_file_of_its_main_repository(tmp_path):
    main = _git_repository(tmp_path / "main")
    (main / ".git" / "info").mkdir(exist_ok=True)
    (main / ".git" / "info" / "exclude").write_text("scratch/\n", encoding="utf-8")
    worktree = tmp_path / "worktree"
    gitdir = main / ".git" / "worktrees" / "worktree"
    gitdir.mkdir(parents=True)
    (gitdir / "commondir").write_text("../..\n", encoding="utf-8")
    (worktree / "scratch").mkdir(parents=True)
    (worktree / ".git").write_text(f"gitdir: {gitdir}\n", encoding="utf-8")
    (worktree / "scratch" / "task-definition.json").write_text(NO_ESSENTIAL, encoding="utf-8")
    (worktree / "task-definition.json").write_text(NO_ESSENTIAL, encoding="utf-8")
    assert _report(worktree)[0] == [("ECS101", "task-definition.json")]


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "ignored"),
    [
        # The examples of git's gitignore documentation.
        ("doc/frotz/", "doc/frotz", True, True),
        ("doc/frotz/", "a/doc/frotz", True, False),
        ("frotz/", "a/frotz", True, True),
        ("frotz/", "frotz", False, False),
        ("foo/*", "foo/test.json", False, True),
        ("foo/*", "foo/bar", True, True),
        ("foo/*", "foo/bar/hello.c", False, False),
        ("**/foo", "x/y/foo", False, True),
        ("**/foo/bar", "x/foo/bar", False, True),
        ("abc/**", "abc/x/y", False, True),
        ("abc/**", "abc", True, False),
        ("a/**/b", "a/b", False, True),
        ("a/**/b", "a/x/y/b", False, True),
        ("/a.json", "x/a.json", False, False),
        ("a.json", "x/a.json", False, True),
        # Escapes, spaces, classes.
        ("\\#a", "#a", False, True),
        ("\\!a", "!a", False, True),
        ("a ", "a", False, True),
        ("a\\ ", "a ", False, True),
        ("[!a].json", "b.json", False, True),
        ("[!a].json", "a.json", False, False),
        ("[a-c]?.json", "bx.json", False, True),
        ("[[:digit:]].json", "7.json", False, True),
        ("*.json", "a/b", False, False),
        ("a*", "a/b", False, False),
    ],
)
def test_patterns_match_as_the_gitignore_documentation_says(pattern, path, is_dir, ignored):
    from ecslint.load.gitignore import translate

    regex, ignores, directories = translate(pattern)
    assert ignores and (regex.fullmatch(path) is not None and (is_dir or not directories)) is ignored


@pytest.mark.parametrize("line", ["", "   ", "# a comment", "!", "/", "[z-a]"])
def test_lines_without_a_pattern_match_nothing(line):
    from ecslint.load.gitignore import translate

    assert translate(line) is None


# -- the repository of the done-when -------------------------------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location("ecslint_bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_real_repository_gives_the_verdict_of_its_ecs_files_alone(tmp_path):
    """A 20 MiB package-lock.json, node_modules/ with 2,000 JSON files (ECS-shaped
    fixtures among them), a git-ignored dist/ and a FIFO: exit 0, nothing reported from
    them (benchmarks/bench.py times the same repository)."""
    expected = _bench().repository(tmp_path / "repo")
    result = _cli("check", "--format", "json", "--verbose", ".", cwd=tmp_path / "repo", timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert report["summary"]["checked"] == len(expected["checked"])
    assert sorted(s["path"] for s in report["skipped"]) == expected["skipped"]
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}
    assert reasons["package-lock.json"].startswith("file too large: ")
    if hasattr(os, "mkfifo"):
        assert reasons["pipe.json"] == "a FIFO (named pipe), not a regular file"


# -- .gitignore: the same verdict as git's own ---------------------------------------------

_NAMES = ("a", "b", "c.json", "d.json")
_PATTERNS = (
    "a", "b", "/a", "a/", "/b/", "*", "*/", "a/*", "*.json", "c.json", "/c.json", "b/*.json", "**/d.json", "a/**", "a/**/c.json",
    "**", "a/**/", "**/a/**", "!c.json", "!a", "!*.json", "!b/", "!*/", "!a/**", "[ab]", "[!a]", "[a-c].json", "*.[jy]son",
    "?.json", "c.jso?", "[[:alpha:]].json", "#a", "\\#a", "\\!a", "a ", "a\\ ", "a//", "c*json",
)


@st.composite
def _trees(draw):
    """Up to 12 files, two levels of directories, and ignore files with patterns."""
    files = draw(st.lists(st.tuples(st.sampled_from(("", "a/", "b/", "a/a/", "a/b/", "b/a/")), st.sampled_from(("c.json", "d.json"))), min_size=1, max_size=12, unique=True))
    ignores = draw(st.dictionaries(st.sampled_from(("", "a/", "b/", "a/b/")), st.lists(st.sampled_from(_PATTERNS), min_size=1, max_size=4), max_size=3))
    exclude = draw(st.lists(st.sampled_from(_PATTERNS), max_size=2))
    return [d + f for d, f in files], ignores, exclude


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to compare with")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=_trees())
def test_the_walk_ignores_exactly_what_git_ignores(tmp_path_factory, tree):
    files, ignores, exclude = tree
    repo = tmp_path_factory.mktemp("repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for name in files:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("{}", encoding="utf-8")
    for directory, patterns in ignores.items():
        (repo / directory).mkdir(parents=True, exist_ok=True)
        (repo / directory / ".gitignore").write_text("\n".join(patterns) + "\n", encoding="utf-8")
    (repo / ".git" / "info" / "exclude").write_text("\n".join(exclude) + "\n", encoding="utf-8")
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=repo, capture_output=True, text=True, check=True)
    expected = sorted(p for p in listed.stdout.split() if p.endswith(".json"))
    walked = sorted(os.path.relpath(c.path, repo).replace(os.sep, "/") for c in discover([str(repo)]))
    assert walked == expected


def test_a_walked_file_holds_its_name_once_when_its_spellings_agree(tmp_path, monkeypatch):
    """A file's path, the name it is shown under and its real path are one string when
    they are spelt alike (a run of 50,000 files held each three times: issue 12)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "td.json").write_text("{}")
    real = os.path.realpath(tmp_path)
    monkeypatch.chdir(real)
    (inside,) = discover(["sub"])
    assert inside.display == inside.path == "sub/td.json" and inside.display is inside.path
    assert inside.real == os.path.join(real, "sub", "td.json")
    monkeypatch.chdir("/")
    (outside,) = discover([os.path.join(real, "sub")])
    assert outside.real == outside.path == outside.display
    assert outside.real is outside.path and outside.display is outside.path
