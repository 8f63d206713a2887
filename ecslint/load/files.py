"""Read a file the user names or ecslint finds: a regular file only, and never past a bound.

Every file ecslint reads goes through :func:`read_regular`: the files it checks, the
configuration, the baseline, ``lifecycle preview``'s policy and images, ``.gitignore`` files.
``stat`` cannot be trusted for the bound (``/dev/zero`` and files under ``/proc`` say 0
bytes) and ``open`` itself can block forever (a FIFO waits for a writer), so a path that is
not a regular file is refused before it is opened, the file is opened so that it cannot
block, and the read stops one byte past the caller's limit whatever ``stat`` said.

Every file ecslint writes whole (``--output``, ``--write-baseline``, a file ``--fix``
changes) goes through :func:`replacing`: written beside the target and renamed over it, so
that a reader, or another run writing the same file, never sees half of it.
"""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from typing import BinaryIO, Iterator

#: How much of a file too large to read is read to tell whether it looks like ECS.
HEAD_BYTES = 64 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """The path is something ecslint does not read: a FIFO, a socket, a device, a
    directory, a symbolic link loop or a link to nothing. ``strerror`` says which."""


class TooLarge(OSError):
    """The file holds more than the caller's limit; ``head`` is its beginning (at most
    :data:`HEAD_BYTES`), enough to tell what the file is."""

    def __init__(self, size: int | None, limit: int, head: bytes):
        amount = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        super().__init__(errno.EFBIG, f"file too large: {amount} (ecslint reads up to {limit:,})")
        self.size = size
        self.limit = limit
        self.head = head


def describe(mode: int) -> str | None:
    """What a ``stat`` mode is when it is not a regular file (``None`` for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def unusable(path: str) -> str | None:
    """Why ``path`` cannot be read as a file, or ``None`` when it is a regular file (or
    a link to one). Never opens it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _stat_error(path, exc)
    return describe(mode)


def _stat_error(path: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "a symbolic link to a missing file"
    return exc.strerror or str(exc)


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, if it holds at most ``limit`` of them.

    Raises :class:`NotRegularFile` for anything else than a regular file,
    :class:`TooLarge` (with the file's first bytes) for a larger one, and ``OSError``
    when it cannot be read; every one of them has a ``strerror`` that says why.
    """
    why = unusable(path)
    if why is not None:
        raise NotRegularFile(errno.EINVAL, f"{why}, not a regular file")
    # Non-blocking: should the path have become a FIFO since the check, ``open`` returns
    # at once instead of waiting for a writer, and the check below refuses it.
    fd = os.open(path, _OPEN_FLAGS)
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        why = describe(status.st_mode)
        if why is not None:
            raise NotRegularFile(errno.EINVAL, f"{why}, not a regular file")
        if status.st_size > limit:
            raise TooLarge(status.st_size, limit, handle.read(HEAD_BYTES))
        data = handle.read(limit + 1)  # the bound holds even when the size was wrong
    if len(data) > limit:
        raise TooLarge(None, limit, data[:HEAD_BYTES])
    return data


def replacing(path: str) -> AbstractContextManager[BinaryIO]:
    """A binary handle whose content, when the ``with`` block ends without an exception,
    becomes the whole file at ``path``, atomically: written to a temporary file in the same
    directory (created if missing), flushed to disk, given the permissions (and, where
    allowed, the owner) of the file it replaces, then renamed over it. A symbolic link stays
    a link to the new content. On an exception the temporary file is removed and ``path``
    is left as it was.

    A target that exists but is not a regular file (``/dev/null``, a FIFO), or is one of
    the process's streams (``/dev/stdout``, ``/dev/fd/N``), cannot be replaced: it is
    written to directly. A directory is refused. Raises ``OSError``
    with a ``strerror`` that says why.
    """
    import contextlib  # here: a check that writes no file does not import it (~3M instructions)

    return contextlib.contextmanager(_replacing)(path)


def _replacing(path: str) -> Iterator[BinaryIO]:
    import contextlib
    import tempfile

    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a directory")
    if status is not None and (not stat.S_ISREG(status.st_mode) or path.startswith(("/dev/", "/proc/"))):
        # Not its real path: /dev/stdout may be a pipe, or a file the shell appends to.
        with open(path, "wb") as stream:
            yield stream
        return
    real = os.path.realpath(path)
    directory, name = os.path.split(real)
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".ecslint", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if status is None:  # a new file: the permissions ``open`` would give it
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        else:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
