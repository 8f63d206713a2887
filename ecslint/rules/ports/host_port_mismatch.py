"""ECS302: awsvpc or host mode mapping whose hostPort differs from containerPort."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.fix import Fix, Remove
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS302",
    name="host-port-mismatch",
    severity="error",
    kinds=("task-definition",),
    tags=("networking",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
        "https://github.com/aws/amazon-ecs-cli/issues/1014",
    ),
    fix="safe",
)
def host_port_mismatch(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An awsvpc or host mode port mapping whose `hostPort` differs from its `containerPort`.

    What it does:
        In a task definition with ``networkMode`` ``awsvpc`` or ``host``, reports a port
        mapping that sets ``hostPort`` to anything but its ``containerPort`` (``0``
        included). Omitting ``hostPort`` is fine: ECS fills in the container port.

    Why it matters:
        In these modes the container's port *is* the host's (its own ENI for awsvpc, the
        instance's network stack for host), so there is nothing to remap. ECS rejects the
        registration ("When networkMode=awsvpc, the host ports and container ports in port
        mappings must match.").

    Example:
        Bad:

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "portMappings": [{"containerPort": 8080, "hostPort": 80}]}]}
        ```

        Good:

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "portMappings": [{"containerPort": 8080}]}]}
        ```

    How to fix:
        Remove ``hostPort`` or set it equal to ``containerPort``. To expose a different
        port, change what the application listens on, or put a load balancer in front.

        ``--fix`` removes the ``hostPort`` of an ``awsvpc`` mapping when a service's load
        balancer sends traffic to its ``containerPort``: that is the port the service
        uses, so the host port can only be a mistake. Elsewhere which of the two ports was
        meant is not known, and there is no fix.
    """
    mode = td.declared_network_mode
    if mode not in ("awsvpc", "host"):
        return
    for container in td.containers:
        for mapping in container.port_mappings:
            host, port = mapping.host_port, mapping.container_port
            if isinstance(host, int) and isinstance(port, int) and host != port:
                fix = None
                if mode == "awsvpc" and _load_balanced(td, ctx, container.name, port):
                    fix = Fix("remove `hostPort` (the load balancer targets the containerPort)", Remove(mapping.path + ("hostPort",)))
                yield Violation(
                    mapping.path + ("hostPort",),
                    f"{container.label}: hostPort {host} differs from containerPort {port}; in {mode} network mode "
                    f"the two must match: remove hostPort or set it to {port}",
                    fix=fix,
                )


def _load_balanced(td: TaskDefinition, ctx: Context, container: object, port: int) -> bool:
    """Whether a service in sight sends load balancer traffic to ``container``'s ``port``."""
    if ctx.workspace is None or not isinstance(container, str):
        return False
    return any(
        lb.container_name == container and lb.container_port == port
        for service in ctx.workspace.services_of(td)
        for lb in service.load_balancers
    )
