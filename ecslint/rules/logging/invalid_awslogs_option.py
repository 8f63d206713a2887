"""ECS604: an awslogs option ECS does not accept."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.core.suggest import did_you_mean
from ecslint.load.placeholders import is_unknown
from ecslint.model.taskdef import TaskDefinition
from ecslint.rules.logging.drivers import AWSLOGS_OPTIONS, options_path, with_driver

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS604",
    name="invalid-awslogs-option",
    severity="error",
    kinds=("task-definition",),
    tags=("logging",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
        "https://github.com/aws/amazon-ecs-agent/issues/872",
    ),
)
def invalid_awslogs_option(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An awslogs option outside the set ECS accepts.

    What it does:
        For each container whose log driver is ``awslogs``, reports every option key
        other than ``awslogs-group``, ``awslogs-region``, ``awslogs-stream-prefix``,
        ``awslogs-create-group``, ``awslogs-datetime-format``,
        ``awslogs-multiline-pattern``, ``mode`` and ``max-buffer-size`` (the options the
        ECS developer guide documents), with a did-you-mean. Options Docker's own
        awslogs driver has but ECS does not take are reported too: ``awslogs-stream``
        (ECS names the streams), ``awslogs-endpoint`` (reported rejected: "Log driver
        awslogs disallows options: awslogs-endpoint"), ``tag``,
        ``awslogs-credentials-endpoint``. Templated keys are not judged.

    Why it matters:
        ECS checks awslogs options against its list and rejects the registration:
        "Log driver awslogs disallows options: awslogs-stream". Copying a Docker
        ``daemon.json`` or docker-compose logging block is the usual cause.

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
          "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": "/ecs/api", "awslogs-region": "us-east-1", "awslogs-stream": "api"}}}]}
        ```

        Good:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
          "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": "/ecs/api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api"}}}]}
        ```

    How to fix:
        Remove the option, or use the ECS equivalent the message suggests
        (``awslogs-stream-prefix`` instead of ``awslogs-stream``).
    """
    for c, options in with_driver(td, "awslogs"):
        for key in options:
            if not isinstance(key, str) or key in AWSLOGS_OPTIONS or is_unknown(key):
                continue
            hint = " (did you mean `awslogs-stream-prefix`?)" if key == "awslogs-stream" else did_you_mean(key, AWSLOGS_OPTIONS)
            shown = key if len(key) <= 60 else key[:57] + "..."
            yield Violation(
                options_path(c) + (key,),
                f"{c.label}: `{shown}` is not an awslogs option ECS accepts{hint}; ECS rejects the registration "
                f"(\"Log driver awslogs disallows options\"); {'rename' if hint else 'remove'} it (ECS takes "
                f"{', '.join(AWSLOGS_OPTIONS)})",
                "key",
            )
