"""ECS306: port mappings in a task whose network mode is none."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS306",
    name="port-mappings-in-none-mode",
    severity="error",
    kinds=("task-definition",),
    tags=("networking",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    ),
)
def port_mappings_in_none_mode(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """Port mappings on a container of a task with `networkMode` `none`.

    What it does:
        When ``networkMode`` is ``none``, reports every container whose ``portMappings``
        list is not empty (at the ``portMappings`` key). Empty lists, as describe output
        prints them, are fine.

    Why it matters:
        A task in ``none`` mode has no external connectivity: there is no network to map
        a port to. The API says that with ``none`` you can't specify port mappings, and
        registration fails.

    Example:
        Bad:

        ```json
        {"family": "batch", "networkMode": "none",
         "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 512,
           "portMappings": [{"containerPort": 8080}]}]}
        ```

        Good:

        ```json
        {"family": "batch", "networkMode": "none",
         "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 512}]}
        ```

    How to fix:
        Remove ``portMappings``; or, if the container must be reachable, choose
        ``awsvpc`` (or ``bridge`` on EC2) as the network mode.
    """
    if td.declared_network_mode != "none":
        return
    for container in td.containers:
        mappings = container.data.get("portMappings")
        if isinstance(mappings, list) and mappings:
            ports = [str(m.container_port) for m in container.port_mappings if isinstance(m.container_port, int)]
            shown = f" ({', '.join(ports[:5])}{', ...' if len(ports) > 5 else ''})" if ports else ""
            yield Violation(
                container.field("portMappings"),
                f"{container.label}: has port mappings{shown} but networkMode is none, which gives the task no "
                "network to map them to: remove portMappings or use awsvpc (or bridge on EC2)",
                "key",
            )
