"""The README's examples run: its configuration is valid and its commands work."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
ECSLINT = str(Path(sys.executable).parent / "ecslint")


def _config_example() -> str:
    (toml,) = re.findall(r"```toml\n# \.ecslint\.toml\n(.*?)```", README, re.DOTALL)
    return toml


def _project_for(config: dict, root: Path) -> dict[str, list[str]]:
    """Make in ``root`` every path the configuration names, as a user's project holds them:
    context directories, the baseline, the lifecycle policy files, Terraform variable
    files, and a file with findings
    under each ``per-file-ignores`` glob. Returns that file -> the rules ignored for it."""
    for directory in config.get("context", []):
        (root / directory).mkdir(parents=True, exist_ok=True)
    if "baseline" in config:
        (root / config["baseline"]).write_text('{"version": 1, "findings": []}')
    for var_file in config.get("var-files", []):
        (root / var_file).parent.mkdir(parents=True, exist_ok=True)
        (root / var_file).write_text('region = "eu-west-1"\n')
    for policy in config.get("lifecycle-repositories", {}):
        (root / policy).parent.mkdir(parents=True, exist_ok=True)
        (root / policy).write_text((ROOT / "examples" / "lifecycle-policy.json").read_text())
    ignored = {}
    for glob, rules in config.get("per-file-ignores", {}).items():
        path = glob.replace("**/", "").replace("*", "td")
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text((ROOT / "fixtures/rules/ECS101/fail-all-non-essential.json").read_text())
        ignored[path] = rules
    return ignored


def test_configuration_example_runs_as_pasted(tmp_path):
    """The README's configuration, pasted as ``.ecslint.toml`` into a project that holds the
    paths it names, is valid (never exit 2, nothing on stderr) and does what it says."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    toml = _config_example()
    config = tomllib.loads(toml)
    (tmp_path / ".ecslint.toml").write_text(toml)
    ignored = _project_for(config, tmp_path)
    assert ignored, "the example shows per-file-ignores"
    result = subprocess.run([ECSLINT, "check", ".", "--format", "json"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode in (0, 1) and result.stderr == "", result.stderr
    findings = json.loads(result.stdout)["findings"]
    for path, rules in ignored.items():
        assert not [f for f in findings if f["path"] == path and (f["rule"] in rules or f["name"] in rules)]
    if config.get("fail-on") == "error":
        assert result.returncode == 0  # the only error is ignored for its file


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
