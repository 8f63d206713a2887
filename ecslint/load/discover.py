"""Expand the paths given on the command line into files, in a deterministic order.

A file named explicitly is always read (pre-commit names each file it passes). Directories
are walked for the suffixes ECS configuration uses, skipping version-control, dependency
and virtual-environment folders and the config's ``exclude`` globs, and, with the reason
``--verbose`` shows, whatever is not a regular file (a FIFO, a socket, a device, a symbolic
link loop or a link to nothing). A named path that is neither a regular file nor a
directory is a usage error.
"""

from __future__ import annotations

import fnmatch
import os
from typing import Iterable, Iterator, NamedTuple

from ecslint.load.files import unusable

SUFFIXES = (".json", ".yaml", ".yml", ".template", ".tpl")
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".terraform", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"})


class Candidate(NamedTuple):
    path: str  # as the filesystem wants it
    display: str  # as users see it: relative to the working directory when under it
    real: str  # the resolved path: identity across spellings and symlinks
    #: Why it is not read: found while walking, it is not a regular file.
    skipped: str | None = None


class PathError(Exception):
    """A path given on the command line cannot be checked (a usage error: exit 2)."""


class MissingPath(PathError):
    """A path given on the command line does not exist."""

    def __str__(self) -> str:
        return f"no such file or directory: {self.args[0]}"


def discover(paths: Iterable[str], exclude: Iterable[str] = (), root: str | None = None) -> Iterator[Candidate]:
    """Yield each file once. ``exclude`` globs match paths relative to ``root``."""
    root = os.path.abspath(root or os.getcwd())
    patterns = tuple(exclude)
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            raise MissingPath(given)
        if os.path.isdir(given):
            for path, skipped in _walk(given, root, patterns):
                if (key := os.path.realpath(path)) not in seen:
                    seen.add(key)
                    yield Candidate(path, display(path), key, skipped)
            continue
        why = unusable(given)
        if why is not None:
            raise PathError(f"cannot read {given}: {why}, not a regular file")
        if (key := os.path.realpath(given)) not in seen:
            seen.add(key)
            yield Candidate(given, display(given), key)


def _walk(top: str, root: str, patterns: tuple[str, ...]) -> Iterator[tuple[str, str | None]]:
    """The files under ``top`` with an ECS suffix, depth first in name order (each
    directory's files before its subdirectories), each with why it is not read, if so.
    Symbolic links to directories are not followed."""
    stack = [top]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue  # as os.walk: a directory that cannot be listed holds nothing to check
        subdirectories = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:  # a symbolic link loop
                is_dir = False
            if is_dir:
                if not (entry.is_symlink() or name in SKIP_DIRS or matches(entry.path, root, patterns)):
                    subdirectories.append(entry.path)
            elif name.lower().endswith(SUFFIXES) and not matches(entry.path, root, patterns):
                why = None if _is_file(entry) else unusable(entry.path)
                yield entry.path, why and f"{why}, not a regular file"
        stack.extend(reversed(subdirectories))


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


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
