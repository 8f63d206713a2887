"""Regular expressions compiled on first use.

Compiling a pattern costs 30-500 µs; a module that compiles its patterns when it is
imported makes every run pay for all of them, though a run on one clean JSON file uses
few (start-up, DESIGN §5). ``lazy(...)`` stands for ``re.compile(...)`` at module level:
the pattern is compiled the first time one of its methods is looked up, and its methods
are then bound on the stand-in, so a call costs what it costs on the compiled pattern.

Only the pattern's methods and attributes are available: pass ``.compiled`` where a real
``re.Pattern`` is needed (``re.sub(PATTERN, ...)``, ``isinstance``).
"""

from __future__ import annotations

import re

#: What a stand-in forwards to its compiled pattern.
_FORWARDED = (
    "match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split", "scanner",
    "pattern", "flags", "groups", "groupindex",
)


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        # Only reached while the pattern is not compiled, or for a name it does not forward.
        if name in _FORWARDED or name == "compiled":
            compiled = re.compile(*self._source)
            self.compiled = compiled
            for attr in _FORWARDED:
                setattr(self, attr, getattr(compiled, attr))
            return getattr(self, name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles on first use."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
