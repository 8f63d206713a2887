"""ECS505: the service's network configuration does not fit its task definition's network mode."""

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
    id="ECS505",
    name="network-configuration-mismatch",
    severity="error",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service", "networking"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
    ),
)
def network_configuration_mismatch(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """An awsvpc task definition deployed by a service without `networkConfiguration`, or the reverse.

    What it does:
        For each service whose task definition is in sight, compares the task
        definition's network mode (``bridge`` when omitted on Linux) with the service's
        ``networkConfiguration.awsvpcConfiguration``: an ``awsvpc`` task needs it, every
        other mode must not have it. In update-service input an omitted
        ``networkConfiguration`` keeps the current one, so only the second case is checked
        there; services with the ``EXTERNAL`` controller (network settings live on task
        sets) are skipped for the first case. The finding is on the service (its
        ``networkConfiguration``, or the service object when it is missing); when only the
        task definition is being checked, on its ``networkMode``. A bare container array
        (no network mode in sight) and placeholders are not judged. Among several task
        definitions of the service's family, the nearest to the service's file is used
        (the longest common directory), then the one of the revision it names, else the
        highest ``revision`` stated, else each of them when they are in the service's
        directory (none when they are elsewhere), whatever the order of the files.

    Why it matters:
        ECS rejects the service: "Network Configuration must be provided when networkMode
        'awsvpc' is specified", and for the other modes "Network Configuration is not valid
        for the given networkMode of this task definition." An awsvpc task gets its own
        network interface, and the service must say in which subnets and security groups.

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api", "desiredCount": 2, "launchType": "FARGATE"}
        ```

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api", "desiredCount": 2, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "securityGroups": ["sg-0123456789abcdef0"]}}}
        ```

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
        ```

    How to fix:
        For an ``awsvpc`` task definition add ``networkConfiguration.awsvpcConfiguration``
        with ``subnets`` (and ``securityGroups``) to the service. For ``bridge``, ``host`` or
        ``none`` delete the service's ``networkConfiguration``, or switch the task
        definition to ``awsvpc`` if each task should have its own interface.
    """
    for service, td in with_task_definitions(ws):
        mode = td.network_mode
        configured = service.has_awsvpc_configuration
        if mode is UNKNOWN or not isinstance(mode, str) or configured is UNKNOWN:
            continue
        if mode == "awsvpc" and configured is False:
            if service.controller == "EXTERNAL":
                continue
            message = (
                f"task definition '{td.name}' uses network mode awsvpc but {label(service)} has no "
                "networkConfiguration.awsvpcConfiguration: ECS rejects it (\"Network Configuration must be provided "
                "when networkMode 'awsvpc' is specified\"); add networkConfiguration.awsvpcConfiguration with the "
                "subnets and security groups of the tasks"
            )
            if on_task_definition(service, td):
                yield Violation(("networkMode",), message, document=td.doc)
            else:
                where = ("networkConfiguration",) if "networkConfiguration" in service.data else ()
                yield Violation(where, message, target="key", document=service.doc)
        elif mode != "awsvpc" and configured is True:
            declared = "" if td.declared_network_mode is not None else " (the default)"
            message = (
                f"{label(service)} sets networkConfiguration.awsvpcConfiguration but task definition '{td.name}' "
                f"uses network mode {mode}{declared}: ECS rejects it (\"Network Configuration is not valid for the "
                "given networkMode of this task definition\"); delete networkConfiguration, or set the task "
                "definition's networkMode to awsvpc"
            )
            if on_task_definition(service, td):
                yield Violation(("networkMode",), message, document=td.doc)
            else:
                yield Violation(("networkConfiguration",), message, target="key", document=service.doc)
