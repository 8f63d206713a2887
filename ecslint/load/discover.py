"""Expand the paths given on the command line into files, in a deterministic order.

Directories are walked for the suffixes ECS configuration uses, skipping version-control,
dependency and virtual-environment folders, the ``exclude`` globs (the config's and
``--exclude``), and, with the reason ``--verbose`` shows, whatever is not a regular file (a
FIFO, a socket, a device, a symbolic link loop or a link to nothing).

A path named explicitly is checked whatever its name (pre-commit names each file it
passes); ``exclude`` does not drop it unless ``force-exclude`` is on (the pre-commit hook
turns it on). A named path that is neither a regular file nor a directory is a usage error.
"""

from __future__ import annotations

import fnmatch
import os
from typing import Iterable, Iterator, NamedTuple, Sequence

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


def discover(
    paths: Iterable[str],
    exclude: Iterable[str] = (),
    root: str | None = None,
    *,
    cwd_exclude: Iterable[str] = (),
    force_exclude: bool = False,
) -> Iterator[Candidate]:
    """Yield each file once. ``exclude`` globs match paths relative to ``root`` (the
    config's directory), ``cwd_exclude`` globs (``--exclude``) relative to the working
    directory."""
    globs = [(os.path.abspath(root or os.getcwd()), tuple(exclude)), (os.getcwd(), tuple(cwd_exclude))]
    globs = [(base, patterns) for base, patterns in globs if patterns]
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            raise MissingPath(given)
        if force_exclude and _excluded(given, globs):
            continue
        if os.path.isdir(given):
            for path, skipped in _walk(given, globs):
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


def _walk(top: str, globs: Sequence[tuple[str, tuple[str, ...]]]) -> Iterator[tuple[str, str | None]]:
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
                if not (entry.is_symlink() or name in SKIP_DIRS or _excluded(entry.path, globs)):
                    subdirectories.append(entry.path)
            elif name.lower().endswith(SUFFIXES) and not _excluded(entry.path, globs):
                why = None if _is_file(entry) else unusable(entry.path)
                yield entry.path, why and f"{why}, not a regular file"
        stack.extend(reversed(subdirectories))


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _excluded(path: str, globs: Sequence[tuple[str, tuple[str, ...]]]) -> bool:
    return any(matches(path, base, patterns) for base, patterns in globs)


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
