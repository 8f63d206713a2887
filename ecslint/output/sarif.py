"""SARIF 2.1.0 for GitHub code scanning (DESIGN §4; ../shared/reference/sarif-github.md).

The run and its rules are built with ``sarif_om``'s classes (their constructors catch
misspelt fields) and serialised by our own function: the usual
``jschema_to_python.to_json`` drops explicit ``level: warning`` results (reference §6), which
GitHub would then show at the rule's default level. Results, which can number tens of
thousands, are plain dictionaries: building and walking an ``attrs`` object per field
cost more than the whole check (the schema test keeps their field names honest).

The log is one GitHub always accepts: above its limits (results per run, rules, tags, the
size of the compressed upload) the most severe results are kept, the run's ``properties``
say how many were left out and why, and the CLI says so on standard error. Paths are
relative to the report root (the top of the git work tree, else the working directory).

Results carry two fingerprints: ``primaryLocationLineHash``, computed with exactly the
algorithm of ``github/codeql-action`` (an approximate hash is worse than none), and
``ecslint/v1``, our own logical fingerprint (rule, file, container or rule names rather than
line numbers), which is also what baselines use.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_left
from urllib.parse import quote

from ecslint import __version__
from ecslint.core.finding import Finding, Severity
from ecslint.core.rule import Rule
from ecslint.engine import Report

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Callable, TextIO

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/ecslint/ecslint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
_PROBLEM = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "recommendation"}

# GitHub code scanning rejects an upload above these (sarif-github.md §3). A result has
# exactly one location, far below the 1,000 allowed, and a log one run, of the 20.
#: Results in one run.
MAX_RESULTS = 25_000
#: Rules in one run (a registry with plugins could in theory exceed it).
MAX_RULES = 25_000
#: Tags of one rule (GitHub shows the first 10: ours come first).
MAX_TAGS = 20
#: The upload, in bytes: GitHub takes 10 MB of gzip-compressed SARIF, which upload-sarif
#: sends base64-encoded (a third larger; whether the limit applies before or after that is
#: not documented, so the encoded size is what counts here).
MAX_BYTES = 10_000_000
#: What GitHub shows of a rule's name.
MAX_NAME = 255


def document(report: Report, root: str | None = None, *, max_results: int | None = None, why: str | None = None) -> dict:
    """The SARIF log of ``report``, within GitHub's limits: above ``max_results`` the most
    severe results are kept (errors, then warnings, then notes; among equals the higher
    security severity, then report order) and the run's ``properties`` say how many were
    left out and ``why``."""
    import sarif_om as om

    from ecslint import docs
    from ecslint.load.discover import relative_to, report_root

    root = root or report.root or report_root()
    max_results = MAX_RESULTS if max_results is None else max_results
    kept = _most_severe(report, max_results)
    rules = _within_rule_limit(report.rules, kept)
    index = {r.id: i for i, r in enumerate(rules)}
    descriptors = [_descriptor(om, docs, r) for r in rules]
    files = report.sources
    last_line: dict[str, int] = {}
    for finding in kept:
        last_line[finding.path] = max(last_line.get(finding.path, 0), finding.region.line)
    hashes: dict[str, dict[int, str]] = {}
    astral: dict[str, list[int]] = {}
    results = []
    for finding in kept:
        file = files.get(finding.path)
        path = file.path if file is not None else finding.path
        if finding.path not in hashes:  # once per file: hashing reads every character
            hashes[finding.path] = _line_hashes(path, last_line[finding.path])
        fingerprints = {"ecslint/v1": finding.fingerprint}
        line_hash = hashes[finding.path].get(finding.region.line)
        if line_hash is not None:
            fingerprints["primaryLocationLineHash"] = line_hash
        relpath = finding.relpath if root == report.root else relative_to(path, root)
        results.append(
            {
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": _LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(relpath), "region": _region(finding, file, astral)}}],
                "partialFingerprints": fingerprints,
            }
        )
    run = sarif_dict(
        om.Run(
            tool=om.Tool(
                driver=om.ToolComponent(
                    name="ecslint", semantic_version=__version__, information_uri=INFORMATION_URI, rules=descriptors
                )
            ),
            automation_details=om.RunAutomationDetails(id="ecslint/"),
            column_kind="utf16CodeUnits",
            original_uri_base_ids={"%SRCROOT%": om.ArtifactLocation(uri=_directory_uri(root))},
        )
    )
    run["results"] = results
    if len(kept) < len(report.findings):
        run["properties"] = _omitted(report.findings, kept, why or _results_limit(len(report.findings), max_results))
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write(report: Report, out: TextIO, warn: Callable[[str], None] | None = None) -> None:
    """Write the SARIF log; ``warn`` is told when results were left out to stay within
    GitHub's limits (the CLI writes it on standard error)."""
    text, log = _within_upload_limit(report)
    properties = log["runs"][0].get("properties")
    if properties and warn is not None:
        warn(f"SARIF: {properties['resultsOmittedReason']} (the run's properties record it)")
    out.write(text)
    out.write("\n")


