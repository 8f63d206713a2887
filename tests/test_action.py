"""ecslint's own GitHub Action (``action.yml``, issue 10 item 2).

Three things are checked. The metadata is valid as GitHub documents it for a composite
action (https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax:
``name``, ``description`` and ``runs`` required; every input and output with a
``description``, a composite output with a ``value``; ``runs.using: composite`` with
``steps``, each step either ``run`` (then ``shell`` is required) or ``uses``), with our own
rules on top: every ``uses`` pinned to a version, every expression naming a declared input or
an earlier step, no expression pasted into a script. The steps do what they say: their
scripts run here under ``bash`` as the runner runs them (``bash --noprofile --norc -eo
pipefail``), with ``setup-python`` and ``upload-sarif`` stood in for, and every ``ecslint
check`` command they build is parsed by the real argument parser. And the README's workflow
uses this Action, with declared inputs, and shows the very command the Action runs for it.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shlex
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from ecslint import __version__
from ecslint.cli import parser

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
ECSLINT = Path(sys.executable).parent / "ecslint"

FAILING = ROOT / "fixtures" / "rules" / "ECS101" / "fail-all-non-essential.json"
CLEAN = ROOT / "benchmarks" / "clean-task-definition.json"


# -- the metadata, as GitHub documents it -------------------------------------------------

_TOP_LEVEL = {"name", "author", "description", "inputs", "outputs", "runs", "branding"}
_INPUT_KEYS = {"description", "required", "default", "deprecationMessage"}
_STEP_KEYS = {"run", "shell", "if", "name", "id", "env", "working-directory", "uses", "with", "continue-on-error"}
_BRANDING_COLORS = {"white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"}
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
#: owner/repo[/path]@ref, the ref a version tag (v3, v4.1, v1.2.3) or a full commit SHA.
_PINNED = re.compile(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})\Z")
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_REFERENCE = re.compile(r"\b(inputs|steps|github|runner|env)\.([A-Za-z0-9_.-]+)")


def metadata_problems(action: object) -> list[str]:
    """What is wrong with ``action`` as the metadata of a composite action ([] when valid)."""
    if not isinstance(action, dict):
        return ["the metadata is not a mapping"]
    problems = [f"unknown top-level key {k!r}" for k in action if k not in _TOP_LEVEL]
    for key in ("name", "description"):
        if not isinstance(action.get(key), str) or not action[key].strip():
            problems.append(f"{key!r} is required and must be a non-empty string")
    inputs = action.get("inputs") or {}
    if not isinstance(inputs, dict):
        return problems + ["'inputs' must be a mapping"]
    for name, spec in inputs.items():
        if not _ID.match(str(name)):
            problems.append(f"input id {name!r} must start with a letter or _ and hold only letters, digits, - and _")
        if not isinstance(spec, dict):
            problems.append(f"input {name!r} must be a mapping")
            continue
        problems += [f"input {name!r}: unknown key {k!r}" for k in spec if k not in _INPUT_KEYS]
        if not isinstance(spec.get("description"), str) or not spec["description"].strip():
            problems.append(f"input {name!r} has no description")
        if "required" in spec and not isinstance(spec["required"], bool):
            problems.append(f"input {name!r}: required must be true or false")
        if "default" in spec and not isinstance(spec["default"], str):
            problems.append(f"input {name!r}: default must be a string (inputs are strings)")
    runs = action.get("runs")
    if not isinstance(runs, dict):
        return problems + ["'runs' is required"]
    if runs.get("using") != "composite":
        problems.append(f"runs.using must be 'composite', not {runs.get('using')!r}")
    steps = runs.get("steps")
    if not isinstance(steps, list) or not steps:
        return problems + ["runs.steps is required: a list of steps"]
    ids: list[str] = []
    for i, step in enumerate(steps):
        where = f"runs.steps[{i}]"
        if not isinstance(step, dict):
            problems.append(f"{where} must be a mapping")
            continue
        problems += [f"{where}: unknown key {k!r}" for k in step if k not in _STEP_KEYS]
        if ("run" in step) == ("uses" in step):
            problems.append(f"{where} needs exactly one of run and uses")
        if "run" in step:
            if not isinstance(step.get("shell"), str):
                problems.append(f"{where} runs a script without shell (required when run is set)")
            if "${{" in str(step["run"]):
                problems.append(f"{where}: an expression pasted into the script (pass it through env)")
            if "with" in step:
                problems.append(f"{where}: with is for uses steps")
        if "uses" in step:
            if not _PINNED.match(str(step["uses"])) and not str(step["uses"]).startswith(("./", "docker://")):
                problems.append(f"{where}: uses {step['uses']!r} is not pinned to a version tag or commit SHA")
            problems += [f"{where}: {k} is for run steps" for k in ("shell", "working-directory") if k in step]
        if "id" in step:
            if not _ID.match(str(step["id"])) or step["id"] in ids:
                problems.append(f"{where}: id {step['id']!r} is not a valid, unique step id")
            ids.append(str(step["id"]))
        for text in _texts(step):
            problems += _reference_problems(text, inputs, earlier=ids[:-1] if "id" in step else ids, where=where)
    for name, spec in (action.get("outputs") or {}).items():
        if not isinstance(spec, dict) or not str(spec.get("description", "")).strip():
            problems.append(f"output {name!r} has no description")
        elif "value" not in spec:
            problems.append(f"output {name!r} of a composite action needs a value")
        else:
            problems += _reference_problems(str(spec["value"]), inputs, earlier=ids, where=f"output {name!r}")
    branding = action.get("branding")
    if branding is not None:
        if not isinstance(branding, dict) or set(branding) - {"icon", "color"}:
            problems.append("branding has only icon and color")
        elif "color" in branding and branding["color"] not in _BRANDING_COLORS:
            problems.append(f"branding color {branding['color']!r} is not one GitHub offers")
    return problems


def _texts(step: dict) -> list[str]:
    """The strings of a step that GitHub evaluates expressions in (``if`` is one, bare)."""
    texts = [f"${{{{ {step['if']} }}}}" if "if" in step and "${{" not in str(step["if"]) else str(step.get("if", ""))]
    for key in ("env", "with"):
        texts += [str(v) for v in (step.get(key) or {}).values()]
    return texts


def _reference_problems(text: str, inputs: dict, *, earlier: list[str], where: str) -> list[str]:
    problems = []
    for expression in _EXPRESSION.findall(text):
        for context, rest in _REFERENCE.findall(expression):
            if context == "inputs" and rest not in inputs:
                problems.append(f"{where}: inputs.{rest} is not a declared input")
            if context == "steps" and rest.split(".")[0] not in earlier:
                problems.append(f"{where}: steps.{rest} names no earlier step")
    return problems


def test_action_metadata_is_valid():
    assert metadata_problems(ACTION) == []


def _broken(edit) -> dict:
    action = copy.deepcopy(ACTION)
    edit(action)
    return action


def _step(action: dict, step_id: str) -> dict:
    return next(s for s in action["runs"]["steps"] if s.get("id") == step_id)


@pytest.mark.parametrize(
    "edit, problem",
    [
        (lambda a: a.pop("description"), "'description' is required"),
        (lambda a: a["inputs"]["paths"].pop("description"), "input 'paths' has no description"),
        (lambda a: a["inputs"].update({"bad id": {"description": "x"}}), "input id 'bad id'"),
        (lambda a: a["runs"].update(using="node20"), "runs.using must be 'composite'"),
        (lambda a: _step(a, "check").pop("shell"), "without shell"),
        (lambda a: _step(a, "python").update(uses="actions/setup-python@main"), "is not pinned"),
        (lambda a: _step(a, "check").update(run="ecslint check ${{ inputs.paths }}"), "expression pasted into the script"),
        (lambda a: _step(a, "check")["env"].update(X="${{ inputs.nope }}"), "inputs.nope is not a declared input"),
        (lambda a: _step(a, "install")["env"].update(X="${{ steps.check.outputs.exit-code }}"), "names no earlier step"),
        (lambda a: a["outputs"]["exit-code"].pop("value"), "needs a value"),
    ],
)
def test_the_metadata_check_catches_what_github_rejects(edit, problem):
    """The validation above is not vacuous: each broken copy of action.yml is reported."""
    problems = metadata_problems(_broken(edit))
    assert any(problem in p for p in problems), problems


# -- the steps, run as the runner runs them --------------------------------------------------


@dataclass
class Run:
    """What one run of the Action did."""

    commands: list[list[str]] = field(default_factory=list)  # ecslint's argv, as it was called
    steps: list[str] = field(default_factory=list)  # the steps that ran, in order
    uploaded: list[dict] = field(default_factory=list)  # the SARIF logs handed to upload-sarif
    exit_code: int = 0  # the Action's: the first failing step's
    logs: dict[str, str] = field(default_factory=dict)  # step -> stdout + stderr


def _with_value(value: object) -> str:
    """A ``with:`` value as the action receives it: a string (YAML booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _lookup(reference: str, context: dict) -> str:
    head, _, rest = reference.partition(".")
    if head == "inputs":
        if rest not in context["inputs"]:
            raise AssertionError(f"inputs.{rest} is not declared")
        return context["inputs"][rest]
    if head == "steps":
        step_id, outputs, name = rest.split(".", 2)
        assert outputs == "outputs", reference
        return context["steps"].get(step_id, {}).get(name, "")
    if reference == "github.action_path":
        return str(ROOT)
    raise AssertionError(f"the test does not know {reference!r}: teach _lookup")


def _evaluate(expression: str, context: dict) -> object:
    """The few expression forms the Action uses; anything else fails the test (extend this,
    with GitHub's semantics: strings compare case-insensitively)."""
    expression = expression.strip()
    match = re.fullmatch(r"\$\{\{\s*(.*?)\s*\}\}", expression)
    if match:
        expression = match.group(1)
    match = re.fullmatch(r"([\w.-]+)\s*(==|!=)\s*'([^']*)'", expression)
    if match:
        equal = _lookup(match.group(1), context).lower() == match.group(3).lower()
        return equal if match.group(2) == "==" else not equal
    if re.fullmatch(r"[\w.-]+", expression):
        return _lookup(expression, context)
    raise AssertionError(f"the test cannot evaluate {expression!r}: teach _evaluate")


def _substitute(text: object, context: dict) -> str:
    return _EXPRESSION.sub(lambda m: str(_evaluate(m.group(1), context)), _with_value(text))


def _recorder(directory: Path, log: Path) -> Path:
    """An ``ecslint`` that records its arguments, then runs the real one."""
    script = directory / "ecslint"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a') as f: f.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"os.execv({str(ECSLINT)!r}, [{str(ECSLINT)!r}] + sys.argv[1:])\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def run_action(workspace: Path, inputs: dict, tmp: Path) -> Run:
    """Run the Action's steps in ``workspace`` with the ``with:`` values ``inputs``.

    ``setup-python`` gives this interpreter, the install step is replaced by an ``ecslint``
    that records its arguments (installing is what the released Action does on a runner),
    and ``upload-sarif`` records the file it would send; every other step runs for real."""
    declared = ACTION["inputs"]
    unknown = set(inputs) - set(declared)
    assert not unknown, f"inputs the Action does not declare: {unknown}"
    context: dict = {
        "inputs": {name: _with_value(inputs.get(name, spec.get("default", ""))) for name, spec in declared.items()},
        "steps": {},
    }
    log = tmp / "ecslint-argv.jsonl"
    log.unlink(missing_ok=True)
    result = Run()
    for i, step in enumerate(ACTION["runs"]["steps"]):
        name = step.get("name") or step.get("id") or f"step {i}"
        condition = step.get("if")
        if result.exit_code != 0 and not (condition and "always()" in str(condition)):
            continue  # the implicit success(): a failed step skips the rest
        if condition is not None and not _evaluate(str(condition), context):
            continue
        result.steps.append(name)
        outputs: dict[str, str] = {}
        uses = step.get("uses", "")
        if uses.startswith("actions/setup-python@"):
            assert _with_value(step["with"].get("update-environment")) == "false", "the job's own Python must stay"
            outputs["python-path"] = sys.executable
        elif step.get("id") == "install":
            assert '"$GITHUB_ACTION_PATH"' in step["run"], "ecslint is installed from the Action's own checkout"
            outputs["ecslint"] = str(_recorder(tmp, log))
        elif uses.startswith("github/codeql-action/upload-sarif@"):
            sarif = workspace / _substitute(step["with"]["sarif_file"], context)
            result.uploaded.append(json.loads(sarif.read_text(encoding="utf-8")))
        elif "run" in step:
            assert step["shell"] == "bash"
            output_file = tmp / f"output-{i}"
            output_file.write_text("")
            script = tmp / f"step-{i}.sh"
            script.write_text(step["run"])
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(tmp),
                "RUNNER_OS": "Linux",
                "RUNNER_TEMP": str(tmp),
                "GITHUB_ACTION_PATH": str(ROOT),
                "GITHUB_WORKSPACE": str(workspace),
                "GITHUB_OUTPUT": str(output_file),
                "NO_COLOR": "1",
                **{k: _substitute(v, context) for k, v in (step.get("env") or {}).items()},
            }
            proc = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=workspace, env=env, capture_output=True, text=True, timeout=300,
            )
            result.logs[step.get("id") or name] = proc.stdout + proc.stderr
            outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
            if proc.returncode != 0:
                result.exit_code = proc.returncode
        else:
            raise AssertionError(f"the test does not know how to stand in for {uses!r}")
        if "id" in step:
            context["steps"][step["id"]] = outputs
    if log.exists():
        result.commands = [json.loads(line) for line in log.read_text().splitlines()]
    return result


