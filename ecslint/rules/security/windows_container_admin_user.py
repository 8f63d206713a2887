"""ECS412: a Windows container running as the container administrator."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.rules.security._common import container_users

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

ADMIN = "containeradministrator"


@rule(
    id="ECS412",
    name="windows-container-admin-user",
    severity="note",
    kinds=("task-definition",),
    tags=("security", "windows"),
    security_severity=5.5,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-windows-user-non-admin.html",
    ),
    compliance=(
        "security-hub:ECS.21",
        "aws-config:ecs-task-definition-windows-user-non-admin",
    ),
)
def windows_container_admin_user(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A Windows container that runs as an administrator (Security Hub ECS.21).

    What it does:
        For Windows containers, reports a ``user`` that is ``ContainerAdministrator`` (in
        any case), and a container that sets no ``user``: it then runs as the image's
        default user, which is ``ContainerAdministrator`` for the Server Core images. A
        container is Windows when the task's ``runtimePlatform.operatingSystemFamily``
        is a ``WINDOWS_SERVER_*`` family or, where no family is declared (EC2 Windows
        tasks need none), when the container shows it: a Windows image
        (``mcr.microsoft.com/windows/...``, ``servercore``, ``nanoserver``), a
        ``powershell`` or ``cmd`` entry point or command, or a ``C:\\`` path. Other
        containers are ``container-runs-as-root``'s. Placeholders are not judged.

        The sources disagree on ``user`` for Windows: the ECS API reference says the
        parameter is not supported for Windows containers, while Security Hub ECS.21 and
        the AWS Config rule ``ecs-task-definition-windows-user-non-admin`` fail Windows
        containers whose ``user`` is absent or the administrator. This rule follows the
        control, as a note; ``windows-incompatible`` does not report ``user``.

    Why it matters:
        ``ContainerAdministrator`` has full control inside the container (services,
        registry, the whole filesystem); an attacker who gets code execution gets all of
        it. ``ContainerUser`` is an unprivileged account. Security Hub control ECS.21
        (Medium) checks exactly this.

    Example:
        Bad:

        ```json
        {"family": "iis", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
         "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
           "memory": 2048, "user": "ContainerAdministrator"}]}
        ```

        Good:

        ```json
        {"family": "iis", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
         "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
           "memory": 2048, "user": "ContainerUser"}]}
        ```

    How to fix:
        Set ``"user": "ContainerUser"`` (or another non-administrator account the image
        defines) and grant it access to the paths the application writes. If your
        registration rejects ``user`` for Windows, suppress this note.
    """
    for container, user in container_users(td, windows=True):
        if user is None:
            yield Violation(
                container.field("user"),
                f"{container.label}: no user is set, so it runs as the image's default user, ContainerAdministrator "
                "for Server Core images: set user to ContainerUser or another non-administrator account",
                "key",
            )
        elif user.lower() == ADMIN:
            yield Violation(
                container.field("user"),
                f"{container.label}: user '{user}' is the container administrator: set user to ContainerUser "
                "or another non-administrator account",
            )
