"""ECS515: a health check grace period with nothing that checks health."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN, string
from ecslint.rules.service.common import label, on_task_definition
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS515",
    name="grace-period-without-health-source",
    severity="warning",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service", "health"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
        "https://github.com/aws-cloudformation/cfn-lint/issues/3612",
    ),
)
def grace_period_without_health_source(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """`healthCheckGracePeriodSeconds` on a service with no load balancer, no VPC Lattice target and no container health check.

    What it does:
        Reports a ``healthCheckGracePeriodSeconds`` above 0 on a service with no
        ``loadBalancers`` and no ``vpcLatticeConfigurations`` whose task definition is in
        sight and gives no essential container a ``healthCheck``. Without the task
        definition in sight nothing is reported: a container health check there would make
        the grace period meaningful. update-service input that leaves the load balancers
        out (they stay as they are) and describe-services output (which shows VPC Lattice
        only inside ``deployments[]``) are not checked; placeholders are never judged.

    Why it matters:
        The grace period tells the scheduler how long to ignore failing load balancer,
        VPC Lattice and container health checks after a task starts. With none of them it
        does nothing, which usually means a health check was meant but is missing: tasks
        then count as healthy 40 seconds after they start, whatever the application does.
        Older API versions rejected it outright ("Health check grace period is only valid
        for services configured to use load balancers").

    Example:
        Bad:

        ```json
        {"serviceName": "worker", "taskDefinition": "worker", "desiredCount": 2, "healthCheckGracePeriodSeconds": 120}
        ```

        ```json
        {"family": "worker", "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 512}]}
        ```

        Good:

        ```json
        {"serviceName": "worker", "taskDefinition": "worker", "desiredCount": 2, "healthCheckGracePeriodSeconds": 120}
        ```

        ```json
        {"family": "worker", "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 512,
          "healthCheck": {"command": ["CMD-SHELL", "python -c 'import worker; worker.ping()' || exit 1"], "interval": 30}}]}
        ```

    How to fix:
        Add a ``healthCheck`` to the essential container (or put the service behind a load
        balancer), so that the grace period has something to delay; or delete
        ``healthCheckGracePeriodSeconds``.
    """
    for service in ws.services:
        if service.is_describe:
            continue
        grace = service.grace_period
        if not isinstance(grace, int) or grace <= 0:
            continue
        balancers, lattice = service.listed("loadBalancers"), service.listed("vpcLatticeConfigurations")
        if balancers is UNKNOWN or lattice is UNKNOWN or balancers or lattice:
            continue
        for td in ws.task_definitions_for(service):
            if td.container_names is UNKNOWN or not td.containers:
                continue
            essential = [c for c in td.containers if c.essential is not False]
            if any(c.essential is UNKNOWN or string(c.data.get("healthCheck")) is UNKNOWN for c in essential):
                continue
            if any(c.health_check is not None for c in essential):
                continue
            message = (
                f"{label(service)} sets healthCheckGracePeriodSeconds {grace} but has no load balancer or VPC Lattice "
                f"target, and no essential container of task definition '{td.name}' has a healthCheck: the grace period "
                "delays nothing and tasks count as healthy 40 seconds after they start; add a container healthCheck (or "
                "a load balancer) or delete healthCheckGracePeriodSeconds"
            )
            if on_task_definition(service, td):
                yield Violation(("containerDefinitions",), message, target="key", document=td.doc)
            else:
                yield Violation(("healthCheckGracePeriodSeconds",), message, document=service.doc)
