"""Broken and hostile input never crashes ecslint: each case is one located ``ECS001``
finding, in bounded time and memory, both through :func:`ecslint.engine.run` and through
the real ``ecslint`` command (exit code 1, or 2 for an unreadable file, no traceback).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from ecslint.engine import Settings, run

# -- cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str  # the file name (it matters: a file that cannot be read counts only when it looks like ECS)
    content: bytes
    line: int
    column: int
    message: str  # a fragment of the ECS001 message


def _pos_of(text: str, needle: str, skip: int = 0) -> tuple[int, int]:
    offset = text.index(needle) + skip
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _case(name: str, text: str, needle: str, message: str, skip: int = 0) -> Case:
    """A text case whose error is at ``needle`` (plus ``skip`` characters)."""
    return Case(name, text.encode("utf-8"), *_pos_of(text, needle, skip), message)


TRAILING_COMMA = '{\n  "family": "web",\n  "containerDefinitions": [{"name": "web", "image": "nginx:1.27",}]\n}\n'
MISSING_BRACE = '{\n  "family": "web",\n  "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]\n'
UNQUOTED_KEY = '{\n  "family": "web",\n  containerDefinitions: []\n}\n'
SINGLE_QUOTES = "{\n  'family': 'web',\n  'containerDefinitions': []\n}\n"
TRUNCATED = '{\n  "family": "web",\n  "containerDefinitions": [\n    {"name": "web", "image": "ngi'
TRUNCATED_AFTER_VALUE = '{\n  "family": "web",\n  "containerDefinitions": [\n    {"name": "web", "memory": 512'
HUGE_INT = '{"family": "web",\n "containerDefinitions": [{"name": "web", "memory": ' + "9" * 5000 + "}]}"
NAN = '{"family": "web",\n "containerDefinitions": [{"name": "web", "memory": NaN}]}'
YAML_COMPLEX_KEY = "family: web\ncontainerDefinitions: []\n? [a, b]\n: c\n"
YAML_BAD_INT = "family: web\ncontainerDefinitions:\n  - name: web\n    memory: !!int lots\n"
YAML_HUGE_INT = "family: web\ncontainerDefinitions:\n  - name: web\n    memory: " + "9" * 5000 + "\n"
YAML_TAB = "family: web\ncontainerDefinitions:\n\t- name: web\n"
YAML_CONTROL_CHAR = "family: web\ncontainerDefinitions:\n  - name: w\u00e9b\x01\n"
# U+2028 is a line break to YAML but not to editors or SARIF: the position must still be
# counted in "\n" lines, not in YAML's.
YAML_LINE_SEPARATOR = 'family: "w\u2028b"\ncontainerDefinitions:\n  - name: web\n    image: nginx\n   bad: x\n'
# json decodes an unpaired surrogate escape into a str that cannot be encoded as UTF-8.
LONE_SURROGATE_KEY = '{\n  "family": "web",\n  "\\ud83dmemory": 512,\n  "containerDefinitions": []\n}\n'
LONE_SURROGATE_VALUE = '{"family": "web",\n "containerDefinitions": [{"name": "a\\udc00b"}]}\n'
POLICY_TEXT_BROKEN = '{"repositoryName": "web",\n "lifecyclePolicyText": "{\\"rules\\": [{\\"rulePriority\\": 1,}]}"}\n'
POLICY_TEXT_TWICE = '{"repositoryName": "web",\n "lifecyclePolicyText": "\\"{}\\""}\n'

SYNTAX_CASES = [
    _case("trailing-comma.json", TRAILING_COMMA, ",}", "Expecting property name", skip=1),
    _case("missing-brace.json", MISSING_BRACE, "]\n", "Expecting ',' delimiter", skip=2),
    _case("unquoted-key.json", UNQUOTED_KEY, "containerDefinitions", "Expecting property name"),
    _case("single-quotes.json", SINGLE_QUOTES, "'family'", "Expecting property name"),
    _case("truncated.json", TRUNCATED, '"ngi', "Unterminated string"),
    _case("truncated-task-def.json", TRUNCATED_AFTER_VALUE, "512", "Expecting ',' delimiter", skip=3),
    _case("huge-int.json", HUGE_INT, "9999", "too many digits"),
    _case("nan.json", NAN, "NaN", "NaN is not a JSON number"),
    _case("complex-key.yaml", YAML_COMPLEX_KEY, "[a, b]", "used as a key"),
    _case("bad-int.yaml", YAML_BAD_INT, "!!int", "not a valid !!int"),
    _case("huge-int.yaml", YAML_HUGE_INT, "9999", "not a valid !!int"),
    _case("tab.yaml", YAML_TAB, "\t", "cannot start any token"),
    _case("control-char.yaml", YAML_CONTROL_CHAR, "\x01", "unacceptable character #x0001"),
    _case("line-separator.yaml", YAML_LINE_SEPARATOR, "bad:", "did not find expected '-' indicator"),
    # Inside the string: the inner parser stops at the "}" after the trailing comma.
    _case("lone-surrogate-key.json", LONE_SURROGATE_KEY, '"\\ud83d', "unpaired UTF-16 surrogate"),
    _case("lone-surrogate-value.json", LONE_SURROGATE_VALUE, '"a\\udc00', "unpaired UTF-16 surrogate"),
    _case("policy-text.json", POLICY_TEXT_BROKEN, ',}]}"', "lifecyclePolicyText: invalid JSON", skip=1),
    _case("policy-text-twice.json", POLICY_TEXT_TWICE, '"\\"{}', "encoded twice"),
]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
LATIN1 = '{"family": "caf\xe9",\n "containerDefinitions": []}\n'.encode("latin-1")
LONE_FF = b'{\n  "family": "web",\n  "na\xffme": 1,\n  "containerDefinitions": []\n}\n'
LONE_FF_YAML = b"family: web\ncontainerDefinitions:\n  - name: w\xffb\n"
UTF16_BROKEN = b"\xff\xfe" + '{"family": "web"}'.encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
# Line breaks are two bytes in UTF-16-LE: the position must count characters, not bytes.
UTF16_BROKEN_LINE_3 = b"\xff\xfe" + '{\n  "family": "w\u00e9b",\n  "x": 1'.encode("utf-16-le") + b"\x00\xd8"
UTF8_BOM_BAD_BYTE = b"\xef\xbb\xbf" + b'{"family": "w\xe9b"}'

BYTE_CASES = [
    # A NUL byte after two line breaks (\r\n, then \n): line 3, column 1.
    Case("task-definition.json", PNG, 3, 1, "binary content: NUL byte at offset 8"),
    Case("latin1.json", LATIN1, 1, 16, "not valid UTF-8 text: byte 0xe9"),
    Case("lone-ff.json", LONE_FF, 3, 6, "not valid UTF-8 text: byte 0xff at offset 26"),
    Case("lone-ff.yaml", LONE_FF_YAML, 3, 12, "not valid UTF-8 text: byte 0xff"),
    Case("ecs-utf16-broken.json", UTF16_BROKEN, 1, 18, "not valid UTF-16-LE text: byte 0x00 at offset 36"),
    Case("ecs-utf16-line-3.json", UTF16_BROKEN_LINE_3, 3, 9, "not valid UTF-16-LE text"),
    # The BOM takes no column, but the offset in the message is the file's.
    Case("ecs-utf8-bom-bad.json", UTF8_BOM_BAD_BYTE, 1, 14, "not valid UTF-8 text: byte 0xe9 at offset 16"),
]

NESTING_DEPTH = 200_000

NESTING_CASES = [
    # JSON stops at the bracket that goes past 500 levels.
    Case("ecs-deep-array.json", b"[" * NESTING_DEPTH + b"]" * NESTING_DEPTH, 1, 501, "nesting deeper than 500 levels"),
    Case("ecs-deep-object.json", b'{"a":' * NESTING_DEPTH + b"1" + b"}" * NESTING_DEPTH, 1, 5 * 500 + 1, "nesting deeper than 500 levels"),
    # Deeper than 500 but within what CPython's parser accepts: still the loader's limit.
    Case("ecs-deep-600.json", b"[" * 600 + b"]" * 600, 1, 501, "nesting deeper than 500 levels"),
    # A line above a document nested past CPython's parser limit: the search for where the
    # document starts met a RecursionError (found by tools/fuzz.py; was ECS008 and exit 2).
    Case("ecs-deep-below-a-prompt.json", b"$ aws ecs describe-task-definition\n[" + b"[" * 5000 + b"]" * 5001, 1, 1, "invalid JSON"),
    # libyaml has its own limit (1,000 flow levels) and reports it first.
    Case("ecs-deep-array.yaml", b"[" * NESTING_DEPTH + b"]" * NESTING_DEPTH, 1, 1001, "nesting depth"),
    Case("ecs-deep-object.yaml", b"{a: " * NESTING_DEPTH + b"1" + b"}" * NESTING_DEPTH, 1, 4 * 500 + 1, "nesting deeper than 500 levels"),
]

ALIAS_BOMB = "\n".join(
    [
        'lol0: &lol0 "lol"',
        *(f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 10)}]" for n in range(1, 10)),
    ]
) + "\n"


def _bomb_position() -> tuple[int, int]:
    """The alias at which the expanded values of the whole document first pass 500,000.

    Level n stands for 1 + 10 * (level n - 1) values (level 0 for 1); each alias adds what
    its anchor stands for. Levels 1-5 add 123,350 in all; each alias of level 6 adds
    111,111, so the 4th one on line 7 goes over.
    """
    size = [1]
    for _ in range(9):
        size.append(1 + 10 * size[-1])
    total = 0
    for line_number, line in enumerate(ALIAS_BOMB.splitlines()[1:], start=2):
        level = int(line.split(":")[0][3:])
        offset = -1
        for _ in range(10):
            offset = line.index(f"*lol{level - 1}", offset + 1)
            total += size[level - 1]
            if total > 500_000:
                return line_number, offset + 1
    raise AssertionError("the bomb never exceeds the limit")


BOMB_CASE = Case("ecs-bomb.yaml", ALIAS_BOMB.encode(), *_bomb_position(), "aliases expand to more than 500,000 values")

ALL_CASES = SYNTAX_CASES + BYTE_CASES + NESTING_CASES + [BOMB_CASE]


# -- helpers ------------------------------------------------------------------------------


def _ecslint() -> list[str]:
    script = shutil.which("ecslint") or str(Path(sys.executable).parent / "ecslint")
    if os.path.exists(script):
        return [script]
    return [sys.executable, "-m", "ecslint.cli"]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    result = subprocess.run(
        [*_ecslint(), "check", "--no-color", "--format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr
    return result


def _cli_findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str, int, int]]:
    report = json.loads(result.stdout)
    return [(f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"]]


def _write(directory: Path, case: Case) -> Path:
    path = directory / case.name
    path.write_bytes(case.content)
    return path


def _only_finding(path: Path, settings: Settings | None = None):
    report = run([str(path)], settings or Settings())
    assert [f.rule for f in report.findings] == ["ECS001"], [(f.rule, f.message) for f in report.findings]
    return report.findings[0]


# -- every case: API and CLI --------------------------------------------------------------


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_bad_input_is_one_located_ecs001(tmp_path, case):
    path = _write(tmp_path, case)
    finding = _only_finding(path)
    assert (finding.region.line, finding.region.column) == (case.line, case.column)
    assert finding.region.end_line == case.line and finding.region.end_column == case.column + 1
    assert case.message in finding.message
    assert finding.path.endswith(case.name)


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_bad_input_through_the_cli_exits_1_without_traceback(tmp_path, case):
    _write(tmp_path, case)
    result = _cli(case.name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert _cli_findings(result) == [("ECS001", case.name, case.line, case.column)]


def test_bad_input_with_every_rule_selected_is_still_only_ecs001(tmp_path):
    """No rule runs on a file that could not be parsed, so no other rule can report it."""
    for case in ALL_CASES:
        path = _write(tmp_path, case)
        finding = _only_finding(path, Settings(select=["ALL"]))
        assert (finding.region.line, finding.region.column) == (case.line, case.column), case.name


def test_text_output_has_the_position_and_no_traceback(tmp_path):
    case = SYNTAX_CASES[0]
    _write(tmp_path, case)
    result = subprocess.run(
        [*_ecslint(), "check", "--no-color", case.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"{case.name}:{case.line}:{case.column}: ECS001 [error] invalid JSON" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# -- encodings that are fine --------------------------------------------------------------

#: A task definition whose only problem is ECS204 (memoryReservation above memory): it
#: follows every default-on best practice, so that a test sees exactly that one finding.
TASK = (
    '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512, '
    '"memoryReservation": 1024, "user": "1000", "readonlyRootFilesystem": true, '
    '"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", '
    '"awslogs-region": "us-east-1"}}, "healthCheck": {"command": ["CMD", "true"]}}]}\n'
)


def _reservation_column() -> int:
    """ECS204 reports the memoryReservation value."""
    return TASK.index("1024") + 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("utf8-bom.json", b"\xef\xbb\xbf" + TASK.encode("utf-8")),
        ("utf16-le-bom.json", TASK.encode("utf-16")),  # Python writes a BOM, little-endian
        ("utf16-be-bom.json", b"\xfe\xff" + TASK.encode("utf-16-be")),
        ("utf32-bom.json", TASK.encode("utf-32")),
    ],
)
def test_bom_marked_files_parse_and_the_bom_takes_no_column(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    report = run([str(path)], Settings())
    assert [(f.rule, f.region.line, f.region.column) for f in report.findings] == [("ECS204", 1, _reservation_column())]
    result = _cli(name, cwd=tmp_path)
    assert result.returncode == 1
    assert _cli_findings(result) == [("ECS204", name, 1, _reservation_column())]


def test_non_ascii_text_before_a_finding_counts_code_points_not_bytes(tmp_path):
    text = TASK.replace('"memory": 512', '"environment": [{"name": "GREETING", "value": "w\u00e9b \U0001f600"}], "memory": 512')
    path = tmp_path / "web.json"
    path.write_text(text, encoding="utf-8")
    [finding] = run([str(path)], Settings()).findings
    assert (finding.rule, finding.region.column) == ("ECS204", text.index("1024") + 1)


# -- size ---------------------------------------------------------------------------------

BIG = 50 * 1024 * 1024


def _big_file(directory: Path) -> Path:
    path = directory / "task-definition.json"
    with open(path, "wb") as handle:
        handle.write(b'{"family": "web", "containerDefinitions": [')
        handle.truncate(BIG)  # sparse: the test itself stays cheap
    return path


def test_50_mb_file_is_rejected_by_size_quickly_and_without_being_read(tmp_path):
    path = _big_file(tmp_path)
    tracemalloc.start()
    try:
        started = time.perf_counter()
        finding = _only_finding(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2
    assert peak < 8 * 1024 * 1024, f"peak {peak:,} bytes: was the file read?"
    assert (finding.region.line, finding.region.column) == (1, 1)
    assert finding.message.startswith(f"file too large: {BIG:,} bytes (ecslint reads up to 4,194,304)")


def test_50_mb_file_through_the_cli(tmp_path):
    _big_file(tmp_path)
    started = time.perf_counter()
    result = _cli("task-definition.json", cwd=tmp_path)
    assert time.perf_counter() - started < 5  # includes starting the interpreter
    assert result.returncode == 1
    assert _cli_findings(result) == [("ECS001", "task-definition.json", 1, 1)]
    assert "file too large" in result.stdout


def test_an_unclosed_yaml_quote_says_where_it_opened(tmp_path):
    """libyaml finds the problem at the end of the file; the finding is at the quote."""
    path = tmp_path / "td.yaml"
    path.write_text('family: web\ncontainerDefinitions:\n  - name: web\n    image: "nginx:1.27\n    memory: 256\n')
    finding = _only_finding(path)
    assert (finding.region.line, finding.region.column) == (4, 12)
    assert finding.message == "invalid YAML: the file ends before this quoted scalar is closed"


def test_a_yaml_error_inside_a_construct_says_where_the_construct_began(tmp_path):
    path = tmp_path / "td.yaml"
    path.write_text("family: web\ncontainerDefinitions: [{name: a,\n  image: b\n")
    finding = _only_finding(path)
    assert (finding.region.line, finding.region.column) == (4, 1)
    assert finding.message.endswith("(while parsing a flow mapping at 2:24)")


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    text = '{"family": "web", "containerDefinitions": [{"name": "a", "image": "b", "memory": 512, "command": ["' + "[{" * 600 + '"]}]}'
    path = tmp_path / "td.json"
    path.write_text(text)
    report = run([str(path)], Settings(select=["ECS0"]))
    assert [f.rule for f in report.findings] == []


# -- time and memory bounds ---------------------------------------------------------------


@pytest.mark.parametrize("case", NESTING_CASES + [BOMB_CASE], ids=[c.name for c in NESTING_CASES] + [BOMB_CASE.name])
def test_hostile_structure_is_rejected_in_bounded_time(tmp_path, case):
    path = _write(tmp_path, case)
    started = time.perf_counter()
    finding = _only_finding(path)
    assert time.perf_counter() - started < 5
    assert finding.region.line >= 1 and finding.region.column >= 1


_MEASURE = """
import json, resource, sys, time
from ecslint.engine import Settings, run
run([sys.argv[2]], Settings())  # warm up: imports, rule registry
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
report = run([sys.argv[1]], Settings())
elapsed = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"kib": after - before, "seconds": elapsed,
                  "findings": [[f.rule, f.region.line, f.region.column] for f in report.findings]}))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_alias_bomb_peak_memory_is_bounded(tmp_path):
    path = _write(tmp_path, BOMB_CASE)
    warm = tmp_path / "warm.json"
    warm.write_text(TASK, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), str(warm)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    assert measured["findings"] == [["ECS001", BOMB_CASE.line, BOMB_CASE.column]]
    assert measured["kib"] < 500 * 1024, f"peak memory grew by {measured['kib']:,} KiB"
    assert measured["seconds"] < 5


