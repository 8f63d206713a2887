"""ECS202: a Fargate task without task-level cpu or memory."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS202",
    name="fargate-task-size-missing",
    severity="error",
    kinds=("task-definition",),
    tags=("fargate", "sizing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
    ),
)
def fargate_task_size_missing(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A Fargate task definition without task-level `cpu` or `memory`.

    What it does:
        Reports a task definition that requires ``FARGATE`` but leaves out the task-level
        ``cpu`` or ``memory`` (container-level values do not count). The finding points at
        the object that lacks them.

    Why it matters:
        On Fargate the task size is what you pay for and what the task gets: both values
        are required, and ECS rejects the registration without them.

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]}
        ```

    How to fix:
        Add task-level ``cpu`` and ``memory`` with a valid Fargate pair, for example
        ``"cpu": "256", "memory": "512"``.
    """
    if td.is_fargate is not True:
        return
    missing = [key for key in ("cpu", "memory") if key not in td.data]
    if not missing:
        return
    what = " and ".join(f"`{k}`" for k in missing)
    yield Violation(
        (missing[0],),
        f"Fargate task definition has no task-level {what}: Fargate requires both; "
        "add a valid pair such as `\"cpu\": \"256\", \"memory\": \"512\"`",
        "key",
    )
