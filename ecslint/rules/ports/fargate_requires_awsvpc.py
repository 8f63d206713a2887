"""ECS303: a Fargate task whose network mode is not awsvpc."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: The NetworkMode enum values other than awsvpc (anything else is ECS004's to report).
_OTHER_MODES = ("bridge", "host", "none")


@rule(
    id="ECS303",
    name="fargate-requires-awsvpc",
    severity="error",
    kinds=("task-definition",),
    tags=("networking", "fargate"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
        "https://github.com/aws/amazon-ecs-cli/issues/1145",
    ),
)
def fargate_requires_awsvpc(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A Fargate task definition whose network mode is not `awsvpc` (an omitted `networkMode` means bridge).

    What it does:
        When ``requiresCompatibilities`` lists ``FARGATE``, reports a ``networkMode`` of
        ``bridge``, ``host`` or ``none`` (at the value), and an omitted ``networkMode``
        (at the ``FARGATE`` entry): omitted means ``bridge`` on Linux. It applies even if
        ``EC2`` is listed too, because ECS validates the definition for every listed
        launch type. A bare container array (Terraform), whose task-level fields live
        elsewhere, and a placeholder value are not judged; a value outside the enum is
        left to ``invalid-value``.

    Why it matters:
        Every Fargate task gets its own elastic network interface, so Fargate supports
        only ``awsvpc``. ECS rejects the registration ("Fargate only supports network
        mode 'awsvpc'.").

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "portMappings": [{"containerPort": 80}]}]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "portMappings": [{"containerPort": 80}]}]}
        ```

    How to fix:
        Set ``"networkMode": "awsvpc"``, drop ``hostPort`` values that differ from their
        ``containerPort``, and give the services that run it a
        ``networkConfiguration.awsvpcConfiguration`` (subnets and security groups).
    """
    if td.is_fargate is not True:
        return
    mode = td.declared_network_mode
    if isinstance(mode, str) and mode in _OTHER_MODES:
        yield Violation(
            ("networkMode",),
            f"networkMode is '{mode}' but requiresCompatibilities includes FARGATE, which only supports "
            "awsvpc: set networkMode to awsvpc",
        )
    elif mode is None and "networkMode" not in td.data:
        default = td.network_mode
        entry = next(
            (i for i, v in enumerate(td.data.get("requiresCompatibilities") or ()) if isinstance(string(v), str) and v.upper() == "FARGATE"),
            None,
        )
        path = ("requiresCompatibilities",) if entry is None else ("requiresCompatibilities", entry)
        what = f"which means {default}" if isinstance(default, str) else "so the task does not get awsvpc"
        yield Violation(
            path,
            f"requiresCompatibilities includes FARGATE but networkMode is omitted, {what}; Fargate only "
            "supports awsvpc: add \"networkMode\": \"awsvpc\"",
        )

