"""Start-up guards (DESIGN §5): the CLI imports only what a run needs.

Each test starts a fresh interpreter (the test process itself has imported everything) and
looks at ``sys.modules`` when that interpreter exits. A failure names the heavy modules that
were loaded; ``python -X importtime -c "..."`` shows which ecslint module pulled them in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Expensive to import (tens of ms each) or only needed by some runs.
HEAVY = (
    "yaml",
    "jsonschema",
    "pydantic",
    "sarif_om",
    "attr",
    "attrs",
    "rich",
    "ecslint.engine",
    "ecslint.load",
    "ecslint.rules",
    "importlib.metadata",
    "csv",
    "typer",
    "click",
)

#: What checking a clean JSON file with the text reporter must still not load: YAML,
#: detailed schema errors, SARIF and rich output; the dataclass machinery (~15 ms with
#: its copy/inspect imports); ``inspect`` (~6 ms; only rule pages clean docstrings) and
#: ``difflib`` (only a typo needs a did-you-mean); the lifecycle analysis when no policy
#: is in the run.
NOT_FOR_A_CLEAN_JSON_CHECK = (
    "yaml",
    "jsonschema",
    "sarif_om",
    "rich",
    "dataclasses",
    "inspect",
    "difflib",
    "ecslint.model.tagfilter",
    "ecslint.lifecycle.deployed",
    "ecslint.model.instances",  # and csv: the EC2 catalogue, for a task that may run on EC2
    "csv",
    "ecslint.load.hcl",  # and tree-sitter: only Terraform files need an HCL parser
    "tree_sitter",
    "tree_sitter_hcl",
    "ecslint.fix",  # the edit layer: only --fix, --diff and findings that offer a fix
    "tempfile",
    "shutil",  # argparse's help formatter asks it the terminal's width (cli._Formatter does not)
    "ecslint.sources.cloudformation",  # only a file with `Resources` may be a template
    "ecslint.sources.terraform_plan",  # only a file with `format_version` may be a plan
)

CLEAN_TASK_DEFINITION = {
    "family": "web",
    "networkMode": "awsvpc",
    "requiresCompatibilities": ["FARGATE"],
    "cpu": "256",
    "memory": "512",
    "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    "containerDefinitions": [
        {
            "name": "web",
            "image": "public.ecr.aws/nginx/nginx:1.27",
            "essential": True,
            "user": "1000",
            "readonlyRootFilesystem": True,
            "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]},
            "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}],
            "environment": [{"name": "MODE", "value": "production"}],
            "logConfiguration": {
                "logDriver": "awslogs",
                "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web"},
            },
        }
    ],
}

# Runs the CLI as the console script does, and prints the loaded modules (as JSON, on a
# line of its own, after a marker) when the interpreter exits, whatever the exit code.
_RUN_CLI = textwrap.dedent(
    """
    import atexit, json, sys

    @atexit.register
    def _dump():
        sys.stdout.flush()
        sys.stdout.write("\\n@@MODULES@@" + json.dumps(sorted(sys.modules)) + "\\n")
        sys.stdout.flush()

    sys.argv = ["ecslint"] + json.loads(sys.argv[1])
    from ecslint.cli import run
    run()
    """
)


def _python(args: list[str], cwd: str | os.PathLike[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    # The checkout under test comes first, wherever the subprocess runs.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60)


def _cli(cli_args: list[str], cwd: str | os.PathLike[str] | None = None) -> tuple[subprocess.CompletedProcess[str], str, set[str]]:
    proc = _python(["-c", _RUN_CLI, json.dumps(cli_args)], cwd=cwd)
    output, marker, modules = proc.stdout.rpartition("@@MODULES@@")
    assert marker, f"the CLI subprocess did not report its modules:\n{proc.stdout}\n{proc.stderr}"
    return proc, output, set(json.loads(modules))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The entries of ``names`` that are loaded, themselves or through a submodule."""
    return [name for name in names if any(m == name or m.startswith(name + ".") for m in modules)]


def test_importing_the_cli_loads_no_heavy_module() -> None:
    proc = _python(["-c", "import ecslint.cli, sys, json; print(json.dumps(sorted(sys.modules)))"])
    assert proc.returncode == 0, proc.stderr
    modules = set(json.loads(proc.stdout))
    assert "ecslint.cli" in modules
    assert _loaded(modules, HEAVY) == [], "`import ecslint.cli` loaded heavy modules"


def test_version_loads_no_heavy_module() -> None:
    from ecslint import __version__

    proc, output, modules = _cli(["--version"])
    assert proc.returncode == 0, proc.stderr
    assert output.strip() == f"ecslint {__version__}"
    assert _loaded(modules, HEAVY) == [], "`ecslint --version` loaded heavy modules"


