"""ECS211: a container memory value below what the container runtime accepts."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Docker 20.10 and later reserve at least 6 MiB for a container (ContainerDefinition.memory).
MINIMUM_MIB = 6


@rule(
    id="ECS211",
    name="container-memory-too-small",
    severity="error",
    kinds=("task-definition",),
    tags=("sizing",),
    sources=("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",),
)
def container_memory_too_small(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container's `memory` or `memoryReservation` is under the 6 MiB the container runtime accepts.

    What it does:
        Reports a container ``memory`` or ``memoryReservation`` between 1 and 5 MiB, and a
        negative one. The ECS API reference: "The Docker 20.10.0 or later daemon reserves
        a minimum of 6 MiB of memory for a container. So, don't specify less than 6 MiB".
        A value of 0 is not reported here: Docker reads 0 as "no limit", and when it
        leaves a container without any memory value ECS203 reports it.

    Why it matters:
        Docker refuses to create the container ("Minimum memory limit allowed is 6MB"),
        so the task stops before it starts, on every placement. A value this small is
        nearly always a unit slip (``4`` meant as GiB).

    Example:
        Bad:

        ```json
        {"family": "worker", "containerDefinitions": [
          {"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 4}]}
        ```

        Good:

        ```json
        {"family": "worker", "containerDefinitions": [
          {"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 4096}]}
        ```

    How to fix:
        Container memory is in MiB: write ``4096`` for 4 GiB. Give every container at
        least 6 MiB (in practice far more: the process itself needs memory).
    """
    for c in td.containers:
        for key, value in (("memory", c.memory), ("memoryReservation", c.memory_reservation)):
            if isinstance(value, int) and value != 0 and value < MINIMUM_MIB:
                yield Violation(
                    c.field(key),
                    f"{c.label}: `{key}` {value} MiB is below the {MINIMUM_MIB} MiB minimum the container runtime "
                    f"accepts, so the container cannot start; values are in MiB (4 GiB is 4096): raise it to "
                    f"at least {MINIMUM_MIB}",
                )
