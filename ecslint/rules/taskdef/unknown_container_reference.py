"""ECS104: a reference to a container that does not exist in the task, or to itself."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN, mapping, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS104",
    name="unknown-container-reference",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ProxyConfiguration.html",
    ),
)
def unknown_container_reference(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """`dependsOn`, `links`, `volumesFrom` or `proxyConfiguration` name a container that does not exist, or the container itself.

    What it does:
        Checks every place a task definition names one of its containers:
        ``dependsOn[].containerName``, ``links`` (the ``name`` of ``name:alias``),
        ``volumesFrom[].sourceContainer`` and ``proxyConfiguration.containerName``. Reports
        a name that no container of the task has (with a did-you-mean), an empty name,
        and a container that depends on, links to or takes volumes from itself. Names are
        compared exactly. When a container name or a reference is templated (``"${NAME}"``) the
        rule cannot know the names and stays silent about that reference; a self-reference
        is still reported.

    Why it matters:
        Each of these must name another container of the same task definition (API
        reference of ContainerDefinition, ContainerDependency and ProxyConfiguration). ECS
        rejects a ``dependsOn`` that goes nowhere ("Cannot depend on container 'X' because
        it does not exist"); a link or a ``volumesFrom`` source that goes nowhere cannot
        be set up, and a proxy configuration without its proxy container routes nothing.
        A container that waits for itself, links to itself (ECS rejects links that form a
        cycle) or mounts its own volumes can never start. The usual cause is a renamed
        container whose references were not updated.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "dependsOn": [{"containerName": "migrations", "condition": "SUCCESS"}]},
          {"name": "migrate", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 256, "essential": false}
        ]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]},
          {"name": "migrate", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 256, "essential": false}
        ]}
        ```

    How to fix:
        Use the exact ``name`` of another container of the same task definition, or add
        the missing container; remove a reference of a container to itself.
    """
    from ecslint.core.suggest import did_you_mean

    names = td.container_names
    for container, field, path, target in _references(td):
        if not isinstance(target, str):
            continue
        owner = f"{container.label}: " if container is not None else ""
        if not target:
            yield Violation(
                path,
                f"{owner}{field} names no container: the name is empty, where ECS needs the name of another "
                "container of this task definition; write that name, or remove the entry",
            )
            continue
        if container is not None and target == container.name:
            yield Violation(path, f"{container.label} {_SELF[field]}: name another container or remove the entry")
            continue
        if names is UNKNOWN or target in names:
            continue
        yield Violation(
            path,
            f"{owner}{field} names container '{target}', which does not exist in this task definition"
            f"{did_you_mean(target, sorted(names))}; {_MISSING[field].format(target)}: use the name of one of its "
            "containers or add the container",
        )


_SELF = {
    "dependsOn": "depends on itself: it would wait for its own start, so the task could never start",
    "links": "links to itself: ECS rejects links that form a cycle (\"Container links should not have a cycle\")",
    "volumesFrom": "takes volumes from itself: the source of volumesFrom must be another container of the task",
}
_MISSING = {
    "dependsOn": "ECS rejects the registration (\"Cannot depend on container '{}' because it does not exist\")",
    "links": "a link must name another container of the same task",
    "volumesFrom": "the source of volumesFrom must be another container of the same task",
    "proxyConfiguration.containerName": "the App Mesh proxy must be a container of this task definition, or nothing "
    "proxies the task's traffic",
}


def _references(td: TaskDefinition) -> Iterator[tuple]:
    """(container or None, field, path, referenced name) of every container reference."""
    for c in td.containers:
        for index, target, _ in c.depends_on:
            yield c, "dependsOn", c.path + ("dependsOn", index, "containerName"), target
        for index, target in c.links:
            yield c, "links", c.path + ("links", index), target
        for index, target in c.volumes_from:
            yield c, "volumesFrom", c.path + ("volumesFrom", index, "sourceContainer"), target
    proxy = td.task_field("proxyConfiguration")
    if proxy is not UNKNOWN:
        target = string(mapping(proxy).get("containerName"))
        yield None, "proxyConfiguration.containerName", ("proxyConfiguration", "containerName"), target
