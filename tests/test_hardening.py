"""No input the user controls can hang, flood or crash ecslint (issue 12 items 1-4a, 4d).

Every path and every file given or found is data: a special file is refused with a clear
message, a hostile configuration or baseline is a configuration error (exit 2), a report is
written whole or not at all, and no regular expression, excerpt or lookup grows faster than
the input. The timing tests time nothing: they run the work in a child with a generous
timeout, so a quadratic regression fails them and a loaded machine does not.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from test_files import CLEAN, ROOT, _cli

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")


def _python(code: str, timeout: float) -> str:
    """Run ``code`` in a child (with ecslint importable) and return its standard output;
    the test fails when it takes longer than ``timeout`` seconds."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


# -- 1. bounded reads of every file named on the command line --------------------------------


@needs_fifo
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--parameters-file", "p.json", "t.json"], "cannot read parameters file p.json: a FIFO (named pipe), not a regular file"),
        (["check", "--var-file", "p.json", "t.json"], "cannot read Terraform variable file p.json: a FIFO (named pipe), not a regular file"),
    ],
)
def test_a_fifo_named_as_an_input_file_is_refused_not_waited_on(tmp_path, args, message):
    os.mkfifo(tmp_path / "p.json")
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    result = _cli(*args, cwd=tmp_path, timeout=20)
    assert (result.returncode, result.stderr) == (2, f"ecslint: error: {message}\n")


@needs_dev_zero
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--parameters-file", "/dev/zero", "t.json"], "cannot read parameters file /dev/zero: a character device, not a regular file"),
        (["check", "--var-file", "/dev/zero", "t.json"], "cannot read Terraform variable file /dev/zero: a character device, not a regular file"),
    ],
)
def test_a_device_named_as_an_input_file_is_refused_not_read_forever(tmp_path, args, message):
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    result = _cli(*args, cwd=tmp_path, timeout=20)
    assert (result.returncode, result.stderr) == (2, f"ecslint: error: {message}\n")


def test_a_parameters_file_too_large_or_not_json_is_a_configuration_error(tmp_path):
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    with open(tmp_path / "big.json", "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse
    result = _cli("check", "--parameters-file", "big.json", "t.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("ecslint: error: cannot read parameters file big.json: file too large: ")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "latin1.json").write_bytes('{"Name": "caf\xe9"}'.encode("latin-1"))
    for name in ("deep.json", "latin1.json"):
        result = _cli("check", "--parameters-file", name, "t.json", cwd=tmp_path)
        assert (result.returncode, result.stderr) == (2, f"ecslint: error: {name}: a parameters file must be JSON\n")


@needs_fifo
@pytest.mark.parametrize("command", [["check", "t.json"], ["rules"]])
def test_a_discovered_config_that_is_a_fifo_is_refused_not_ignored_or_waited_on(tmp_path, command):
    os.mkfifo(tmp_path / ".ecslint.toml")
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    result = _cli(*command, cwd=tmp_path, timeout=20)
    assert result.returncode == 2
    assert result.stderr == f"ecslint: error: cannot read {tmp_path / '.ecslint.toml'}: a FIFO (named pipe), not a regular file\n"


# -- 4. hostile configuration and baseline files ---------------------------------------------

HOSTILE_CONFIGS = {
    "utf16": ('fail-on = "error"\n'.encode("utf-16"), "not UTF-8 text (byte 0xff at offset 0); TOML files are UTF-8"),
    "latin1": ('# caf\xe9\nfail-on = "error"\n'.encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 5); TOML files are UTF-8"),
    "binary": (bytes(range(256)), "not UTF-8 text (byte 0x80 at offset 128); TOML files are UTF-8"),
    "arrays": (b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "invalid TOML: arrays or tables nested too deeply"),
    "tables": (b"x = " + b"{a = " * 100_000 + b"1" + b"}" * 100_000 + b"\n", "invalid TOML: arrays or tables nested too deeply"),
}


@pytest.mark.parametrize("how", ["named", "discovered", "rules"])
@pytest.mark.parametrize("name", sorted(HOSTILE_CONFIGS))
def test_a_hostile_config_is_a_configuration_error(tmp_path, name, how):
    content, message = HOSTILE_CONFIGS[name]
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    if how == "named":
        (tmp_path / "c.toml").write_bytes(content)
        result = _cli("check", "--config", "c.toml", "t.json", cwd=tmp_path)
        where = "c.toml"
    else:
        (tmp_path / ".ecslint.toml").write_bytes(content)
        result = _cli(*(["rules"] if how == "rules" else ["check", "t.json"]), cwd=tmp_path)
        where = ".ecslint.toml"
    assert (result.returncode, result.stderr) == (2, f"ecslint: error: {where}: {message}\n")


def test_a_deeply_nested_baseline_is_not_a_baseline(tmp_path):
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "b.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = _cli("check", "--baseline", "b.json", "t.json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2, "ecslint: error: b.json is not an ecslint baseline (write one with --write-baseline)\n"
    )


def test_write_baseline_creates_a_missing_directory(tmp_path):
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    result = _cli("check", "--write-baseline", "new/dir/b.json", "t.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "new" / "dir" / "b.json").read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize("option", ["--write-baseline", "--output"])
def test_writing_onto_a_directory_is_a_clear_error(tmp_path, option):
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "out").mkdir()
    result = _cli("check", option, "out", "t.json", cwd=tmp_path)
    what = "baseline out" if option == "--write-baseline" else "out"
    assert (result.returncode, result.stderr) == (2, f"ecslint: error: cannot write {what}: it is a directory\n")


# -- 4d. reports and baselines are written whole ---------------------------------------------


@pytest.mark.parametrize("option", ["--write-baseline", "--output"])
def test_a_report_replaces_the_file_by_renaming_and_keeps_its_permissions(tmp_path, option):
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    (tmp_path / "link.json").symlink_to("out.json")
    before = target.stat().st_ino
    result = _cli("check", "-f", "json", option, "link.json", "t.json", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / "link.json").is_symlink()  # the link still points at the report
    assert json.loads(target.read_text(encoding="utf-8"))  # whole JSON
    assert target.stat().st_ino != before  # a new file renamed over the old one, not rewritten in place
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "out.json", "t.json"]  # no temporary left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    from ecslint.load.files import replacing

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(str(target)) as handle:
        handle.write(b"half of a rep")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_stream_that_is_not_a_regular_file_is_written_to_not_replaced(tmp_path):
    (tmp_path / "t.json").write_text(CLEAN, encoding="utf-8")
    result = _cli("check", "-f", "json", "--output", "/dev/stdout", "t.json", cwd=tmp_path)
    assert json.loads(result.stdout)["summary"]["files"] == 1
    result = _cli("check", "--output", os.devnull, "t.json", cwd=tmp_path)
    assert result.returncode in (0, 1) and result.stderr == ""


