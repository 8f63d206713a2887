"""What a big run keeps of a file once the file's own rules ran (issue 12: flat memory).

A run of thousands of files used to keep every parsed document to the end, for the rules
that read several documents at once: ~50 KB a file, gigabytes in a monorepo. Yet those
rules read few of them. A service is joined to the task definitions of the family it names,
a workflow to the file it renders, a lifecycle policy to the task definitions that deploy
images of its repository; a task definition that nothing names is read by its own rules
only.

So a big run checks each file's own rules as it reads it (``ecslint.parallel``, in worker
processes or in this one) and then *releases* a file that holds only task definitions of
the API's shape: its documents go, and a :class:`Released` summary stays, with what the
cross-document rules may ask of them (their families, the ECR repositories their images
come from). Its text goes too unless a finding or an inline suppression needs it (then
it is kept, compressed when it can be). Once every file is read, :func:`revive` reads
again the released files that a service, a workflow or a lifecycle policy of the run links
to: they are judged with the whole run in sight, exactly as if they had been kept
(``tests/test_parallel.py`` compares the reports byte for byte with a run that keeps
everything).

Never released: templates and modules (their resources link to each other), files whose
rules need the whole run (a rule the worker could not settle), task definitions whose family
is not known (any service may deploy them), and any file of a ``--fix`` run or of a run
with a plugin's rule that reads the whole run (:func:`applies`). A finding's fix
keeps the place of its document (:class:`Detached`): the summary's count of fixes plans it
on the document read again from the text.
"""

from __future__ import annotations

import os

from ecslint.core.records import NamedTuple
from ecslint.load.source import Document, SourceFile, SourceOptions

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterable


#: What a released file holds in place of its empty lists (shared: nothing is added to them).
_NONE: Any = ()


class Released(NamedTuple):
    """What stays of a released file's task definitions."""

    #: How many documents the file held (it was checked: the summary counts it).
    count: int
    #: Their families (each known: a document without one is never released).
    families: tuple[str, ...]
    #: The private ECR repositories their images are pulled from (lifecycle policies).
    repositories: tuple[str, ...]
    #: The text of a file with findings, compressed (see :func:`text_of`).
    packed: bytes | None = None
    #: What its own rules found (``engine._check`` reads them in its place in the run):
    #: lists of findings, and the tuples of the rules that assumed what the run answers.
    found: tuple = ()


def applies(rules: Iterable[Any]) -> bool:
    """Whether a run of ``rules`` may release files: its rules that read several documents
    are ecslint's own, whose ways to a task definition :func:`links` knows. A plugin's rule
    of the whole run may read task definitions any way: then every document is kept."""
    for r in rules:
        if r.scope == "workspace" and (not r.kinds or "task-definition" in r.kinds):
            module = getattr(r.check, "module", None) or getattr(r.check, "__module__", None) or ""
            if not module.startswith("ecslint.rules."):
                return False
    return True


def release(file: SourceFile, segments: list, shared: dict | None = None) -> bool:
    """Let go of ``file``'s documents, whose own rules found ``segments`` (lists of
    findings, and tuples for the rules deferred to the parent), when nothing but a link
    from another file can need them again. Returns whether it did. ``shared`` holds what
    the files released so far have alike (see :func:`_alike`), for a run to keep once."""
    documents = file.documents
    if not documents or file.context or not all(_releasable(doc) for doc in documents):
        return False
    found = []
    for segment in segments:
        if isinstance(segment, tuple):
            if segment[2] is None:
                return False  # the rule runs again in the parent, on the documents
            found += segment[3]
        else:
            found += segment
    for finding in found:
        if finding.fix is not None:
            # Planned at the end (how many fixes the summary offers) on the document read
            # again from the text, which the finding keeps.
            finding.fix.document = Detached(file, next(n for n, d in enumerate(documents) if d is finding.fix.document))
    text = file.text
    packed = None
    if found and text is not None and text.isascii() and "ecslint:" not in text:
        # Excerpts, fix counts and masking read it again (one file at a time); an ASCII
        # text needs no UTF-16 columns (SARIF), and without comments suppresses nothing.
        packed = _pack(text.encode("ascii"))
    shared = {} if shared is None else shared
    families = tuple(doc.data["family"] for doc in documents)
    file.released = Released(len(documents), families, _alike(_repositories(documents), shared), packed, _found(segments, shared))
    # What stays of a released file is small (a few hundred bytes): even its empty lists count.
    file.documents = file.roots = _NONE
    for name in ("problems", "scenarios", "suppressions"):
        if not getattr(file, name):
            setattr(file, name, _NONE)
    if packed is not None or not found and (text is None or "ecslint:" not in text):
        file.text = None
        file.lines = None
    elif file.lines is not None:
        file.lines.forget()
    return True


