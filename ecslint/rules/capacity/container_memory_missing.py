"""ECS203: no task memory, and a container with no memory of its own."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS203",
    name="container-memory-missing",
    severity="error",
    kinds=("task-definition",),
    tags=("ec2", "sizing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://github.com/sil-org/ecs-deploy/issues/59",
    ),
)
def container_memory_missing(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """No task-level memory, and a container without `memory` or `memoryReservation`.

    What it does:
        For a task definition without a task-level ``memory``, reports each container
        that sets neither ``memory`` nor ``memoryReservation`` to a non-zero value. A
        Terraform container array is not judged (its task-level ``memory`` lives in the
        ``aws_ecs_task_definition`` resource), nor are templated values. Fargate tasks
        are left to ECS202, which asks for the task-level size Fargate requires.

    Why it matters:
        ECS must know how much memory to reserve for the container on an instance.
        Without a task-level value it takes the containers' values, so registration
        fails: "Invalid setting for container 'X'. At least one of 'memory' or
        'memoryReservation' must be specified."

    Example:
        Bad:

        ```json
        {"family": "worker", "requiresCompatibilities": ["EC2"],
         "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

        Good:

        ```json
        {"family": "worker", "requiresCompatibilities": ["EC2"],
         "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12",
           "memoryReservation": 256, "memory": 512}]}
        ```

    How to fix:
        Give the container a ``memoryReservation`` (what placement reserves; the container
        may use more) and, ideally, a hard ``memory`` limit; or set a task-level
        ``memory`` that the containers share.
    """
    if td.is_fargate is not False:
        return  # Fargate (ECS202 asks for the task size) or not known
    if td.task_field("memory") is not None:
        return  # set, templated, malformed (ECS209) or a bare container array
    for c in td.containers:
        hard, soft = c.memory, c.memory_reservation
        if hard is UNKNOWN or soft is UNKNOWN:
            continue
        if (c.has("memory") and hard is None) or (c.has("memoryReservation") and soft is None):
            continue  # written but malformed: the schema rules report it
        if (isinstance(hard, int) and hard != 0) or (isinstance(soft, int) and soft != 0):
            continue
        zeros = [k for k in ("memory", "memoryReservation") if c.has(k)]
        if zeros:
            what = " and ".join(f"`{k}` 0" for k in zeros)
            yield Violation(
                c.field(zeros[0]),
                f"{c.label} sets {what} and the task has no task-level `memory`: ECS needs a non-zero "
                "`memory` or `memoryReservation` to place the container and rejects the registration; "
                "give it a `memoryReservation` (and a hard `memory` limit) in MiB, or set a task-level `memory`",
            )
        else:
            yield Violation(
                c.field("memory"),
                f"{c.label} has neither `memory` nor `memoryReservation` and the task has no task-level "
                "`memory`: ECS rejects the registration (\"At least one of 'memory' or 'memoryReservation' "
                "must be specified\"); give it a `memoryReservation` (and a hard `memory` limit) in MiB, "
                "or set a task-level `memory`",
                "key",
            )
