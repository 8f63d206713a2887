"""ECS405: the task uses the host network mode."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS405",
    name="host-network-mode",
    severity="warning",
    kinds=("task-definition",),
    tags=("security", "networking"),
    security_severity=5.5,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    ),
    compliance=(
        "security-hub:ECS.17",
        "aws-config:ecs-task-definition-network-mode-not-host",
    ),
)
def host_network_mode(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """`networkMode: host` (Security Hub ECS.17).

    What it does:
        Reports ``"networkMode": "host"`` at the value.

    Why it matters:
        In ``host`` mode the containers use the container instance's network stack
        directly: they can bind any port of the instance, reach services that listen
        only on the host's loopback interface, and share the instance's security groups,
        with no per-task isolation. Each mapped port can be used once per instance, so
        only one copy of the task fits per instance. Security Hub control ECS.17
        (Medium) fails task definitions in host mode; AWS recommends ``awsvpc``.

    Example:
        Bad:

        ```json
        {"family": "api", "networkMode": "host", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "user": "101", "portMappings": [{"containerPort": 8080}]}]}
        ```

        Good:

        ```json
        {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "user": "101", "portMappings": [{"containerPort": 8080}]}]}
        ```

    How to fix:
        Use ``awsvpc`` (each task gets its own network interface and security groups) or
        ``bridge`` with dynamic host ports. If host networking is really needed (some
        network appliances and monitoring agents), run the container as a non-root user
        and suppress the finding for it.
    """
    if td.declared_network_mode == "host":
        yield Violation(
            ("networkMode",),
            "networkMode is host: the containers share the container instance's network stack (its ports, loopback "
            "services and security groups) with no isolation per task: use awsvpc, or bridge with dynamic host ports",
        )
