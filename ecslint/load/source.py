"""Files and the documents found in them.

A :class:`Document` is one ECS or ECR object in the API's own shape (camelCase, the way
``register-task-definition`` or ``create-service`` take it), however it was written in the
file: bare, wrapped in describe output, as a Terraform container array, as a JSON string
inside a ``put-lifecycle-policy`` input. Its :class:`Locator` translates a path in that API
view back to the path in the file, and the file's source map turns that into a region.
"""

from __future__ import annotations

from ecslint.core.finding import Path, Region, Target
from ecslint.core.records import NamedTuple
from ecslint.load.errors import LoadError
from ecslint.load.sourcemap import SourceMap
from ecslint.load.text import LineIndex

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any


class Locator(NamedTuple):
    """API path -> file path: drop ``strip`` leading parts, then prepend ``prefix``."""

    sourcemap: SourceMap
    prefix: Path = ()
    strip: int = 0

    def file_path(self, path: Path) -> Path:
        return self.prefix + path[self.strip :]

    def region(self, path: Path, target: Target = "value") -> Region:
        return self.sourcemap.region(self.file_path(path), target)

    # What a fix may edit (``ecslint.fix``): a locator says where the file writes a value,
    # and how it spells a member; a source whose file is not the API's shape says less.

    def written(self, path: Path) -> Path | None:
        """The file path where the value at API ``path`` is written literally (None when
        the file computes it): here the file has the API's shape."""
        return self.file_path(path)

    def member_name(self, path: Path, key: str) -> str:
        """How the file spells the API member ``key`` of the object at ``path``."""
        return key


class MappedLocator:
    """API path -> file path, for sources whose file does not have the API's shape
    (CloudFormation's PascalCase, an ``Fn::If`` branch, a value from ``Mappings``, Terraform
    blocks). ``table`` holds, for every node the source converted, the file path of its
    value and of its key (they differ when the value was reached through an intrinsic
    function: ``Cpu: !If [C, 256, 512]``). A path that is not in the table (a member the
    document lacks) is located below its nearest converted ancestor, where the source map
    falls back to that ancestor's key, as for any missing member."""

    __slots__ = ("sourcemap", "table")

    def __init__(self, sourcemap: SourceMap, table: dict[Path, tuple[Path, Path]]):
        self.sourcemap = sourcemap
        self.table = table

    def file_path(self, path: Path) -> Path:
        for n in range(len(path), -1, -1):
            entry = self.table.get(path[:n])
            if entry is not None:
                return entry[0] + path[n:]
        return path

    def region(self, path: Path, target: Target = "value") -> Region:
        entry = self.table.get(path)
        if entry is not None and target == "key":
            return self.sourcemap.region(entry[1], "key")
        return self.sourcemap.region(self.file_path(path), target)

    def written(self, path: Path) -> Path | None:
        """The file path of the value at API ``path`` when it is written there, under its
        own key: None for a value reached through ``Fn::If``, ``Fn::FindInMap``,
        ``Fn::Select`` or ``Fn::Sub`` (editing it would change what other branches,
        mappings or substitutions mean), and for a node the source did not convert."""
        entry = self.table.get(path)
        if entry is None or entry[0] != entry[1]:
            return None
        return entry[0]

    def member_name(self, path: Path, key: str) -> str:
        """How the file spells API member ``key`` of the object at ``path``: as written when
        the object keeps the file's names (a map, such as ``DockerLabels``), else with a
        capital first letter (CloudFormation's PascalCase)."""
        depth = len(path) + 1
        for api_path, (_, key_path) in self.table.items():
            if len(api_path) == depth and api_path[:-1] == path and key_path:
                if api_path[-1] == key_path[-1]:
                    return key
                break
        return key[:1].upper() + key[1:]


class Written(NamedTuple):
    """Where one node of a document is written: its file, and the offsets of its key (None
    for an array item or a value with no key of its own) and of its value."""

    file: SourceFile
    key: tuple[int, int] | None
    value: tuple[int, int]


class Delegate(NamedTuple):
    """A part of a document held by another parsed text (container definitions in a JSON
    file that ``file()`` loads, a policy in a heredoc): paths below ``prefix`` are located
    by ``locator`` (after dropping the prefix), in ``file``."""

    file: SourceFile
    locator: Any


