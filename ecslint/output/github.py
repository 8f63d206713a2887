"""GitHub Actions workflow commands: annotations on the pull request's diff.

Paths are relative to the report root (the top of the git work tree, where the runner's
workspace is), so an annotation lands on its file from whatever directory ecslint ran in.

Format: https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
(``::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message``). Data and
property values are escaped as the runner expects (``%``, CR, LF; and ``:``/``,`` in
properties).
"""

from __future__ import annotations

from ecslint.core.finding import Severity
from ecslint.engine import Report
from ecslint.output.escape import printable

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import TextIO

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _encoded(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _data(text: str) -> str:
    # Controls and escape sequences escaped first (a name's newline shows as ``\n``).
    return _encoded(printable(text))


def _property(text: str) -> str:
    # A file name keeps its CR and LF as the runner decodes them (the annotation lands on
    # the file); every other control is escaped.
    return printable(_encoded(text)).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, out: TextIO) -> None:
    for f in report.findings:
        r = f.region
        props = ",".join(
            (
                f"file={_property(f.relpath)}",
                f"line={r.line}",
                f"col={r.column}",
                f"endLine={r.end_line}",
                f"endColumn={r.end_column}",
                f"title={_property(f'{f.rule} {f.name}')}",
            )
        )
        out.write(f"::{_COMMAND[f.severity]} {props}::{_data(f.message)}\n")
