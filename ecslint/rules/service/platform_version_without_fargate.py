"""ECS507: a platform version on a service that does not run on Fargate."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service


@rule(
    id="ECS507",
    name="platform-version-without-fargate",
    severity="error",
    kinds=("service",),
    tags=("service", "fargate"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
        "https://github.com/aws/amazon-ecs-cli/issues/1040",
    ),
)
def platform_version_without_fargate(service: Service, ctx: Context) -> Iterator[Violation]:
    """`platformVersion` on a service whose launch type is EC2 or EXTERNAL.

    What it does:
        Reports ``platformVersion`` (any value, ``LATEST`` included; an empty string counts
        as unset) on a service with ``launchType`` ``EC2`` or ``EXTERNAL``. Services that
        name no launch type (the cluster's default capacity provider strategy decides) or
        use a capacity provider strategy are not judged, and neither is update-service
        input, which does not carry the launch type.

    Why it matters:
        Platform versions exist only for Fargate's runtime. ECS rejects the request: "The
        platform version must be null when specifying an EC2 launch type."

    Example:
        Bad:

        ```json
        {"serviceName": "worker", "taskDefinition": "worker:5", "desiredCount": 2, "launchType": "EC2", "platformVersion": "LATEST"}
        ```

        Good:

        ```json
        {"serviceName": "worker", "taskDefinition": "worker:5", "desiredCount": 2, "launchType": "EC2"}
        ```

    How to fix:
        Delete ``platformVersion``, or set ``launchType`` to ``FARGATE`` if the service is
        meant to run on Fargate.
    """
    launch_type = service.declared_launch_type
    if launch_type not in ("EC2", "EXTERNAL"):
        return
    version = service.platform_version
    if not isinstance(version, str) or not version:
        return
    yield Violation(
        ("platformVersion",),
        f"platformVersion '{version}' is set but launchType is {launch_type}: platform versions exist only for "
        "Fargate and ECS rejects this (\"The platform version must be null when specifying an EC2 launch type.\"); "
        "delete platformVersion",
        target="key",
    )
