"""The garbage collector's pace while ecslint checks files.

A run allocates millions of objects (parsed documents, position maps, models, findings)
and frees them by reference counting: its data hardly forms cycles (a 2,000-file run
leaves a few hundred cyclic objects to collect). At CPython's default pace (a young
collection every 700 net allocations) the collector scans young objects over and over to
find nothing: 13-18% of the time of a run, and ~3 ms of a check of one file, most of it
while the modules are imported. Collecting every :data:`THRESHOLD` allocations keeps the
same peak memory and gives that time back.
"""

from __future__ import annotations

import gc

#: Net allocations between two young collections (CPython's default: 700).
THRESHOLD = 20_000


def tune() -> None:
    """Collect at ecslint's pace for the rest of the process (the command line's)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(THRESHOLD, young), middle, old)


def spare_shutdown() -> None:
    """Spare the interpreter's shutdown its collections: it collects every tracked object
    (a few hundred thousand once the modules are imported) several times over, ~7% of a
    check of one file, to free memory the process is about to give back anyway. Frozen
    objects are left to the end of the process; ``atexit`` handlers still run."""
    gc.freeze()


#: Whether :func:`set_aside` froze objects that the end of the run must hand back.
_SET_ASIDE: list[bool] = []


def set_aside() -> None:
    """Take every object alive now out of the collector's sight until the run ends: what
    the workers sent back (``ecslint.parallel``), unpickled with collection off, would
    otherwise sit in the young generation and be scanned once per generation on its way
    to the old one, to find nothing (1.1 s of the parent's 4 s at 10,000 files)."""
    gc.freeze()
    _SET_ASIDE.append(True)


class fewer_collections:  # noqa: N801 - used as a context manager, like contextlib's
    """At ecslint's pace inside the ``with`` block, as before after it (a library call),
    with what :func:`set_aside` froze handed back to the collector."""

    def __enter__(self) -> None:
        self.saved = gc.get_threshold()
        tune()

    def __exit__(self, *exc: object) -> None:
        gc.set_threshold(*self.saved)
        if _SET_ASIDE:
            _SET_ASIDE.clear()
            gc.unfreeze()