# -- 2. every regular expression run on user text is linear ----------------------------------

#: Four MiB of each: the most a checked file holds. Quadratic matching takes hours on
#: any of them (``{{`` took 3 s on 20 KB); linear matching well under a second each.
ADVERSARIAL_SCAN = r"""
import re
from ecslint.load.placeholders import PLACEHOLDER, first_placeholder, is_unknown
from ecslint.model.placement import _costly
from ecslint.sources.cloudformation import _SUB_VARIABLE

n = 4 * 1024 * 1024
for unit in ("{", "{{ {", "${", "$", "<a", "%A", "$$a", "}", "{a}"):
    text = unit * (n // len(unit))
    is_unknown(text)
    first_placeholder(text, n // 2)
    PLACEHOLDER.findall(text)
    _SUB_VARIABLE.findall(text)
for unit in ("[", "[^", "\\", "[a"):
    _costly(unit * (n // len(unit)))
print("done")
"""


def test_the_placeholder_and_pattern_scans_of_4_mib_of_adversarial_text_finish():
    assert _python(ADVERSARIAL_SCAN, timeout=120) == "done\n"


#: Wildcards from a file (an IAM action, a registry host, a ``.gitignore`` line) against a
#: long name: naive translation backtracks through every way to split the ``a``s.
ADVERSARIAL_GLOBS = r"""
from ecslint.load.gitignore import translate
from ecslint.model.images import _host_matches
from ecslint.rules.repository.public_repository_policy import _matches

pattern, name = "*a" * 40 + "*b", "a" * 4000
assert not _matches(pattern, name)
assert not _host_matches(name, pattern) and not _host_matches(name + ".x", "*." + pattern)
assert translate(pattern)[0].fullmatch(name) is None
assert translate("x/" + pattern)[0].fullmatch("x/" + name) is None
deep = "/".join(["a"] * 300)
assert translate("**/a/**/a/**/a/**/a/**/b")[0].fullmatch(deep) is None
assert translate("**/a/**/a/**/a/**/a/**/a")[0].fullmatch(deep) is not None
print("done")
"""


def test_wildcards_against_long_names_match_without_backtracking():
    assert _python(ADVERSARIAL_GLOBS, timeout=60) == "done\n"


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("{{ .Env.IMAGE }}", "{{ .Env.IMAGE }}"),
        ("a {{ {x} }} b", "{{ {x} }}"),
        ("{{ x }}}", "{{ x }}"),
        ("{{ {{ x }}", "{{ x }}"),
        ("${VAR}", "${VAR}"),
        ("${ ${VAR}", "${VAR}"),
        ("${a$b}", "${a$b}"),
        ("{{{{{{", None),
        ("${${${", None),
        ("${VAR\n}", None),
    ],
)
def test_placeholders_are_still_found(text, placeholder):
    from ecslint.load.placeholders import PLACEHOLDER

    found = PLACEHOLDER.search(text)
    assert (found.group() if found else None) == placeholder


