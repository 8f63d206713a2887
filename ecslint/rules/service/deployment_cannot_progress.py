"""ECS503: deployment percentages that let the scheduler neither start nor stop a task."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service


@rule(
    id="ECS503",
    name="deployment-cannot-progress",
    severity="error",
    kinds=("service",),
    tags=("service", "deployment", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html",
    ),
)
def deployment_cannot_progress(service: Service, ctx: Context) -> Iterator[Violation]:
    """`minimumHealthyPercent`/`maximumPercent` that let a deployment neither start nor stop a task (100/100, ...).

    What it does:
        For a REPLICA service deployed by the rolling update (``ECS`` controller,
        ``ROLLING`` strategy), computes what a deployment may do: at most
        ``floor(desiredCount × maximumPercent / 100)`` tasks, at least
        ``ceil(desiredCount × minimumHealthyPercent / 100)`` healthy ones. When the first is
        not above ``desiredCount`` and the second not below it, the scheduler can neither
        start a new task nor stop an old one, and the finding says so. Omitted percentages
        take their defaults (200 and 100). With ``desiredCount`` 0 nothing needs to move;
        when the count is not in the file (a placeholder, or an ecspresso definition without
        it), only combinations that deadlock for every count of 1 or more are reported
        (``maximumPercent`` at most 100 with ``minimumHealthyPercent`` at least 100).
        DAEMON services, the ``CODE_DEPLOY`` and ``EXTERNAL`` controllers (which force or
        ignore the percentages) and the blue/green, linear and canary strategies are not
        checked; in update-service input the controller and strategy must be named, since
        an omitted one keeps the service's current value (such input cannot show the
        scheduling strategy, but what it is reported for would stall a daemon's
        one-task-per-instance replacement just the same). describe-services output is
        checked: it is the configuration the next deployment will use.

    Why it matters:
        The deployment never progresses: ECS reports "service ... was unable to stop or start
        tasks during a deployment because of the service deployment configuration. Update
        the minimumHealthyPercent or maximumPercent value and try again." Classic cases are
        100/100 (any count), and a single task with ``maximumPercent`` below 200 and the
        default minimum of 100 (134% of one task is still one task).

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api:12", "desiredCount": 1,
         "deploymentConfiguration": {"maximumPercent": 150, "minimumHealthyPercent": 100}}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api:12", "desiredCount": 1,
         "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100}}
        ```

    How to fix:
        Make sure at least one task can be started or stopped: raise ``maximumPercent`` so
        that it allows one task more than ``desiredCount`` (200 always does), or lower
        ``minimumHealthyPercent`` so that one task may stop first (accepting reduced
        capacity during the deployment).
    """
    if not service.replica_rules_apply:
        return
    if service.controller != "ECS" or service.deployment_strategy != "ROLLING":
        return
    maximum, minimum = service.maximum_percent, service.minimum_healthy_percent
    if not isinstance(maximum, int) or not isinstance(minimum, int):
        return
    config = service.deployment_settings
    minimum_text = f"{minimum}" + ("" if "minimumHealthyPercent" in config else " (the default)")
    path = ("deploymentConfiguration", "maximumPercent")
    count = service.desired_count
    if isinstance(count, int):
        if count <= 0:
            return
        most = count * maximum // 100
        least = -(-count * minimum // 100)
        if most > count or least < count:
            return
        need_max = -(-100 * (count + 1) // count)
        need_min = 100 * (count - 1) // count
        yield Violation(
            path,
            f"with desiredCount {count}, maximumPercent {maximum} allows at most {most} running task"
            f"{'s' if most != 1 else ''} and minimumHealthyPercent {minimum_text} requires {least} healthy: a "
            "deployment can neither start a new task nor stop an old one (ECS: \"unable to stop or start tasks "
            "during a deployment because of the service deployment configuration\"); raise maximumPercent to at "
            f"least {need_max} or lower minimumHealthyPercent to at most {need_min}",
        )
        return
    if maximum <= 100 and minimum >= 100:
        yield Violation(
            path,
            f"maximumPercent {maximum} allows no task above the desired count and minimumHealthyPercent "
            f"{minimum_text} none below it, whatever desiredCount is: a deployment can neither start a new task "
            "nor stop an old one (ECS: \"unable to stop or start tasks during a deployment because of the service "
            "deployment configuration\"); raise maximumPercent (200, the default, always leaves room) or lower "
            "minimumHealthyPercent",
        )
