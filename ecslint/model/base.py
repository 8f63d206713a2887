"""What every document model shares: the document it reads, and the way back to the file."""

from __future__ import annotations

from ecslint.load.source import Document
from ecslint.model.values import without_nulls

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any


class DocumentView:
    """Base of the typed views. ``doc`` keeps the file, the locator and the shape; ``data``
    is the API-shaped content the properties read leniently, with ``null`` members left
    out: a rule reads ``"memory": null`` as no ``memory`` at all, whatever it asks (the
    schema pass, which reads ``doc.data``, says what each tool makes of the null)."""

    kind = ""

    def __init__(self, doc: Document):
        self.doc = doc
        self.data: Any = without_nulls(doc.data)

    @property
    def name(self) -> str:
        """How messages name the document: its family, service or repository name."""
        return self.doc.name
