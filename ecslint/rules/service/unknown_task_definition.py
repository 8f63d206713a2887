"""ECS518: a service names a task definition family that nothing in sight defines."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS518",
    name="unknown-task-definition",
    severity="note",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html",
    ),
)
def unknown_task_definition(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """The service names a task definition family that no task definition in the run or context defines.

    What it does:
        Reports a service whose ``taskDefinition`` (family, ``family:revision`` or ARN)
        names a family that no task definition among the files checked and ``--context``
        has. It stays silent unless at least one task definition is in sight at all:
        checking a service file on its own says nothing about the task definitions, and
        reporting every such service would be noise. It is also silent when any task
        definition in sight has no known family (a bare container array, a placeholder
        family), since that one may be it, and for a templated ``taskDefinition``. A
        CloudFormation task definition without ``Family`` is not one of those: CloudFormation
        registers it under a family made of the stack and resource names, which another
        template cannot name, so a service elsewhere that names a family is still checked
        (a service in the same template refers to it with ``!Ref``). ecspresso
        service definitions, which leave the task definition to the tool, are not checked.
        A family that is present in another revision is not reported.

    Why it matters:
        The cross-file rules (load balancer container and port, network mode, launch type,
        Service Connect port names, platform version features) can only check a service
        against a task definition they can see. A typo in the family, or a task
        definition file left out of the run, silently turns them off; a typo also fails
        the deployment, since ECS cannot find the task definition.

    Example:
        Bad:

        ```json
        {"serviceName": "web", "taskDefinition": "web-app:3", "desiredCount": 2}
        ```

        ```json
        {"family": "webapp", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
        ```

        Good:

        ```json
        {"serviceName": "web", "taskDefinition": "webapp:3", "desiredCount": 2}
        ```

        ```json
        {"family": "webapp", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
        ```

    How to fix:
        Correct the family in ``taskDefinition``, or pass the task definition's file to the
        run (or with ``--context``, or the config's ``context``) so that the service can be
        checked against it.
    """
    families = ws.family_names
    if not (families or ws.task_definitions) or not ws.services:
        return
    if any(ws.family_unknown(td) for td in ws.task_definitions):
        return  # a definition without a known family may be the one a service names
    from ecslint.model.service import TaskDefinitionRef

    for service in ws.services:
        ref = service.task_definition
        if not isinstance(ref, TaskDefinitionRef) or ref.family in families:
            continue
        known = sorted(families)
        shown = ", ".join(f"'{f}'" for f in known[:5]) + (f" and {len(known) - 5} more" if len(known) > 5 else "")
        seen = f"families in sight: {shown}" if known else "the task definitions in sight name no family"
        yield Violation(
            ("taskDefinition",),
            f"service '{service.name}' deploys task definition family '{ref.family}', which no task definition in "
            f"this run or its context defines ({seen}): the cross-file checks cannot see it; fix the family name, "
            "give the task definition that family, or add its file to the run or to --context",
            document=service.doc,
        )
