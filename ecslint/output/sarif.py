"""SARIF 2.1.0 for GitHub code scanning (DESIGN §4; ../shared/reference/sarif-github.md).

Built with ``sarif_om``'s classes (their constructors catch misspelt fields) and serialised
by our own function: the usual ``jschema_to_python.to_json`` drops explicit ``level:
warning`` results (reference §6), which GitHub would then show at the rule's default level.

Results carry two fingerprints: ``primaryLocationLineHash``, computed with exactly the
algorithm of ``github/codeql-action`` (an approximate hash is worse than none), and
``ecslint/v1``, our own logical fingerprint (rule, file, container or rule names rather than
line numbers), which is also what baselines use.
"""

from __future__ import annotations

import json
import os
from typing import Any, TextIO
from urllib.parse import quote

from ecslint import __version__
from ecslint.core.finding import Finding, Severity
from ecslint.core.rule import Rule
from ecslint.engine import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/ecslint/ecslint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
_PROBLEM = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "recommendation"}


def document(report: Report, root: str | None = None) -> dict:
    import sarif_om as om

    from ecslint import docs

    root = root or repository_root()
    rules = report.rules
    index = {r.id: i for i, r in enumerate(rules)}
    descriptors = [_descriptor(om, docs, r) for r in rules]
    files = report.sources
    hashes: dict[str, dict[int, str]] = {}
    results = []
    for finding in report.findings:
        file = files.get(finding.path)
        region = _region(om, finding, file)
        line_hashes = hashes.setdefault(finding.path, _line_hashes(file.path if file else finding.path))
        fingerprints = {"ecslint/v1": finding.fingerprint}
        if finding.region.line in line_hashes:
            fingerprints["primaryLocationLineHash"] = line_hashes[finding.region.line]
        results.append(
            om.Result(
                rule_id=finding.rule,
                rule_index=index[finding.rule],
                level=_LEVEL[finding.severity],
                message=om.Message(text=finding.message),
                locations=[
                    om.Location(
                        physical_location=om.PhysicalLocation(
                            artifact_location=om.ArtifactLocation(uri=_uri(file.path if file else finding.path, root), uri_base_id="%SRCROOT%"),
                            region=region,
                        )
                    )
                ],
                partial_fingerprints=fingerprints,
            )
        )
    run = om.Run(
        tool=om.Tool(
            driver=om.ToolComponent(
                name="ecslint", semantic_version=__version__, information_uri=INFORMATION_URI, rules=descriptors
            )
        ),
        automation_details=om.RunAutomationDetails(id="ecslint/"),
        column_kind="utf16CodeUnits",
        original_uri_base_ids={"%SRCROOT%": om.ArtifactLocation(uri=_directory_uri(root))},
        results=results,
    )
    log = om.SarifLog(schema_uri=SCHEMA, version="2.1.0", runs=[run])
    return sarif_dict(log)


def write(report: Report, out: TextIO) -> None:
    json.dump(document(report), out, indent=2, ensure_ascii=False)
    out.write("\n")


def _descriptor(om: Any, docs: Any, rule: Rule) -> Any:
    properties: dict[str, Any] = {"tags": list(rule.tags), "precision": "high"}
    if rule.security_severity is not None:
        properties["tags"] = ["security", *[t for t in rule.tags if t != "security"]]
        properties["security-severity"] = f"{rule.security_severity:.1f}"
    else:
        properties["problem.severity"] = _PROBLEM[rule.severity]
    # The controls the rule checks, spelled as their selectors (compliance:security-hub/ECS.20),
    # after the rule's own tags: GitHub keeps the first 10 tags of a rule.
    properties["tags"] += [ref.selector for ref in rule.compliance]
    full = docs.plain(rule.section("What it does")) or rule.summary
    fix = docs.plain(rule.section("How to fix")) or rule.summary
    return om.ReportingDescriptor(
        id=rule.id,
        name="".join(part.capitalize() for part in rule.name.split("-")),
        short_description=om.MultiformatMessageString(text=_limit(rule.summary)),
        full_description=om.MultiformatMessageString(text=_limit(full)),
        help=om.MultiformatMessageString(text=fix, markdown=docs.page(rule)),
        help_uri=rule.help_uri,
        default_configuration=om.ReportingConfiguration(level=_LEVEL[rule.severity]),
        properties=properties,
    )


def _limit(text: str, size: int = 1024) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


