"""ECS514: placement constraints or strategies on a Fargate service."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service


@rule(
    id="ECS514",
    name="placement-on-fargate",
    severity="error",
    kinds=("service",),
    tags=("service", "fargate", "placement"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
    ),
)
def placement_on_fargate(service: Service, ctx: Context) -> Iterator[Violation]:
    """Placement constraints or strategies on a service that runs on Fargate.

    What it does:
        For a service on Fargate (``launchType: FARGATE``, or a strategy of ``FARGATE`` /
        ``FARGATE_SPOT`` capacity providers), reports a non-empty ``placementConstraints``
        or ``placementStrategy``. Empty lists (as ecspresso and describe output write
        them) are fine; services whose compute is not stated in the file (the cluster's
        default strategy) are not judged, and neither are placeholders.

    Why it matters:
        Placement constraints and strategies choose among container instances; Fargate has
        none to choose from (it spreads tasks across Availability Zones itself) and ECS
        rejects them for Fargate tasks.

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api:4", "desiredCount": 2, "launchType": "FARGATE",
         "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]}}}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api:4", "desiredCount": 2, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]}}}
        ```

    How to fix:
        Delete ``placementConstraints`` and ``placementStrategy``; to spread tasks across
        Availability Zones, give the service subnets in several zones. Run on EC2 if
        placement control is really needed.
    """
    if service.runs_on_fargate is not True:
        return
    how = "launch type FARGATE" if service.declared_launch_type == "FARGATE" else "a Fargate capacity provider strategy"
    for name, what in (("placementConstraints", "placement constraints"), ("placementStrategy", "placement strategies")):
        value = service.listed(name)
        if isinstance(value, list) and value:
            yield Violation(
                (name,),
                f"the service runs on Fargate ({how}), which takes no {what}: there are no container instances to "
                f"place on and ECS rejects them; delete {name} (use subnets in several Availability Zones to spread "
                "tasks)",
                target="key",
            )
