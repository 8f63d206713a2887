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
from hypothesis import given
from hypothesis import strategies as st

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


def _cli(
    cli_args: list[str], cwd: str | os.PathLike[str] | None = None, flags: tuple[str, ...] = ()
) -> tuple[subprocess.CompletedProcess[str], str, set[str]]:
    proc = _python([*flags, "-c", _RUN_CLI, json.dumps(cli_args)], cwd=cwd)
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


def test_checking_a_clean_json_file_loads_no_url_parser(tmp_path) -> None:
    """urllib.parse (with ipaddress, ~2 ms) only unquotes a schema reference that holds a
    ``%``. Run without ``site``: the test environment's editable install imports it
    itself (through pathlib), an installed ecslint does not."""
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(["check", path.name], cwd=tmp_path, flags=("-S",))
    assert proc.returncode == 0, output + proc.stderr
    assert _loaded(modules, ("urllib", "ipaddress", "pathlib")) == []


#: What no run of one JSON file imports (``--version``, a clean file, one with schema
#: findings, every rule): typing (~3 ms; annotations are never evaluated, and modules test
#: ``TYPE_CHECKING = False`` instead of importing it), the worker pool of big runs, the
#: streaming of big runs (counting the fixes a finding offers needs it for released files
#: only), contextlib (~3M instructions: only writing a file, ``--output``, needs it).
NOT_ON_THE_WAY_OF_ONE_FILE = ("typing", "ecslint.parallel", "ecslint.retention", "contextlib")


def _schema_findings() -> dict:
    """The clean task definition with the schema findings pre-commit meets most."""
    bad = json.loads(json.dumps(CLEAN_TASK_DEFINITION))
    container = bad["containerDefinitions"][0]
    container["esential"] = container.pop("essential")  # ECS002
    container["cpu"] = "256"  # ECS003
    bad["pidMode"] = "hots"  # ECS004
    del container["name"]  # ECS005
    return bad


