"""Reading and checking the files of a big run in worker processes (``--jobs``).

Workers read their share of the files and run each file's own rules (file and document
rules); the parent then builds the workspace from every document and runs the workspace
rules. A worker has no workspace: a document rule that asks it whether a service deploys
its task definition, or on which instance types the stack runs it, is told "none" (what
it answers when no other document links to this one) and the assumption travels with the
findings; the parent keeps them when the whole workspace answers the same, and otherwise
runs the rule again in their place. A rule that reads the workspace in any other way stops
(:class:`WorkspaceNeeded`) and runs in the parent. A file comes back with its documents,
so that the workspace, the report and ``--fix`` see exactly what a serial run sees, unless
nothing but a link can need them again: then it comes back released, with its findings and
a summary (``ecslint.retention``), which keeps the parent's memory flat and the traffic
small. A big run with one job does the same in this process, file by file. The output is
the same byte for byte as a small run's, whatever the number of jobs (tests/test_parallel.py
compares them on the fixtures and the corpus).
"""

from __future__ import annotations

import os
import sys

from ecslint.load.source import SourceFile, SourceOptions

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator

#: Below this many files a run stays serial: starting the workers (each imports what the
#: rules need) and sending the documents back cost more than they save. Measured on the
#: corpus copies (CPU time, 2 workers): break-even near 200 files, a gain from 400.
THRESHOLD = 200
#: A run with one job checks each file as it reads it, and releases what only a link can
#: need again (``ecslint.retention``), from this many files: streaming costs ~15% more CPU
#: than one pass over everything kept (a rule's assumptions, compressed texts), which
#: memory repays only in big runs (2,000 copies of the corpus's files kept: ~150 MB).
SERIAL_THRESHOLD = 2000


class WorkspaceNeeded(BaseException):
    """A rule read the workspace in a worker (a ``BaseException``: the engine's guard against
    failing rules must not turn it into an internal error)."""


class _NoWorkspace:
    """A worker's workspace. The questions a document rule asks about its own document
    whose answer, when no other document is in sight, is "none" (the services that deploy
    a task definition, its stack's instance types) are answered so, and the assumption is
    recorded for the rule that asked: the parent keeps its findings when the whole
    workspace answers the same, and runs the rule again otherwise. Any other use stops the
    rule (run again in the parent). No memo of a document may hold an answer (a rule that
    reads a memo built on one asks the question itself: ``rules/capacity/fit.py``)."""

    #: The questions answered in a worker, with what they answer when nothing links to the
    #: document (what the parent checks).
    SPECULATED = {"services_of": [], "instance_types_for": ()}

    needed = WorkspaceNeeded

    def __init__(self) -> None:
        self.file: SourceFile | None = None
        #: (document index, question, answer) assumed while the current rule ran (the
        #: engine takes them and empties it: ``engine._deferrable``).
        self.asked: list[tuple[int, str, Any]] = []

    def start(self, file: SourceFile) -> None:
        self.file = file

    def _assume(self, model: Any, name: str) -> Any:
        answer = self.SPECULATED[name]
        documents = self.file.documents if self.file is not None else []
        target = next((i for i, d in enumerate(documents) if d is getattr(model, "doc", None)), None)
        if target is None:
            raise WorkspaceNeeded(name)
        if (target, name, answer) not in self.asked:
            self.asked.append((target, name, answer))
        return type(answer)()

    def services_of(self, model: Any) -> Any:
        return self._assume(model, "services_of")

    def instance_types_for(self, model: Any) -> Any:
        return self._assume(model, "instance_types_for")

    def __getattr__(self, name: str) -> Any:
        raise WorkspaceNeeded(name)

    def __bool__(self) -> bool:
        raise WorkspaceNeeded("__bool__")

    def __iter__(self) -> Any:
        raise WorkspaceNeeded("__iter__")

    def __len__(self) -> int:
        raise WorkspaceNeeded("__len__")


def shareable(candidate: Any) -> bool:
    """Whether a worker can read ``candidate`` on its own: a Terraform file is read with its
    module, by the parent (so a run of Terraform modules gains nothing from workers)."""
    return not candidate.path.lower().endswith(".tf")


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, which containers and ``taskset`` set)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def available() -> bool:
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


#: What a file's own rules found when they found nothing (shared by the many clean files).
_NOTHING: Any = ()

#: What the forked workers need from the parent (set just before the pool starts).
_STATE: dict[str, Any] = {}


