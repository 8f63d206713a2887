"""ECS305: the same container port twice, or the same fixed host port twice in a task."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import Container, PortMapping, TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS305",
    name="duplicate-port-mapping",
    severity="error",
    kinds=("task-definition",),
    tags=("networking",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/networking-networkmode-bridge.html",
    ),
)
def duplicate_port_mapping(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The same container port mapped twice, or the same fixed host port twice in one task.

    What it does:
        Reports, at the later mapping:

        - a container that maps the same ``containerPort`` twice, for the same or for
          different protocols, or whose ``containerPortRange`` overlaps another of its
          mappings;
        - in ``awsvpc`` and ``host`` mode, a ``containerPort`` (or range) that another
          container of the task also maps, for the same protocol;
        - in ``bridge`` mode (and wherever the network mode is not in sight), a non-zero
          ``hostPort`` that another mapping of the task also fixes, for the same
          protocol.

        Placeholder ports and protocols are not judged.

    Why it matters:
        ECS rejects a container that exposes one port twice ("You can't expose the same
        container port for multiple protocols"; "A port can only be included in one port
        mapping per container"). In ``awsvpc`` and ``host`` mode all containers of a task
        share one network namespace, so two containers declaring the same port collide:
        only one can bind it. In ``bridge`` mode one host port can be bound once per
        instance, so a task that fixes it twice can never be placed.

    Example:
        Bad:

        ```json
        {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [
           {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "portMappings": [{"containerPort": 8080}]},
           {"name": "metrics", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "essential": false,
            "portMappings": [{"containerPort": 8080}]}
         ]}
        ```

        Good:

        ```json
        {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [
           {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "portMappings": [{"containerPort": 8080}]},
           {"name": "metrics", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "essential": false,
            "portMappings": [{"containerPort": 8888}]}
         ]}
        ```

    How to fix:
        Remove the duplicate mapping, or give each listener its own port. A service that
        needs one port for both TCP and UDP must listen on two container ports.
    """
    reported: set[tuple[int, int]] = set()
    # 1. Within one container: a port may appear in one mapping only, whatever the protocol.
    for container in td.containers:
        seen: list[tuple[PortMapping, tuple[int, int]]] = []
        for mapping in container.port_mappings:
            span = _span(mapping)
            if span is None:
                continue
            earlier = next((m for m, s in seen if _overlap(s, span)), None)
            seen.append((mapping, span))
            if earlier is None:
                continue
            reported.add((container.index, mapping.index))
            yield Violation(
                _port_path(mapping),
                f"{container.label}: {_describe(mapping)} is already mapped by portMappings[{earlier.index}] "
                f"({_describe(earlier)}); a container may expose a port in one mapping only, even for another "
                "protocol: remove the duplicate or use another port",
            )

    mode = td.network_mode
    if mode in ("awsvpc", "host"):
        # 2. One network namespace for the whole task: the same port in two containers collides.
        seen_task: list[tuple[Container, PortMapping, tuple[int, int]]] = []
        for container in td.containers:
            for mapping in container.port_mappings:
                span = _span(mapping)
                if span is None or not isinstance(mapping.protocol, str):
                    continue
                other = next(
                    (
                        (c, m)
                        for c, m, s in seen_task
                        if c.index != container.index and m.protocol == mapping.protocol and _overlap(s, span)
                    ),
                    None,
                )
                seen_task.append((container, mapping, span))
                if other is None or (container.index, mapping.index) in reported:
                    continue
                reported.add((container.index, mapping.index))
                yield Violation(
                    _port_path(mapping),
                    f"{container.label}: {_describe(mapping)} is also mapped by "
                    f"{'another ' if other[0].label == container.label else ''}{other[0].label}; in {mode} network "
                    "mode all containers of a task share one network namespace, so only one of them can bind it: "
                    "give each container its own port or remove the duplicate",
                )
    elif mode in ("bridge", "default") or not isinstance(mode, str):
        # 3. A fixed host port is bound once per instance: twice in one task never places.
        fixed: dict[tuple[int, str], tuple[Container, PortMapping]] = {}
        for container in td.containers:
            for mapping in container.port_mappings:
                host, protocol = mapping.host_port, mapping.protocol
                if not isinstance(host, int) or host <= 0 or not isinstance(protocol, str) or mapping.has_range:
                    continue
                first = fixed.setdefault((host, protocol), (container, mapping))
                if first[1] is mapping or (container.index, mapping.index) in reported:
                    continue
                where = (
                    "another mapping of the same container"
                    if first[0] is container
                    else f"another {first[0].label}"
                    if first[0].label == container.label
                    else first[0].label
                )
                why = (
                    "a host port can be bound once per instance, so this task could never be placed: use another "
                    "host port, or 0 for a dynamic one"
                    if isinstance(mode, str)
                    else "the same port cannot be bound twice on one host or network interface: use another port"
                )
                yield Violation(
                    mapping.path + ("hostPort",),
                    f"{container.label}: host port {host}/{protocol} is also fixed by {where}; {why}",
                )


def _span(mapping: PortMapping) -> tuple[int, int] | None:
    """The container ports a mapping covers, when known and well formed."""
    if mapping.has_range:
        span = mapping.container_port_range
        return span if isinstance(span, tuple) and span[0] <= span[1] else None
    port = mapping.container_port
    return (port, port) if isinstance(port, int) else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _port_path(mapping: PortMapping) -> tuple:
    return mapping.path + ("containerPortRange" if mapping.has_range else "containerPort",)


def _describe(mapping: PortMapping) -> str:
    protocol = mapping.protocol if isinstance(mapping.protocol, str) else "?"
    if mapping.has_range:
        first, last = mapping.container_port_range
        return f"container port range {first}-{last}/{protocol}"
    return f"containerPort {mapping.container_port}/{protocol}"