def _workspace(tmp_path: Path, files: dict[str, Path]) -> Path:
    workspace = tmp_path / "workspace"
    for name, source in files.items():
        (workspace / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(workspace)], check=True)
    return workspace


def _parsed(argv: list[str]):
    """``argv`` as ``ecslint`` parses it: an option it does not accept exits 2 here, and
    options are spelt out (argparse would also take a prefix, which a new option can make
    ambiguous)."""
    top = parser()
    (commands,) = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    options = set(commands.choices[argv[0]]._option_string_actions)
    words = argv[1 : argv.index("--")] if "--" in argv else argv[1:]
    assert not [w for w in words if w.startswith("-") and w.split("=")[0] not in options and w != "-"], argv
    try:
        return top.parse_args(argv)
    except SystemExit as exc:  # argparse's way of refusing
        raise AssertionError(f"ecslint refuses {argv}: exit {exc.code}") from None


def test_annotations_by_default_and_the_step_fails_on_findings(tmp_path):
    workspace = _workspace(tmp_path, {"deploy/task-definition.json": FAILING})
    run = run_action(workspace, {}, tmp_path)
    (argv,) = run.commands
    args = _parsed(argv)
    assert (args.command, args.format, args.fail_on, args.paths, args.output) == ("check", "github", "warning", ["."], None)
    assert "::error file=deploy/task-definition.json,line=" in run.logs["check"]
    assert run.uploaded == []
    assert run.steps[-1] == "Fail on findings at or above fail-on" and run.exit_code == 1


