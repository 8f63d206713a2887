"""The README's examples run: its configuration is valid and its commands work."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
ECSLINT = str(Path(sys.executable).parent / "ecslint")


def test_configuration_example_is_valid(tmp_path):
    (toml,) = re.findall(r"```toml\n# \.ecslint\.toml\n(.*?)```", README, re.DOTALL)
    (tmp_path / ".ecslint.toml").write_text(toml)
    (tmp_path / "deploy" / "task-definitions").mkdir(parents=True)
    (tmp_path / "ecslint-baseline.json").write_text('{"version": 1, "findings": []}')
    (tmp_path / "ecr").mkdir()
    (tmp_path / "ecr" / "web-policy.json").write_text((ROOT / "examples" / "lifecycle-policy.json").read_text())
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "td.json").write_text((ROOT / "fixtures/rules/ECS101/fail-all-non-essential.json").read_text())
    result = subprocess.run([ECSLINT, "check", "."], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout  # the legacy file's ECS101 is ignored per file


def test_install_command_output_is_what_the_readme_says():
    result = subprocess.run([ECSLINT, "check", "examples/"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() in README


def test_readme_commands_are_the_ci_commands():
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"```sh\n(python3 -m venv .*?)\n```", README)
    assert len(commands) == 2
    for command in commands:
        assert command in ci


def test_terminal_examples_show_what_the_commands_print():
    """Each ```text block that starts with ``$ ecslint ...`` is that command's exact output."""
    examples = re.findall(r"```text\n\$ (ecslint [^\n]*)\n(.*?)```", README, re.DOTALL)
    assert len(examples) >= 2
    for command, expected in examples:
        args = shlex.split(command)[1:]
        result = subprocess.run([ECSLINT, *args], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
        assert result.returncode in (0, 1), result.stderr
        assert result.stdout == expected, command