class SpanLocator:
    """API path -> where it is written, for a source that knows the offsets of every node
    (Terraform: HCL blocks and attributes, values of ``locals``, variable files), possibly
    in several files. Parts held by other parsed texts are delegated (:class:`Delegate`).
    A path without an entry (a member the document lacks) is located at the key of its
    nearest ancestor that has one, as for any missing member."""

    __slots__ = ("file", "table", "delegates")

    def __init__(self, file: SourceFile, table: dict[Path, Written], delegates: dict[Path, Delegate] | None = None):
        self.file = file
        self.table = table
        self.delegates = delegates or {}

    def locate(self, path: Path, target: Target = "value") -> tuple[SourceFile, Region]:
        if self.delegates:
            for n in range(len(path), -1, -1):
                delegate = self.delegates.get(path[:n])
                if delegate is not None and not (n == len(path) and target == "key" and path in self.table):
                    # (the key of a delegated whole is the argument that holds it)
                    return delegate.file, delegate.locator.region(path[n:], target)
        entry = self.table.get(path)
        if entry is None:
            target = "key"  # a missing member: its nearest written parent
            for n in range(len(path) - 1, -1, -1):
                entry = self.table.get(path[:n])
                if entry is not None:
                    break
        if entry is None:
            return self.file, Region.point(1, 1)
        start, end = entry.key if target == "key" and entry.key is not None else entry.value
        lines = entry.file.lines
        if lines is None:
            return entry.file, Region.point(1, 1)
        line, column = lines.position(start)
        end_line, end_column = lines.position(max(end, start + 1))
        return entry.file, Region(line, column, end_line, end_column)

    def region(self, path: Path, target: Target = "value") -> Region:
        return self.locate(path, target)[1]

    @property
    def files(self) -> set[SourceFile]:
        """Every file this document is written in (besides its own)."""
        return {e.file for e in self.table.values()} | {d.file for d in self.delegates.values()}


class Origin:
    """Where a document of an infrastructure-as-code source comes from. Rules never read
    it (no rule knows its document's source); the engine and the workspace do: to follow
    the template's own references, to merge the findings of ``Fn::If`` scenarios, to name
    a CDK construct, and to check the resource against its source's own schema."""

    __slots__ = ("source", "scope", "resource", "scenario", "construct", "schema", "raw", "raw_path", "shared", "conditions")

    def __init__(
        self,
        source: str,
        scope: Any,
        resource: str,
        scenario: int = 0,
        construct: str | None = None,
        schema: str | None = None,
        raw: Any = None,
        raw_path: Path = (),
        shared: dict[str, Any] | None = None,
        conditions: dict[str, bool] | None = None,
    ):
        #: ``cloudformation`` or ``terraform``.
        self.source = source
        #: What a reference is resolved in: one template (and scenario), one module.
        self.scope = scope
        #: The resource's logical id (``WebTaskDefinition``) or address (``aws_ecs_service.web``).
        self.resource = resource
        #: Which combination of template conditions produced this document (0 when the
        #: template has none to enumerate).
        self.scenario = scenario
        #: CDK's ``aws:cdk:path``: the construct that the user wrote.
        self.construct = construct
        #: The source's own schema of the resource, checked on ``raw`` (at ``raw_path`` in
        #: the file) instead of the API schema, with messages in the file's own spelling.
        self.schema = schema
        self.raw = raw
        self.raw_path = raw_path
        #: A memo shared by the documents one resource yields in every scenario (what is
        #: computed from the resource as written, such as its schema issues).
        self.shared: dict[str, Any] = shared if shared is not None else {}
        #: The value of each template condition this combination decides.
        self.conditions: dict[str, bool] = conditions if conditions is not None else {}


