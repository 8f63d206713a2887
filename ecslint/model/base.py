"""What every document model shares: the document it reads, and the way back to the file."""

from __future__ import annotations

from typing import Any

from ecslint.load.source import Document


class DocumentView:
    """Base of the typed views. ``doc`` keeps the file, the locator and the shape; ``data``
    is the API-shaped content the properties read leniently."""

    kind = ""

    def __init__(self, doc: Document):
        self.doc = doc
        self.data: Any = doc.data

    @property
    def name(self) -> str:
        """How messages name the document: its family, service or repository name."""
        return self.doc.name