def _within_upload_limit(report: Report) -> tuple[str, dict]:
    """The log as text whose upload (gzip, base64-encoded) is within :data:`MAX_BYTES`:
    when it is not, the least severe results are left out until it is."""
    log = document(report)
    text = _encode(log)
    size = _upload_size(text)
    while size > MAX_BYTES:
        results = log["runs"][0]["results"]
        if not results:
            break
        # Results compress alike: aim below the limit by their average, then check.
        count = max(0, min(len(results) - 1, int(len(results) * MAX_BYTES / size * 0.97)))
        why = (
            f"{len(report.findings):,} results make an upload larger than GitHub code scanning accepts "
            f"({MAX_BYTES // 1_000_000} MB compressed): kept the {count:,} most severe"
        )
        log = document(report, max_results=count, why=why)
        text = _encode(log)
        size = _upload_size(text)
    return text, log


def _upload_size(text: str) -> int:
    """The size of ``text`` gzip-compressed and base64-encoded, as upload-sarif sends it."""
    data = text.encode("utf-8")
    if len(data) * 4 // 3 + 64 <= MAX_BYTES:
        return len(data)  # compressed and encoded it cannot exceed this either
    import gzip

    return (len(gzip.compress(data, 6)) + 2) // 3 * 4


def _encode(log: dict) -> str:
    """Compact JSON: with ``indent`` the standard library falls back to its pure-Python
    encoder, which took longer than building the log (``jq .`` pretty-prints it)."""
    return json.dumps(log, ensure_ascii=False, separators=(",", ":"))


def _results_limit(total: int, limit: int) -> str:
    return f"{total:,} results are more than GitHub code scanning accepts in one run ({limit:,}): kept the {limit:,} most severe"


def _most_severe(report: Report, limit: int) -> list[Finding]:
    """The findings to report, in report order: all of them, or the ``limit`` most severe."""
    findings = report.findings
    if len(findings) <= limit:
        return findings
    scores = {r.id: r.security_severity or 0.0 for r in report.rules}
    ranked = sorted(range(len(findings)), key=lambda i: (-findings[i].severity, -scores.get(findings[i].rule, 0.0), i))
    return [findings[i] for i in sorted(ranked[:limit])]


def _within_rule_limit(rules: list[Rule], kept: list[Finding]) -> list[Rule]:
    """The rules of the run's ``tool.driver``: every rule that ran, or, above
    :data:`MAX_RULES`, the rules that have results first."""
    if len(rules) <= MAX_RULES:
        return rules
    used = {f.rule for f in kept}
    return ([r for r in rules if r.id in used] + [r for r in rules if r.id not in used])[:MAX_RULES]


def _omitted(findings: list[Finding], kept: list[Finding], why: str) -> dict:
    """What the run's ``properties`` say of the results left out."""
    counts = {label: 0 for label in _LEVEL.values()}
    for f in findings:
        counts[_LEVEL[f.severity]] += 1
    for f in kept:
        counts[_LEVEL[f.severity]] -= 1
    left = len(findings) - len(kept)
    parts = ", ".join(f"{n:,} {label}{'s' if n != 1 else ''}" for label, n in counts.items() if n)
    return {
        "resultsTotal": len(findings),
        "resultsOmitted": left,
        "resultsOmittedBySeverity": counts,
        "resultsOmittedReason": f"{why}, left out {left:,} ({parts})",
    }


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
    properties["tags"] = properties["tags"][:MAX_TAGS]
    full = docs.plain(rule.section("What it does")) or rule.summary
    fix = docs.plain(rule.section("How to fix")) or rule.summary
    return om.ReportingDescriptor(
        id=rule.id,
        name="".join(part.capitalize() for part in rule.name.split("-"))[:MAX_NAME],
        short_description=om.MultiformatMessageString(text=_limit(rule.summary)),
        full_description=om.MultiformatMessageString(text=_limit(full)),
        help=om.MultiformatMessageString(text=fix, markdown=docs.page(rule)),
        help_uri=rule.help_uri,
        default_configuration=om.ReportingConfiguration(level=_LEVEL[rule.severity]),
        properties=properties,
    )