# -- unreadable files ---------------------------------------------------------------------


def _assert_unreadable(report, name: str) -> None:
    [finding] = report.findings
    assert finding.rule == "ECS001"
    assert (finding.region.line, finding.region.column) == (1, 1)
    assert finding.message.startswith("cannot read file: ")
    assert finding.path.endswith(name)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_is_ecs001_and_exit_2(tmp_path):
    path = tmp_path / "task-definition.json"
    path.write_text(TASK, encoding="utf-8")
    path.chmod(0)
    try:
        report = run([str(path)], Settings())
        _assert_unreadable(report, "task-definition.json")
        assert "Permission denied" in report.findings[0].message
        result = _cli("task-definition.json", cwd=tmp_path)
        assert result.returncode == 2
        assert _cli_findings(result) == [("ECS001", "task-definition.json", 1, 1)]
    finally:
        path.chmod(0o644)


def test_unreadable_file_when_open_fails(tmp_path, monkeypatch):
    """The same path as chmod 000, for runs as root: ``open`` raises PermissionError."""

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "task-definition.json"
    path.write_text(TASK, encoding="utf-8")
    monkeypatch.setattr(os, "open", denied)  # what ecslint.load.files opens files with
    report = run([str(path)], Settings())
    _assert_unreadable(report, "task-definition.json")
    assert report.findings[0].message == "cannot read file: Permission denied"
    [file] = report.files
    assert [p.kind for p in file.problems] == ["unreadable"]


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_unreadable_file_through_the_cli_even_as_root(tmp_path):
    """``/proc/self/mem`` cannot be read from offset 0 (EIO), whoever runs the check."""
    (tmp_path / "task-definition.json").symlink_to("/proc/self/mem")
    result = _cli("task-definition.json", cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert _cli_findings(result) == [("ECS001", "task-definition.json", 1, 1)]
    assert "cannot read file" in json.loads(result.stdout)["findings"][0]["message"]


# -- a directory mixing good and broken files ---------------------------------------------


def test_directory_with_a_good_and_a_broken_file_reports_both(tmp_path):
    (tmp_path / "good.json").write_text(TASK, encoding="utf-8")
    (tmp_path / "broken.json").write_text(TRAILING_COMMA, encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")  # skipped silently
    expected = [
        ("ECS001", "broken.json", SYNTAX_CASES[0].line, SYNTAX_CASES[0].column),
        ("ECS204", "good.json", 1, _reservation_column()),
    ]
    report = run([str(tmp_path)], Settings())
    assert [(f.rule, os.path.basename(f.path), f.region.line, f.region.column) for f in report.findings] == expected
    result = _cli(".", cwd=tmp_path)
    assert result.returncode == 1
    assert [(r, p, line, col) for r, p, line, col in _cli_findings(result)] == expected


def test_directory_with_a_hostile_file_still_checks_the_others(tmp_path):
    (tmp_path / "a-good.json").write_text(TASK, encoding="utf-8")
    _write(tmp_path, BOMB_CASE)
    _write(tmp_path, NESTING_CASES[0])
    _write(tmp_path, BYTE_CASES[0])
    report = run([str(tmp_path)], Settings())
    assert sorted((f.rule, os.path.basename(f.path)) for f in report.findings) == [
        ("ECS001", "ecs-bomb.yaml"),
        ("ECS001", "ecs-deep-array.json"),
        ("ECS001", "task-definition.json"),
        ("ECS204", "a-good.json"),
    ]


def test_a_loader_bug_is_ecs008_on_that_file_and_the_run_goes_on(tmp_path, monkeypatch):
    import ecslint.load.reader as reader

    real = reader.parse

    def broken(file, text, options=None):
        if file.display.endswith("broken-loader.json"):
            raise RuntimeError("a bug in the loader")
        return real(file, text, options)

    monkeypatch.setattr(reader, "parse", broken)
    (tmp_path / "broken-loader.json").write_text(TASK, encoding="utf-8")
    (tmp_path / "good.json").write_text(TASK, encoding="utf-8")
    report = run([str(tmp_path)], Settings())
    assert [(f.rule, os.path.basename(f.path)) for f in report.findings] == [("ECS008", "broken-loader.json"), ("ECS204", "good.json")]
    assert report.findings[0].message.startswith("internal error while reading this file (RuntimeError at ")
