"""ECS205: the containers need more than the task has."""

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
    id="ECS205",
    name="containers-exceed-task-size",
    severity="error",
    kinds=("task-definition",),
    tags=("sizing",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://github.com/pulumi/pulumi-awsx/issues/1220",
    ),
)
def containers_exceed_task_size(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The containers' memory or cpu add up to more than the task's.

    What it does:
        With task-level ``memory`` set, reports a container whose hard ``memory`` limit is
        above it, and containers whose reservations (``memoryReservation``, else
        ``memory``) add up to more than it. With task-level ``cpu`` set, reports container
        ``cpu`` values that add up to more. Equal is fine. Windows tasks on EC2 are skipped:
        ECS ignores task-level sizes for Windows containers.

    Why it matters:
        ECS rejects the registration ("The 'memory' setting for container 'worker' is
        greater than for the task.", "The sum of all container 'memoryReservation' values
        cannot be greater than the value of the task 'memory'."). The container-level
        values are shares of the task, so they must fit in it.

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [
           {"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memoryReservation": 384},
           {"name": "proxy", "image": "public.ecr.aws/envoyproxy/envoy:v1.31.0", "memoryReservation": 256}
         ]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "1024",
         "containerDefinitions": [
           {"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memoryReservation": 384},
           {"name": "proxy", "image": "public.ecr.aws/envoyproxy/envoy:v1.31.0", "memoryReservation": 256}
         ]}
        ```

    How to fix:
        Raise the task-level value (for Fargate, to a valid size) or lower the containers'
        values so that they fit.
    """
    windows = td.is_windows
    if windows is UNKNOWN or (windows is True and td.is_fargate is not True):
        return  # task-level sizes are ignored for Windows containers on EC2
    task_memory, task_cpu = td.memory, td.cpu
    containers = td.containers
    if isinstance(task_memory, int):
        for c in containers:
            if isinstance(c.memory, int) and c.memory > task_memory:
                yield Violation(
                    c.field("memory"),
                    f"{c.label}: memory limit {c.memory} MiB is above the task's memory {task_memory} MiB; "
                    "a container cannot have more than its task: lower it or raise the task memory",
                )
        reservations = [c.placement_memory for c in containers]
        if all(r is not UNKNOWN for r in reservations):
            total = sum(r for r in reservations if isinstance(r, int))
            if total > task_memory:
                yield Violation(
                    ("memory",),
                    f"the containers reserve {total} MiB in total (memoryReservation, else memory) but the "
                    f"task has {task_memory} MiB; ECS rejects this: raise the task memory or lower the reservations",
                )
    if isinstance(task_cpu, int):
        cpus = [c.cpu for c in containers]
        if all(v is not UNKNOWN for v in cpus):
            total = sum(v for v in cpus if isinstance(v, int))
            if total > task_cpu:
                yield Violation(
                    ("cpu",),
                    f"the containers' cpu values add up to {total} units but the task has {task_cpu}; "
                    "ECS rejects this: raise the task cpu or lower the containers' cpu",
                )
