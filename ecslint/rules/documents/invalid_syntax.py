"""ECS001: the file cannot be read as JSON or YAML."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.load.source import SourceFile

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS001",
    name="invalid-syntax",
    severity="error",
    scope="file",
    kinds=("task-definition", "service", "lifecycle-policy"),
    tags=("syntax",),
    sources=(
        "https://www.rfc-editor.org/rfc/rfc8259",
        "https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html",
    ),
)
def invalid_syntax(file: SourceFile, ctx: Context) -> Iterator[Violation]:
    """The file is not decodable text, not valid JSON or YAML, nested too deeply, or an alias explosion.

    What it does:
        Reports, at the exact line and column, why a file could not be read: bytes that
        are not UTF-8 text (or are binary), a JSON or YAML syntax error, nesting deeper
        than 500 levels, YAML aliases that expand to more than 500,000 values, or a file
        over 4 MiB. A ``lifecyclePolicyText`` string that is not valid JSON is reported at
        the position inside the string. Only files that look like ECS configuration are
        reported: a key only ECS documents use in what can be read of the file (its text,
        with undecodable bytes replaced, or the first 64 KiB of a file too large to read),
        or a file name that says so in whole words (``task-definition.json``,
        ``ecs-service.yaml``). Others are skipped instead (``--verbose`` says why), so a
        lock file or another tool's JSON-with-comments never fails a commit.

    Why it matters:
        ``aws ecs register-task-definition --cli-input-json`` and the deploy actions parse
        the file before anything else: a syntax error stops the deployment. Templates
        (``${VAR}``, ``{{ var }}``) are only valid once rendered; the message says when a
        file looks like one.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27",}]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]}
        ```

    How to fix:
        Fix the syntax at the reported position (a trailing comma, a missing quote, a
        comment in JSON). For a template, lint the rendered output instead.
    """
    for problem in file.problems:
        if problem.kind == "internal":
            continue
        message = problem.message + (f"; {problem.hint}" if problem.hint else "")
        yield Violation((), message, region=problem.region)
