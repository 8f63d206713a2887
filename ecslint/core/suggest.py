"""Did-you-mean suggestions, for typos in documents and in configuration alike."""

from __future__ import annotations

from typing import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to ``word``, case-insensitively (``esential`` -> ``essential``)."""
    from difflib import get_close_matches  # only when there is a typo to explain

    options = {c.lower(): c for c in choices}
    exact = options.get(word.lower())
    if exact is not None and exact != word:
        return exact
    match = get_close_matches(word.lower(), list(options), n=1, cutoff=0.75)
    return options[match[0]] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` or the empty string."""
    match = closest(word, choices)
    return f" (did you mean `{match}`?)" if match else ""
