"""The command line: ``ecslint check``, ``rules``, ``rule``, ``schema``, ``lifecycle preview``.

Start-up cost is the budget of a pre-commit hook (100 ms for a whole run on one file), so
this module imports only the standard library's ``argparse``; each command imports the
engine, the loaders and the one reporter it needs inside its body. (typer, which the
project first used, costs 30-40 ms to import, a third of the budget, before a single rule
runs: argparse does the same job for the cost of nothing.)

Exit codes (DESIGN §4): 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage or configuration error, unreadable path, or an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys

from ecslint import __version__
from ecslint.core.finding import FAIL_ON

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

FORMATS = ("text", "json", "sarif", "github")


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, its width found without ``shutil``: argparse makes one for
    every ``add_argument`` (to check the metavar), and ``shutil`` (with bz2, lzma, fnmatch)
    is a few ms of a run that never prints help."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _columns() -> int:
    """``shutil.get_terminal_size().columns``: ``COLUMNS``, else the terminal's, else 80;
    asked once for each value of ``COLUMNS`` (argparse makes a formatter per argument)."""
    key = os.environ.get("COLUMNS")
    if key not in _COLUMNS:
        _COLUMNS[key] = _ask_columns()
    return _COLUMNS[key]


_COLUMNS: dict[str | None, int] = {}


def _ask_columns() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, as we want
        self.print_usage(sys.stderr)
        self.exit(2, f"ecslint: error: {message}\n")


def _fail(message: str) -> int:
    from ecslint.output.escape import printable  # a path in the message is the user's data

    sys.stderr.write(f"ecslint: error: {printable(message)}\n")
    return 2


def _split(values: Sequence[str] | None) -> list[str]:
    """``--select A,B --select C`` -> ``[A, B, C]``."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes, 1 or more, not `{text}`")
    return value


def _config(path: str | None, start: str | None = None):
    from ecslint import config

    found = path or config.find(start)
    return config.load(found) if found else config.Config()


# -- commands ----------------------------------------------------------------------------


