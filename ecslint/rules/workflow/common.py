"""What the workflow rules share: each step's task-definition file, as the run read it."""

from __future__ import annotations

from ecslint.core.records import NamedTuple
from ecslint.load.source import Document, SourceFile
from ecslint.model.workflow import WorkflowStep
from ecslint.sources.references import FileReference
from ecslint.workspace import MISSING, Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: The action each shape names, for messages.
ACTION = {
    "render": "aws-actions/amazon-ecs-render-task-definition",
    "deploy": "aws-actions/amazon-ecs-deploy-task-definition",
}


class Linked(NamedTuple):
    """A step, the file it names, and that file as read (:data:`MISSING` when the
    repository has no such file)."""

    step: WorkflowStep
    ref: FileReference
    file: SourceFile | str


def linked(ws: Workspace, *, chained: bool = False) -> Iterator[Linked]:
    """Each step that reads a task-definition file of the repository (no earlier step
    writes it), with the file; with ``chained``, also the steps that read an earlier
    render step's output (the same containers), else only the step that names the file."""
    for step in ws.workflow_steps:
        ref = step.task_definition_file
        if not isinstance(ref, FileReference) or ref.written_by is not None or (ref.via is not None and not chained):
            continue
        file = ws.linked_file(ref)
        if file is not None:
            yield Linked(step, ref, file)


def task_definition(file: SourceFile | str) -> Document | None:
    """The task definition a JSON file of the API's shape holds (the actions read no
    template), when the file was read without problems."""
    if file is MISSING or not isinstance(file, SourceFile) or file.problems:
        return None
    return next((d for d in file.documents if d.kind == "task-definition" and d.origin is None), None)
