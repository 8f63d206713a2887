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
import shutil
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
