"""What the service rules share: a service paired with the task definition it deploys, and
which of the two documents a finding about the pair belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from ecslint.model.service import Service
    from ecslint.model.taskdef import TaskDefinition
    from ecslint.workspace import Workspace


def with_task_definitions(ws: Workspace) -> Iterator[tuple[Service, TaskDefinition]]:
    """Each service whose task definition is in sight (run or context), with it."""
    for service in ws.services:
        td = ws.task_definition_for(service)
        if td is not None:
            yield service, td


def on_task_definition(service: Service, td: TaskDefinition) -> bool:
    """A finding about the pair goes on the service, unless only the task definition is
    being checked (the service came from ``--context``): then it goes on the task
    definition, which is the file that changed."""
    return bool(service.doc.context) and not td.doc.context


def label(service: Service) -> str:
    return f"service '{service.name}'"