def test_checking_a_clean_json_file_as_text_loads_no_optional_module(tmp_path) -> None:
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(["check", path.name], cwd=tmp_path)
    assert proc.returncode == 0, f"the clean task definition has findings:\n{output}\n{proc.stderr}"
    assert "No problems found" in output
    assert "ecslint.engine" in modules  # the check really ran in this interpreter
    assert _loaded(modules, NOT_FOR_A_CLEAN_JSON_CHECK) == [], (
        "checking a clean JSON file with the text format loaded modules only other inputs "
        "or outputs need"
    )


def _rule_modules(modules: set[str]) -> dict[str, tuple[str, ...]]:
    """The loaded rule modules, each with the kinds its rule reads (from the index)."""
    from ecslint.rules._index import RULES

    kinds = {f"ecslint.rules.{family}.{module}": fields["kinds"] for family, module, fields in RULES}
    return {m: kinds[m] for m in modules if m in kinds}


def test_a_check_imports_only_the_rules_of_its_documents(tmp_path) -> None:
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(["check", path.name], cwd=tmp_path)
    assert proc.returncode == 0, output
    loaded = _rule_modules(modules)
    assert "ecslint.rules.taskdef.no_essential_container" in loaded
    assert sorted(m for m, kinds in loaded.items() if "task-definition" not in kinds) == []


@pytest.mark.parametrize(
    "args", [["rules"], ["rules", "--select", "compliance:security-hub", "--format", "json"], ["rule", "ECS101"]]
)
def test_describing_rules_imports_no_rule_module(args: list[str]) -> None:
    proc, output, modules = _cli(args)
    assert proc.returncode == 0, output + proc.stderr
    assert sorted(_rule_modules(modules)) == []


def test_a_schema_finding_loads_no_jsonschema(tmp_path) -> None:
    """The common pre-commit failure (a misspelt key, a wrong type, a bad enum value, a
    missing required field) is reported without importing jsonschema (~55 ms)."""
    bad = json.loads(json.dumps(CLEAN_TASK_DEFINITION))
    container = bad["containerDefinitions"][0]
    container["esential"] = container.pop("essential")  # ECS002
    container["cpu"] = "256"  # ECS003
    bad["pidMode"] = "hots"  # ECS004
    del container["name"]  # ECS005
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(bad, indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(["check", path.name], cwd=tmp_path)
    assert proc.returncode == 1, output + proc.stderr
    assert {"ECS002", "ECS003", "ECS004", "ECS005"} <= set(output.split()), output
    assert _loaded(modules, ("jsonschema", "referencing", "rpds", "attrs", "hashlib", "_hashlib")) == []


def test_fingerprints_are_sha256_without_hashlib() -> None:
    """The interpreter's own SHA-256 (no OpenSSL to load): the same digests, so baselines
    written before still match."""
    import hashlib

    from ecslint.engine import _sha256

    for text in ("", "ECS101\0task-definition.json\0/containerDefinitions", "é\u2603"):
        assert _sha256()(text.encode()).hexdigest() == hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("names", [HEAVY, NOT_FOR_A_CLEAN_JSON_CHECK])
def test_loaded_matches_packages_and_submodules_only(names: tuple[str, ...]) -> None:
    # The helper itself: ``attr`` must not match ``attrs_like`` and a submodule must count.
    assert _loaded({"yamlish", "attr_tools", "richtext"}, names) == []
    assert _loaded({"jsonschema._format"}, names) == ["jsonschema"]


def test_checking_a_clean_json_file_loads_no_pydantic(tmp_path) -> None:
    """Neither pydantic nor importlib.metadata (~30 ms each) belongs in a check: a CLI
    framework or plugin loader that pulled them in would break the start-up budget."""
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(["check", path.name], cwd=tmp_path)
    assert proc.returncode == 0, output
    assert _loaded(modules, ("pydantic", "importlib.metadata")) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "a.json", "--select", "ECS1", "-f", "json", "--fix", "--no-color"],
        ["check"],
        ["rules", "--format", "json"],
        ["rule", "ECS101"],
        ["schema", "service"],
        ["lifecycle", "preview", "p.json", "--images", "i.json"],
    ],
)
def test_the_parser_of_one_command_parses_as_the_whole_parser(argv: list[str]) -> None:
    """``main`` declares only the arguments of the command it runs (start-up)."""
    from ecslint import cli

    def plain(namespace: object) -> dict:
        return {k: v for k, v in vars(namespace).items() if k != "handler"}

    assert plain(cli.parser(argv[0]).parse_args(argv)) == plain(cli.parser().parse_args(argv))
    whole = cli.parser()._subparsers._group_actions[0].choices[argv[0]]  # type: ignore[union-attr]
    one = cli.parser(argv[0])._subparsers._group_actions[0].choices[argv[0]]  # type: ignore[union-attr]
    assert one.format_help() == whole.format_help()
