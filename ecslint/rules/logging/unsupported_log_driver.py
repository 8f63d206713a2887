"""ECS603: a log driver the task's launch type does not support."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.rules.logging import drivers

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS603",
    name="unsupported-log-driver",
    severity="error",
    kinds=("task-definition",),
    tags=("logging", "fargate"),
    sources=("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",),
)
def unsupported_log_driver(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A log driver the launch type does not support (Fargate: awslogs, splunk, awsfirelens).

    What it does:
        For a task definition that requires ``FARGATE``, reports a container log driver
        other than ``awslogs``, ``splunk`` and ``awsfirelens``; for one that requires
        ``MANAGED_INSTANCES``, other than those and ``json-file``. EC2 supports every
        driver of the API (each must also be enabled on the instance with
        ``ECS_AVAILABLE_LOGGING_DRIVERS``, which a file does not show). A driver the API
        does not know at all is ECS004's.

    Why it matters:
        ECS validates a definition for every launch type it requires and rejects the
        registration when a container uses a driver that platform cannot run: there is
        no host on Fargate for a ``fluentd`` or ``syslog`` daemon.

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "logConfiguration": {"logDriver": "fluentd", "options": {"fluentd-address": "logs.internal:24224"}}}]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "forward", "Host": "logs.internal", "Port": "24224"}}},
          {"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
           "firelensConfiguration": {"type": "fluentbit"}}]}
        ```

    How to fix:
        On Fargate use ``awslogs`` (CloudWatch Logs), ``splunk``, or ``awsfirelens`` with
        a Fluent Bit or Fluentd log router container in the task, which can forward to
        fluentd, syslog or gelf endpoints.
    """
    required = td.requires_compatibilities
    if not isinstance(required, frozenset):
        return
    allowed, platform = None, ""
    if "FARGATE" in required:
        allowed, platform = drivers.FARGATE, "Fargate"
    if "MANAGED_INSTANCES" in required:
        allowed = drivers.MANAGED_INSTANCES if allowed is None else allowed & drivers.MANAGED_INSTANCES
        platform = "ECS Managed Instances" if not platform else f"{platform} and ECS Managed Instances"
    if allowed is None:
        return
    supported = ", ".join(sorted(allowed))
    for c in td.containers:
        driver = c.log_driver
        if not isinstance(driver, str) or driver not in drivers.ALL or driver in allowed:
            continue
        yield Violation(
            c.field("logConfiguration") + ("logDriver",),
            f"{c.label} uses the `{driver}` log driver, which {platform} does not support: ECS rejects the "
            f"registration; use one of {supported} (awsfirelens with a log router can forward to other "
            "destinations)",
        )
