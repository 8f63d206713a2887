"""ECS308: a bridge mode fixed host port with no load balancer in sight."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS308",
    name="static-host-port",
    severity="note",
    kinds=("task-definition",),
    tags=("networking", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/networking-networkmode-bridge.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
    ),
)
def static_host_port(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A bridge mode port mapping with a fixed `hostPort`: one copy of the task per instance.

    What it does:
        Reports a non-zero ``hostPort`` in a ``bridge`` mode task definition (the
        default on Linux EC2; Windows' default NAT mode maps ports the same way). It
        stays quiet where a service in sight explains the port: when a load balancer of
        a service running this task definition targets the container and port
        (``fixed-host-port-behind-load-balancer`` reports the REPLICA case, and a Classic
        Load Balancer needs a static port), and for task definitions that a DAEMON
        service runs (one task per instance by design). Services are matched as in
        ``--context``: by family, ``family:revision`` or ARN. Tasks whose network mode
        is not in sight (a bare container array) are not judged.

    Why it matters:
        A fixed host port is reserved on the container instance while the task runs,
        so only one copy of the task fits per instance. Scaling out or a rolling
        deployment then needs a free instance for every task, and placement fails with
        "already using a port required by your task" when there is none. Dynamic host
        ports (``0`` or omitted) let Docker pick a free port for each copy.

    Example:
        Bad:

        ```json
        {"family": "worker", "networkMode": "bridge", "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12",
          "memory": 512, "portMappings": [{"containerPort": 9000, "hostPort": 9000}]}]}
        ```

        Good:

        ```json
        {"family": "worker", "networkMode": "bridge", "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12",
          "memory": 512, "portMappings": [{"containerPort": 9000}]}]}
        ```

    How to fix:
        Omit ``hostPort`` (or set it to ``0``) and let clients find the task through a
        load balancer, service discovery (SRV records) or Service Connect. Keep the
        fixed port only if exactly one copy per instance is intended (then a DAEMON
        service says so), and suppress the note.
    """
    mode = td.network_mode
    if mode != "bridge" and not (mode == "default" and td.declared_network_mode is None):
        return  # only bridge, and Windows' default NAT mode when networkMode is omitted
    services = ctx.workspace.services_of(td) if ctx.workspace is not None else []
    if not all(s.replica_rules_apply for s in services):
        return  # DAEMON (or not known): one task per instance by design
    targets: set[tuple[str, int]] = set()
    unknown_targets = False
    for service in services:
        for lb in service.load_balancers:
            if isinstance(lb.container_name, str) and isinstance(lb.container_port, int):
                targets.add((lb.container_name, lb.container_port))
            else:
                unknown_targets = True
    if unknown_targets:
        return
    targeted_containers = {name for name, _ in targets}
    for container in td.containers:
        for mapping in container.port_mappings:
            host = mapping.host_port
            if not isinstance(host, int) or host <= 0 or mapping.has_range:
                continue
            port = mapping.container_port
            if container.name in targeted_containers and (not isinstance(port, int) or (container.name, port) in targets):
                continue  # a load balancer targets it: ECS301's (or a classic load balancer's) business
            yield Violation(
                mapping.path + ("hostPort",),
                f"{container.label}: hostPort {host} is fixed in {'bridge' if mode == 'bridge' else 'default (NAT)'} "
                "network mode, so only one copy of this task fits per container instance and extra copies or "
                "a rolling deployment need free instances: omit hostPort (or set 0) for a dynamic port, unless "
                "one task per instance is intended",
                document=td.doc,
            )
