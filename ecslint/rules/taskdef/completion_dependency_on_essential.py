"""ECS107: a `COMPLETE` or `SUCCESS` dependency on an essential container."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS107",
    name="completion-dependency-on-essential",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html",
        "https://github.com/boto/boto3/issues/2436",
    ),
)
def completion_dependency_on_essential(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A `dependsOn` entry waits for an essential container to `COMPLETE` or to `SUCCESS`.

    What it does:
        Reports a ``dependsOn`` entry with ``condition`` ``COMPLETE`` or ``SUCCESS`` whose
        target container is essential (``essential`` omitted counts as true), on the
        ``condition``. A templated ``essential`` or container name keeps it silent, and so
        does a target that is not in the task (``unknown-container-reference``, ECS104) or
        whose name several containers share (``duplicate-container-name``, ECS102).

    Why it matters:
        ``COMPLETE`` and ``SUCCESS`` wait for the target to exit, and the exit of an
        essential container stops the whole task. ECS rejects the registration ("A
        dependency container with SUCCESS or COMPLETE condition cannot be an essential
        container"). Init containers (migrations, configuration fetchers) are the usual
        case: they are essential by default unless marked otherwise.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]},
          {"name": "migrate", "image": "public.ecr.aws/docker/library/python:3.12", "memory": 256}
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
        Mark the container that runs to completion ``"essential": false``, or wait for it
        with ``START`` or ``HEALTHY`` if it is meant to keep running.
    """
    for container, index, condition, dependency in td.dependencies:
        if condition not in ("COMPLETE", "SUCCESS") or dependency.essential is not True:
            continue
        target = dependency.name
        how = "is essential" if dependency.has("essential") else "omits `essential` (true by default)"
        yield Violation(
            container.path + ("dependsOn", index, "condition"),
            f"{container.label} waits for container '{target}' to {condition}, but '{target}' {how}: ECS "
            "rejects this (\"A dependency container with SUCCESS or COMPLETE condition cannot be an essential "
            f"container\"); mark '{target}' `\"essential\": false` or use condition START",
        )