@pytest.mark.parametrize(
    ("pattern", "action", "matches"),
    [("ecr:*", "ecr:GetAuthorizationToken", True), ("ecr:Get*Token", "ecr:getauthorizationtoken", True),
     ("ecr:?ut*", "ecr:PutImage", True), ("ecr:*Image", "ecr:ImageScan", False), ("*", "", True), ("a**b", "ab", True)],
)
def test_iam_wildcards_still_match_as_iam_does(pattern, action, matches):
    from ecslint.rules.repository.public_repository_policy import _matches

    assert _matches(pattern, action) is matches


# -- 3. excerpts of long lines are cut around the column -------------------------------------


def _one_line_task(containers: int, name_width: int = 5) -> str:
    """A minified task definition of ``containers`` privileged containers: several findings
    each, all on line 1."""
    task = {
        "family": "x",
        "containerDefinitions": [
            {"name": f"c{i:0{name_width}d}", "image": "public.ecr.aws/nginx/nginx:latest", "essential": True, "privileged": True}
            for i in range(containers)
        ],
    }
    return json.dumps(task, separators=(",", ":"))


class _Bounded:
    """A text stream that fails the test once more than ``limit`` characters reach it."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, text: str) -> int:
        self.size += len(text)
        assert self.size <= self.limit, f"more than {self.limit:,} characters written"
        self.parts.append(text)
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


def test_the_excerpt_of_a_320_kb_line_shows_a_window_around_the_column(tmp_path):
    from ecslint.engine import Settings, run
    from ecslint.output import text

    source = _one_line_task(3300)
    assert len(source) > 320_000
    (tmp_path / "min.json").write_text(source, encoding="utf-8")
    report = run([str(tmp_path / "min.json")], Settings())
    assert len(report.findings) > 3000
    out = _Bounded(1000 * len(report.findings))  # it was 320 KB per finding: 1.2 GB
    text.write(report, out, excerpt=True, color=False)
    lines = out.getvalue().splitlines()
    excerpts = [line for line in lines if line.startswith("1 | ")]
    carets = [line for line in lines if line.startswith("  | ")]
    assert len(excerpts) == len(carets) == len(report.findings)
    assert max(map(len, excerpts)) <= len("1 | ") + text.EXCERPT_WIDTH + 2  # and an ellipsis each side
    # The caret is under the finding's column: the window is the line around it.
    finding = report.findings[-1]
    index = report.findings.index(finding)
    excerpt, caret = excerpts[index], carets[index]
    assert excerpt.startswith("1 | …") and not excerpt.endswith("…")
    at = caret.index("^")
    shown = excerpt[at:]
    assert source[finding.region.column - 1 :].startswith(shown[: caret.count("^")])


def test_a_short_line_is_shown_whole(tmp_path):
    import io

    from ecslint.engine import Settings, run
    from ecslint.output import text

    source = '{"family": "x", "containerDefinitions": [{"name": "a", "image": "nginx:1", "privileged": true}]}'
    (tmp_path / "t.json").write_text(source, encoding="utf-8")
    out = io.StringIO()
    text.write(run([str(tmp_path / "t.json")], Settings()), out, excerpt=True, color=False)
    assert f"1 | {source}\n" in out.getvalue()


# -- 4, 4a. names that are not UTF-8, and control characters, in every format ----------------


def _strict_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The command with standard output strictly UTF-8 (a UTF-8 locale), as users run it."""
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    command = [sys.executable, "-c", "import sys; from ecslint.cli import run; sys.argv[0] = 'ecslint'; run()", *args]
    result = subprocess.run(command, cwd=cwd, capture_output=True, timeout=60, env=env)
    assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("format", ["text", "json", "sarif", "github"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, format):
    name = b"task\xff.json"
    try:
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(_one_line_task(1).encode())
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    result = _strict_cli("check", "-f", format, ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode("utf-8")  # strictly UTF-8, whatever the name
    if format == "json":
        paths = {f["path"] for f in json.loads(out)["findings"]}
        assert [os.fsencode(p) for p in paths] == [name]  # the real name, losslessly
    elif format == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]}
        assert uris == {"task%FF.json"}
    else:
        assert "task\\xff.json" in out
    written = _strict_cli("check", "-f", format, "-o", "report", ".", cwd=tmp_path)
    assert written.returncode == 1 and (tmp_path / "report").read_bytes().decode("utf-8")


