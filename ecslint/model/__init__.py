"""Typed, lenient views of the API shapes the rules read."""

from __future__ import annotations

from ecslint.load.source import Document

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

#: Document kind -> (module, class) of its view; imported on first use.
_VIEWS = {
    "task-definition": ("ecslint.model.taskdef", "TaskDefinition"),
    "service": ("ecslint.model.service", "Service"),
    "lifecycle-policy": ("ecslint.model.lifecycle", "LifecyclePolicy"),
    "repository": ("ecslint.model.repository", "Repository"),
    "cluster": ("ecslint.model.cluster", "Cluster"),
    "capacity-provider": ("ecslint.model.capacity", "CapacityProvider"),
    "target-group": ("ecslint.model.targetgroup", "TargetGroup"),
    "workflow": ("ecslint.model.workflow", "WorkflowStep"),
}


def view(doc: Document) -> Any:
    """The model object for ``doc`` (built once per document)."""
    model = doc.cache.get("model")
    if model is None:
        module, name = _VIEWS.get(doc.kind, ("ecslint.model.base", "DocumentView"))
        import importlib

        cls = getattr(importlib.import_module(module), name)
        model = doc.cache["model"] = cls(doc)
    return model
