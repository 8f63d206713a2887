"""ECS502: a DAEMON service with settings the daemon scheduler rejects."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service


@rule(
    id="ECS502",
    name="daemon-misconfiguration",
    severity="error",
    kinds=("service",),
    tags=("service",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html",
        "https://github.com/kayac/ecspresso/issues/20",
    ),
)
def daemon_misconfiguration(service: Service, ctx: Context) -> Iterator[Violation]:
    """A DAEMON service with a `desiredCount`, placement strategies, Fargate, or a non-ECS deployment controller.

    What it does:
        For a service with ``schedulingStrategy: DAEMON`` (create-service input or an
        ecspresso service definition), reports each setting ECS rejects for daemons: a
        ``desiredCount``; a non-empty ``placementStrategy`` (placement *constraints* are
        allowed); launch type ``FARGATE`` or a ``FARGATE``/``FARGATE_SPOT`` capacity
        provider strategy; a ``CODE_DEPLOY`` or ``EXTERNAL`` deployment controller.
        describe-services output is not checked: it is the deployed state, and ECS reports
        a daemon's ``desiredCount`` there (one task per instance). update-service input
        cannot change the strategy. Placeholders are never judged.

    Why it matters:
        A daemon service runs exactly one task on every container instance, so a count and
        a placement strategy have no meaning; ECS refuses them ("The daemon scheduling
        strategy does not support a desired count for services. Remove the desired count
        value and try again", "... does not support placement strategies"). Fargate has
        no instances to run one task on, and only the rolling update (``ECS``) controller
        can deploy daemons.

    Example:
        Bad:

        ```json
        {"serviceName": "log-agent", "taskDefinition": "log-agent:4", "schedulingStrategy": "DAEMON", "desiredCount": 1,
         "launchType": "EC2", "placementStrategy": [{"type": "spread", "field": "instanceId"}]}
        ```

        Good:

        ```json
        {"serviceName": "log-agent", "taskDefinition": "log-agent:4", "schedulingStrategy": "DAEMON", "launchType": "EC2",
         "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}]}
        ```

    How to fix:
        Delete ``desiredCount`` and ``placementStrategy`` (keep constraints to choose the
        instances), run daemons on EC2 or Managed Instances, and use the ``ECS``
        deployment controller. For Fargate, use a REPLICA service or a sidecar container.
    """
    if service.is_describe or service.scheduling != "DAEMON":
        return
    count = service.setting("desiredCount")
    if count is not None and service.desired_count is not UNKNOWN:
        yield Violation(
            ("desiredCount",),
            "a DAEMON service runs one task per container instance and takes no desiredCount: ECS rejects it "
            "(\"The daemon scheduling strategy does not support a desired count\"); delete desiredCount",
            target="key",
        )
    strategies = service.listed("placementStrategy")
    if isinstance(strategies, list) and strategies:
        yield Violation(
            ("placementStrategy",),
            "a DAEMON service takes no placementStrategy (it places one task on every instance): ECS rejects it; "
            "delete placementStrategy (placementConstraints may still choose the instances)",
            target="key",
        )
    if service.runs_on_fargate is True:
        launch_type = service.declared_launch_type
        where = ("launchType",) if isinstance(launch_type, str) else ("capacityProviderStrategy",)
        what = "launch type FARGATE" if isinstance(launch_type, str) else "a Fargate capacity provider strategy"
        yield Violation(
            where,
            f"a DAEMON service cannot run on Fargate ({what}): the daemon strategy places one task per "
            "container instance and Fargate has none; use EC2 (or Managed Instances) or a REPLICA service",
            target="key",
        )
    controller = service.controller
    if controller in ("CODE_DEPLOY", "EXTERNAL"):
        yield Violation(
            ("deploymentController", "type"),
            f"a DAEMON service cannot use the {controller} deployment controller: only the rolling update (ECS) "
            "controller deploys daemons; set deploymentController.type to ECS or remove deploymentController",
        )
