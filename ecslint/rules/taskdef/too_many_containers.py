"""ECS103: more than 10 container definitions."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import CONTAINERS, TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Service quota "Containers per task definition" (not adjustable).
MAX_CONTAINERS = 10


@rule(
    id="ECS103",
    name="too-many-containers",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness", "quota"),
    sources=("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html",),
)
def too_many_containers(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The task definition has more than 10 container definitions.

    What it does:
        Counts the container definitions (the objects in ``containerDefinitions``, or in a
        bare container array) and reports more than 10, on ``containerDefinitions``,
        naming the first container over the limit.

    Why it matters:
        "Containers per task definition" is an Amazon ECS service quota of 10 that cannot
        be raised: the registration fails. Service Connect and ECS Exec agents do not count
        against it, but every container you list does.

    Example:
        Bad:

        ```json
        {"family": "sidecars", "containerDefinitions": [
          {"name": "c1", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c2", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c3", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c4", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c5", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c6", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c7", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c8", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c9", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c10", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c11", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32}
        ]}
        ```

        Good:

        ```json
        {"family": "sidecars", "containerDefinitions": [
          {"name": "c1", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c2", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c3", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c4", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c5", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c6", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c7", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c8", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c9", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32},
          {"name": "c10", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 32}
        ]}
        ```

    How to fix:
        Split the task into several task definitions (and services) that communicate over
        the network, or merge sidecars that do the same job. Ten is a hard limit.
    """
    containers = td.containers
    if len(containers) <= MAX_CONTAINERS:
        return
    extra = containers[MAX_CONTAINERS]
    yield Violation(
        (CONTAINERS,),
        f"the task definition has {len(containers)} containers, more than the {MAX_CONTAINERS} ECS allows per "
        f"task definition (a quota that cannot be raised; {extra.label} is the first over it): split the task "
        "into several task definitions",
        "key",
    )