def read_and_check(
    candidates: list, plan: Any, sources: SourceOptions, lifecycle: dict[str, str], jobs: int, read: Any, release: bool = True
) -> tuple[list[SourceFile], dict[int, list]]:
    """Read ``candidates`` and run their own rules, in ``jobs`` workers (in this process
    when ``jobs`` is 1): the files (in the order of ``candidates``) and, by ``id(file)``,
    what their rules found (for ``engine._check``). A file whose reading involves others
    (Terraform: a module is read once for all its files) is read here, with ``sources``, in
    its place in the order, and its rules are left to the parent's pass. With ``release``,
    a file whose documents only a link can need again lets them go once its rules ran
    (``ecslint.retention``): memory stays flat, and workers send back little."""
    import gc

    from ecslint import engine

    _STATE.update(
        plan=plan, parameters=sources.parameters, var_files=sources.var_files, lifecycle=lifecycle, release=release, shared={}
    )
    files: list[SourceFile] = []
    done: dict[int, list] = {}
    texts: dict[str, str] = {}
    regions: dict[Any, Any] = {}

    def take(chunk: list, results: Iterable) -> None:
        for candidate, result in zip(chunk, results):
            if result is None:
                files.append(engine._read(candidate, False, read, sources))
                continue
            file, segments, requests = result
            # The candidate's strings, not the copies a worker sent: 50,000 files held
            # twice cost megabytes.
            file.path, file.display = candidate.path, candidate.display
            files.append(file)
            if file.released is None:
                done[id(file)] = segments  # (a released file keeps its own: ``Released.found``)
            else:
                segments = file.released.found
            _share(segments, texts, regions)
            for real, path in requests.items():
                sources.context_requests.setdefault(real, path)

    try:
        if jobs < 2:
            # File by file: what is kept of each is all that accumulates.
            take(candidates, _checked(candidates))
            return files, done
        import multiprocessing

        size = max(1, min(64, len(candidates) // (jobs * 8)))
        chunks = [candidates[i : i + size] for i in range(0, len(candidates), size)]
        # Unpickling the workers' files allocates much and frees little: collecting
        # meanwhile would only walk the growing heap again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for chunk, results in zip(chunks, pool.imap(_work, chunks)):
                    take(chunk, results)
        finally:
            if collecting:
                from ecslint.core.collector import set_aside

                set_aside()
                gc.enable()
        return files, done
    finally:
        _STATE.clear()


def _share(segments: Any, texts: dict[str, str], regions: dict[Any, Any]) -> None:
    """Let the findings of ``segments`` hold one copy of each message, pointer, logical
    path and region the run has seen already: a rule says the same thing at the same
    place of many files (50,000 files held ~150 copies of each message, 5 MB)."""
    for segment in segments:
        for finding in segment if isinstance(segment, list) else segment[3] or ():
            finding.message = texts.setdefault(finding.message, finding.message)
            finding.pointer = texts.setdefault(finding.pointer, finding.pointer)
            finding.logical = texts.setdefault(finding.logical, finding.logical)
            finding.region = regions.setdefault(finding.region, finding.region)


def _work(chunk: list) -> list[tuple[SourceFile, list, dict[str, str]] | None]:
    """In a worker: :func:`_checked` for each file of ``chunk``."""
    results = list(_checked(chunk))
    _collect()
    return results


#: What a file's reading asked of the run when it asked nothing (shared, never changed).
_NO_REQUESTS: dict[str, str] = {}


def _checked(chunk: list) -> Iterator[tuple[SourceFile, list, dict[str, str]] | None]:
    """In a worker (or, for a serial run, here): read each file of ``chunk``, run its own
    rules, release what only a link can need again; None for a file the parent must read
    (its reading involved other files)."""
    from ecslint import engine
    from ecslint.load.reader import read
    from ecslint.retention import release

    plan = _STATE["plan"]
    by_scope, internal = engine._scopes(plan)
    nowhere = _NoWorkspace()
    contexts = {r.id: plan.context(r, nowhere) for r in plan.rules}
    shared = _STATE["shared"]
    for candidate in chunk:
        if not shareable(candidate):
            yield None
            continue
        sources = SourceOptions(parameters=_STATE["parameters"], var_files=_STATE["var_files"])
        file = engine._read(candidate, False, read, sources)
        if sources.memo or sources.loaded:
            yield None
            continue
        engine._apply_lifecycle_repositories([file], _STATE["lifecycle"])
        nowhere.start(file)
        segments: list = []
        for item in engine._file_findings(file, plan, by_scope, contexts, internal, nowhere):
            if isinstance(item, tuple):
                segments.append(item)
            elif segments and isinstance(segments[-1], list):
                segments[-1].append(item)
            else:
                segments.append([item])
        if _STATE["release"] and release(file, segments, shared):
            segments = _NOTHING  # (kept with its summary)
        else:
            # Positions are indexed again if a rule of the whole run reports here.
            if file.lines is not None:
                file.lines.forget()
            for _, smap in file.roots:
                smap.forget()
            for doc in file.documents:
                # What a document memoised may rest on what the stand-in workspace answered,
                # and sending it would cost more than computing it again: the parent
                # rebuilds it when needed.
                doc.cache = {}
        yield file, segments, dict(sources.context_requests) if sources.context_requests else _NO_REQUESTS


def _collect() -> None:
    """A worker is forked while the parent has automatic collection off (it unpickles):
    collect each chunk's cycles here, then keep what lives on (the modules the rules
    imported) out of later collections, which then only walk one chunk's objects."""
    import gc

    gc.collect()
    if not _STATE.get("frozen"):
        gc.freeze()
        _STATE["frozen"] = True
