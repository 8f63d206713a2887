"""ECS309: a fixed host port that the ECS agent or Docker reserves."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Reserved on every container instance by default (PortMapping.hostPort, API reference).
RESERVED = {
    22: "SSH",
    2375: "the Docker daemon",
    2376: "the Docker daemon over TLS",
    51678: "the ECS container agent",
    51679: "the ECS container agent",
    51680: "the ECS container agent",
}


@rule(
    id="ECS309",
    name="reserved-host-port",
    severity="warning",
    kinds=("task-definition",),
    tags=("networking",),
    sources=("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",),
)
def reserved_host_port(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A fixed host port that container instances reserve by default (22, 2375, 2376, 51678-51680).

    What it does:
        Reports a TCP port mapping that binds one of the default reserved host ports of
        Linux container instances: 22 (SSH), 2375 and 2376 (Docker) and 51678-51680 (the
        ECS container agent). In ``bridge`` mode that is a ``hostPort``; in ``host`` mode
        the host port is the ``containerPort`` itself. ``awsvpc`` tasks have their own
        network interface and do not use the instance's ports; tasks whose network mode
        is not in sight (a bare container array) are not judged. The documented list is
        for Linux instances over TCP (the agent reserves no UDP port by default, and
        Windows instances reserve a different list), so UDP mappings and Windows tasks
        are not reported.

    Why it matters:
        ECS never places a task on an instance where a port it needs is reserved, so the
        task stays PENDING ("no container instance met all of its requirements ... is
        already using a port required by your task"). Even where an instance's reserved
        list was changed, the port is held by sshd, Docker or the agent itself.

    Example:
        Bad:

        ```json
        {"family": "sftp", "networkMode": "bridge", "containerDefinitions": [{"name": "sftp", "image": "public.ecr.aws/docker/library/alpine:3.20",
          "memory": 256, "portMappings": [{"containerPort": 22, "hostPort": 22}]}]}
        ```

        Good:

        ```json
        {"family": "sftp", "networkMode": "bridge", "containerDefinitions": [{"name": "sftp", "image": "public.ecr.aws/docker/library/alpine:3.20",
          "memory": 256, "portMappings": [{"containerPort": 22, "hostPort": 2222}]}]}
        ```

    How to fix:
        Use another host port (or ``0`` for a dynamic one) and keep the container port;
        in ``host`` mode make the application listen elsewhere, or move the task to
        ``awsvpc``.
    """
    mode = td.network_mode
    if mode not in ("bridge", "host") or td.is_windows is True:
        return  # awsvpc: the task's own interface; Windows instances reserve another list
    for container in td.containers:
        for mapping in container.port_mappings:
            if mapping.protocol != "tcp" or mapping.has_range:
                continue
            host = mapping.host_port
            if mode == "host" and host is None:
                port, key = mapping.container_port, "containerPort"
            else:
                port, key = host, "hostPort"
            if not isinstance(port, int) or port not in RESERVED:
                continue
            yield Violation(
                mapping.path + (key,),
                f"{container.label}: host port {port} is reserved on container instances by default "
                f"(for {RESERVED[port]}), so ECS cannot place this task: use another host port"
                + (" or 0 for a dynamic one" if mode == "bridge" else ", or awsvpc mode"),
            )
