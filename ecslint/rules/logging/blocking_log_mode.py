"""ECS606: blocking log delivery."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import string
from ecslint.rules.logging.drivers import options_path

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS606",
    name="blocking-log-mode",
    severity="note",
    kinds=("task-definition",),
    tags=("logging", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
    ),
)
def blocking_log_mode(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """`mode: blocking` can stall the application when log delivery stalls.

    What it does:
        Reports a container whose ``logConfiguration.options.mode`` is ``blocking`` (for
        any log driver: the option applies to all of them). An omitted ``mode`` is not
        reported: since June 25, 2025 ECS defaults to ``non-blocking`` unless the
        account's ``defaultLogDriverMode`` setting says otherwise, which a file does not
        show.

    Why it matters:
        In blocking mode, when the logs cannot be delivered (CloudWatch Logs throttling,
        a network problem, a stalled log router) the container's writes to stdout and
        stderr block. The application's logging thread, often every request thread,
        stops, the container becomes unresponsive and fails its health checks: a logging
        outage becomes an application outage.

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
          "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": "/ecs/api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api", "mode": "blocking"}}}]}
        ```

        Good:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
          "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": "/ecs/api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api",
            "mode": "non-blocking", "max-buffer-size": "25m"}}}]}
        ```

    How to fix:
        Use ``"mode": "non-blocking"`` with a ``max-buffer-size`` large enough for your
        bursts (default ``10m``): logs are buffered in memory and, if the buffer fills,
        dropped instead of stopping the application. Keep ``blocking`` only where losing
        a log line is worse than stopping (audit logs), and say so in a suppression.
    """
    for c in td.containers:
        options = c.log_option_map
        if not isinstance(options, dict):
            continue
        mode = string(options.get("mode"))
        if isinstance(mode, str) and mode.strip().lower() == "blocking":
            yield Violation(
                options_path(c) + ("mode",),
                f"{c.label} logs with `mode` blocking: when log delivery stalls, its writes to stdout/stderr block "
                "and the application hangs and fails its health checks; use `\"mode\": \"non-blocking\"` with a "
                "`max-buffer-size` (ECS's default since June 2025), accepting that logs may be dropped when the "
                "buffer fills",
            )
