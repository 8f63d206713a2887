"""ECS212: an EC2 container with no hard memory limit anywhere."""

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
    id="ECS212",
    name="no-memory-limit",
    severity="note",
    kinds=("task-definition",),
    tags=("ec2", "sizing", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
    ),
)
def no_memory_limit(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An EC2 container without a hard memory limit, in a task without task-level memory.

    What it does:
        For a task definition that runs on EC2 (``EC2`` required, or nothing required)
        without a task-level ``memory``, reports each container that has a
        ``memoryReservation`` but no hard ``memory`` limit (or ``memory: 0``, which Docker
        reads as "no limit"). On Windows, where ECS ignores task-level sizes, the
        task-level ``memory`` does not count as a limit. A container with no memory value
        at all is ECS203's (an error), and templated values are not judged.

    Why it matters:
        ``memoryReservation`` is a soft limit: the container "can consume more memory when
        it needs to, up to ... all of the available memory on the container instance". A
        leaking or bursting container then starves the other tasks on the instance, and
        the kernel's OOM killer may pick any of them. The ECS best practices ask for
        memory limits on EC2.

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["EC2"], "containerDefinitions": [
          {"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memoryReservation": 256}]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["EC2"], "containerDefinitions": [
          {"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memoryReservation": 256, "memory": 512}]}
        ```

    How to fix:
        Add a hard ``memory`` limit above the ``memoryReservation`` (room for the
        container's peaks), or set a task-level ``memory`` that caps the whole task.
    """
    if td.may_run_on_ec2 is not True or td.is_fargate is not False:
        return
    windows = td.is_windows
    if windows is UNKNOWN:
        return
    if not windows and td.task_field("memory") is not None:
        return  # a task-level limit (or a value the other rules judge)
    for c in td.containers:
        hard, soft = c.memory, c.memory_reservation
        if hard is UNKNOWN or soft is UNKNOWN or not isinstance(soft, int) or soft == 0:
            continue  # no reservation either: ECS203's
        if c.has("memory") and hard != 0:
            continue  # a limit, or a malformed value the schema rules report
        if c.has("memory"):
            yield Violation(
                c.field("memory"),
                f"{c.label} sets `memory` 0, which means no hard limit, and the task has no task-level memory: "
                f"it may use all of the instance's memory beyond its {soft} MiB reservation and starve other "
                "tasks; set `memory` to the most it should ever use",
            )
        else:
            task = "ECS ignores task-level memory for Windows containers" if windows else "the task has no task-level memory"
            yield Violation(
                c.field("memory"),
                f"{c.label} has `memoryReservation` {soft} MiB but no hard `memory` limit and {task}: it may use "
                "all of the instance's memory and starve other tasks; add `memory` (in MiB, above the reservation)",
                "key",
            )
