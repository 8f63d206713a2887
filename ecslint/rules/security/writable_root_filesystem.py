"""ECS410: a Linux container with a writable root filesystem."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS410",
    name="writable-root-filesystem",
    severity="note",
    kinds=("task-definition",),
    tags=("security",),
    security_severity=7.0,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
    ),
    compliance=(
        "security-hub:ECS.5",
        "control-tower:CT.ECS.PR.6",
        "aws-config:ecs-containers-readonly-access",
    ),
)
def writable_root_filesystem(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A Linux container without `readonlyRootFilesystem: true` (Security Hub ECS.5).

    What it does:
        For Linux containers, reports ``"readonlyRootFilesystem": false`` (at the value)
        and an omitted ``readonlyRootFilesystem`` (at the container), which leaves the
        root filesystem writable. A container is Linux when the task's
        ``operatingSystemFamily`` is ``LINUX``, or when no family is declared (or a bare
        container array hides it) and the container shows no sign of Windows (a Windows
        image, a ``powershell`` or ``cmd`` entry point or command, a ``C:\\`` path).
        Windows containers do not support the parameter and are skipped. Placeholders
        are not judged.

    Why it matters:
        With a writable root filesystem an attacker who gets code execution can replace
        binaries and libraries, drop tools and persist for the life of the task. A
        read-only root confines writes to the volumes you declare. Security Hub control
        ECS.5 fails containers without it (severity High); it is a note here because
        many images need some writable path first.

    Example:
        Bad:

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
        ```

        Good:

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "volumes": [{"name": "cache"}],
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "readonlyRootFilesystem": true,
           "mountPoints": [{"sourceVolume": "cache", "containerPath": "/var/cache/nginx"}]}]}
        ```

    How to fix:
        Set ``"readonlyRootFilesystem": true`` and give the paths the application writes
        (temporary files, caches, PID files) their own volume (a task volume without
        ``sourcePath``, or ``linuxParameters.tmpfs`` on EC2). Test first. ECS Exec needs
        a writable root filesystem (see ``execute-command-with-readonly-rootfs``).
    """
    for container in td.containers:
        if not td.is_linux_container(container):
            continue
        value = container.readonly_root_filesystem
        if value is False:
            yield Violation(
                container.field("readonlyRootFilesystem"),
                f"{container.label}: readonlyRootFilesystem is false, so its root filesystem is writable: set it to "
                "true and mount volumes for the paths it writes",
            )
        elif value is None and container.data.get("readonlyRootFilesystem") is None:  # absent or null
            yield Violation(
                container.field("readonlyRootFilesystem"),
                f"{container.label}: readonlyRootFilesystem is not set, so its root filesystem is writable: add "
                "\"readonlyRootFilesystem\": true and mount volumes for the paths it writes",
                "key",
            )
