"""ECS008: a rule failed; reported by the engine itself."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.finding import Violation
from ecslint.core.rule import rule


@rule(
    id="ECS008",
    name="internal-error",
    severity="error",
    kinds=("task-definition", "service", "lifecycle-policy"),
    tags=("internal",),
    sources=("https://github.com/ecslint/ecslint/issues",),
    engine_only=True,
)
def internal_error(*_: object) -> Iterator[Violation]:
    """A rule failed on this document; the other rules still ran (please report it).

    What it does:
        When a rule raises an exception, the engine reports this finding on the document
        (or file) it was checking, names the rule, the exception type and the place in
        ecslint's code, and goes on with the other rules and files. The exception's own
        message is not shown: it could quote a value from the file, such as a secret.
        It is reported whatever ``select`` says (``--select ECS206`` included); only an
        explicit ``ignore`` of ECS008 hides it.

    Why it matters:
        A crash must not hide the other findings or fail a CI run for an unrelated
        reason, but it must not pass silently either: the rule that failed checked
        nothing on this document.

    Example:
        Bad:

        ```text
        task-definition.json:1:1: ECS008 [error] rule ECS205 (containers-exceed-task-size) failed on this document (TypeError at containers_exceed_task_size.py:41); the other rules ran. Please report this bug. (internal-error)
        ```

        Good:

        ```text
        (no ECS008 finding: every rule completed)
        ```

    How to fix:
        Report it with the file (or a minimal version of it) and ecslint's version. Until
        it is fixed, ``ignore = ["<rule id>"]`` switches the failing rule off.
    """
    return iter(())
