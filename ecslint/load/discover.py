"""Expand the paths given on the command line into files, in a deterministic order.

A file named explicitly is always read (pre-commit names each file it passes). Directories
are walked for the suffixes ECS configuration uses, skipping version-control, dependency
and virtual-environment folders and the config's ``exclude`` globs.
"""

from __future__ import annotations

import fnmatch
import os
from typing import Iterable, Iterator, NamedTuple

SUFFIXES = (".json", ".yaml", ".yml", ".template", ".tpl")
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".terraform", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"})


class Candidate(NamedTuple):
    path: str  # as the filesystem wants it
    display: str  # as users see it: relative to the working directory when under it
    real: str  # the resolved path: identity across spellings and symlinks


class MissingPath(Exception):
    """A path given on the command line does not exist (a usage error: exit 2)."""


def discover(paths: Iterable[str], exclude: Iterable[str] = (), root: str | None = None) -> Iterator[Candidate]:
    """Yield each file once. ``exclude`` globs match paths relative to ``root``."""
    root = os.path.abspath(root or os.getcwd())
    patterns = tuple(exclude)
    seen: set[str] = set()
    for given in paths:
        if not os.path.exists(given):
            raise MissingPath(given)
        if os.path.isdir(given):
            for path in _walk(given, root, patterns):
                if (key := os.path.realpath(path)) not in seen:
                    seen.add(key)
                    yield Candidate(path, display(path), key)
        elif (key := os.path.realpath(given)) not in seen:
            seen.add(key)
            yield Candidate(given, display(given), key)


def _walk(top: str, root: str, patterns: tuple[str, ...]) -> Iterator[str]:
    for directory, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not matches(os.path.join(directory, d), root, patterns))
        for name in sorted(files):
            path = os.path.join(directory, name)
            if name.lower().endswith(SUFFIXES) and not matches(path, root, patterns):
                yield path


def matches(path: str, root: str, patterns: tuple[str, ...]) -> bool:
    """Whether ``path`` matches one of the config's globs (``exclude``, ``per-file-ignores``):
    its path relative to ``root``, its name, or a directory it is in."""
    if not patterns:
        return False
    rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    name = os.path.basename(path)
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) or rel.startswith(p.rstrip("/") + "/") for p in patterns)


def display(path: str) -> str:
    """The path relative to the working directory when it is below it, with ``/``."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute == cwd or absolute.startswith(cwd + os.sep):
        return os.path.relpath(absolute, cwd).replace(os.sep, "/")
    return path.replace(os.sep, "/")
