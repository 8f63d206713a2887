"""ECS506: a Fargate service deploys a task definition that was not registered for Fargate."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN
from ecslint.rules.service.common import label, on_task_definition, with_task_definitions
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS506",
    name="launch-type-incompatible-with-task-definition",
    severity="error",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service", "fargate"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
        "https://github.com/sil-org/ecs-deploy/issues/134",
    ),
)
def launch_type_incompatible_with_task_definition(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """The service's launch type is not among the task definition's compatibilities.

    What it does:
        For each service that runs on Fargate (``launchType: FARGATE``, or a strategy of
        ``FARGATE``/``FARGATE_SPOT`` capacity providers) and whose task definition is in
        sight, reports a task definition that cannot be Fargate-compatible: in
        describe-task-definition output, ``compatibilities`` (what ECS validated the
        revision for) without ``FARGATE``; otherwise a ``requiresCompatibilities`` without
        ``FARGATE`` (or none) on a task whose network mode is not ``awsvpc`` (omitted means
        ``bridge``). An ``awsvpc`` definition that does not list ``FARGATE`` is not
        reported: ECS also validates such a definition for Fargate when it qualifies (AWS's
        own Service Connect tutorial runs one on Fargate, and cfn-lint's E3054 dropped
        this case as a false positive), and whether it qualifies is the task definition
        rules' business. Only Fargate is judged: which other launch types ECS accepts for
        a definition is not documented precisely enough. The finding is on the service's
        ``launchType`` (or its strategy); when only the task definition is being checked,
        on its ``requiresCompatibilities``. A bare container array and placeholders are
        not judged. Among several task definitions of the service's family, the nearest
        to the service's file is used (the longest common directory), then the one of the
        revision it names, else the highest ``revision`` stated, else each of them
        when they are in the service's directory (none when they are elsewhere), whatever
        the order of the files.

    Why it matters:
        A Fargate service can only deploy a revision ECS validated for Fargate; any other
        fails: "Task definition does not support launch_type FARGATE."

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api:2", "desiredCount": 1, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}}
        ```

        ```json
        {"family": "api", "requiresCompatibilities": ["EC2"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api:2", "desiredCount": 1, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}}
        ```

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
        ```

    How to fix:
        Add ``"requiresCompatibilities": ["FARGATE"]`` to the task definition, with
        ``networkMode: awsvpc`` and task-level ``cpu`` and ``memory``, and register a new
        revision; or run the service on EC2.
    """
    for service, td in with_task_definitions(ws):
        if service.runs_on_fargate is not True:
            continue
        validated = td.validated_compatibilities
        if validated is UNKNOWN:
            continue
        if validated is not None:
            if "FARGATE" in validated:
                continue
            why = f"ECS validated it only for {', '.join(sorted(validated))} (compatibilities)"
        else:
            required, mode = td.requires_compatibilities, td.network_mode
            if required is UNKNOWN or mode is UNKNOWN or not isinstance(mode, str):
                continue
            if required and "FARGATE" in required or mode == "awsvpc":
                continue
            default = "" if td.declared_network_mode is not None else " (the default)"
            listed = f"requires only {', '.join(sorted(required))}" if required else "has no requiresCompatibilities"
            why = f"it {listed} and uses network mode {mode}{default}, so ECS cannot validate it for Fargate"
        launch_type = service.declared_launch_type
        how = "launch type FARGATE" if launch_type == "FARGATE" else "a Fargate capacity provider strategy"
        message = (
            f"{label(service)} runs on Fargate ({how}) but task definition '{td.name}' is not Fargate-compatible: "
            f"{why}; ECS rejects the deployment (\"Task definition does not support launch_type FARGATE.\"); add "
            "\"FARGATE\" to requiresCompatibilities with networkMode awsvpc and register a new revision"
        )
        if on_task_definition(service, td):
            yield Violation(("requiresCompatibilities",), message, document=td.doc)
        elif launch_type == "FARGATE":
            yield Violation(("launchType",), message, document=service.doc)
        else:
            yield Violation(("capacityProviderStrategy",), message, target="key", document=service.doc)
