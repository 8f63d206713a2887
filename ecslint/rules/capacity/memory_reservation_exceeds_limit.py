"""ECS204: a container's soft memory limit above its hard limit."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS204",
    name="memory-reservation-exceeds-limit",
    severity="error",
    kinds=("task-definition",),
    tags=("sizing",),
    sources=("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",),
)
def memory_reservation_exceeds_limit(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container's `memoryReservation` is above its `memory`.

    What it does:
        Reports a container whose soft limit (``memoryReservation``) is greater than its
        hard limit (``memory``). Equal values are accepted: the API text says "greater
        than", but AWS's documentation fix (awsdocs/amazon-ecs-developer-guide#242) says
        equal is allowed, and a linter must not reject a valid task.

    Why it matters:
        ECS rejects the registration. The reservation is what placement subtracts from
        the instance, the limit is where the container is killed: a reservation above the
        limit cannot be honoured.

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "memoryReservation": 512}]}
        ```

        Good:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "memoryReservation": 256}]}
        ```

    How to fix:
        Lower ``memoryReservation`` to what the container normally uses, or raise
        ``memory`` to the most it may ever use.
    """
    for container in td.containers:
        hard, soft = container.memory, container.memory_reservation
        if isinstance(hard, int) and isinstance(soft, int) and soft > hard:
            yield Violation(
                container.field("memoryReservation"),
                f"{container.label}: memoryReservation {soft} MiB is above its memory limit {hard} MiB; "
                "the reservation must not exceed the hard limit: lower memoryReservation or raise memory",
            )