def check(args: argparse.Namespace) -> int:
    """Check ECS configuration files and report findings."""
    from ecslint.config import ConfigError
    from ecslint.core.finding import Severity
    from ecslint.engine import INTERNAL_ERROR, Settings, load, write_baseline
    from ecslint.load.discover import PathError
    from ecslint.plugins import PluginError

    from ecslint.output.escape import printable

    # The last guard for names that are not UTF-8 (lone surrogates) in any format: written
    # as escapes, never an encoding error that loses the run.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    paths = args.paths or (["-"] if args.stdin_filename else ["."])
    if "-" in paths and len(paths) > 1:
        return _fail("`-` (standard input) cannot be combined with other paths")
    if args.stdin_filename and paths != ["-"]:
        return _fail("--stdin-filename names standard input: give `-` as the only path")
    if args.statistics and args.format not in ("text", "json"):
        return _fail("--statistics needs --format text or json")
    fixing = args.fix or args.diff
    if args.unwrap_describe and not fixing:
        return _fail("--unwrap-describe changes files: give it with --fix (or --diff to see the change)")
    if fixing and args.write_baseline:
        return _fail("--write-baseline records findings: it cannot be combined with --fix or --diff")
    try:
        # Standard input under a name: its configuration is the one that file would have.
        config = _config(args.config, os.path.dirname(os.path.abspath(args.stdin_filename)) if args.stdin_filename else None)
        settings = Settings(
            config=config,
            select=_split(args.select) if args.select else None,
            extend_select=_split(args.extend_select),
            ignore=_split(args.ignore),
            instance_types=_split(args.instance_type),
            context=list(args.context or ()),
            baseline=args.baseline,
            stdin_filename=args.stdin_filename,
            exclude=_split(args.exclude),
            force_exclude=args.force_exclude or None,
            respect_gitignore=args.respect_gitignore,
            jobs=args.jobs,
            keep_documents=bool(fixing),  # the fixes edit them
        )
        settings.var_files = list(args.var_file or [])
        if args.parameter or args.parameters_file:
            from ecslint.sources.cloudformation import parameters_from

            settings.parameters = parameters_from(args.parameter or [], args.parameters_file or [])
        session = load(paths, settings)
        report = session.lint()
    except (ConfigError, PluginError, PathError) as exc:
        return _fail(str(exc))
    unwritten = False
    if fixing:
        report, unwritten = _fix(session, report, args)
    elif any(f.fix is not None for f in report.findings):
        from ecslint.fix.runner import FixSummary, available

        report.fixes = FixSummary()
        report.fixes.safe_left, report.fixes.unsafe_left = available(report)
        if args.unsafe_fixes:
            report.fixes.safe_left += report.fixes.unsafe_left
            report.fixes.unsafe_left = 0

    if not args.quiet:
        for warning in report.warnings:
            sys.stderr.write(f"ecslint: warning: {printable(warning)}\n")

    if args.write_baseline:
        try:
            write_baseline(report, args.write_baseline)
        except OSError as exc:
            return _fail(f"cannot write baseline {args.write_baseline}: {exc.strerror or exc}")
        sys.stderr.write(f"ecslint: wrote {len(report.findings)} finding(s) to {printable(args.write_baseline)}\n")
        return 0

    # ``--diff`` prints the diff on standard output, and so does ``--fix`` of standard input
    # its fixed text: then the report goes to standard error.
    aside = args.diff or (args.fix and paths == ["-"] and (bool(args.paths) or bool(args.stdin_filename)))
    terminal = sys.stderr if aside else sys.stdout
    if args.output:
        import io

        from ecslint.load.files import replacing

        try:
            # Written beside and renamed: two runs writing one report never interleave.
            with replacing(args.output) as raw:
                stream = io.TextIOWrapper(raw, encoding="utf-8", errors="backslashreplace")
                _report(report, stream, args, to_terminal=False)
                stream.flush()
                stream.detach()
        except OSError as exc:
            return _fail(f"cannot write {args.output}: {exc.strerror or exc}")
    else:
        _report(report, terminal, args, to_terminal=terminal.isatty())

    threshold = args.fail_on or config.fail_on
    if args.diff and report.fixes is not None and report.fixes.changed:
        return 1  # as ``diff``: the files are not as they should be
    if unwritten or any(p.kind == "unreadable" for f in report.files for p in f.problems):
        return 2
    if any(f.rule == INTERNAL_ERROR for f in report.findings):
        return 2
    if threshold != "never" and any(f.severity >= Severity.parse(threshold) for f in report.findings):
        return 1
    return 0


def _fix(session, report, args: argparse.Namespace):
    """``--fix`` / ``--diff``: fix in memory, then write the files (or print the diff);
    the report of what is left, and whether a fixed file could not be written."""
    from ecslint.fix import runner
    from ecslint.output.escape import printable

    report, summary = runner.run(session, report, unsafe=args.unsafe_fixes, unwrap=args.unwrap_describe)
    summary.mode = "diff" if args.diff else "fix"
    report.fixes = summary
    stdin = (args.paths or ["-"]) == ["-"] and (bool(args.paths) or bool(args.stdin_filename))
    written = True
    if args.diff or stdin:
        for file, text in summary.changed:
            # ruff's way: standard input comes back fixed on standard output
            sys.stdout.write(runner.unified_diff(file.display, file.text or "", text) if args.diff else text)
    else:
        report, written = runner.write_all(session, report, summary)
        if not written and args.unsafe_fixes:
            summary.safe_left, summary.unsafe_left = summary.safe_left + summary.unsafe_left, 0
    if args.fix and stdin and not summary.changed:
        for file in report.files:
            sys.stdout.write(file.text or "")  # nothing to fix: the text as it came
    for warning in summary.warnings:
        sys.stderr.write(f"ecslint: warning: {printable(warning)}\n")
    return report, not written