def test_the_baseline_of_a_file_name_that_is_not_utf8_hides_its_findings(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"task\xff.json")
    try:
        with open(name, "wb") as handle:
            handle.write(_one_line_task(1).encode())
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    assert _strict_cli("check", "--write-baseline", "b.json", ".", cwd=tmp_path).returncode == 0
    result = _strict_cli("check", "--baseline", "b.json", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_a_file_name_with_a_newline_or_an_escape_cannot_forge_a_line(tmp_path):
    (tmp_path / "a\nforged.json:9:9: ECS999 [error] x.json").write_text(_one_line_task(1), encoding="utf-8")
    (tmp_path / "b\x1b[2J.json").write_text(_one_line_task(1), encoding="utf-8")
    text = _strict_cli("check", ".", cwd=tmp_path).stdout.decode()
    assert "\x1b" not in text and not any(line.startswith("forged") for line in text.splitlines())
    assert "a\\nforged.json:9:9: ECS999 [error] x.json:1:" in text and "b\\x1b[2J.json:1:" in text
    github = _strict_cli("check", "-f", "github", ".", cwd=tmp_path).stdout.decode()
    assert "\x1b" not in github and all(line.startswith("::") for line in github.splitlines())
    assert "file=a%0Aforged.json%3A9%3A9%3A ECS999 [error] x.json," in github  # the runner decodes it to the real name


def test_a_container_name_with_a_newline_or_an_escape_is_escaped_in_text_and_github(tmp_path):
    task = json.loads(_one_line_task(1))
    task["containerDefinitions"][0]["name"] = "web\nt.json:1:1: ECS999 [error] forged\x1b[2J\u202e"
    (tmp_path / "t.json").write_text(json.dumps(task), encoding="utf-8")
    for format in ("text", "github"):
        out = _strict_cli("check", "-f", format, "t.json", cwd=tmp_path).stdout.decode()
        assert "\x1b" not in out and "\u202e" not in out
        assert not any("forged" in line and not line.startswith(("t.json:1:", "::")) for line in out.splitlines())
        assert "container 'web\\nt.json:1:1: ECS999 [error] forged\\x1b[2J\\u202e'" in out


def test_an_excerpt_shows_control_characters_as_pictures_in_place():
    from ecslint.output.escape import excerpt, printable

    assert excerpt("a\x1b[31mb\tc\x00") == "a\u241b[31mb\tc\u2400"
    assert printable("a\nb\x1b\udcff\u2028") == "a\\nb\\x1b\\xff\\u2028"
    assert printable("plain 'text' é 😀") == "plain 'text' é 😀"


# -- 4a. one pass over a file for all its findings -------------------------------------------

MANY_FINDINGS = r"""
import json, sys, time
from ecslint.engine import Settings, run
from ecslint.output import sarif, text
import io
report = run([sys.argv[1]], Settings())
assert len(report.findings) >= 20_000, len(report.findings)
text.write(report, io.StringIO(), excerpt=True, color=False)
sarif.write(report, io.StringIO(), warn=None)
print("done")
"""


@pytest.mark.parametrize("indent", [None, 2])
def test_20000_findings_in_a_550_kb_file_take_one_pass_each(tmp_path, indent):
    """Each finding looked its inline suppression up by scanning the file's text (and the
    SARIF and text reporters its line): 52 s for this file, 4 s with one pass per file."""
    task = json.loads(_one_line_task(5000, name_width=20))
    source = json.dumps(task, indent=indent, separators=None if indent else (",", ":"))
    assert len(source) > 550_000
    (tmp_path / "many.json").write_text(source, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    result = subprocess.run(
        [sys.executable, "-c", MANY_FINDINGS, str(tmp_path / "many.json")], capture_output=True, text=True, timeout=45, env=env
    )
    assert result.stdout == "done\n", result.stderr


def test_inline_suppressions_still_apply_on_the_line_and_alone_above_it(tmp_path):
    from ecslint.engine import Settings, run

    (tmp_path / "task-definition.yaml").write_text(
        "family: x\n"
        "containerDefinitions:\n"
        "  # ecslint: ignore=ECS401 the agent needs it\n"
        "  - name: a\n"
        "    image: nginx:1\n"
        "    privileged: true  # ecslint: ignore=ECS402\n"
        "  - {name: b, image: 'nginx:1', privileged: true}  # ecslint: ignore=privileged-container\n"
        "  - {name: c, image: 'nginx:1', privileged: true}  # not ecslint: ignore=ECS401\n",
        encoding="utf-8",
    )
    report = run([str(tmp_path / "task-definition.yaml")], Settings(select=["ECS401"]))
    assert [(f.rule, f.region.line) for f in report.findings] == [("ECS401", 6), ("ECS401", 8)]
    assert report.suppressed == 1
