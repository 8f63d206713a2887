"""ECS605: an essential container ECS cannot health-check."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS605",
    name="essential-container-without-healthcheck",
    severity="note",
    kinds=("task-definition",),
    tags=("reliability",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
    ),
)
def essential_container_without_healthcheck(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An essential container with no health check.

    What it does:
        Reports each essential container (``essential`` omitted counts as true) that has
        no ``healthCheck``. Containers marked ``essential: false`` are not reported, nor
        are templated values.

    Why it matters:
        ECS only knows whether the container's process is running. A container that
        hangs, deadlocks or loses its database keeps running, and the task keeps its
        place in the service. A task's health is that of its essential containers: with
        a health check, ECS replaces an unhealthy task, and a deployment (with its
        circuit breaker) waits for new tasks to be healthy; without one, and without a
        load balancer, a task counts as healthy once it has been running for a while.
        Docker ``HEALTHCHECK`` instructions in the image are not used by ECS.

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [
          {"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]}
        ```

        Good:

        ```json
        {"family": "api", "containerDefinitions": [
          {"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
           "healthCheck": {"command": ["CMD-SHELL", "curl -fs http://localhost/ || exit 1"],
                           "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10}}]}
        ```

    How to fix:
        Add a ``healthCheck`` whose ``command`` (``CMD`` or ``CMD-SHELL``) exits 0 only
        when the container can do its work, with a ``startPeriod`` that covers its
        start-up. The command runs inside the container, so the tool it calls (curl,
        wget, a small binary) must be in the image.
    """
    for c in td.containers:
        if c.essential is not True or c.has("healthCheck"):
            continue
        yield Violation(
            c.field("healthCheck"),
            f"{c.label} is essential but has no `healthCheck`: ECS notices only when its process exits, so a hung "
            "container is neither replaced nor caught by deployments (unless a load balancer checks it); add a "
            "`healthCheck` command that tests the container's work",
            "key",
        )
