"""ECS602: the awslogs driver without the options it needs."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.rules.logging.drivers import listing, options_path, with_driver

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS602",
    name="awslogs-options-missing",
    severity="error",
    kinds=("task-definition",),
    tags=("logging",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
        "https://github.com/aws/aws-cdk/issues/1422",
    ),
)
def awslogs_options_missing(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The awslogs driver without `awslogs-group`, `awslogs-region`, or (Fargate) `awslogs-stream-prefix`.

    What it does:
        For each container whose ``logConfiguration.logDriver`` is ``awslogs``, reports
        the required options its ``options`` lack: ``awslogs-group`` and
        ``awslogs-region`` always, and ``awslogs-stream-prefix`` when the task definition
        requires ``FARGATE``. The finding is on ``options`` (on ``logConfiguration`` when
        there are no options at all). Templated options are not judged, and a Terraform
        container array is not asked for the Fargate prefix (its launch type is not in
        sight).

    Why it matters:
        The ECS API reference lists ``awslogs-group`` and ``awslogs-region`` as required:
        without them the driver has nowhere to send the logs and the container fails to
        start. Fargate rejects the registration without a prefix ("Fargate requires log
        configuration options to include awslogs-stream-prefix to support log driver
        awslogs."); on EC2 the prefix is optional, but without it the streams are named
        by Docker container ID and the console cannot show the task's logs.

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/api", "awslogs-region": "us-east-1"}}}]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/api", "awslogs-region": "us-east-1",
             "awslogs-stream-prefix": "api"}}}]}
        ```

    How to fix:
        Add the options the message names: the log group (create it, or add
        ``"awslogs-create-group": "true"`` and ``logs:CreateLogGroup``), its region, and a
        stream prefix such as the service name.
    """
    fargate = td.is_fargate is True
    for c, options in with_driver(td, "awslogs"):
        required = ["awslogs-group", "awslogs-region"] + (["awslogs-stream-prefix"] if fargate else [])
        missing = [k for k in required if k not in options]
        if not missing:
            continue
        why = []
        if "awslogs-group" in missing or "awslogs-region" in missing:
            why.append("the driver needs a log group and its region, or the container cannot start")
        if "awslogs-stream-prefix" in missing:
            why.append("Fargate rejects awslogs without a stream prefix")
        yield Violation(
            options_path(c),
            f"{c.label} uses the awslogs driver without {listing(missing)}: {'; '.join(why)}; add "
            f"{'it' if len(missing) == 1 else 'them'} to `logConfiguration.options`",
            "key",
        )
