"""ECS802: a render step's `container-name` is not a container of its task definition."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.core.suggest import did_you_mean
from ecslint.model import view
from ecslint.model.values import UNKNOWN
from ecslint.rules.workflow.common import linked, task_definition
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS802",
    name="workflow-container-not-found",
    severity="error",
    scope="workspace",
    kinds=("workflow", "task-definition"),
    tags=("workflow", "deployment"),
    sources=(
        "https://github.com/aws-actions/amazon-ecs-render-task-definition",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    ),
)
def workflow_container_not_found(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A workflow's `amazon-ecs-render-task-definition` step names a `container-name` that its task definition file does not have.

    What it does:
        For each step that uses ``aws-actions/amazon-ecs-render-task-definition`` and
        reads a task definition file of the repository (directly, or through
        ``${{ steps.<id>.outputs.task-definition }}`` of an earlier render step, whose
        output has the same containers), compares ``container-name`` with the file's
        ``containerDefinitions[].name``, exactly and case-sensitively, as the action does.
        Since v1.8.0 (and the floating ``v1``) the value may list several containers
        separated by commas, which the action does not trim (``web, app`` asks for
        `` app``); before v1.8.0 the whole value is one name; pinned to a commit SHA, a
        value with a comma is not judged. The finding is on the workflow's
        ``container-name``, also when only the task definition is being checked (the
        pre-commit hook on ``task-definition.json``: the repository's workflows are read as
        context), so renaming a container fails the commit while a workflow still renders
        the old name. Nothing is said when the name or the container names are
        templated, or when an earlier step may write the file.

    Why it matters:
        The render step fails ("Invalid task definition: Could not find container
        definition with matching name") after the image was built and pushed: nothing is
        deployed, and the error names neither the container nor the file.

    Example:
        Bad:

        ```yaml .github/workflows/deploy.yml
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - id: render
                uses: aws-actions/amazon-ecs-render-task-definition@v1
                with:
                  task-definition: task-definition.json
                  container-name: app
                  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:${{ github.sha }}
        ```

        ```json task-definition.json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
        ```

        Good:

        ```yaml .github/workflows/deploy.yml
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - id: render
                uses: aws-actions/amazon-ecs-render-task-definition@v1
                with:
                  task-definition: task-definition.json
                  container-name: web
                  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:${{ github.sha }}
        ```

        ```json task-definition.json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
        ```

    How to fix:
        Name a container of the task definition in ``container-name`` (or rename the
        container back); several containers are separated by commas without spaces
        (``web,worker``, v1.8.0 and later), or rendered by chained steps.
    """
    for step, ref, file in linked(ws, chained=True):
        if step.action != "render":
            continue
        doc = task_definition(file)
        if doc is None or doc.shape != "register":
            continue  # missing, not a task definition (ECS801), describe output (ECS803)
        names = step.container_names
        if names is UNKNOWN or names is None:
            continue
        td = view(doc)
        known = td.container_names
        if known is UNKNOWN or not td.containers or any(c.name is None for c in td.containers):
            continue  # a placeholder or an unnamed container might be the one
        missing = [name for name in names if name not in known]
        if not missing:
            continue
        listed = ", ".join(f"'{n}'" for n in sorted(known))
        what = ", ".join(f"'{n}'" for n in missing)
        hint = ""
        if any(n != n.strip() and n.strip() in known for n in missing):
            hint = "; the action splits the list at commas without trimming spaces: write it without spaces"
        elif any("," in n for n in missing):
            hint = f"; version {step.ref} reads the value as one name: lists of containers need v1.8.0 or later"
        else:
            hint = did_you_mean(missing[0], known)
        yield Violation(
            step.path("container-name"),
            f"{step.title} renders container {what}, but `{ref.path}` has no such container (containers: {listed}): "
            f'the render step fails ("Invalid task definition: Could not find container definition with matching '
            f'name"){hint}; name a container of the task definition',
            document=step.doc,
            about=(doc,),
        )