def test_upload_sarif_uploads_then_still_fails_the_gate(tmp_path):
    workspace = _workspace(tmp_path, {"deploy/task-definition.json": FAILING, "deploy/clean.json": CLEAN})
    run = run_action(workspace, {"paths": "deploy/", "upload-sarif": True, "format": "text"}, tmp_path)
    (argv,) = run.commands
    args = _parsed(argv)
    assert (args.format, args.output, args.paths) == ("sarif", "ecslint.sarif", ["deploy/"])
    (log,) = run.uploaded
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"ECS101"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"deploy/task-definition.json"}
    assert run.steps[-2:] == ["Upload SARIF to code scanning", "Fail on findings at or above fail-on"]
    assert run.exit_code == 1


def test_a_clean_repository_passes_with_or_without_upload(tmp_path):
    workspace = _workspace(tmp_path, {"deploy/task-definition.json": CLEAN})
    for inputs in ({}, {"upload-sarif": "True", "sarif-file": "out/ecslint.sarif"}):  # GitHub ignores case
        run = run_action(workspace, inputs, tmp_path)
        assert run.exit_code == 0, run.logs
        assert "Fail on findings at or above fail-on" not in run.steps
        assert len(run.uploaded) == (1 if inputs else 0)
        if inputs:
            assert run.uploaded[0]["runs"][0]["results"] == []