def _report(report, stream, args: argparse.Namespace, *, to_terminal: bool) -> None:
    if args.format == "json":
        from ecslint.output import json as reporter

        reporter.write(report, stream, statistics=args.statistics)
    elif args.format == "sarif":
        from ecslint.output import sarif as reporter

        reporter.write(report, stream, warn=None if args.quiet else lambda text: sys.stderr.write(f"ecslint: warning: {text}\n"))
    elif args.format == "github":
        from ecslint.output import github as reporter

        reporter.write(report, stream)
    else:
        from ecslint.output import text as reporter

        color = use_color(args.no_color, os.environ, to_terminal) if not args.output else False
        reporter.write(
            report, stream, excerpt=to_terminal, color=color, verbose=args.verbose, quiet=args.quiet, statistics=args.statistics
        )


def use_color(no_color: bool, environ: Mapping[str, str], terminal: bool) -> bool:
    """Whether the text report on standard output is coloured. First that applies wins:
    ``--no-color``; ``NO_COLOR`` set and not empty (https://no-color.org); ``FORCE_COLOR``
    set and not empty (https://force-color.org: colour even when not a terminal);
    ``TERM=dumb`` (no colour); otherwise colour exactly when standard output is a terminal.
    A report written with ``--output`` is never coloured."""
    if no_color or environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    return terminal


def list_rules(args: argparse.Namespace) -> int:
    """List every rule: id, name, severity, whether it is enabled, what it reads, the
    compliance controls it checks."""
    import json

    from ecslint.config import ConfigError
    from ecslint.docs import short_references
    from ecslint.engine import Plan, Registry, Settings

    try:
        registry = Registry.default()
        plan = Plan(registry, Settings(config=_config(args.config)))
        listed = registry.rules
        if args.select:
            chosen = {r.id for s in _split(args.select) for r in registry.resolve(s, "--select")}
            listed = tuple(r for r in registry.rules if r.id in chosen)
    except ConfigError as exc:
        return _fail(str(exc))
    enabled = {r.id for r in plan.rules}
    rows = [
        {
            "id": r.id,
            "name": r.name,
            "severity": plan.severity[r.id].label,
            "enabled": r.id in enabled,
            "kinds": list(r.kinds),
            "summary": r.summary,
            "compliance": [{"framework": ref.framework, "id": ref.id, "url": ref.url} for ref in r.compliance],
            "fix": r.fix,
        }
        for r in listed
    ]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    for r, row in zip(listed, rows):
        state = "" if row["enabled"] else "  (off)"
        controls = short_references(r)
        mapped = f"  [{', '.join(controls)}]" if controls else ""
        print(f"{row['id']}  {row['name']:<46} {row['severity']:<8}{row['summary']}{state}{mapped}")
    return 0


def show_rule(args: argparse.Namespace) -> int:
    """Show one rule's page: what it checks, why, an example, how to fix."""
    from ecslint.config import ConfigError
    from ecslint.docs import page
    from ecslint.engine import Registry

    try:
        rule = Registry.default().lookup(args.rule, "rule")
    except ConfigError as exc:
        return _fail(str(exc))
    sys.stdout.write(page(rule))
    return 0


def show_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a document kind, or of a CloudFormation resource type's
    Properties (for editors)."""
    import json

    from ecslint import schemas

    name = schemas.cfn_schema(args.kind) or args.kind
    if name not in schemas.NAMES:
        kinds = [n for n in schemas.NAMES if n not in schemas.CFN_TYPES.values()]
        return _fail(
            f"unknown schema `{args.kind}`; choose one of {', '.join(kinds)}, "
            f"or a CloudFormation resource type: {', '.join(schemas.CFN_TYPES)}"
        )
    print(json.dumps(schemas.load(name), indent=2))
    return 0


def lifecycle_preview(args: argparse.Namespace) -> int:
    """Show what a lifecycle policy would do to a repository's images, offline."""
    from ecslint.lifecycle.preview import PreviewError, preview, write_json, write_text

    try:
        result, display, warnings = preview(args.policy, args.images, args.now)
    except PreviewError as exc:
        return _fail(str(exc))
    (write_json if args.format == "json" else write_text)(result, display, warnings, sys.stdout)
    return 0


# -- the parser --------------------------------------------------------------------------


