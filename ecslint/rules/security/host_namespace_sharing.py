"""ECS404: the task shares the host's process or IPC namespace."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS404",
    name="host-namespace-sharing",
    severity="warning",
    kinds=("task-definition",),
    tags=("security",),
    security_severity=8.0,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    ),
    compliance=(
        "security-hub:ECS.3",
        "control-tower:CT.ECS.PR.10",
        "aws-config:ecs-task-definition-pid-mode-check",
    ),
)
def host_namespace_sharing(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """`pidMode` or `ipcMode` set to `host` (Security Hub ECS.3).

    What it does:
        Reports ``"pidMode": "host"`` and ``"ipcMode": "host"`` at the value. ``task``
        (shared between the containers of the task only), ``none`` and an omitted mode
        (each container private) are fine. Placeholders are not judged.

    Why it matters:
        With the host PID namespace a container sees every process on the container
        instance, including other tasks' (their command lines and, as root, their
        environment and memory), and can signal them. With the host IPC namespace it
        shares System V semaphores and shared memory with the host and other tasks. The
        API documentation warns that both expose the host to undue risk; Security Hub
        control ECS.3 (High) fails ``pidMode: host``.

    Example:
        Bad:

        ```json
        {"family": "debug", "pidMode": "host", "containerDefinitions": [{"name": "debug", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128}]}
        ```

        Good:

        ```json
        {"family": "debug", "pidMode": "task", "containerDefinitions": [{"name": "debug", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128}]}
        ```

    How to fix:
        Remove ``pidMode`` / ``ipcMode``, or use ``task`` when the containers of the task
        must see each other's processes or share memory (a profiler or debugger sidecar).
        Host-level monitoring agents that truly need the host view belong on dedicated
        instances; suppress the finding for them.
    """
    if td.pid_mode == "host":
        yield Violation(
            ("pidMode",),
            "pidMode is host: the containers see and can signal every process on the container instance, other "
            "tasks' included: remove pidMode, or use task to share processes within the task only",
        )
    if td.ipc_mode == "host":
        yield Violation(
            ("ipcMode",),
            "ipcMode is host: the containers share IPC resources (shared memory, semaphores) with the container "
            "instance and its other tasks: remove ipcMode, or use task to share them within the task only",
        )