def _limit(text: str, size: int = 1024) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


def _region(finding: Finding, file: Any, astral: dict[str, list[int]]) -> dict:
    r = finding.region
    lines = getattr(file, "lines", None)
    if lines is not None and finding.path not in astral:
        # Once per file: where the characters outside the BMP are (two UTF-16 code units
        # each); slicing the line for every finding was quadratic on a minified file.
        text = lines.text
        astral[finding.path] = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
    offsets = astral.get(finding.path)

    def utf16(line: int, column: int) -> int:
        if lines is None or not offsets:
            return column
        start = lines.offset(line, 1)
        end = lines.offset(line, column)
        if line < lines.line_count:
            end = min(end, lines.offset(line + 1, 1) - 1)  # a column past the line's end
        return column + bisect_left(offsets, end) - bisect_left(offsets, start)

    return {
        "startLine": r.line,
        "startColumn": utf16(r.line, r.column),
        "endLine": r.end_line,
        "endColumn": utf16(r.end_line, r.end_column),
    }


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _artifact(relpath: str) -> dict:
    """A file's location, relative to the repository root (``%SRCROOT%``)."""
    return {"uri": _quote(relpath), "uriBaseId": "%SRCROOT%"}


def _directory_uri(root: str) -> str:
    path = os.path.realpath(root).replace(os.sep, "/")
    return "file://" + _quote(path if path.endswith("/") else path + "/")


def _quote(path: str) -> str:
    """A path as a URI reference: percent-encoded from the bytes of its name, so a name
    that is not UTF-8 (the surrogate escapes ``os`` decodes it to) names the file it is."""
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def _line_hashes(path: str, last: int | None = None) -> dict[int, str]:
    """``primaryLocationLineHash`` of every line, as github/codeql-action computes it:
    a rolling hash (base 37, 64-bit) over the next 100 characters that are not spaces or
    tabs, line ends normalised to LF, counted in UTF-16 code units, with a ``:n`` suffix
    counting repeats of the same hash."""
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            text = handle.read()
    except OSError:
        return {}
    return line_hashes(text, last)


_MASK = (1 << 64) - 1
_BLOCK = 100
_FIRST_MOD = pow(37, _BLOCK, 1 << 64)


def line_hashes(text: str, last: int | None = None) -> dict[int, str]:
    """The hash of every line of ``text`` (of lines up to ``last`` only, when given: the
    hash of a line and its repeat count depend only on what comes before the window that
    follows it, so the rest of the file need not be read). One pass, in local variables:
    this runs over every character of every file that has a finding."""
    import array

    codes = array.array("H")
    codes.frombytes(text.encode("utf-16-le"))
    if array.array("H", b"\x01\x00")[0] != 1:
        codes.byteswap()  # a big-endian machine
    codes.append(65535)
    window = [0] * _BLOCK
    line_numbers = [-1] * _BLOCK
    counts: dict[str, int] = {}
    out: dict[int, str] = {}
    value = index = line = 0
    start, cr = True, False
    mask, first_mod, block = _MASK, _FIRST_MOD, _BLOCK
    for code in codes:
        if code == 0x20 or code == 0x09 or (cr and code == 0x0A):
            cr = False
            continue
        if code == 0x0D:
            code, cr = 0x0A, True
        else:
            cr = False
        pending = line_numbers[index]
        if pending != -1:
            key = format(value, "x")
            counts[key] = counts.get(key, 0) + 1
            out[pending] = f"{key}:{counts[key]}"
            line_numbers[index] = -1
            if pending == last:
                return out
        if start:
            start = False
            line += 1
            line_numbers[index] = line
        if code == 0x0A:
            start = True
        value = (37 * value + code - first_mod * window[index]) & mask
        window[index] = code
        index = index + 1 if index < block - 1 else 0
    for _ in range(block):
        pending = line_numbers[index]
        if pending != -1:
            key = format(value, "x")
            counts[key] = counts.get(key, 0) + 1
            out[pending] = f"{key}:{counts[key]}"
            line_numbers[index] = -1
        value = (37 * value - first_mod * window[index]) & mask
        window[index] = 0
        index = index + 1 if index < block - 1 else 0
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