@pytest.mark.parametrize(
    "args, code",
    [
        (["--version"], 0),
        (["check", "clean.json"], 0),
        (["check", "bad.json"], 1),
        (["check", "clean.json", "--select", "ALL"], 0),
        (["check", "bad.json", "--format", "json"], 1),
        (["check", "bad.json", "--format", "github"], 1),
    ],
)
def test_one_file_is_checked_without_what_it_does_not_use(tmp_path, args: list[str], code: int) -> None:
    """Run without ``site``: an editable install's finder imports some of these itself."""
    (tmp_path / "clean.json").write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text(json.dumps(_schema_findings(), indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(args, cwd=tmp_path, flags=("-S",))
    assert proc.returncode == code, output + proc.stderr
    assert "ecslint.cli" in modules
    assert _loaded(modules, NOT_ON_THE_WAY_OF_ONE_FILE) == []


def test_a_few_files_are_checked_without_typing(tmp_path) -> None:
    """Pre-commit passes a handful of files: ``ecslint.parallel`` decides they are too few
    for workers, and that decision must not import ``typing`` (~3 ms) either."""
    for name in ("a.json", "b.json", "c.json"):
        (tmp_path / name).write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(["check", "a.json", "b.json", "c.json"], cwd=tmp_path, flags=("-S",))
    assert proc.returncode == 0, output + proc.stderr
    assert "ecslint.parallel" in modules
    assert _loaded(modules, ("typing", "ecslint.retention")) == []


_NO_CATALOGS = not os.path.isdir(os.path.join(sys.base_prefix, "share", "locale"))


@pytest.mark.skipif(not _NO_CATALOGS, reason="this interpreter has a message catalog directory: argparse asks gettext")
def test_argparse_asks_no_translation_of_an_interpreter_without_catalogs(tmp_path) -> None:
    """Each gettext lookup imports ``locale`` and looks for a catalog file (~5M instructions
    for the parsers of a check): an interpreter without catalogs translates nothing."""
    (tmp_path / "clean.json").write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(["check", "clean.json"], cwd=tmp_path, flags=("-S",))
    assert proc.returncode == 0, output + proc.stderr
    assert _loaded(modules, ("locale", "_locale")) == []


@pytest.mark.parametrize("argv", [["check", "--bogus"], ["chekc"], ["check", "--help"], ["--help"], ["check", "-j", "0"], ["lifecycle"]])
def test_the_command_line_says_what_argparse_with_gettext_says(argv: list[str], capsys) -> None:
    """The console script (``run``, untranslated where nothing can be translated) prints
    the very messages argparse prints after asking gettext (``main`` in this process)."""
    from ecslint import cli

    with pytest.raises(SystemExit) as exit:
        sys.exit(cli.main(argv))
    asked = exit.value.code, capsys.readouterr()
    proc = _python(["-c", "import sys, json; sys.argv = ['ecslint'] + json.loads(sys.argv[1]); from ecslint.cli import run; run()", json.dumps(argv)])
    assert (proc.returncode, proc.stdout, proc.stderr) == (asked[0], asked[1].out, asked[1].err)


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
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(_schema_findings(), indent=2) + "\n", encoding="utf-8")
    proc, output, modules = _cli(["check", path.name], cwd=tmp_path)
    assert proc.returncode == 1, output + proc.stderr
    assert {"ECS002", "ECS003", "ECS004", "ECS005"} <= set(output.split()), output
    assert _loaded(modules, ("jsonschema", "referencing", "rpds", "attrs", "hashlib", "_hashlib", "difflib", "heapq")) == []


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


# -- regular expressions compiled on first use (ecslint.core.lazyre) ---------------------

@pytest.fixture
def made_parsers(monkeypatch) -> list:
    """The ``prog`` of each ArgumentParser made while the test runs."""
    import argparse

    made = []
    init = argparse.ArgumentParser.__init__

    def counting(self, *args, **kwargs):
        made.append(kwargs.get("prog"))
        init(self, *args, **kwargs)

    monkeypatch.setattr(argparse.ArgumentParser, "__init__", counting)
    return made


@pytest.mark.parametrize("command", ["check", "rules", "rule", "schema"])
def test_only_the_parser_of_the_command_that_runs_is_made(command: str, made_parsers: list) -> None:
    """Each parser argparse makes costs its groups, its help action and a translation
    lookup for each of their titles: the commands that do not run are names only."""
    from ecslint import cli

    cli.parser(command)
    assert made_parsers == ["ecslint", f"ecslint {command}"]


@pytest.mark.parametrize(
    "argv",
    [
        ["chekc"], ["check", "--bogus"], ["rules", "--format", "xml"], ["lifecycle", "preview"], ["--version"], ["--help"],
        ["-h", "check"], ["--bogus"], ["--no-color", "check", "x"], ["--", "check", "--bogus"], ["-", "check"], ["--version", "check"],
    ],
)
def test_what_stops_in_the_parser_says_what_the_whole_parser_says(argv: list[str], capsys) -> None:
    """``main`` makes the parser of the command named only (none for ``--version``)."""
    from ecslint import cli

    def stopped(parse) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exit:
            parse(argv)
        out = capsys.readouterr()
        return exit.value.code, out.out, out.err

    assert stopped(cli.main) == stopped(cli.parser().parse_args)


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["--bogus"]])
def test_no_command_parser_is_made_without_a_command(argv: list[str], made_parsers: list, capsys) -> None:
    from ecslint import cli

    with pytest.raises(SystemExit):
        cli.main(argv)
    assert made_parsers == ["ecslint"]


# Runs the CLI as _RUN_CLI does, counting the patterns compiled from ecslint's code (the
# caller's file, found on the stack) and listing the lazy module-level patterns compiled.
_RUN_CLI_COUNTING_PATTERNS = textwrap.dedent(
    """
    import atexit, gc, json, os, re._compiler, sys

    compiled = []
    _compile = re._compiler.compile

    def counting(pattern, flags=0):
        frame = sys._getframe(1)
        while frame is not None and os.sep + "ecslint" + os.sep not in frame.f_code.co_filename:
            frame = frame.f_back
        if frame is not None:
            compiled.append(str(pattern)[:60])
        return _compile(pattern, flags)

    re._compiler.compile = counting

    @atexit.register
    def _dump():
        from ecslint.core.lazyre import LazyPattern

        lazy = sorted(
            f"{name}.{attribute}"
            for name, module in list(sys.modules.items())
            if name.startswith("ecslint")
            for attribute, value in list(vars(module).items())
            if isinstance(value, LazyPattern) and "compiled" in vars(value)
        )
        sys.stdout.flush()
        sys.stdout.write("\\n@@PATTERNS@@" + json.dumps({"compiled": compiled, "lazy": lazy, "frozen": gc.get_freeze_count()}) + "\\n")
        sys.stdout.flush()

    sys.argv = ["ecslint"] + json.loads(sys.argv[1])
    from ecslint.cli import run
    run()
    """
)