#: What task definitions say most, in JSON, for the compressor to refer to (most used
#: last): a text packed with it takes ~40% less room than alone (~450 bytes of a generated
#: task definition's 3,000, against ~800), as its own beginning is no longer all new.
_WORDS = (
    b'"ipcMode" "pidMode" "placementConstraints" "proxyConfiguration" "inferenceAccelerators" "ephemeralStorage": {"sizeInGiB": '
    b'"linuxParameters": {"initProcessEnabled": true "capabilities": {"add": ["SYS_PTRACE"], "drop": ["ALL"] "sharedMemorySize" '
    b'"systemControls" "resourceRequirements" "firelensConfiguration" "repositoryCredentials": {"credentialsParameter": '
    b'"dockerLabels": { "entryPoint": [ "workingDirectory": "/app" "disableNetworking" "privileged": false "interactive" '
    b'"pseudoTerminal" "extraHosts" "dnsServers" "dockerSecurityOptions" "startTimeout" "stopTimeout": 30, '
    b'"volumes": [ "host": {"sourcePath": "efsVolumeConfiguration": {"fileSystemId": "fs- "transitEncryption": "ENABLED" '
    b'"mountPoints": [ "sourceVolume": "containerPath": "readOnly": true "volumesFrom": [ "sourceContainer": '
    b'"dependsOn": [ "containerName": "condition": "START" "HEALTHY" "COMPLETE" "SUCCESS" '
    b'"ulimits": [ "name": "nofile", "softLimit": 65536, "hardLimit": 65536 '
    b'"runtimePlatform": {"cpuArchitecture": "X86_64" "ARM64" "operatingSystemFamily": "LINUX" '
    b'"taskRoleArn": "arn:aws:iam::123456789012:role/ "secrets": [ "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret: '
    b'"arn:aws:ssm:us-east-1:123456789012:parameter/ "environmentFiles": [ "type": "s3" "arn:aws:s3::: '
    b'"healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 30, "timeout": 5, "retries": 3, '
    b'"startPeriod": 60 "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/ "awslogs-region": "us-east-1" '
    b'"awslogs-stream-prefix": "awslogs-create-group": "true" "mode": "non-blocking" '
    b'"portMappings": [{"containerPort": 8080, "hostPort": 80, "protocol": "tcp", "udp" "appProtocol": "http" "grpc" '
    b'"environment": [{"name": "value": "essential": true, "essential": false, "user": "1000" "readonlyRootFilesystem": true, '
    b'"memoryReservation": "memory": 512, "cpu": 256, "cpu": "256", "memory": "512", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/ '
    b'"executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", "networkMode": "awsvpc" "bridge" "host" '
    b'"requiresCompatibilities": ["FARGATE" "EC2" "containerDefinitions": [{"name": "family": "'
)


def _pack(data: bytes) -> bytes:
    """``data`` compressed, with :data:`_WORDS` (:func:`text_of` unpacks it)."""
    import zlib

    packer = zlib.compressobj(6, zdict=_WORDS)
    return packer.compress(data) + packer.flush()


def _alike(value: Any, shared: dict) -> Any:
    """``value``, or the equal one a file released before kept: most files' summaries
    hold the same repositories and what their rules assumed, and 50,000 copies of them
    cost megabytes (issue 12: flat memory)."""
    return shared.setdefault(value, value)


def _found(segments: list, shared: dict) -> tuple:
    """``segments`` as a released file keeps them: the empty ones dropped, a rule's
    assumptions without findings (the same in most files: ``ECS302`` assumed no service
    deploys the task definition) and the whole of them when made of those alone kept once."""
    out = []
    alike = True
    for segment in segments:
        if not segment:
            continue
        if isinstance(segment, tuple) and not segment[3]:
            index, rule_id, assumed, _ = segment
            # (A worker's answers are lists or tuples: compared by what they hold.)
            key = (index, rule_id, tuple((i, question, type(answer), tuple(answer)) for i, question, answer in assumed))
            segment = shared.setdefault(key, segment)
        else:
            alike = False
        out.append(segment)
    if not out:
        return ()
    found = tuple(out)
    return shared.setdefault(("found", *map(id, found)), found) if alike else found


def _releasable(doc: Document) -> bool:
    family = doc.data.get("family") if isinstance(doc.data, dict) else None
    return doc.kind == "task-definition" and doc.origin is None and doc.owner is None and isinstance(family, str) and _known(family)


def _known(family: str) -> bool:
    from ecslint.model.values import string

    return bool(family) and isinstance(string(family), str)


def _repositories(documents: list[Document]) -> tuple[str, ...]:
    from ecslint.model import view
    from ecslint.model.values import UNKNOWN

    names = set()
    for doc in documents:
        for container in view(doc).containers:
            ref = container.image_reference
            if ref is not None and ref is not UNKNOWN and ref.is_ecr_private is True and isinstance(ref.repository, str):
                names.add(ref.repository)
    return tuple(sorted(names))


