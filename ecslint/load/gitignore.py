"""Which paths git ignores: the ``.gitignore`` files of a repository and its ``info/exclude``.

As git reads them: only inside a git repository (a directory with a ``.git``), each
``.gitignore`` applying to the paths below its directory, a deeper file taking precedence
over a higher one and ``.gitignore`` files over ``info/exclude``, the last pattern that
matches a path deciding, and nothing below an ignored directory re-included (the walk does
not enter it). The global excludes file (``core.excludesFile``) is not read: it lives on
one machine, and a check must give the same verdict there and in CI.

Each pattern is translated once into a regular expression matched against a whole path
(git's wildmatch: ``*``, ``?``, ``[...]``, ``**``, anchoring by ``/``, a trailing ``/`` for
directories only, ``!``, escapes, trailing spaces), and ``tests/test_files.py`` compares the
walk with ``git ls-files --others --exclude-standard`` on generated trees. Not pathspec: it
costs 17 ms to import (a third of the start-up goal, on every pre-commit run in a
repository with a ``.gitignore``), and its matcher answers for a path and every directory
above it at once, reporting the directory ``X`` itself ignored by ``X/**`` (its issue
137): a walk that prunes ignored directories would skip files git checks.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Sequence

from ecslint.core.glob import translate as translate_glob
from ecslint.load.files import read_regular

#: Far above any real ignore file; a larger one is not read (nor is one that is not a
#: regular file).
_MAX_BYTES = 1024 * 1024

#: One pattern: the expression a whole path must match, whether a match ignores the path
#: (False for a ``!`` pattern), whether it matches directories only (a trailing ``/``).
Pattern = tuple[re.Pattern, bool, bool]
#: A pattern file's directory (absolute) and its patterns, in the file's order.
Frame = tuple[str, Sequence[Pattern]]
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
            patterns = _compile(os.path.join(directory, ".gitignore"))
            if patterns is not None:
                frames.append((directory, patterns))
        return frames

    @staticmethod
    def match(frames: Frames, path: str, is_dir: bool) -> bool:
        """Whether the rules ignore ``path`` (absolute), an entry of the directory whose
        rules they are (its parents are known not to be ignored)."""
        if not frames:
            return False
        for base, patterns in reversed(frames):
            relative = path[len(base) :].lstrip(os.sep).replace(os.sep, "/")
            decision = None
            for regex, ignores, directories in patterns:
                if (is_dir or not directories) and regex.fullmatch(relative):
                    decision = ignores
            if decision is not None:
                return decision
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
    patterns = _compile(os.path.join(common, "info", "exclude")) if common else None
    return [(top, patterns)] if patterns is not None else []


def _compile(path: str) -> list[Pattern] | None:
    """The patterns of one ignore file, or ``None`` when it has none (or cannot be read)."""
    text = _text(path)
    if text is None:
        return None
    patterns = [pattern for line in text.splitlines() if (pattern := translate(line)) is not None]
    return patterns or None


def translate(line: str) -> Pattern | None:
    """One line of an ignore file as a :data:`Pattern`, or ``None`` (blank, comment)."""
    line = _trim(line)
    if not line or line.startswith("#"):
        return None
    ignores = not line.startswith("!")
    if not ignores:
        line = line[1:]
    directories = line.endswith("/")
    if directories:
        line = line[:-1]  # one slash only, as git: `a//` matches nothing
    if not line:
        return None
    anchored = "/" in line  # at the beginning or in the middle: relative to the file's directory
    segments = line.lstrip("/").split("/")
    # Pieces between the runs of directories (``**``): each is a regular expression, the
    # runs None; the prefix of an unanchored pattern is such a run.
    pieces: list[str | None] = [] if anchored else [None]
    separator = ""
    for index, segment in enumerate(segments):
        if segment == "**" and len(segments) > 1:
            if index == 0:
                pieces.append(None)  # **/x: x in any directory
            elif index == len(segments) - 1:
                pieces.append("/.+")  # x/**: everything inside x, not x itself
            else:
                pieces.append(None)  # x/**/y: zero or more directories between
            continue
        pieces.append(separator + _glob(segment))
        separator = "/"
    out = _runs(pieces)
    try:
        return re.compile(out, re.DOTALL), ignores, directories
    except re.error:  # a range such as [z-a]: git's wildmatch matches nothing with it
        return None


def _runs(pieces: list[str | None]) -> str:
    """The pattern's regular expression from its pieces, a run of directories (None) made
    to match no more than it must: the part up to the next run is matched at its first
    place, atomically (a lookahead captured and matched again), as ``core.glob`` does for
    ``*``. Each part spans whole path segments, so its first place is as good as any
    later one; translated naively, ``**/a/**/a/**/b`` against a deep path tried every way
    to split it (minutes at 300 segments)."""
    out: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        index += 1
        if piece is not None:
            out.append(piece)
            continue
        leading = not out  # at the start: ``(?:.*/)?``; between segments: ``(?:/.*)?``
        part = []
        while index < len(pieces) and pieces[index] is not None and pieces[index] != "/.+":
            part.append(pieces[index])
            index += 1
        if index == len(pieces):  # the last part: it must end where the path ends
            out.append(("(?:.*/)?" if leading else "(?:/.*)?") + "".join(part))
            continue
        name = f"_r{next(_RUNS)}"
        run = "(?:.*?/)??" if leading else "(?:/.*?)??"
        out.append(f"(?=(?P<{name}>{run}{''.join(part)}(?=/|\\Z)))(?P={name})")
    return "".join(out)


_RUNS = itertools.count()


def _trim(line: str) -> str:
    """Trailing spaces are dropped unless escaped (``\\ ``)."""
    end, index = 0, 0
    while index < len(line):
        if line[index] == "\\" and index + 1 < len(line):
            index += 2
            end = index
            continue
        index += 1
        if line[index - 1] != " ":
            end = index
    return line[:end]


_CLASSES = {
    "alnum": "a-zA-Z0-9", "alpha": "a-zA-Z", "blank": " \t", "cntrl": "\x00-\x1f\x7f", "digit": "0-9",
    "graph": "!-~", "lower": "a-z", "print": " -~", "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "space": " \t\n\r\f\v", "upper": "A-Z", "xdigit": "0-9A-Fa-f",
}


def _glob(segment: str) -> str:
    """One path segment of a pattern as a regular expression: ``*`` and ``?`` never match
    ``/``, ``[...]`` is a character class (``!`` or ``^`` negates), ``\\`` escapes."""
    out: list[str | None] = []
    index = 0
    while index < len(segment):
        char = segment[index]
        index += 1
        if char == "*":
            out.append(None)  # ``translate`` makes it a run that never backtracks
        elif char == "?":
            out.append("[^/]")
        elif char == "\\" and index < len(segment):
            out.append(re.escape(segment[index]))
            index += 1
        elif char == "[" and (found := _bracket(segment, index)) is not None:
            expression, index = found
            out.append(expression)
        else:
            out.append(re.escape(char))
    return translate_glob(out, "[^/]")


def _bracket(segment: str, index: int) -> tuple[str, int] | None:
    """The character class that starts after the ``[`` at ``index - 1``, and where it
    ends; ``None`` when it is not closed (the ``[`` is then an ordinary character)."""
    negate = index < len(segment) and segment[index] in "!^"
    if negate:
        index += 1
    members, first = [], True
    while index < len(segment):
        char = segment[index]
        if char == "]" and not first:
            body = "".join(members)
            if not body:  # only unknown [:classes:]
                return ("[^/]" if negate else "(?!)"), index + 1
            return (f"[^/{body}]" if negate else f"(?!/)[{body}]"), index + 1
        first = False
        if char == "[" and segment.startswith("[:", index) and (close := segment.find(":]", index + 2)) != -1:
            members.append(_CLASSES.get(segment[index + 2 : close], ""))
            index = close + 2
            continue
        if char == "\\" and index + 1 < len(segment):
            index += 1
            char = segment[index]
        if char == "-" and members and index + 1 < len(segment) and segment[index + 1] != "]":
            members.append("-")
        else:
            members.append(re.escape(char))
        index += 1
    return None


def _text(path: str) -> str | None:
    try:
        return read_regular(path, _MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