#: Module-level patterns a check of a clean JSON file must not compile: sniffing (the
#: file is JSON), other sources' syntax, suppression comments (none in the file), and the
#: escape of unprintable characters (none in the output).
LAZY_ON_A_CLEAN_JSON_CHECK = (
    "ecslint.engine._SUPPRESS",
    "ecslint.load.reader._ECS_TEXT",
    "ecslint.load.reader._ECS_NAME",
    "ecslint.load.reader._NESTED_SHORT_FORMS",
    "ecslint.load.jsonload._MAYBE_SURROGATE",
    "ecslint.load.jsonload._NON_FINITE",
    "ecslint.output.escape._UNPRINTABLE",
    "ecslint.sources.workflow._STEP_OUTPUT",
    "ecslint.model.images._ECR_HOST_END",
    "ecslint.model.sizes._MEMORY",
    "ecslint.rules.security.secret_in_environment._ENTRY_NAME",
)

#: Patterns compiled from ecslint's code in a check of one clean JSON file (31 when this
#: was written, 109 before patterns were compiled on first use; each costs 30-500 µs).
MAX_PATTERNS_FOR_A_CLEAN_JSON_CHECK = 40


def _cli_counting_patterns(cli_args: list[str], cwd: str | os.PathLike[str]) -> tuple[subprocess.CompletedProcess[str], str, dict]:
    proc = _python(["-c", _RUN_CLI_COUNTING_PATTERNS, json.dumps(cli_args)], cwd=cwd)
    output, marker, dump = proc.stdout.rpartition("@@PATTERNS@@")
    assert marker, f"the CLI subprocess did not report its patterns:\n{proc.stdout}\n{proc.stderr}"
    return proc, output, json.loads(dump)


def test_checking_a_clean_json_file_compiles_few_patterns(tmp_path) -> None:
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    proc, output, dump = _cli_counting_patterns(["check", path.name], cwd=tmp_path)
    assert proc.returncode == 0, output + proc.stderr
    assert len(dump["compiled"]) <= MAX_PATTERNS_FOR_A_CLEAN_JSON_CHECK, (
        "a module compiles its patterns when imported: use ecslint.core.lazyre.lazy(...)\n"
        + "\n".join(dump["compiled"])
    )
    assert sorted(set(dump["lazy"]) & set(LAZY_ON_A_CLEAN_JSON_CHECK)) == []


def test_a_schema_finding_compiles_no_secret_shape_it_does_not_need(tmp_path) -> None:
    """ECS403's 14 credential shapes and its name=value scans are compiled only for text
    that holds what they look for: a message that names an unknown field needs none."""
    bad = json.loads(json.dumps(CLEAN_TASK_DEFINITION))
    container = bad["containerDefinitions"][0]
    container["esential"] = container.pop("essential")  # ECS002: "... rejects keys ..."
    bad["pidMode"] = "hots"  # ECS004 quotes the value: safe_token judges it
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(bad, indent=2) + "\n", encoding="utf-8")
    proc, output, dump = _cli_counting_patterns(["check", path.name], cwd=tmp_path)
    assert proc.returncode == 1, output + proc.stderr
    assert "`hots`" in output  # quoted: judged no secret
    shapes = ("(?<![A-Z0-9])(?:AKIA|ASIA)", "-----BEGIN", "(?<![A-Za-z0-9_.])(?<![A-Za-z0-9_.]-)(?P<name>", "(?<![A-Za-z0-9_-])--?(?P<name>")
    assert [p for p in dump["compiled"] if p.startswith(shapes)] == []


def test_the_cli_leaves_its_objects_to_the_end_of_the_process(tmp_path) -> None:
    """``run`` freezes the objects when the command returns: the interpreter's shutdown
    then skips its full collections over every module's objects (~7% of a check)."""
    path = tmp_path / "task-definition.json"
    path.write_text(json.dumps(CLEAN_TASK_DEFINITION, indent=2) + "\n", encoding="utf-8")
    proc, output, dump = _cli_counting_patterns(["check", path.name], cwd=tmp_path)
    assert proc.returncode == 0, output + proc.stderr
    assert dump["frozen"] > 10_000


