"""ECS804: a deploy step that does not wait for the service to become stable."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN
from ecslint.model.workflow import WorkflowStep


@rule(
    id="ECS804",
    name="deploy-without-stability-wait",
    severity="note",
    kinds=("workflow",),
    tags=("workflow", "deployment", "reliability"),
    sources=(
        "https://github.com/aws-actions/amazon-ecs-deploy-task-definition",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html",
    ),
)
def deploy_without_stability_wait(step: WorkflowStep, ctx: Context) -> Iterator[Violation]:
    """A workflow's `amazon-ecs-deploy-task-definition` step updates a service without `wait-for-service-stability: true`.

    What it does:
        Reports each step of ``aws-actions/amazon-ecs-deploy-task-definition`` that
        deploys to a ``service`` and does not set ``wait-for-service-stability`` to
        ``true`` (compared case-insensitively, as the action does: ``yes`` does not wait):
        on the value when it is set otherwise, else on the step's ``with``. A step without
        ``service`` only registers the task definition and is not reported, nor is a
        value an expression computes.

    Why it matters:
        By default the action returns as soon as ``UpdateService`` accepts the new task
        definition: the workflow reports success before a single new task runs, so a
        deployment that fails (tasks that crash, health checks that never pass, a
        rollback by the circuit breaker) goes unnoticed. With the wait, the step fails
        when the service does not become stable, and (v2.6.2 and later) when the
        circuit breaker rolled the deployment back.

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

    How to fix:
        Add ``wait-for-service-stability: true`` (and ``wait-for-minutes`` when a
        deployment takes longer than the default 30 minutes).
    """
    if step.action != "deploy" or step.service is None or step.service == "":
        return
    waits = step.waits_for_stability
    if waits is UNKNOWN or waits:
        return
    message = (
        f"{step.title} deploys to {_service(step)} without waiting for it to become stable: the workflow "
        "succeeds as soon as ECS accepts the update, even when the new tasks never start or the deployment is "
        "rolled back; set `wait-for-service-stability: true`"
    )
    if step.has("wait-for-service-stability"):
        yield Violation(step.path("wait-for-service-stability"), message)
    else:
        yield Violation(("with",), message, target="key")


def _service(step: WorkflowStep) -> str:
    name = step.service
    return f"service '{name}'" if isinstance(name, str) else "a service"
