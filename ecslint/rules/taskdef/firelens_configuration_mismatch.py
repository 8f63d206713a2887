"""ECS112: awsfirelens without a FireLens router, or a router nobody uses."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

_NO_ROUTER = (
    "When awsfirelens log driver is specified in log configuration, a firelens configuration object "
    "must be configured in one of the containers."
)
_NO_USER = (
    "When a firelensConfiguration object is specified, at least one container has to be configured "
    "with the awsfirelens log driver."
)


@rule(
    id="ECS112",
    name="firelens-configuration-mismatch",
    severity="error",
    kinds=("task-definition",),
    tags=("logging", "correctness"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html",
        "https://github.com/fabfuel/ecs-deploy/issues/164",
        "https://github.com/aws/amazon-cloudwatch-logs-for-fluent-bit/issues/20",
    ),
)
def firelens_configuration_mismatch(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container logs with `awsfirelens` but no container is a FireLens router (`firelensConfiguration`), or the reverse.

    What it does:
        Reports, on the first container's ``logDriver``, a task whose containers use the
        ``awsfirelens`` log driver while no container carries a
        ``firelensConfiguration``; and, on each router's ``firelensConfiguration``, a
        router that no container of the task sends its logs to. The whole task is
        needed for either conclusion, so a templated container, log driver or router
        keeps the rule silent in that direction.

    Why it matters:
        ``awsfirelens`` sends a container's logs to the task's Fluent Bit or Fluentd
        router; without a router there is nothing to send them to, and a router without
        clients has nothing to route. ECS rejects both at registration ("When awsfirelens
        log driver is specified in log configuration, a firelens configuration object
        must be configured in one of the containers.", "When a firelensConfiguration
        object is specified, at least one container has to be configured with the
        awsfirelens log driver.").

    Example:
        Bad:

        ```json
        {"family": "app", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "app", "log_stream_prefix": "app-"}}}
        ]}
        ```

        Good:

        ```json
        {"family": "app", "containerDefinitions": [
          {"name": "log-router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0", "memory": 64,
           "firelensConfiguration": {"type": "fluentbit"}},
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "region": "us-east-1", "log_group_name": "app", "log_stream_prefix": "app-"}}}
        ]}
        ```

    How to fix:
        Add a log router container (for example the AWS for Fluent Bit image) with
        ``"firelensConfiguration": {"type": "fluentbit"}``, or switch the containers to
        another log driver such as ``awslogs``. For an unused router, point the
        application containers' ``logDriver`` at ``awsfirelens`` or remove the router.
    """
    if td.container_names is UNKNOWN:
        return  # a templated container may be the router or its client
    containers = td.containers
    routers = [c for c in containers if isinstance(c.firelens_configuration, dict)]
    router_unknown = any(c.firelens_configuration is UNKNOWN for c in containers)
    users = [c for c in containers if c.log_driver == "awsfirelens"]
    driver_unknown = any(c.log_driver is UNKNOWN for c in containers)
    if users and not routers and not router_unknown:
        first = users[0]
        others = ", ".join(c.label for c in users[1:])
        also = f" (so do {others})" if others else ""
        yield Violation(
            first.field("logConfiguration") + ("logDriver",),
            f'{first.label} logs with `awsfirelens`{also} but no container has a `firelensConfiguration` ("{_NO_ROUTER}"): '
            'add a log router container with `"firelensConfiguration": {"type": "fluentbit"}` or use another log driver',
        )
    if routers and not users and not driver_unknown:
        for router in routers:
            yield Violation(
                router.field("firelensConfiguration"),
                f'{router.label} is a FireLens log router but no container uses the `awsfirelens` log driver ("{_NO_USER}"): '
                "set the application containers' `logDriver` to `awsfirelens`, or remove the router's `firelensConfiguration`",
                "key",
            )
