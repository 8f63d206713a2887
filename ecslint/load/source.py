"""Files and the documents found in them.

A :class:`Document` is one ECS or ECR object in the API's own shape (camelCase, the way
``register-task-definition`` or ``create-service`` take it), however it was written in the
file: bare, wrapped in describe output, as a Terraform container array, as a JSON string
inside a ``put-lifecycle-policy`` input. Its :class:`Locator` translates a path in that API
view back to the path in the file, and the file's source map turns that into a region.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ecslint.core.finding import Path, Region, Target
from ecslint.load.errors import LoadError
from ecslint.load.sourcemap import SourceMap
from ecslint.load.text import LineIndex


class Locator(NamedTuple):
    """API path -> file path: drop ``strip`` leading parts, then prepend ``prefix``."""

    sourcemap: SourceMap
    prefix: Path = ()
    strip: int = 0

    def file_path(self, path: Path) -> Path:
        return self.prefix + path[self.strip :]

    def region(self, path: Path, target: Target = "value") -> Region:
        return self.sourcemap.region(self.file_path(path), target)


class Document:
    """One document of a known kind, in the API's shape."""

    __slots__ = ("kind", "shape", "data", "file", "locator", "name", "repository", "text", "cache")

    def __init__(
        self,
        kind: str,
        shape: str,
        data: Any,
        file: SourceFile,
        locator: Locator,
        name: str,
        repository: str | None = None,
        text: str | None = None,
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

    @property
    def context(self) -> bool:
        return self.file.context

    def region(self, path: Path, target: Target = "value") -> Region:
        return self.locator.region(path, target)

    def __repr__(self) -> str:
        return f"<Document {self.kind}:{self.shape} {self.name!r} in {self.file.display}>"


class SourceFile:
    """A file read from disk: its text, parsed roots, problems and documents."""

    __slots__ = ("path", "display", "context", "text", "lines", "roots", "problems", "documents", "skipped")

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

    def __repr__(self) -> str:
        return f"<SourceFile {self.display}>"
