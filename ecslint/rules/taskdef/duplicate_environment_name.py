"""ECS115: one environment variable defined twice in a container."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

_SHARED_ERROR = (
    "The secret name must be unique and not shared with any new or existing environment variables "
    "set on the container, such as '{name}'."
)
_DUPLICATE_SECRET_ERROR = "Duplicate secret names found: {name}. Each secret name must be unique."


@rule(
    id="ECS115",
    name="duplicate-environment-name",
    severity="warning",
    kinds=("task-definition",),
    tags=("correctness",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://github.com/dagster-io/dagster/issues/11622",
        "https://github.com/CircleCI-Public/aws-ecs-orb/issues/190",
    ),
)
def duplicate_environment_name(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The same variable name twice in a container's `environment`, or also in its `secrets`.

    What it does:
        Within one container, reports an ``environment`` entry whose ``name`` an earlier
        entry already used, a ``secrets`` entry whose ``name`` is also an ``environment``
        name, and a ``secrets`` name used twice. The finding is on the later ``name``.
        Names are compared exactly (they are case-sensitive on Linux); templated names
        are skipped. Values are never read. The severity is a warning because only the
        secret cases have a documented API rejection; a name repeated inside
        ``environment`` is accepted and one of the values silently wins.

    Why it matters:
        A variable has one value: the duplicate hides which one the container gets, and
        an edit to the "wrong" copy silently does nothing. The API does not document a
        rejection for duplicates inside ``environment`` (only one value takes effect),
        hence a warning; a secret that repeats an environment name, or another secret,
        is rejected at registration ("The secret name must be unique and not shared with
        any new or existing environment variables set on the container, such as 'X'.",
        "Duplicate secret names found: X. Each secret name must be unique.").

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "environment": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "PORT", "value": "8080"}, {"name": "LOG_LEVEL", "value": "debug"}]}]}
        ```

        Good:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "environment": [{"name": "LOG_LEVEL", "value": "debug"}, {"name": "PORT", "value": "8080"}]}]}
        ```

    How to fix:
        Keep one definition per name: delete the stale copy, or rename one of the
        variables. A value that is secret belongs only in ``secrets``.
    """
    for container in td.containers:
        label = container.label
        environment: dict[str, int] = {}
        for path, name in container.environment_names:
            if not isinstance(name, str) or not name:
                continue
            if name in environment:
                yield Violation(
                    path + ("name",),
                    f"{label}: environment variable `{name}` is defined again (first in environment entry "
                    f"#{environment[name] + 1}); only one of the values takes effect: keep a single definition",
                )
            else:
                environment[name] = path[-1]
        secrets: dict[str, int] = {}
        for path, name, _ in container.secrets:
            if not isinstance(name, str) or not name:
                continue
            if name in environment:
                error = _SHARED_ERROR.format(name=name)
                yield Violation(
                    path + ("name",),
                    f'{label}: secret `{name}` is also set in `environment` (entry #{environment[name] + 1}); ECS rejects '
                    f'this ("{error}"): remove the plain environment entry',
                )
            elif name in secrets:
                error = _DUPLICATE_SECRET_ERROR.format(name=name)
                yield Violation(
                    path + ("name",),
                    f'{label}: secret `{name}` is defined twice (first in secrets entry #{secrets[name] + 1}); '
                    f'ECS rejects this ("{error}"): keep one',
                )
            if name not in secrets:
                secrets[name] = path[-1]
