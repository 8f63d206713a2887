"""ECS402: a Linux container without a non-root user."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.rules.security._common import container_users

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS402",
    name="container-runs-as-root",
    severity="note",
    kinds=("task-definition",),
    tags=("security",),
    security_severity=5.5,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-linux-user-non-root.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
    ),
    compliance=(
        "security-hub:ECS.20",
        "control-tower:CT.ECS.PR.3",
        "aws-config:ecs-task-definition-linux-user-non-root",
        "aws-config:ecs-task-definition-nonroot-user",
    ),
)
def container_runs_as_root(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A Linux container without a non-root `user` (Security Hub ECS.20).

    What it does:
        For Linux containers, reports a ``user`` that is ``root`` or ``0`` (also with a
        group: ``0:0``, ``root:staff``), and a container that sets no ``user``: it then
        runs as the image's default user, which is root unless the image says otherwise,
        and Security Hub ECS.20 fails it. A container is Linux when the task's
        ``runtimePlatform.operatingSystemFamily`` is ``LINUX``; where no family is
        declared (or a bare container array hides it) it counts as Linux, as ECS.20
        reads an unset family, unless the container shows it is a Windows one: a
        Windows image (``mcr.microsoft.com/windows/...``, ``servercore``,
        ``nanoserver``), a ``powershell`` or ``cmd`` entry point or command, or a
        ``C:\\`` path. Windows containers are ``windows-container-admin-user``'s.
        Placeholders are not judged.

        It is a note, not a warning: a container without ``user`` runs as the ``USER``
        its image sets, and the image is invisible to a check of the task definition.
        On 301 real task definitions and policies, 280 of its 282 findings were this
        case, and an image built with ``USER app`` does not run as root at all. Security
        Hub ECS.20 fails the missing ``user`` whatever the image says; a team that gates
        on that control raises this rule (see How to fix).

        Not mapped: Security Hub ECS.1 (retired on 2026-03-04) and its Control Tower
        and AWS Config twins (CT.ECS.PR.8, ``ecs-task-definition-user-for-host-mode-check``),
        which fail a ``host`` network mode task only when a container is both root and
        not privileged: no single rule checks that combination; this rule and
        ``host-network-mode`` (ECS.17) check its parts.

    Why it matters:
        Root in a container is root on the host's kernel: a process that escapes the
        container, or reaches a host mount or the Docker socket, acts as root on the
        instance. Running as an unprivileged user limits what an exploited application
        can do. ECS.20 (Medium) checks exactly this; the API documentation adds that
        containers in ``host`` network mode must never run as root.

    Example:
        Bad:

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/docker/library/node:22", "user": "root"}]}
        ```

        Good:

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/docker/library/node:22", "user": "1000:1000"}]}
        ```

    How to fix:
        Set ``user`` to an unprivileged UID (``"1000"``, ``"1000:1000"``) or a user the
        image defines (``"node"``, ``"nginx"``), and make the files the application
        writes belong to it. Listening below port 1024 as non-root needs the
        ``NET_BIND_SERVICE`` capability, or a higher port.

        To fail the build on it, as Security Hub ECS.20 does, raise its severity in the
        configuration, for this rule alone or for every rule mapped to ECS.20:

        ```toml
        [severity]
        container-runs-as-root = "warning"      # or: "compliance:security-hub/ECS.20" = "warning"
        ```
    """
    for container, user in container_users(td, windows=False):
        if user is None:
            yield Violation(
                container.field("user"),
                f"{container.label}: no user is set, so it runs as the image's default user, root unless the "
                "image sets another: set user to an unprivileged UID (e.g. \"1000\") or a user the image defines",
                "key",
            )
            continue
        name = user.split(":", 1)[0].strip()
        if name == "root" or (name.isascii() and name.isdigit() and not name.strip("0")):  # 0, 00: UID 0
            yield Violation(
                container.field("user"),
                f"{container.label}: runs as root (user '{user}'): set user to an unprivileged UID "
                "(e.g. \"1000\") or a user the image defines",
            )
