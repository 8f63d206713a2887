"""ECS801: a workflow's render or deploy step names a task-definition file the repository lacks."""

from __future__ import annotations

import os

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.rules.workflow.common import ACTION, linked
from ecslint.sources.references import FileReference
from ecslint.workspace import MISSING, Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS801",
    name="workflow-task-definition-not-found",
    severity="error",
    scope="workspace",
    kinds=("workflow", "task-definition"),
    tags=("workflow", "deployment"),
    sources=(
        "https://github.com/aws-actions/amazon-ecs-render-task-definition",
        "https://github.com/aws-actions/amazon-ecs-deploy-task-definition",
        "https://docs.github.com/en/actions/reference/workflows-and-actions/contexts",
    ),
)
def workflow_task_definition_not_found(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A workflow step of the ECS render or deploy action names a `task-definition` file that the repository does not have, or that holds no task definition.

    What it does:
        For each step of a GitHub Actions workflow (``.github/workflows/*.yml``) that uses
        ``aws-actions/amazon-ecs-render-task-definition`` or
        ``aws-actions/amazon-ecs-deploy-task-definition`` (any version, also pinned by
        commit SHA), resolves its ``task-definition`` input (literal, or
        ``${{ env.NAME }}`` from the step's, job's or workflow's ``env:``) against the
        repository root, where ``actions/checkout`` puts the repository (under its
        ``path:`` when given), and reports the input when no such file exists (names
        compared case-sensitively, as on the Linux runners), or when the file holds no
        task definition (a bare container array, a template, a service). The finding is on
        the workflow's line. Nothing is said when an expression computes the path, when
        the step reads an earlier render step's output, or when an earlier step may write
        the file: a ``run:`` script that names it (``aws ecs describe-task-definition ... >
        task-definition.json``), an artifact download or any action not known to leave the
        workspace alone. A file that cannot be parsed is reported by ``ECS001`` instead.

    Why it matters:
        Both actions resolve the path against ``$GITHUB_WORKSPACE``, never against a
        ``working-directory``; a wrong path fails the deployment at its first step
        ("Task definition file does not exist: ..."), after the image was built and
        pushed. A path that works on a case-insensitive laptop fails on the runner.

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
                  task-definition: .aws/task-definition.json
                  container-name: web
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
        Give the path from the repository root (``infra/task-definition.json``, not
        ``task-definition.json`` with ``working-directory: infra``), with the file name's
        exact case, and commit the file; or, to deploy what is registered, write it in an
        earlier step: ``aws ecs describe-task-definition --task-definition FAMILY --query
        taskDefinition > task-definition.json``.
    """
    for step, ref, file in linked(ws):
        action = ACTION[step.action]
        if file is MISSING:
            failure = (
                f'fails with "Task definition file does not exist: {ref.source}"' if step.action == "render" else "cannot read it"
            )
            where = f" (checked out in `{ref.checkout}`)" if ref.checkout else ""
            yield Violation(
                step.path("task-definition"),
                f"`{ref.path}` is not a file of this repository{where}: {step.title} ({action}) {failure}; the action reads "
                f"paths from `$GITHUB_WORKSPACE` (the repository root after actions/checkout), whatever the "
                f"`working-directory`{_did_you_mean(ws, ref)}",
                document=step.doc,
            )
            continue
        if file.problems:
            continue  # ECS001 says why the file cannot be read
        kinds = {d.kind for d in file.documents if d.origin is None}
        shapes = {d.shape for d in file.documents if d.kind == "task-definition"}
        if shapes & {"register", "describe"}:
            continue  # a task definition (describe output: ECS803)
        if "container-definitions" in shapes:
            holds = "a bare array of container definitions"
        elif file.documents:
            holds = "no task definition the actions can read (" + ", ".join(sorted(kinds or {"a template"})) + ")"
        else:
            holds = f"no task definition ({file.skipped})" if file.skipped else "no task definition"
        yield Violation(
            step.path("task-definition"),
            f"`{ref.path}` holds {holds}: {step.title} ({action}) needs a task definition object with "
            '`containerDefinitions` at its top level, as `register-task-definition` takes it ("Invalid task '
            'definition format: containerDefinitions section is not present or is not an array"); point it at '
            "the task definition file",
            document=step.doc,
            about=tuple(file.documents),
        )


def _did_you_mean(ws: Workspace, ref: FileReference) -> str:
    """The path the author may have meant, as the input must give it: the same path
    spelt with the case of the files on disk, one an earlier step writes elsewhere, the
    same path under the job's default working directory, or the one file of the run with
    that name."""
    cased = _cased(ref)
    if cased is not None:
        return f"; did you mean `{_input(ref, cased)}`? (file names are case-sensitive on the runner)"
    for path, why, needs_file in ref.nearby:
        if not needs_file or os.path.isfile(os.path.join(ref.root, *path.split("/"))):
            return f"; did you mean `{_input(ref, path)}`? ({why})"
    base = os.path.abspath(ref.root)
    others = sorted(
        os.path.relpath(os.path.abspath(f.path), base).replace(os.sep, "/")
        for f in ws.files_named(os.path.basename(ref.path))
        if os.path.abspath(f.path).startswith(base + os.sep)
    )
    if len(others) == 1:
        return f"; did you mean `{_input(ref, others[0])}`?"
    return "; fix the path or commit the file"


def _input(ref: FileReference, path: str) -> str:
    """What the input gives for the repository's ``path``."""
    return f"{ref.checkout}/{path}" if ref.checkout else path


def _cased(ref: FileReference) -> str | None:
    """``ref``'s path with each name spelt as on disk, when only the case differs."""
    directory, parts = ref.root, []
    for name in ref.path.split("/"):
        try:
            entries = os.listdir(directory)
        except OSError:
            return None
        if name not in entries:
            matches = [e for e in entries if e.lower() == name.lower()]
            if len(matches) != 1:
                return None
            name = matches[0]
        parts.append(name)
        directory = os.path.join(directory, name)
    return "/".join(parts) if os.path.isfile(directory) and "/".join(parts) != ref.path else None
