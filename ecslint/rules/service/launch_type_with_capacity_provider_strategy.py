"""ECS501: a service sets both a launch type and a capacity provider strategy."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service


@rule(
    id="ECS501",
    name="launch-type-with-capacity-provider-strategy",
    severity="error",
    kinds=("service",),
    tags=("service",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
        "https://github.com/terraform-linters/tflint-ruleset-aws/issues/349",
    ),
)
def launch_type_with_capacity_provider_strategy(service: Service, ctx: Context) -> Iterator[Violation]:
    """A service sets both `launchType` and `capacityProviderStrategy`.

    What it does:
        Reports a service definition (create-service input, an ecspresso service
        definition, describe-services output) whose ``launchType`` is set and whose
        ``capacityProviderStrategy`` has at least one entry. An empty ``launchType`` (``""``,
        as ecspresso writes it) and an empty strategy (``[]``) count as unset, and a
        placeholder is never judged. update-service input is not checked: it does not take
        ``launchType`` at all (``unknown-field`` reports it there).

    Why it matters:
        The two are alternative ways to say where tasks run, and ECS rejects the request:
        "Specifying both a launch type and capacity provider strategy is not supported.
        Remove one and try again." This holds even for ``EC2`` with a strategy of Auto
        Scaling group providers.

    Example:
        Bad:

        ```json
        {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2, "launchType": "FARGATE",
         "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}],
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}}
        ```

        Good:

        ```json
        {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2,
         "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}],
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}}
        ```

    How to fix:
        Keep one of the two. With a capacity provider strategy the providers decide where
        tasks run (``FARGATE``/``FARGATE_SPOT`` for Fargate); delete ``launchType``. Or delete
        the strategy and keep the launch type.
    """
    if service.is_update:
        return
    launch_type = service.declared_launch_type
    if not isinstance(launch_type, str) or service.has_capacity_provider_strategy is not True:
        return
    yield Violation(
        ("launchType",),
        f"launchType '{launch_type}' is set together with a capacityProviderStrategy: ECS rejects this "
        "(\"Specifying both a launch type and capacity provider strategy is not supported\"); delete "
        "launchType (the strategy's providers decide where tasks run) or delete the strategy",
        target="key",
    )
