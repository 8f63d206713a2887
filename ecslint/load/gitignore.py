"""Which paths git ignores: the ``.gitignore`` files of a repository and its ``info/exclude``.

As git reads them: only inside a git repository (a directory with a ``.git``), each
``.gitignore`` applying to the paths below its directory, a deeper file taking precedence
over a higher one and ``.gitignore`` files over ``info/exclude``, and nothing below an
ignored directory can be re-included. The patterns are matched by ``pathspec`` (git's own
wildmatch semantics), imported only when a file with a pattern in it is met: the walk of a
repository without ``.gitignore`` and a check of named files never load it. The global
excludes file (``core.excludesFile``) is not read: it lives on one machine, and a check
must give the same verdict there and in CI.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

from ecslint.load.files import read_regular

#: Far above any real ignore file; a larger one is not read (nor is one that is not a
#: regular file).
_MAX_BYTES = 1024 * 1024

#: A pattern file's directory (absolute) and its compiled patterns.
Frame = tuple[str, Any]
#: The pattern files that apply to a directory's entries, highest precedence last; ``None``
#: outside any git repository.
Frames = Sequence[Frame] | None


class GitIgnore:
    """The ignore rules met so far, cached per directory."""

    def __init__(self) -> None:
        self._frames: dict[str, Frames] = {}
        self._ignored_dirs: dict[str, bool] = {}

    # -- while walking: a directory's rules from its parent's and its own entries ---------

    def frames(self, directory: str) -> Frames:
        """The rules for the entries of ``directory`` (absolute), read upwards to the top
        of its repository."""
        if directory in self._frames:
            return self._frames[directory]
        if os.path.lexists(os.path.join(directory, ".git")):
            frames = self.enter(directory, None, (".git", ".gitignore"))
        else:
            parent = os.path.dirname(directory)
            outer = self.frames(parent) if parent != directory else None
            frames = self.enter(directory, outer, (".gitignore",))
        self._frames[directory] = frames
        return frames

    def enter(self, directory: str, outer: Frames, names: Sequence[str]) -> Frames:
        """The rules for the entries of ``directory`` (absolute), given its parent's
        (``outer``) and the names it holds: a ``.git`` starts a repository."""
        if ".git" in names:
            frames = list(_repository_excludes(directory))
        elif outer is None:
            return None
        else:
            frames = list(outer)
        if ".gitignore" in names:
            spec = _compile(os.path.join(directory, ".gitignore"))
            if spec is not None:
                frames.append((directory, spec))
        return frames

    @staticmethod
    def match(frames: Frames, path: str, is_dir: bool) -> bool:
        """Whether the rules ignore ``path`` (absolute), an entry of the directory whose
        rules they are."""
        if not frames:
            return False
        for base, spec in reversed(frames):
            relative = path[len(base) :].lstrip(os.sep).replace(os.sep, "/") + ("/" if is_dir else "")
            include = spec.check_file(relative).include
            if include is not None:
                return include
        return False

    # -- a path named on the command line (with --force-exclude) ------------------------

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether git ignores ``path``: it, or a directory it is in."""
        path = os.path.abspath(path)
        parent = os.path.dirname(path)
        if parent == path or os.path.lexists(os.path.join(path, ".git")):
            return False  # a filesystem or repository root
        if self._ignored_dir(parent):
            return True
        return self.match(self.frames(parent), path, is_dir)

    def _ignored_dir(self, directory: str) -> bool:
        if directory not in self._ignored_dirs:
            self._ignored_dirs[directory] = self.ignored(directory, True)
        return self._ignored_dirs[directory]


def _repository_excludes(top: str) -> list[Frame]:
    """``info/exclude`` of the repository whose work tree is ``top``: in ``.git``, or
    where a ``.git`` file points (a worktree or a submodule)."""
    git = os.path.join(top, ".git")
    if os.path.isdir(git):
        common = git
    else:
        common = None
        text = _text(git)
        if text is not None and text.startswith("gitdir:"):
            gitdir = os.path.join(top, text[len("gitdir:") :].strip())
            pointer = _text(os.path.join(gitdir, "commondir"))
            common = os.path.join(gitdir, pointer.strip()) if pointer else gitdir
    spec = _compile(os.path.join(common, "info", "exclude")) if common else None
    return [(top, spec)] if spec is not None else []


def _compile(path: str) -> Any:
    """The patterns of one ignore file, or ``None`` when it has none (or cannot be read)."""
    text = _text(path)
    if text is None:
        return None
    lines = text.splitlines()
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None  # git init's info/exclude holds only comments: no need for pathspec
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _text(path: str) -> str | None:
    try:
        return read_regular(path, _MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
