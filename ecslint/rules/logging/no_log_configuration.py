"""ECS601: a container without a log configuration."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS601",
    name="no-log-configuration",
    severity="warning",
    kinds=("task-definition",),
    tags=("logging", "security"),
    security_severity=5.0,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
    ),
    compliance=(
        "security-hub:ECS.9",
        "control-tower:CT.ECS.PR.5",
        "aws-config:ecs-task-definition-log-configuration",
    ),
)
def no_log_configuration(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container without `logConfiguration` (Security Hub ECS.9).

    What it does:
        Reports each container definition that has no ``logConfiguration`` member. A
        ``logConfiguration`` that is present but malformed is left to the schema rules
        (ECS003, ECS005), and a templated one is not judged.

    Why it matters:
        Without a log configuration the container's output goes to the Docker daemon's
        default driver on the instance: on EC2 it stays on the host's disk and is gone
        with the instance; on Fargate there is no host to read it from. Security Hub
        control ECS.9 ("ECS task definitions should have a logging configuration")
        fails for such a task definition.

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [
          {"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512}]}
        ```

        Good:

        ```json
        {"family": "api", "containerDefinitions": [
          {"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
           "logConfiguration": {"logDriver": "awslogs", "options": {
             "awslogs-group": "/ecs/api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api"}}}]}
        ```

    How to fix:
        Add a ``logConfiguration``: ``awslogs`` sends the output to CloudWatch Logs
        (give ``awslogs-group``, ``awslogs-region`` and ``awslogs-stream-prefix``);
        ``awsfirelens`` routes it through a FireLens log router to other destinations.
    """
    for c in td.containers:
        if c.has("logConfiguration"):
            continue
        yield Violation(
            c.field("logConfiguration"),
            f"{c.label} has no `logConfiguration`: its output goes to the Docker daemon's default driver "
            "(on the instance's disk, or nowhere you can read on Fargate) and Security Hub ECS.9 fails; add a "
            "`logConfiguration`, for example the `awslogs` driver with a log group",
            "key",
        )