def test_a_lazy_pattern_compiles_on_first_use_and_then_is_the_pattern() -> None:
    import re

    from ecslint.core.lazyre import LazyPattern, lazy

    pattern = lazy(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    assert isinstance(pattern, LazyPattern) and "compiled" not in vars(pattern)
    real = re.compile(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    text = "Web-1, api-22 and -3"
    assert pattern.search(text).group("word") == real.search(text).group("word")
    assert vars(pattern)["compiled"] is real  # re's own cache: the same pattern object
    assert vars(pattern)["search"] == real.search  # bound once: later calls skip __getattr__
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert pattern.sub("x", text) == real.sub("x", text) and pattern.split(text) == real.split(text)
    assert pattern.fullmatch("a-1") and pattern.match("a-1x") and not pattern.fullmatch("a-1x")
    assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (real.pattern, real.flags, real.groups, real.groupindex)
    with pytest.raises(AttributeError):
        pattern.no_such_method  # noqa: B018 - the lookup is the test


_SPECIAL = st.sampled_from(["\t", "\n", "\x1b", "\x7f", "\x85", "\u2028", "\u202e", "\u2066", "\ud800", "\udc80", "\u00a0", "\u200b", "é"])


@given(st.text(alphabet=st.characters(exclude_categories=()) | _SPECIAL, max_size=30))
def test_printable_without_its_scan_is_printable_with_it(text: str) -> None:
    """``str.isprintable`` spares the scan only where the pattern finds nothing."""
    from ecslint.output import escape

    assert escape.printable(text) == escape._UNPRINTABLE.sub(escape._escape, text)
    expected = "\t".join(escape._UNPRINTABLE.sub(escape._picture, part) for part in text.split("\t"))
    assert escape.excerpt(text) == expected


_SECRET_TEXT = st.lists(
    st.sampled_from(
        ["DB_PASSWORD", "api_key", "token", "name", "value", "valueFrom", "--password", "-p", "=", ":", " ", ",", '"',
         "'", "hunter2hunter2", "s3cr3t-V4lue-9x8y7z6w5v", "?", "&", "sig", "x", "1234", "{", "}", "\n"]
    ),
    max_size=12,
).map("".join)


@given(_SECRET_TEXT)
def test_the_name_value_scans_skipped_for_a_text_would_find_nothing_in_it(text: str) -> None:
    """``secret_spans`` skips a scan for text without the character or word it needs; the
    scan would have found nothing there."""
    from ecslint.rules.security import secret_in_environment as sie

    needs = {"pair": (":", "="), "flag": ("-",), "entry": ("name",)}
    for key, chars in needs.items():
        if not any(c in text for c in chars):
            assert list(sie._text_patterns()[key].finditer(text)) == []


# -- records made without typing's run-time checks (ecslint.core.records) ----------------


def test_no_module_makes_its_records_with_typing_named_tuple() -> None:
    """typing.NamedTuple compiles each field's (string) annotation when the class is made:
    6% of a check of one file for ecslint's ~100 fields. ecslint.core.records makes the
    same classes without."""
    import re

    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "ecslint").rglob("*.py"))
        if path.name != "records.py" and re.search(r"^from typing import [^\n]*\bNamedTuple\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == [], "use `from ecslint.core.records import NamedTuple`"


def test_a_record_is_the_class_typing_makes() -> None:
    import pickle
    import typing

    from ecslint.core.records import NamedTuple

    def body(base):
        class Point(base):
            """A point."""

            x: int
            y: "list[int] | None" = None
            z: int = 0

            def norm(self) -> int:
                return abs(self.x) + self.z

            @property
            def double(self) -> int:
                return 2 * self.x

        return Point

    ours, theirs = body(NamedTuple), body(typing.NamedTuple)
    assert ours.__mro__[1:] == theirs.__mro__[1:] == (tuple, object)
    assert ours._fields == theirs._fields == ("x", "y", "z")
    assert ours._field_defaults == theirs._field_defaults == {"y": None, "z": 0}
    assert ours.__doc__ == theirs.__doc__ == "A point."
    assert (ours.__name__, ours.__qualname__, ours.__module__) == (theirs.__name__, theirs.__qualname__, theirs.__module__)
    assert set(ours.__annotations__) == set(theirs.__annotations__) == {"x", "y", "z"}
    assert set(vars(ours)) == set(vars(theirs)) - {"__orig_bases__"}  # (typing's function form leaves it)
    p = ours(3, z=4)
    assert p == (3, None, 4) and p.norm() == 7 and p.double == 6 and p._replace(x=1).x == 1
    assert p._asdict() == {"x": 3, "y": None, "z": 4} and ours._make([1, 2, 3]) == (1, 2, 3)
    assert repr(p) == "Point(x=3, y=None, z=4)"
    with pytest.raises(TypeError):
        ours()  # x has no default
    assert "__dict__" not in dir(p)  # slots, as a named tuple: no instance dictionary
    import inspect

    for name in ("__new__", "_make", "_replace", "__repr__", "_asdict", "__getnewargs__"):
        mine, typings = getattr(ours, name), getattr(theirs, name)
        assert (mine.__doc__, mine.__qualname__) == (typings.__doc__, typings.__qualname__), name
        plain = [(p.name, p.kind, p.default) for p in inspect.signature(mine).parameters.values()]
        assert plain == [(p.name, p.kind, p.default) for p in inspect.signature(typings).parameters.values()], name
    assert ours.__new__.__defaults__ == theirs.__new__.__defaults__ == (None, 0)
    assert ours.__new__.__module__ == theirs.__new__.__module__ == "namedtuple_Point"
    assert ours.__match_args__ == theirs.__match_args__ and ours.__slots__ == theirs.__slots__ == ()
    assert [getattr(ours, f).__doc__ for f in ours._fields] == [getattr(theirs, f).__doc__ for f in theirs._fields]
    with pytest.raises(TypeError, match="Expected 3 arguments, got 2"):
        ours._make([1, 2])
    with pytest.raises(ValueError, match="Got unexpected field names"):
        p._replace(w=1)
    assert p.__getnewargs__() == (3, None, 4)


@pytest.mark.parametrize("arity", [1, 2, 3, 16])
def test_records_of_one_arity_share_a_template_but_not_their_parameters(arity: int) -> None:
    import pickle

    from ecslint.core.finding import Region
    from ecslint.core.records import namedtuple

    first = namedtuple("First", tuple(f"a{i}" for i in range(arity)), [], __name__)
    second = namedtuple("Second", tuple(f"b{i}" for i in range(arity)), [0], __name__)
    assert first(*range(arity)) == tuple(range(arity)) == second(*range(arity))
    assert first(**{f"a{i}": i for i in range(arity)}) == tuple(range(arity))
    assert second(*range(arity - 1)) == tuple(range(arity - 1)) + (0,)
    with pytest.raises(TypeError):
        first(**{f"b{i}": i for i in range(arity)})
    region = Region(1, 2, 3, 4)
    assert pickle.loads(pickle.dumps(region)) == region and type(pickle.loads(pickle.dumps(region))) is Region


def test_a_record_is_refused_what_typing_refuses() -> None:
    from ecslint.core.records import NamedTuple

    with pytest.raises(TypeError, match="Non-default namedtuple field y cannot follow default field x"):

        class Bad(NamedTuple):
            x: int = 0
            y: int

    with pytest.raises(AttributeError, match="Cannot overwrite NamedTuple attribute _replace"):

        class Worse(NamedTuple):
            x: int

            def _replace(self):  # pragma: no cover - refused before use
                return self


# -- did-you-mean without difflib (ecslint.core.suggest) ---------------------------------

_WORDS = st.text(alphabet="abcdeesntial-_", max_size=12)


@given(_WORDS, st.lists(_WORDS, max_size=8), st.sampled_from([0.0, 0.5, 0.6, 0.75, 0.9, 1.0]))
def test_close_match_is_difflibs(word: str, possibilities: list[str], cutoff: float) -> None:
    import difflib

    from ecslint.core.suggest import close_match

    expected = difflib.get_close_matches(word, possibilities, n=1, cutoff=cutoff)
    assert close_match(word, possibilities, cutoff) == (expected[0] if expected else None)


@given(st.text(alphabet="ab c", min_size=190, max_size=260), st.lists(st.text(alphabet="abc ", min_size=150, max_size=260), min_size=1, max_size=3))
def test_close_match_is_difflibs_for_long_words_too(word: str, possibilities: list[str]) -> None:
    """From 200 characters on, difflib leaves characters of more than 1% of the word out
    of its index (autojunk) and extends matches over them."""
    import difflib

    from ecslint.core.suggest import close_match

    for cutoff in (0.0, 0.6, 0.9):
        expected = difflib.get_close_matches(word, possibilities, n=1, cutoff=cutoff)
        assert close_match(word, possibilities, cutoff) == (expected[0] if expected else None)
