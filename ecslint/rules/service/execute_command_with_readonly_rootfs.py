"""ECS512: ECS Exec enabled for containers whose root filesystem is read-only."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN
from ecslint.rules.service.common import label, with_task_definitions
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Where the SSM agent that ECS Exec injects writes: writable volumes here are the known
#: workaround (aws/containers-roadmap#1359, aws-containers/amazon-ecs-exec-checker#21).
_AGENT_PATHS = ("/var/lib/amazon", "/var/log/amazon")


@rule(
    id="ECS512",
    name="execute-command-with-readonly-rootfs",
    severity="warning",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service", "operations"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html",
        "https://github.com/aws/containers-roadmap/issues/1359",
    ),
)
def execute_command_with_readonly_rootfs(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """ECS Exec is enabled while containers have read-only root filesystems.

    What it does:
        For each service with ``enableExecuteCommand: true`` whose task definition is in
        sight, reports every container with ``readonlyRootFilesystem: true``, except one
        that mounts writable volumes at both ``/var/lib/amazon`` and ``/var/log/amazon``
        (or below them), the known workaround. The finding is on the container's
        ``readonlyRootFilesystem``; when the task definition comes from ``--context``, on
        the service's ``enableExecuteCommand``. Placeholders are never judged.

    Why it matters:
        ECS Exec runs the SSM agent inside each container, and the agent must create
        directories and files in the container's filesystem; with a read-only root
        filesystem it fails soon after the task starts, so ``aws ecs execute-command``
        cannot reach that container even though the service says it is enabled.

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api", "desiredCount": 2, "enableExecuteCommand": true}
        ```

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "readonlyRootFilesystem": true}]}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api", "desiredCount": 2, "enableExecuteCommand": false}
        ```

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "readonlyRootFilesystem": true}]}
        ```

    How to fix:
        Decide per service: keep the read-only root filesystem and turn ECS Exec off
        (``enableExecuteCommand: false``), or mount writable volumes (bind mounts or
        tmpfs-backed task volumes) at ``/var/lib/amazon`` and ``/var/log/amazon`` in the
        containers you need to reach, or set ``readonlyRootFilesystem`` to false there.
    """
    for service, td in with_task_definitions(ws):
        if service.execute_command is not True:
            continue
        for container in td.containers:
            if container.readonly_root_filesystem is not True:
                continue
            writable = container.writable_mount_paths
            if writable is UNKNOWN or all(any(_under(p, agent) for p in writable) for agent in _AGENT_PATHS):
                continue
            message = (
                f"{label(service)} enables ECS Exec but {container.label} has readonlyRootFilesystem true: the SSM "
                "agent ECS Exec starts in the container cannot write its files there, so execute-command fails for "
                "this container; turn ECS Exec off, mount writable volumes at /var/lib/amazon and /var/log/amazon, "
                "or make the root filesystem writable"
            )
            if td.doc.context:
                yield Violation(("enableExecuteCommand",), message, document=service.doc)
            else:
                yield Violation(container.field("readonlyRootFilesystem"), message, document=td.doc)


def _under(path: str, root: str) -> bool:
    path = path.rstrip("/")
    return path == root or path.startswith(root + "/")
