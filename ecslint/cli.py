"""The command line: ``ecslint check``, ``rules``, ``rule``, ``schema``, ``lifecycle preview``, ``--version``.

Start-up cost is the budget of a pre-commit hook, so this module imports only typer and the
standard library; each command imports the engine, the loaders and the one reporter it
needs inside its body. Exit codes (DESIGN §4): 0 nothing at or above ``--fail-on``, 1
findings at or above it, 2 usage or configuration error, unreadable path, internal error.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from ecslint import __version__

app = typer.Typer(
    name="ecslint",
    help="Policy linter and static analyzer for Amazon ECS task definitions, services and ECR lifecycle policies.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ecslint {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Lint ECS task definitions, services and ECR lifecycle policies."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"ecslint: error: {message}", err=True)
    return typer.Exit(2)


def _split(values: Optional[List[str]]) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _config(path: Optional[str]):
    from ecslint import config

    found = path or config.find()
    return config.load(found) if found else config.Config()


@app.command()
def check(
    paths: List[str] = typer.Argument(None, metavar="[PATHS]...", help="Files or directories to check (default: the current directory)."),
    output_format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to this file."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="RULES", help="Rules to run (ids, id prefixes or names; replaces the config's select)."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", metavar="RULES", help="Rules to run in addition."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULES", help="Rules not to run."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 (default: warning)."),
    config_file: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Configuration file (default: nearest .ecslint.toml or pyproject.toml)."),
    instance_type: Optional[List[str]] = typer.Option(None, "--instance-type", metavar="TYPE", help="EC2 instance type the cluster runs (repeatable)."),
    context: Optional[List[str]] = typer.Option(None, "--context", metavar="PATH", help="Also load these paths for cross-document rules, without reporting on them."),
    baseline: Optional[str] = typer.Option(None, "--baseline", metavar="FILE", help="Hide findings recorded in this baseline file."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", metavar="FILE", help="Record the current findings as a baseline and exit 0."),
    no_color: bool = typer.Option(False, "--no-color", help="No colours (also: NO_COLOR set in the environment)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list the files skipped, and why."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the findings, no summary."),
) -> None:
    """Check ECS configuration files and report findings."""
    from ecslint.config import ConfigError
    from ecslint.core.finding import Severity
    from ecslint.engine import INTERNAL_ERROR, Settings, run, write_baseline as save_baseline
    from ecslint.load.discover import MissingPath
    from ecslint.plugins import PluginError

    try:
        config = _config(config_file)
        settings = Settings(
            config=config,
            select=_split(select) if select else None,
            extend_select=_split(extend_select),
            ignore=_split(ignore),
            instance_types=_split(instance_type),
            context=list(context or ()),
            baseline=baseline,
        )
        report = run(paths or ["."], settings)
    except (ConfigError, PluginError) as exc:
        raise _fail(str(exc)) from None
    except MissingPath as exc:
        raise _fail(f"no such file or directory: {exc}") from None

    if write_baseline:
        save_baseline(report, write_baseline)
        typer.echo(f"ecslint: wrote {len(report.findings)} finding(s) to {write_baseline}", err=True)
        raise typer.Exit(0)

    stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        _report(report, stream, output_format, to_terminal=not output and sys.stdout.isatty(), no_color=no_color, verbose=verbose, quiet=quiet)
    finally:
        if output:
            stream.close()

    threshold = (fail_on.value if fail_on else None) or config.fail_on
    unreadable = any(p.kind == "unreadable" for f in report.files for p in f.problems)
    if unreadable or any(f.rule == INTERNAL_ERROR for f in report.findings):
        raise typer.Exit(2)
    if threshold != "never" and any(f.severity >= Severity.parse(threshold) for f in report.findings):
        raise typer.Exit(1)
    raise typer.Exit(0)


def _report(report, stream, output_format: Format, *, to_terminal: bool, no_color: bool, verbose: bool, quiet: bool) -> None:
    if output_format is Format.json:
        from ecslint.output import json as reporter

        reporter.write(report, stream)
    elif output_format is Format.sarif:
        from ecslint.output import sarif as reporter

        reporter.write(report, stream)
    elif output_format is Format.github:
        from ecslint.output import github as reporter

        reporter.write(report, stream)
    else:
        from ecslint.output import text as reporter

        color = to_terminal and not no_color and "NO_COLOR" not in os.environ
        reporter.write(report, stream, excerpt=to_terminal, color=color, verbose=verbose, quiet=quiet)


@app.command("rules")
def list_rules(
    output_format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="Output format."),
    config_file: Optional[str] = typer.Option(None, "--config", help="Configuration file (default: nearest)."),
) -> None:
    """List every rule: id, name, severity, whether it is enabled, what it reads."""
    import json

    from ecslint.config import ConfigError
    from ecslint.engine import Plan, Registry, Settings

    try:
        registry = Registry.default()
        plan = Plan(registry, Settings(config=_config(config_file)))
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    enabled = {r.id for r in plan.rules}
    rows = [
        {
            "id": r.id,
            "name": r.name,
            "severity": plan.severity[r.id].label,
            "enabled": r.id in enabled,
            "kinds": list(r.kinds),
            "summary": r.summary,
        }
        for r in registry.rules
    ]
    if output_format is ListFormat.json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        state = "" if row["enabled"] else "  (off)"
        typer.echo(f"{row['id']}  {row['name']:<46} {row['severity']:<8}{row['summary']}{state}")


@app.command("rule")
def show_rule(rule_id: str = typer.Argument(..., metavar="RULE", help="A rule id or name, such as ECS101.")) -> None:
    """Show one rule's page: what it checks, why, an example, how to fix."""
    from ecslint.config import ConfigError
    from ecslint.docs import page
    from ecslint.engine import Registry

    try:
        rule = Registry.default().lookup(rule_id, "rule")
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    typer.echo(page(rule), nl=False)


@app.command("schema")
def show_schema(kind: str = typer.Argument(..., help="task-definition, container-definitions, service, lifecycle-policy, ...")) -> None:
    """Print the JSON Schema of a document kind (for editors)."""
    import json

    from ecslint import schemas

    if kind not in schemas.NAMES:
        raise _fail(f"unknown schema `{kind}`; choose one of {', '.join(schemas.NAMES)}")
    typer.echo(json.dumps(schemas.load(kind), indent=2))


lifecycle_app = typer.Typer(
    name="lifecycle",
    help="ECR lifecycle policy tools.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(lifecycle_app, name="lifecycle")


@lifecycle_app.command("preview")
def lifecycle_preview(
    policy: str = typer.Argument(..., metavar="POLICY", help="The lifecycle policy: raw policy, put/get-lifecycle-policy JSON, or YAML."),
    images: str = typer.Option(..., "--images", metavar="IMAGES", help="`aws ecr describe-images --filter imageStatus=ANY` output (JSON)."),
    now: Optional[str] = typer.Option(None, "--now", metavar="TIMESTAMP", help="Evaluate at this ISO-8601 time (default: now)."),
    output_format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """Show what a lifecycle policy would do to a repository's images, offline."""
    from ecslint.lifecycle.preview import PreviewError, preview, write_json, write_text

    try:
        result, display, warnings = preview(policy, images, now)
    except PreviewError as exc:
        raise _fail(str(exc)) from None
    if output_format is ListFormat.json:
        write_json(result, display, warnings, sys.stdout)
    else:
        write_text(result, display, warnings, sys.stdout)


def run() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        sys.stderr.write(f"ecslint: internal error: {type(exc).__name__}; please report this bug\n")
        sys.exit(2)
