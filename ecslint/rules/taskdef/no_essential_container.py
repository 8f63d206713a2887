"""ECS101: no container of the task is essential."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import CONTAINERS, TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS101",
    name="no-essential-container",
    severity="error",
    kinds=("task-definition",),
    tags=("reliability",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
    ),
)
def no_essential_container(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """No container is essential (`essential` defaults to true, so every one says false).

    What it does:
        Reports a task definition whose every container sets ``essential: false``. An
        omitted ``essential`` counts as true, as ECS applies it; a templated value
        (``"${ESSENTIAL}"``) is unknown and keeps the rule silent.

    Why it matters:
        ECS requires at least one essential container and rejects the registration
        ("Task definition doesn't have any essential container."). The essential
        container is the one whose exit stops the task: without one, ECS would not know
        when the task is done.

    Example:
        Bad:

        ```json
        {"family": "worker", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 128, "essential": false},
          {"name": "log-router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0", "memory": 64, "essential": false}
        ]}
        ```

        Good:

        ```json
        {"family": "worker", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 128, "essential": true},
          {"name": "log-router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0", "memory": 64, "essential": false}
        ]}
        ```

    How to fix:
        Mark the main application container ``"essential": true`` (or remove its
        ``essential: false``); sidecars may stay non-essential.
    """
    containers = td.containers
    if not containers:
        return
    states = [c.essential for c in containers]
    if any(s is UNKNOWN or s is True for s in states):
        return
    if len(containers) == 1:
        which = f"the only container, {containers[0].label.split(' ', 1)[1]}, sets `essential: false`"
    else:
        which = f"all {len(containers)} containers set `essential: false`"
    yield Violation(
        (CONTAINERS,),
        f"no container is essential ({which}); ECS rejects a task definition without an essential "
        "container: mark the main container `\"essential\": true`",
        "key",
    )
