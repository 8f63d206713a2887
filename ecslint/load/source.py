"""Files and the documents found in them.

A :class:`Document` is one ECS or ECR object in the API's own shape (camelCase, the way
``register-task-definition`` or ``create-service`` take it), however it was written in the
file: bare, wrapped in describe output, as a Terraform container array, as a JSON string
inside a ``put-lifecycle-policy`` input. Its :class:`Locator` translates a path in that API
view back to the path in the file, and the file's source map turns that into a region.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecslint.core.finding import Path, Region, Target
from ecslint.load.errors import LoadError
from ecslint.load.sourcemap import SourceMap
from ecslint.load.text import LineIndex


@dataclass(frozen=True)
class Locator:
    """API path -> file path: drop ``strip`` leading parts, then prepend ``prefix``."""

    sourcemap: SourceMap
    prefix: Path = ()
    strip: int = 0

    def file_path(self, path: Path) -> Path:
        return self.prefix + path[self.strip :]

    def region(self, path: Path, target: Target = "value") -> Region:
        return self.sourcemap.region(self.file_path(path), target)


@dataclass(eq=False)
class Document:
    """One document of a known kind, in the API's shape."""

    kind: str
    shape: str
    data: Any
    file: SourceFile
    locator: Locator
    #: How messages and fingerprints name the document (a family, a service, a repository).
    name: str
    #: For ``lifecycle-policy``: the repository it applies to, when the file says.
    repository: str | None = None
    #: For policies given as text: the text itself (its length is an API constraint).
    text: str | None = None
    #: Per-document memo for analyses several rules share (schema issues, the typed model).
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def context(self) -> bool:
        return self.file.context

    def region(self, path: Path, target: Target = "value") -> Region:
        return self.locator.region(path, target)

    def __repr__(self) -> str:
        return f"<Document {self.kind}:{self.shape} {self.name!r} in {self.file.display}>"


@dataclass(eq=False)
class SourceFile:
    """A file read from disk: its text, parsed roots, problems and documents."""

    path: str
    display: str
    context: bool = False
    text: str | None = None
    lines: LineIndex | None = None
    #: One (data, source map) per YAML document; one for JSON.
    roots: list[tuple[Any, SourceMap]] = field(default_factory=list)
    #: Reasons it could not be read as ECS documents, each with a position.
    problems: list[LoadError] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    #: Why the file holds nothing to check (shown by ``--verbose``).
    skipped: str | None = None

    def __repr__(self) -> str:
        return f"<SourceFile {self.display}>"