def _region(om: Any, finding: Finding, file: Any) -> Any:
    r = finding.region
    lines = getattr(file, "lines", None)

    def utf16(line: int, column: int) -> int:
        if lines is None:
            return column
        prefix = lines.line_text(line)[: column - 1]
        return len(prefix.encode("utf-16-le")) // 2 + 1 + max(0, column - 1 - len(prefix))

    return om.Region(
        start_line=r.line,
        start_column=utf16(r.line, r.column),
        end_line=r.end_line,
        end_column=utf16(r.end_line, r.end_column),
    )


def repository_root(start: str | None = None) -> str:
    """The nearest directory with a ``.git`` at or above ``start`` (else the working directory)."""
    directory = os.path.abspath(start or os.getcwd())
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return os.path.abspath(start or os.getcwd())
        directory = parent


def _uri(path: str, root: str) -> str:
    absolute = os.path.realpath(path)
    rel = os.path.relpath(absolute, os.path.realpath(root))
    if rel.startswith(".."):
        rel = os.path.relpath(absolute)  # outside the repository: relative to where we run
    return quote(rel.replace(os.sep, "/"), safe="/")


def _directory_uri(root: str) -> str:
    path = os.path.realpath(root).replace(os.sep, "/")
    return "file://" + quote(path if path.endswith("/") else path + "/", safe="/")


def _line_hashes(path: str) -> dict[int, str]:
    """``primaryLocationLineHash`` of every line, as github/codeql-action computes it:
    a rolling hash (base 37, 64-bit) over the next 100 characters that are not spaces or
    tabs, line ends normalised to LF, counted in UTF-16 code units, with a ``:n`` suffix
    counting repeats of the same hash."""
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            text = handle.read()
    except OSError:
        return {}
    return line_hashes(text)


_MASK = (1 << 64) - 1
_BLOCK = 100


def line_hashes(text: str) -> dict[int, str]:
    first_mod = pow(37, _BLOCK, 1 << 64)
    window = [0] * _BLOCK
    line_numbers = [-1] * _BLOCK
    state = {"hash": 0, "index": 0, "line": 0, "start": True, "cr": False}
    counts: dict[str, int] = {}
    out: dict[int, str] = {}

    def emit() -> None:
        value = format(state["hash"], "x")
        counts[value] = counts.get(value, 0) + 1
        out[line_numbers[state["index"]]] = f"{value}:{counts[value]}"
        line_numbers[state["index"]] = -1

    def update(code: int) -> None:
        i = state["index"]
        leaving = window[i]
        window[i] = code
        state["hash"] = (37 * state["hash"] + code - first_mod * leaving) & _MASK
        state["index"] = (i + 1) % _BLOCK

    def feed(code: int) -> None:
        if code in (0x20, 0x09) or (state["cr"] and code == 0x0A):
            state["cr"] = False
            return
        if code == 0x0D:
            code, state["cr"] = 0x0A, True
        else:
            state["cr"] = False
        if line_numbers[state["index"]] != -1:
            emit()
        if state["start"]:
            state["start"] = False
            state["line"] += 1
            line_numbers[state["index"]] = state["line"]
        if code == 0x0A:
            state["start"] = True
        update(code)

    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        feed(units[i] | units[i + 1] << 8)
    feed(65535)
    for _ in range(_BLOCK):
        if line_numbers[state["index"]] != -1:
            emit()
        update(0)
    return out


def sarif_dict(obj: Any) -> Any:
    """``sarif_om`` tree -> JSON data: SARIF property names, no None, no defaults except
    ``level`` (kept explicit on purpose), ``state`` renamed to ``status`` (SARIF errata)."""
    import attr

    if attr.has(type(obj)):
        out = {}
        for f in attr.fields(type(obj)):
            value = getattr(obj, f.name)
            if value is None:
                continue
            default = f.default.factory() if isinstance(f.default, attr.Factory) else f.default  # type: ignore[attr-defined]
            if value == default and f.name != "level":
                continue
            name = f.metadata.get("schema_property_name", f.name)
            if name == "state" and type(obj).__name__ == "Suppression":
                name = "status"
            out[name] = sarif_dict(value)
        return out
    if isinstance(obj, dict):
        return {str(k): sarif_dict(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [sarif_dict(v) for v in obj]
    if obj is None or isinstance(obj, (str, bool, int, float)):
        return obj
    raise TypeError(f"cannot put {type(obj).__name__} into SARIF")
