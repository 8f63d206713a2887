"""ECS513: a Fargate service pinned to an old platform version."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service

#: The newest platform versions (Security Hub ECS.10; ``LATEST`` resolves to them).
LATEST_LINUX = (1, 4, 0)
LATEST_WINDOWS = (1, 0, 0)


@rule(
    id="ECS513",
    name="outdated-fargate-platform",
    severity="warning",
    kinds=("service",),
    tags=("security", "service", "fargate"),
    security_severity=5.5,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-windows-fargate.html",
    ),
    compliance=(
        "security-hub:ECS.10",
        "aws-config:ecs-fargate-latest-platform-version",
    ),
)
def outdated_fargate_platform(service: Service, ctx: Context) -> Iterator[Violation]:
    """A Fargate service pinned to a platform version below the latest (Security Hub ECS.10).

    What it does:
        Reports a ``platformVersion`` pinned below the newest Fargate platform version:
        1.4.0 for Linux, 1.0.0 for Windows. ``LATEST`` and an omitted version (which means
        ``LATEST``) are fine. Linux and Windows number their versions independently, so
        ``1.0.0`` is only reported when the service says it runs Linux
        (``platformFamily``, as describe output and ecspresso definitions carry it);
        1.1.0 to 1.3.0 exist only for Linux. Services on EC2, EXTERNAL or custom capacity
        providers are left to ``platform-version-without-fargate``. describe-services output
        is checked too: the control evaluates the deployed service.

    Why it matters:
        Platform versions bundle the Fargate kernel, container runtime and agent; older
        ones no longer receive new features (EFS volumes, environment files, larger
        ephemeral storage, Service Connect all need 1.4.0) and Security Hub flags them
        (ECS.10, Medium).

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api:4", "desiredCount": 2, "launchType": "FARGATE", "platformVersion": "1.3.0",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api:4", "desiredCount": 2, "launchType": "FARGATE", "platformVersion": "LATEST",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}}
        ```

    How to fix:
        Set ``platformVersion`` to ``LATEST`` (or delete it), or pin ``1.4.0`` (Linux) /
        ``1.0.0`` (Windows), and redeploy.
    """
    if service.runs_on_fargate is False:
        return
    version = service.pinned_platform_version
    if not isinstance(version, tuple):
        return
    family = service.platform_family
    windows = isinstance(family, str) and family.upper().startswith("WINDOWS")
    linux = isinstance(family, str) and family.upper() == "LINUX"
    if version < LATEST_WINDOWS:
        return  # no Fargate platform version is numbered below 1.0.0: not ours to guess
    if windows or (version[:2] == LATEST_WINDOWS[:2] and not linux):
        return  # Windows is at its latest, or 1.0.0 of an unstated platform family
    if version >= LATEST_LINUX:
        return
    shown = ".".join(str(p) for p in version)
    yield Violation(
        ("platformVersion",),
        f"platformVersion {shown} pins the Fargate tasks below the latest Linux platform version 1.4.0 (Security "
        "Hub ECS.10): they miss runtime updates and features that need 1.4.0 (EFS, environment files, Service "
        "Connect, ...); set platformVersion to LATEST or 1.4.0",
    )