def test_fail_on_config_args_and_several_paths_reach_ecslint(tmp_path):
    workspace = _workspace(tmp_path, {"a/task-definition.json": FAILING, "b/clean.json": CLEAN})
    (workspace / "ci.toml").write_text('select = ["ECS1"]\n')
    inputs = {"paths": "a/\n  b/clean.json", "config": "ci.toml", "fail-on": "error", "args": "--ignore ECS101  --quiet"}
    run = run_action(workspace, inputs, tmp_path)
    (argv,) = run.commands
    args = _parsed(argv)
    assert args.paths == ["a/", "b/clean.json"]
    assert (args.config, args.fail_on, args.ignore, args.quiet) == ("ci.toml", "error", ["ECS101"], True)
    assert run.exit_code == 0, run.logs  # ECS101 ignored: nothing at error


def test_a_usage_error_fails_at_once_and_uploads_nothing(tmp_path):
    workspace = _workspace(tmp_path, {"task-definition.json": FAILING})
    run = run_action(workspace, {"config": "missing.toml", "upload-sarif": "true"}, tmp_path)
    assert run.exit_code == 2
    assert run.uploaded == [] and run.steps[-1] == "ecslint check"


def test_inputs_are_arguments_never_globs_or_shell(tmp_path):
    """Paths and options reach ecslint as written: no glob expansion, no command
    substitution (inputs come through the environment, never pasted into the script)."""
    workspace = _workspace(tmp_path, {"task-definition.json": CLEAN})
    run = run_action(workspace, {"paths": "*.json $(touch${IFS}pwned) `touch pwned`", "fail-on": "never"}, tmp_path)
    (argv,) = run.commands
    assert _parsed(argv).paths == ["*.json", "$(touch${IFS}pwned)", "`touch", "pwned`"]
    assert not (workspace / "pwned").exists()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_every_format_the_input_names_is_one_ecslint_accepts(tmp_path, fmt):
    assert fmt in ACTION["inputs"]["format"]["description"]
    workspace = _workspace(tmp_path, {"task-definition.json": CLEAN})
    run = run_action(workspace, {"format": fmt}, tmp_path)
    (argv,) = run.commands
    assert _parsed(argv).format == fmt and run.exit_code == 0


