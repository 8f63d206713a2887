"""ECS304: container parameters the task's network mode does not support."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS304",
    name="unsupported-in-network-mode",
    severity="error",
    kinds=("task-definition",),
    tags=("networking",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://github.com/labd/ecs-deplojo/issues/26",
    ),
)
def unsupported_in_network_mode(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """`links` outside bridge mode, or `hostname` / `extraHosts` in awsvpc mode.

    What it does:
        Reports, per container, a non-empty ``links`` list when the task's network mode
        is ``awsvpc``, ``host`` or ``none`` (links exist only in ``bridge``, which is also
        the default when ``networkMode`` is omitted on Linux), and a ``hostname`` or a
        non-empty ``extraHosts`` list when the network mode is ``awsvpc``. Windows tasks
        (whose default mode has no links at all) are left to ``windows-incompatible``; a
        bare container array, whose network mode is set elsewhere, and placeholder
        values are not judged.

    Why it matters:
        ECS rejects the registration ("hostname is not supported on container when
        networkMode=awsvpc."). Links are a Docker bridge-network feature; in ``awsvpc``
        and ``host`` mode the containers of a task already share one network stack and
        reach each other on ``localhost``. In ``awsvpc`` mode the task's ENI owns the
        host name and DNS settings, so a container cannot set its own.

    Example:
        Bad:

        ```json
        {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [
           {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "hostname": "web", "links": ["app"]},
           {"name": "app", "image": "public.ecr.aws/docker/library/python:3.12"}
         ]}
        ```

        Good:

        ```json
        {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [
           {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27"},
           {"name": "app", "image": "public.ecr.aws/docker/library/python:3.12"}
         ]}
        ```

    How to fix:
        Remove ``links`` and address the other container as ``localhost:<port>`` (awsvpc,
        host), or switch the task to ``bridge`` mode if it runs on EC2. Remove
        ``hostname`` and ``extraHosts`` in awsvpc mode; use DNS (Route 53, Cloud Map,
        Service Connect) for names the application must resolve.
    """
    declared = td.declared_network_mode
    mode = td.network_mode
    for container in td.containers:
        data = container.data
        if mode in ("awsvpc", "host", "none") and isinstance(data.get("links"), list) and data["links"]:
            yield Violation(
                container.field("links"),
                f"{container.label}: links only work in bridge network mode, not {mode}"
                + (
                    ", where the containers of a task share one network namespace and reach each other on "
                    "localhost: remove links"
                    if mode != "none"
                    else ": remove links"
                ),
                "key",
            )
        if declared != "awsvpc":
            continue
        hostname = string(data.get("hostname"))
        if isinstance(hostname, str) and hostname:
            yield Violation(
                container.field("hostname"),
                f"{container.label}: hostname is not supported when networkMode is awsvpc (the task's network "
                "interface owns the host name): remove hostname",
                "key",
            )
        if isinstance(data.get("extraHosts"), list) and data["extraHosts"]:
            yield Violation(
                container.field("extraHosts"),
                f"{container.label}: extraHosts is not supported when networkMode is awsvpc: remove it and resolve "
                "those names through DNS (Route 53, Cloud Map or Service Connect)",
                "key",
            )
