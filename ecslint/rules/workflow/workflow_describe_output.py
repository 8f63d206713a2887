"""ECS803: a workflow's render or deploy step reads `describe-task-definition` output."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.rules.workflow.common import ACTION, linked, task_definition
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS803",
    name="workflow-describe-output",
    severity="error",
    scope="workspace",
    kinds=("workflow", "task-definition"),
    tags=("workflow", "deployment"),
    sources=(
        "https://github.com/aws-actions/amazon-ecs-render-task-definition/issues/193",
        "https://github.com/aws-actions/amazon-ecs-deploy-task-definition",
        "https://docs.aws.amazon.com/cli/latest/reference/ecs/describe-task-definition.html",
    ),
)
def workflow_describe_output(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A workflow's ECS render or deploy step reads a file of `describe-task-definition` output (`{"taskDefinition": {...}}`) instead of the task definition itself.

    What it does:
        For each step of ``aws-actions/amazon-ecs-render-task-definition`` or
        ``aws-actions/amazon-ecs-deploy-task-definition`` that names a task definition
        file of the repository, reports the step's ``task-definition`` when the file holds
        ``describe-task-definition`` output: the task definition wrapped in
        ``{"taskDefinition": ...}``. Read-only members alone (``taskDefinitionArn``,
        ``revision``, ...) are not reported here: both actions strip them (``ECS007``
        notes them). The finding is on the workflow's line, also when only the task
        definition file is being checked. Steps that read an earlier render step's output
        are not reported again, and a file an earlier step may write is not judged.

    Why it matters:
        The actions need ``containerDefinitions`` at the top of the file: the render step
        fails ("Invalid task definition format: containerDefinitions section is not
        present or is not an array"), and the deploy step cannot register it. The usual
        cause is saving ``aws ecs describe-task-definition`` output without ``--query
        taskDefinition``.

    Example:
        Bad:

        ```yaml .github/workflows/deploy.yml
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with:
                  task-definition: task-definition.json
                  service: web
                  cluster: production
                  wait-for-service-stability: true
        ```

        ```json task-definition.json
        {"taskDefinition": {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}}
        ```

        Good:

        ```yaml .github/workflows/deploy.yml
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with:
                  task-definition: task-definition.json
                  service: web
                  cluster: production
                  wait-for-service-stability: true
        ```

        ```json task-definition.json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
        ```

    How to fix:
        Store the task definition itself: unwrap the file, or write it with ``aws ecs
        describe-task-definition --task-definition FAMILY --query taskDefinition >
        task-definition.json``.
    """
    for step, ref, file in linked(ws):
        doc = task_definition(file)
        if doc is None or doc.shape != "describe":
            continue
        failure = (
            'fails ("Invalid task definition format: containerDefinitions section is not present or is not an array")'
            if step.action == "render"
            else "cannot register it (the task definition's members are not at the top level)"
        )
        yield Violation(
            step.path("task-definition"),
            f"`{ref.path}` holds `describe-task-definition` output (the task definition inside "
            f'`{{"taskDefinition": ...}}`): {step.title} ({ACTION[step.action]}) {failure}; store the task '
            "definition itself: unwrap it, or save it with `aws ecs describe-task-definition ... --query taskDefinition`",
            document=step.doc,
            about=(doc,),
        )