# -- the README's workflow -----------------------------------------------------------------


def _readme_section() -> str:
    match = re.search(r"^## GitHub Action\n(.*?)^## ", README, re.DOTALL | re.MULTILINE)
    assert match, "the README has a 'GitHub Action' section"
    return match.group(1)


def _readme_workflow() -> dict:
    (text,) = re.findall(r"```yaml\n(# \.github/workflows/[^\n]*\n.*?)```", _readme_section(), re.DOTALL)
    return yaml.safe_load(text)


def _action_step(workflow: dict) -> dict:
    """The step of the README's workflow that uses this Action, at the released version."""
    from importlib.metadata import metadata

    urls = dict(u.split(", ", 1) for u in metadata("ecslint").get_all("Project-URL"))
    slug = urls["Repository"].removeprefix("https://github.com/")
    (job,) = workflow["jobs"].values()
    steps = [s for s in job["steps"] if str(s.get("uses", "")).startswith(slug + "@")]
    assert len(steps) == 1, f"one step uses {slug}@..."
    assert steps[0]["uses"] == f"{slug}@v{__version__}"
    return steps[0]


def test_readme_workflow_is_valid_and_uses_the_action():
    workflow = _readme_workflow()
    assert isinstance(workflow, dict) and workflow.get(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    (job,) = workflow["jobs"].values()
    step = _action_step(workflow)
    steps = job["steps"]
    assert str(steps[0].get("uses", "")).startswith("actions/checkout@"), "the repository is checked out first"
    for other in steps:
        assert _PINNED.match(other["uses"]), other["uses"]
    assert set(step.get("with", {})) <= set(ACTION["inputs"])
    if _with_value(step["with"].get("upload-sarif")) == "true":
        assert workflow["permissions"]["security-events"] == "write"


def test_readme_shows_the_command_the_action_runs_for_its_workflow(tmp_path):
    step = _action_step(_readme_workflow())
    section = _readme_section()
    (command,) = re.findall(r"```sh\n(ecslint check [^\n]*)\n```", section)
    paths = shlex.split(_with_value(step["with"].get("paths", ".")))
    workspace = _workspace(tmp_path, {paths[0].rstrip("/") + "/task-definition.json": CLEAN})
    for path in paths:
        (workspace / path).mkdir(parents=True, exist_ok=True)
    run = run_action(workspace, step.get("with", {}), tmp_path)
    assert run.exit_code == 0, run.logs
    (argv,) = run.commands
    assert ["ecslint", *argv] == shlex.split(command)
    _parsed(argv)
    if run.uploaded:  # the README names the upload the Action makes
        (upload,) = [s["uses"] for s in ACTION["runs"]["steps"] if "upload-sarif" in s.get("uses", "")]
        assert f"`{upload}`" in section


def test_readme_inputs_table_is_the_actions_inputs():
    rows = [line.strip().strip("|").split("|") for line in _readme_section().splitlines() if line.startswith("| `")]
    assert {name.strip().strip("`"): default.strip().strip("`") for name, default, *_ in rows} == {
        name: spec.get("default", "") for name, spec in ACTION["inputs"].items()
    }
    for name, spec in ACTION["inputs"].items():
        assert f"inputs.{name} " in _all_expressions(), f"input {name!r} is declared but never used"


def _all_expressions() -> str:
    texts = []
    for step in ACTION["runs"]["steps"]:
        texts += _texts(step)
    return " ".join(m + " " for t in texts for m in _EXPRESSION.findall(t))
