"""The one exception the loader raises: input that cannot be read as a document.

Every reason a file cannot be parsed (undecodable bytes, a syntax error, nesting too deep,
an alias explosion, a file too large) ends up here, with the position of the problem, so
the engine can report ``ECS001 invalid-syntax`` at an exact line and column instead of a
traceback.
"""

from __future__ import annotations

from ecslint.core.finding import Region


class LoadError(Exception):
    """``message`` says what is wrong; ``line``/``column`` are 1-based (code points)."""

    def __init__(self, message: str, line: int = 1, column: int = 1, *, hint: str = "", kind: str = "syntax"):
        super().__init__(message)
        self.message = message
        #: ``syntax`` (ECS001), ``unreadable`` (ECS001 and exit 2) or ``internal`` (a loader
        #: bug: ECS008 and exit 2).
        self.kind = kind
        self.line = max(1, line)
        self.column = max(1, column)
        self.hint = hint

    @property
    def region(self) -> Region:
        """Where ``ECS001`` (or ``ECS008``) reports it: the one character at the problem."""
        return Region.point(self.line, self.column)

    def __str__(self) -> str:
        return f"{self.message} ({self.line}:{self.column})"
