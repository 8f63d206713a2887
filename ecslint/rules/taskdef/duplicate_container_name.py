"""ECS102: two containers of a task definition share a name."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS102",
    name="duplicate-container-name",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
    ),
)
def duplicate_container_name(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """Two containers of the task definition share a `name`.

    What it does:
        Reports every container whose ``name`` is exactly the name of an earlier container
        of the same task definition, on the repeated ``name``. Names are compared as
        written (ECS names are case-sensitive); a templated name (``"${APP}"``) is unknown
        and never compared.

    Why it matters:
        Containers are addressed by name everywhere: ``dependsOn``, ``links``,
        ``volumesFrom``, a service's ``loadBalancers`` and Service Connect, overrides at
        run time. ECS rejects the registration ("Container names must be unique within a
        Task Definition."). A copy-pasted container whose name was not changed is the usual
        cause.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256},
          {"name": "app", "image": "public.ecr.aws/aws-observability/aws-xray-daemon:3.3.12", "memory": 64, "essential": false}
        ]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256},
          {"name": "xray-daemon", "image": "public.ecr.aws/aws-observability/aws-xray-daemon:3.3.12", "memory": 64, "essential": false}
        ]}
        ```

    How to fix:
        Give each container its own name (1-255 letters, digits, hyphens and
        underscores), and update the references to it (``dependsOn``, ``links``,
        ``volumesFrom``, the services' ``loadBalancers``).
    """
    first: dict[str, int] = {}
    for container in td.containers:
        name = container.name
        if not isinstance(name, str):
            continue
        if name in first:
            yield Violation(
                container.field("name"),
                f"container #{container.index + 1} is named '{name}' like container #{first[name] + 1}; "
                "ECS rejects the task definition (\"Container names must be unique within a Task "
                "Definition.\"): give each container its own name",
            )
        else:
            first[name] = container.index