class _Undeclared:
    """Stands for the parser of a command that does not run: what would be declared on it
    is not (argparse checks every argument it is given, which is most of its cost)."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self


def _declared(commands: Any, name: str, command: str | None, **kwargs: Any) -> Any:
    """The parser of command ``name``, added to ``commands`` (``add_parser(name, **kwargs)``),
    or when another command runs (``command``), a stand-in: the name and its help are
    listed (the error of an unknown command names it) but no parser is made (each costs
    its groups, help action and translation lookups), nor are its arguments declared."""
    if command in (None, name):
        return commands.add_parser(name, **kwargs)
    commands._choices_actions.append(commands._ChoicesPseudoAction(name, (), kwargs["help"]))
    commands.choices[name] = None  # never parsed with: the command named first runs
    return _Undeclared()


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, only that command's arguments are
    declared (the others keep their name and help: ``ecslint --help`` lists them all)."""
    top = _Parser(
        prog="ecslint",
        description="Policy linter and static analyzer for Amazon ECS task definitions, services and ECR lifecycle policies.",
    )
    top.add_argument("--version", action="version", version=f"ecslint {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = _declared(commands, "check", command, help="check ECS configuration files and report findings", description=check.__doc__)
    c.add_argument("paths", nargs="*", metavar="PATHS", help="files or directories to check, or `-` for standard input (default: the current directory)")
    c.add_argument("-f", "--format", choices=FORMATS, default="text", metavar="FORMAT", help="text (default), json, sarif or github")
    c.add_argument("-o", "--output", metavar="FILE", help="write the report to this file")
    c.add_argument("--select", action="append", metavar="RULES", help="rules to run: ids, id prefixes, names or compliance controls (compliance:security-hub), comma-separated (replaces the config's select)")
    c.add_argument("--extend-select", action="append", metavar="RULES", help="rules to run in addition")
    c.add_argument("--ignore", action="append", metavar="RULES", help="rules not to run")
    c.add_argument("--fail-on", choices=FAIL_ON, metavar="SEVERITY", help="error, warning (default), note or never: the lowest severity that makes the exit code 1")
    c.add_argument("--config", metavar="FILE", help="configuration file (default: the nearest .ecslint.toml or pyproject.toml)")
    c.add_argument("--instance-type", action="append", metavar="TYPE", help="EC2 instance type the cluster runs (repeatable)")
    c.add_argument("--context", action="append", metavar="PATH", help="also load these paths for cross-document rules, without reporting on them")
    c.add_argument("--parameter", action="append", metavar="NAME=VALUE", help="a CloudFormation template parameter's value (repeatable); unset parameters are unknown")
    c.add_argument("--parameters-file", action="append", metavar="FILE", help="CloudFormation parameter values: create-stack --parameters JSON, a CodePipeline template configuration, or deploy --parameter-overrides JSON")
    c.add_argument("--var-file", action="append", metavar="FILE", help="a Terraform variable file (repeatable): var.* then take its values, else their defaults; without one (or a terraform.tfvars), var.* are unknown")
    c.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in this baseline file")
    c.add_argument("--exclude", action="append", metavar="GLOBS", help="skip paths matching these globs, comma-separated (in addition to the config's exclude)")
    c.add_argument("--force-exclude", action="store_true", help="apply exclude and .gitignore also to paths named on the command line (as pre-commit names files)")
    c.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false", default=None, help="also check files that .gitignore and .git/info/exclude ignore")
    c.add_argument("--write-baseline", metavar="FILE", help="record the current findings as a baseline and exit 0")
    c.add_argument("--fix", action="store_true", help="apply the safe fixes in place, then report what is left")
    c.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply the unsafe fixes (they change what runs or cost money: review them)")
    c.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing them (exit 1 when there is one)")
    c.add_argument("--unwrap-describe", action="store_true", help="with --fix or --diff, turn describe-task-definition output ({\"taskDefinition\": {...}}) into register-task-definition input")
    c.add_argument("--no-color", action="store_true", help="no colours (wins over NO_COLOR, FORCE_COLOR and TERM)")
    c.add_argument("-v", "--verbose", action="store_true", help="also list the files skipped, and why")
    c.add_argument("-q", "--quiet", action="store_true", help="only the findings, no summary")
    c.add_argument("--statistics", action="store_true", help="instead of the findings, how many each rule reported, most first")
    c.add_argument("-j", "--jobs", type=_jobs, metavar="N", help="worker processes for a big run (default: one per usable CPU; 1: serial); the report is the same")
    c.add_argument("--stdin-filename", metavar="PATH", help="the name of the file read from standard input (`-`): shown in the report, and used to find the configuration, match `exclude` and choose JSON or YAML")
    c.set_defaults(handler=check)

    r = _declared(commands, "rules", command, help="list every rule", description=list_rules.__doc__)
    r.add_argument("-f", "--format", choices=("text", "json"), default="text", metavar="FORMAT", help="text (default) or json")
    r.add_argument("--config", metavar="FILE", help="configuration file (default: the nearest)")
    r.add_argument(
        "--select", action="append", metavar="RULES",
        help="list only these rules: ids, id prefixes, names or compliance controls (compliance:security-hub)",
    )
    r.set_defaults(handler=list_rules)

    one = _declared(commands, "rule", command, help="show one rule's page", description=show_rule.__doc__)
    one.add_argument("rule", metavar="RULE", help="a rule id or name, such as ECS101")
    one.set_defaults(handler=show_rule)

    s = _declared(commands, "schema", command, help="print the JSON Schema of a document kind", description=show_schema.__doc__)
    s.add_argument(
        "kind", metavar="KIND", help="task-definition, container-definitions, service, lifecycle-policy, ..., AWS::ECS::TaskDefinition"
    )
    s.set_defaults(handler=show_schema)

    lifecycle = _declared(commands, "lifecycle", command, help="ECR lifecycle policy tools", description="ECR lifecycle policy tools.")
    tools = lifecycle.add_subparsers(dest="tool", metavar="TOOL", parser_class=_Parser)
    p = tools.add_parser("preview", help="what a policy would do to a repository's images", description=lifecycle_preview.__doc__)
    p.add_argument("policy", metavar="POLICY", help="the lifecycle policy: raw policy, put/get-lifecycle-policy JSON, or YAML")
    p.add_argument("--images", required=True, metavar="IMAGES", help="`aws ecr describe-images --filter imageStatus=ANY` output (JSON)")
    p.add_argument("--now", metavar="TIMESTAMP", help="evaluate at this ISO-8601 time (default: now)")
    p.add_argument("-f", "--format", choices=("text", "json"), default="text", metavar="FORMAT", help="text (default) or json")
    p.set_defaults(handler=lifecycle_preview)
    lifecycle.set_defaults(handler=lambda _: (lifecycle.print_help(sys.stderr), 2)[1])
    return top


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Declaring every command's arguments costs more than parsing them: declare only the
    # arguments of the command named, the first argument that is not an option (none for
    # ``--version`` and ``--help``, which list the commands by name).
    first = next((a for a in argv if not a.startswith("-")), "")
    arguments = parser(first).parse_args(argv)
    handler = getattr(arguments, "handler", None)
    if handler is None:
        parser().print_help(sys.stderr)
        return 2
    return handler(arguments)


def _untranslated() -> None:
    """argparse asks gettext for each message it builds (the titles of every parser it
    makes), and each lookup imports ``locale``, normalises the language and looks for a
    catalog file: ~5M instructions (~1.5 ms) of every run. An interpreter without a catalog
    directory (``sys.base_prefix/share/locale``; CPython ships none of its own, and a
    python.org, pyenv or uv build has none) translates nothing: argparse is told so once.
    Where the directory exists (a Linux distribution's Python), argparse asks as before."""
    if not os.path.isdir(os.path.join(sys.base_prefix, "share", "locale")):
        argparse._ = lambda message: message  # what gettext gives back without a catalog


def run() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    from ecslint.core.collector import spare_shutdown, tune

    tune()
    _untranslated()
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        sys.stderr.write(f"ecslint: internal error: {type(exc).__name__}; please report this bug\n")
        sys.exit(2)
    finally:
        spare_shutdown()


if __name__ == "__main__":
    run()