class Document:
    """One document of a known kind, in the API's shape."""

    __slots__ = ("kind", "shape", "data", "file", "locator", "name", "repository", "text", "cache", "origin", "owner")

    def __init__(
        self,
        kind: str,
        shape: str,
        data: Any,
        file: SourceFile,
        locator: Locator | MappedLocator | SpanLocator,
        name: str,
        repository: str | None = None,
        text: str | None = None,
        origin: Origin | None = None,
        owner: Document | None = None,
    ):
        self.kind = kind
        self.shape = shape
        self.data = data
        self.file = file
        self.locator = locator
        #: How messages and fingerprints name the document (a family, a service, a repository).
        self.name = name
        #: For ``lifecycle-policy``: the repository it applies to, when the file says.
        self.repository = repository
        #: For policies given as text: the text itself (its length is an API constraint).
        self.text = text
        #: Per-document memo for analyses several rules share (schema issues, the typed model).
        self.cache: dict[str, Any] = {}
        #: For documents of an infrastructure-as-code source: the resource behind it.
        self.origin = origin
        #: The document this one is part of (a lifecycle policy inside its repository).
        self.owner = owner

    @property
    def context(self) -> bool:
        return self.file.context

    def region(self, path: Path, target: Target = "value") -> Region:
        return self.locator.region(path, target)

    def locate(self, path: Path, target: Target = "value") -> tuple[SourceFile, Region]:
        """The file and region where ``path`` is written: usually the document's own file;
        another one for a document written across several (Terraform's ``file()``,
        ``locals`` in another file)."""
        locate = getattr(self.locator, "locate", None)
        if locate is not None:
            return locate(path, target)
        return self.file, self.locator.region(path, target)

    @property
    def scenario(self) -> int:
        return self.origin.scenario if self.origin is not None else 0

    def __repr__(self) -> str:
        return f"<Document {self.kind}:{self.shape} {self.name!r} in {self.file.display}>"


class SourceFile:
    """A file read from disk: its text, parsed roots, problems and documents."""

    __slots__ = (
        "path", "display", "context", "text", "lines", "roots", "problems", "documents", "skipped", "scenarios",
        "suppressions", "part_of", "released",
    )

    def __init__(self, path: str, display: str, context: bool = False):
        self.path = path
        self.display = display
        self.context = context
        self.text: str | None = None
        self.lines: LineIndex | None = None
        #: One (data, source map) per YAML document; one for JSON.
        self.roots: list[tuple[Any, SourceMap]] = []
        #: Reasons it could not be read as ECS documents, each with a position.
        self.problems: list[LoadError] = []
        self.documents: list[Document] = []
        #: Why the file holds nothing to check (shown by ``--verbose``).
        self.skipped: str | None = None
        #: The document that reads this file as its part (a Terraform task definition whose
        #: ``file()`` loads it): its findings are reported there.
        self.part_of: str | None = None
        #: The combinations of template conditions its documents were built for (each a
        #: condition name -> value map, indexed by ``Origin.scenario``); empty for a file
        #: read once (no ``Fn::If`` on a condition only the deployment decides).
        self.scenarios: list[dict[str, bool]] = []
        #: Regions whose findings the file itself suppresses (a template resource's
        #: ``Metadata``): (first line, last line, rule ids or names; None for every rule).
        self.suppressions: list[tuple[int, int, frozenset[str] | None]] = []
        #: In a big run, once its own rules ran: what stays of its documents when they were
        #: let go (``ecslint.retention.Released``); None while they are here.
        self.released: Any = None

    def __repr__(self) -> str:
        return f"<SourceFile {self.display}>"

    def has_text(self) -> bool:
        """Whether the run still has the file's text: here, or packed in what a big run
        kept of a released file (``ecslint.retention.text_of`` unpacks it)."""
        return self.text is not None or self.released is not None and self.released.packed is not None


class SourceOptions:
    """What the sources need from the run besides a file's bytes: the values the user
    gives for a template's parameters, and a memo the whole run shares (what several files
    need once, such as a module read for all of its files)."""

    __slots__ = ("parameters", "var_files", "memo", "context_requests", "loaded", "texts")

    def __init__(self, parameters: dict[str, str] | None = None, var_files: list[str] | None = None):
        #: CloudFormation template parameters (``--parameter``, the config's ``parameters``).
        self.parameters = parameters or {}
        #: Terraform variable files (``--var-file``): they override a module's own
        #: ``terraform.tfvars`` and ``*.auto.tfvars``, as on Terraform's command line.
        self.var_files = var_files or []
        self.memo: dict[Any, Any] = {}
        #: Files a source needs in the workspace although they were not given (the other
        #: files of a Terraform module): realpath -> path; the engine loads them as context.
        self.context_requests: dict[str, str] = {}
        #: Files a source read as part of a document (a JSON file ``file()`` loads):
        #: realpath -> (what they are part of, whether they are a template that is not
        #: JSON until rendered, whether the document judges their content). Their own
        #: reading is then superseded: its syntax errors for a template, its documents
        #: when they are judged as part of the other.
        self.loaded: dict[str, tuple[str, bool, bool]] = {}
        #: Texts ``--fix`` has changed in memory (realpath -> text): a source reading
        #: another file (a Terraform module's sibling, a file ``file()`` loads) reads these.
        self.texts: dict[str, str] = {}
