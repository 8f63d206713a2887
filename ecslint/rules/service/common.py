"""What the service rules share: a service paired with the task definition it deploys, and
which of the two documents a finding about the pair belongs to."""

from __future__ import annotations

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service
    from ecslint.model.taskdef import Container, TaskDefinition
    from ecslint.workspace import Workspace


def with_task_definitions(ws: Workspace) -> Iterator[tuple[Service, TaskDefinition]]:
    """Each service whose task definition is in sight (run or context), with it: with each
    of them when the revision does not decide (:meth:`Workspace.task_definitions_for`)."""
    for service in ws.services:
        for td in ws.task_definitions_for(service):
            yield service, td


def on_task_definition(service: Service, td: TaskDefinition) -> bool:
    """A finding about the pair goes on the service, unless only the task definition is
    being checked (the service came from ``--context``): then it goes on the task
    definition, which is the file that changed."""
    return bool(service.doc.context) and not td.doc.context


def label(service: Service) -> str:
    return f"service '{service.name}'"


def port_mappings_known(container: Container) -> bool:
    """Whether ``container.port_mappings`` is the whole list: ``portMappings`` is absent, or
    an array of objects (not a placeholder, nor with a templated or malformed entry that the
    model leaves out), so that "no such port" may be concluded from it."""
    raw = container.data.get("portMappings")
    return raw is None or isinstance(raw, list) and all(isinstance(m, dict) for m in raw)
