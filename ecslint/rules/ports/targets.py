"""What ECS310 and ECS311 share: each load-balanced container of a service, with the task
definition and the target group behind it in sight, and where a finding about them goes."""

from __future__ import annotations

from ecslint.core.finding import Path, Target, Violation
from ecslint.core.records import NamedTuple

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.load.source import Document
    from ecslint.model.service import LoadBalancer, Service
    from ecslint.model.targetgroup import TargetGroup
    from ecslint.model.taskdef import TaskDefinition
    from ecslint.workspace import Workspace


class Registration(NamedTuple):
    """A service's load balancer entry: the service, its task definition's network mode,
    the entry and the target group it registers tasks with."""

    service: Service
    td: TaskDefinition
    mode: str
    lb: LoadBalancer
    group: TargetGroup

    @property
    def container(self) -> str:
        name = self.lb.container_name
        return f"container '{name}'" if isinstance(name, str) and name else "its container"


def registrations(ws: Workspace) -> Iterator[Registration]:
    """Every ALB/NLB entry of every service whose task definition and target group are in
    sight and whose network mode is known. A Fargate task definition without
    ``networkMode`` is left out: it cannot be registered at all (ECS303)."""
    for service in ws.services:
        if not service.load_balancers:
            continue
        for td in ws.task_definitions_for(service):
            mode = td.network_mode
            if not isinstance(mode, str) or (td.declared_network_mode is None and td.is_fargate is not False):
                continue
            for lb in service.load_balancers:
                if lb.is_classic:
                    continue
                group = ws.target_group_for(lb, service)
                if group is not None:
                    yield Registration(service, td, mode, lb, group)


def violation(candidates: list[tuple[Document, Path, Target]], message: str) -> Violation | None:
    """The violation at the first candidate place that is in a checked file (documents
    loaded with ``--context`` only inform); None when every one is context."""
    for doc, path, target in candidates:
        if not doc.context:
            return Violation(path, message, target=target, document=doc)
    return None
