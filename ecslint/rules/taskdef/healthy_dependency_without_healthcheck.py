"""ECS106: a `HEALTHY` dependency on a container without a health check."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.fix import Fix, Replace
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS106",
    name="healthy-dependency-without-healthcheck",
    severity="warning",
    kinds=("task-definition",),
    tags=("reliability",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
    ),
    fix="unsafe",
)
def healthy_dependency_without_healthcheck(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A `dependsOn` entry waits for a container to be `HEALTHY`, but that container has no `healthCheck`.

    What it does:
        Reports a ``dependsOn`` entry with ``condition: HEALTHY`` whose target container
        (found by its exact name) declares no ``healthCheck``, on the ``condition``. A
        templated name or ``healthCheck`` keeps the rule silent, and so does a target that
        is not in the task (``unknown-container-reference``, ECS104, reports that) or whose
        name several containers share (``duplicate-container-name``, ECS102).

    Why it matters:
        ``HEALTHY`` "requires that the dependency container has health checks configured"
        (ContainerDependency API). ECS only knows a container's health from the
        ``healthCheck`` of its task definition (a Dockerfile ``HEALTHCHECK`` is not
        monitored), so the dependant waits for a health status that never comes and the
        task stays ``PENDING``. Whether ECS rejects the definition at registration is not
        documented, hence a warning.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}]},
          {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", "memory": 128}
        ]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}]},
          {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", "memory": 128,
           "healthCheck": {"command": ["CMD-SHELL", "curl -s http://localhost:9901/server_info | grep state | grep -q LIVE"]}}
        ]}
        ```

    How to fix:
        Add a ``healthCheck`` to the container being waited for (a ``CMD`` or
        ``CMD-SHELL`` command that exits 0 when it is ready), or wait for it with
        ``condition: START`` instead.

        ``--fix --unsafe-fixes`` changes the condition to ``START``. It is unsafe: the
        container then starts as soon as its dependency has started, before that one is
        ready, which the application may not tolerate.
    """
    for container, index, condition, dependency in td.dependencies:
        if condition != "HEALTHY" or dependency.has("healthCheck"):
            continue
        target = dependency.name
        yield Violation(
            container.path + ("dependsOn", index, "condition"),
            f"{container.label} waits for container '{target}' to be HEALTHY, but '{target}' has no "
            "healthCheck, so it never reports healthy and this container never starts: add a healthCheck "
            f"to '{target}' or use condition START",
            fix=Fix("change the condition to START", Replace(container.path + ("dependsOn", index, "condition"), "START")),
        )