class Detached(NamedTuple):
    """The document of a fix whose file was released: the file, and the document's place
    in it (:func:`attached` reads it again to plan the fix)."""

    file: SourceFile
    index: int
    #: (What a document's ``locator`` answers for a document written in one file.)
    locator: Any = None


class attached:  # noqa: N801 - a context manager, named as one is used
    """``with attached(file, proposals) as target``: the file to plan ``proposals`` on:
    ``file`` itself, or for a released one, the file read again from its text, the
    proposals pointing at its documents within the block and at their places again after
    it (nothing is kept). (A class, not ``contextlib``: the module stays cheap to import on
    the way of a check that offers fixes.)"""

    def __init__(self, file: SourceFile, proposals: list):
        self.file = file
        self.detached = [(p, p.document) for p in proposals if isinstance(p.document, Detached)]

    def __enter__(self) -> SourceFile:
        if not self.detached:
            return self.file
        fresh = _reparsed(self.file)
        for proposal, place in self.detached:
            proposal.document = fresh.documents[place.index]
        return fresh

    def __exit__(self, *exc: object) -> None:
        for proposal, place in self.detached:
            proposal.document = place


class Links(NamedTuple):
    """What the kept documents of a run link to."""

    families: frozenset[str]
    repositories: frozenset[str]
    files: frozenset[str]

    def reach(self, file: SourceFile) -> bool:
        released = file.released
        return released is not None and (
            not self.families.isdisjoint(released.families)
            or not self.repositories.isdisjoint(released.repositories)
            or bool(self.files) and os.path.realpath(file.path) in self.files
        )


def links(documents: Iterable[Document]) -> Links:
    """The families the services name, the repositories of the lifecycle policies, the
    files the workflows read: what can reach a released task definition."""
    from ecslint.lifecycle.deployed import repository_of
    from ecslint.model import view
    from ecslint.sources.references import FileReference

    families, repositories, files = set(), set(), set()
    for doc in documents:
        if doc.kind == "service":
            ref = view(doc).task_definition
            family = getattr(ref, "family", None)
            if isinstance(family, str):
                families.add(family)
        elif doc.kind == "lifecycle-policy":
            repository = repository_of(view(doc))
            if isinstance(repository, str):
                repositories.add(repository)
        elif doc.kind == "workflow":
            ref = view(doc).task_definition_file
            if isinstance(ref, FileReference):
                files.add(os.path.realpath(ref.absolute))
    return Links(frozenset(families), frozenset(repositories), frozenset(files))


def revive(files: list[SourceFile], kept: list[Document], options: SourceOptions, done: dict[int, Any]) -> list[SourceFile]:
    """Read again the released files of ``files`` that the ``kept`` documents link to, in
    place (the same :class:`SourceFile`); returns them. What their rules found goes to
    ``done`` (by ``id(file)``), where ``engine._check`` checks what they assumed of the run."""
    reach = links(kept)
    revived = []
    for file in files:
        if reach.reach(file):
            found = file.released.found
            if reread(file, options):
                done[id(file)] = found
                revived.append(file)
    return revived


def reread(file: SourceFile, options: SourceOptions | None = None) -> list[Document]:
    """Put a released file's documents back, read from its text (or from disk when the text
    went too), as the run read them."""
    from ecslint.load.reader import read

    if file.has_text():
        fresh = _reparsed(file, options)
    else:
        fresh = read(file.path, file.display, context=file.context, options=options or SourceOptions())
    if len(fresh.problems) != len(file.problems) or len(fresh.documents) != (file.released.count if file.released else 0):
        return []  # the file changed on disk since it was read: judge what was seen
    for doc in fresh.documents:
        doc.file = file
    file.documents, file.roots = fresh.documents, fresh.roots
    file.text, file.lines = fresh.text, fresh.lines
    file.released = None
    return file.documents


def text_of(file: SourceFile) -> str | None:
    """``file``'s text, as read, when the run kept it (compressed, for a released file
    with findings)."""
    if file.text is not None:
        return file.text
    packed = file.released.packed if file.released is not None else None
    if packed is None:
        return None
    import zlib

    return zlib.decompressobj(zdict=_WORDS).decompress(packed).decode("ascii")


def readable(file: SourceFile | None) -> SourceFile | None:
    """``file`` with its text, lines and documents: itself, or a released file read again
    from its text (apart from it: nothing is kept)."""
    if file is None or file.released is None or not file.has_text():
        return file
    return _reparsed(file)


def _reparsed(file: SourceFile, options: SourceOptions | None = None) -> SourceFile:
    """A released file read again from the text it kept, apart from it."""
    from ecslint.load.reader import parse

    return parse(SourceFile(file.path, file.display, file.context), text_of(file) or "", options or SourceOptions())
