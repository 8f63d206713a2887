"""ECS401: a container runs privileged."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS401",
    name="privileged-container",
    severity="warning",
    kinds=("task-definition",),
    tags=("security",),
    security_severity=8.0,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    ),
    compliance=(
        "security-hub:ECS.4",
        "control-tower:CT.ECS.PR.11",
        "aws-config:ecs-containers-nonprivileged",
    ),
)
def privileged_container(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container with `privileged: true` (Security Hub ECS.4).

    What it does:
        Reports every container definition with ``"privileged": true``. Absent or
        ``false`` is fine; a placeholder is not judged.

    Why it matters:
        A privileged container gets every Linux capability and access to all host
        devices, and runs without the seccomp and AppArmor confinement Docker applies:
        root in it is root on the container instance, and a compromise of the
        application is a compromise of the host and of every other task on it. Security
        Hub control ECS.4 (severity High) fails such task definitions. (Fargate and
        Windows containers do not support the parameter at all.)

    Example:
        Bad:

        ```json
        {"family": "agent", "containerDefinitions": [{"name": "agent", "image": "public.ecr.aws/docker/library/alpine:3.20",
          "memory": 128, "privileged": true}]}
        ```

        Good:

        ```json
        {"family": "agent", "containerDefinitions": [{"name": "agent", "image": "public.ecr.aws/docker/library/alpine:3.20",
          "memory": 128, "linuxParameters": {"capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}}}]}
        ```

    How to fix:
        Remove ``privileged`` and grant only what the container needs: single
        capabilities in ``linuxParameters.capabilities.add``, single devices in
        ``linuxParameters.devices``. Setting ``ECS_DISABLE_PRIVILEGED=true`` on the
        container instances stops privileged containers cluster-wide.
    """
    for container in td.containers:
        if container.privileged is True:
            yield Violation(
                container.field("privileged"),
                f"{container.label}: privileged is true, which gives it every capability and all host devices "
                "(root on the container instance): remove it and add only the capabilities or devices it needs",
            )
