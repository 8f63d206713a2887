"""Expand the paths given on the command line into files, in a deterministic order.

Directories are walked for the suffixes ECS configuration uses, skipping version-control,
dependency and virtual-environment folders, the ``exclude`` globs (the config's and
``--exclude``), what git ignores (``.gitignore`` files and ``.git/info/exclude``, unless
``respect-gitignore`` is off), and, with the reason ``--verbose`` shows, whatever is not a
regular file (a FIFO, a socket, a device, a symbolic link loop or a link to nothing).

A path named explicitly is checked whatever its name (pre-commit names each file it
passes); neither ``exclude`` nor ``.gitignore`` drops it unless ``force-exclude`` is on (the
pre-commit hook turns it on). A named path that is neither a regular file nor a directory
is a usage error.
"""

from __future__ import annotations

import fnmatch
import os

from ecslint.core.records import NamedTuple
from ecslint.load.files import unusable

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterable, Iterator, Sequence

    from ecslint.load.gitignore import GitIgnore

SUFFIXES = (".json", ".yaml", ".yml", ".template", ".tpl", ".tf")
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
    respect_gitignore: bool = True,
) -> Iterator[Candidate]:
    """Yield each file once. ``exclude`` globs match paths relative to ``root`` (the
    config's directory), ``cwd_exclude`` globs (``--exclude``) relative to the working
    directory."""
    globs = [(os.path.abspath(root or os.getcwd()), tuple(exclude)), (os.getcwd(), tuple(cwd_exclude))]
    globs = [(base, patterns) for base, patterns in globs if patterns]
    gitignore = None
    if respect_gitignore:
        from ecslint.load.gitignore import GitIgnore

        gitignore = GitIgnore()
    seen: set[str] = set()
    real_dirs: dict[str, str] = {}  # (see _realpath)
    for given in paths:
        if not os.path.lexists(given):
            raise MissingPath(given)
        is_dir = os.path.isdir(given)
        if force_exclude and (
            _excluded(given, globs) or gitignore is not None and gitignore.ignored(given, is_dir)
        ):
            continue
        if is_dir:
            for path, skipped in _walk(given, globs, gitignore):
                if (key := _real(path, real_dirs)) not in seen:
                    seen.add(key)
                    yield Candidate(path, display(path), key, skipped)
            continue
        why = unusable(given)
        if why is not None:
            raise PathError(f"cannot read {given}: {why}, not a regular file")
        if (key := _real(given)) not in seen:
            seen.add(key)
            yield Candidate(given, display(given), key)


def _walk(top: str, globs: Sequence[tuple[str, tuple[str, ...]]], gitignore: GitIgnore | None) -> Iterator[tuple[str, str | None]]:
    """The files under ``top`` with an ECS suffix, depth first in name order (each
    directory's files before its subdirectories), each with why it is not read, if so.
    Symbolic links to directories are not followed."""
    top_abs = os.path.abspath(top)
    frames = None
    if gitignore is not None:
        # A directory named on the command line is walked even when git ignores it; then
        # only the ignore files inside it apply.
        ignored = gitignore.ignored(top_abs, True)
        frames = gitignore.enter(top_abs, [], (".gitignore",)) if ignored else gitignore.frames(top_abs)
    stack = [(top, top_abs, frames, True)]
    while stack:
        directory, absolute, frames, known = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue  # as os.walk: a directory that cannot be listed holds nothing to check
        if gitignore is not None and not known:
            frames = gitignore.enter(absolute, frames, [e.name for e in entries if e.name in (".git", ".gitignore")])
        subdirectories = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:  # a symbolic link loop
                is_dir = False
            if is_dir:
                if entry.is_symlink() or name in SKIP_DIRS or _excluded(entry.path, globs):
                    continue
                if frames and gitignore.match(frames, os.path.join(absolute, name), True):
                    continue
                subdirectories.append((entry.path, os.path.join(absolute, name), frames, False))
            elif name.lower().endswith(SUFFIXES) and not _excluded(entry.path, globs):
                if frames and gitignore.match(frames, os.path.join(absolute, name), False):
                    continue
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


def repository_root(start: str | None = None) -> str | None:
    """The nearest directory at or above ``start`` (default: the working directory) that
    holds a ``.git`` (a repository, a worktree or a submodule); None outside any."""
    directory = os.path.abspath(start or os.getcwd())
    while True:
        if os.path.lexists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def report_root() -> str:
    """What the paths of machine-readable reports (JSON, SARIF, GitHub annotations,
    baselines) are relative to: the top of the git work tree around the working
    directory, else the working directory."""
    return os.path.realpath(repository_root() or os.getcwd())


def relative_to(path: str, root: str, real_dirs: dict[str, str] | None = None) -> str:
    """``path`` from ``root`` (the report root, resolved), with ``/``. Symbolic links are
    resolved (GitHub shows no result in a link's path) unless the link leads out of the
    root; then the link's own path counts. A file outside the root gets ``../`` (no
    absolute path: GitHub rejects a SARIF file it cannot place). Standard input stays ``-``.
    ``real_dirs`` keeps directories resolved for the next call (see :func:`_realpath`)."""
    if path == "-":
        return path
    inside = root.rstrip(os.sep) + os.sep
    real = _realpath(path, real_dirs)
    if not real.startswith(inside):
        absolute = os.path.abspath(path)
        link = os.path.join(_realpath(os.path.dirname(absolute), real_dirs), os.path.basename(absolute))
        if link.startswith(inside):
            real = link
    return os.path.relpath(real, root).replace(os.sep, "/")


def _realpath(path: str, real_dirs: dict[str, str] | None) -> str:
    """``os.path.realpath(path)``, its directory resolved once per run in ``real_dirs``:
    realpath looks up every component of every path (a run's files share few directories).
    Only the last component is looked up each time: when it is a plain name that is no
    link, the path resolves to its directory's resolution and that name."""
    head, tail = os.path.split(path)
    if real_dirs is None or tail in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real_dir = real_dirs.get(head)
    if real_dir is None:
        real_dir = real_dirs[head] = os.path.realpath(head)
    return os.path.join(real_dir, tail)


def _real(path: str, real_dirs: dict[str, str] | None = None) -> str:
    """:func:`_realpath`, ``path`` itself when it is the same: a run of 50,000 files holds
    their names a few times over (issue 12: flat memory)."""
    real = _realpath(path, real_dirs)
    return path if real == path else real


def display(path: str) -> str:
    """The path relative to the working directory when it is below it, with ``/`` (the
    same string as ``path`` when it is spelt so already)."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute == cwd or absolute.startswith(cwd + os.sep):
        shown = os.path.relpath(absolute, cwd)
    else:
        shown = path
    if os.sep != "/":
        shown = shown.replace(os.sep, "/")
    return path if shown == path else shown
