"""Typed, lenient views of the API shapes the rules read."""

from __future__ import annotations

from typing import Any

from ecslint.load.source import Document


def view(doc: Document) -> Any:
    """The model object for ``doc`` (built once per document)."""
    model = doc.cache.get("model")
    if model is None:
        if doc.kind == "task-definition":
            from ecslint.model.taskdef import TaskDefinition as cls
        elif doc.kind == "service":
            from ecslint.model.service import Service as cls
        else:
            from ecslint.model.lifecycle import LifecyclePolicy as cls
        model = doc.cache["model"] = cls(doc)
    return model
