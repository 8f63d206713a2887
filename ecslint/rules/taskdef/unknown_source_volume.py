"""ECS108: a mount point's `sourceVolume` is not a volume of the task."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS108",
    name="unknown-source-volume",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness", "storage"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_MountPoint.html",
        "https://github.com/ansible/ansible/issues/35777",
    ),
)
def unknown_source_volume(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container's `mountPoints[].sourceVolume` names no volume declared in the task's `volumes`.

    What it does:
        Reports a mount point whose ``sourceVolume`` is not exactly the ``name`` of one of
        the task definition's ``volumes``, on the ``sourceVolume``, with a did-you-mean.
        A bare container array (Terraform ``container_definitions``) is skipped, since its
        volumes are declared elsewhere, and so is a task whose volume list, volume names
        or source volume are templated.

    Why it matters:
        A mount point attaches a task volume by name; there is no implicit volume. ECS
        rejects the registration ("Unknown volume 'X'.").

    Example:
        Bad:

        ```json
        {"family": "web", "volumes": [{"name": "static-content"}],
         "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "mountPoints": [{"sourceVolume": "static", "containerPath": "/usr/share/nginx/html"}]}]}
        ```

        Good:

        ```json
        {"family": "web", "volumes": [{"name": "static-content"}],
         "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "mountPoints": [{"sourceVolume": "static-content", "containerPath": "/usr/share/nginx/html"}]}]}
        ```

    How to fix:
        Use the exact ``name`` of a task volume in ``sourceVolume``, or declare the volume
        in the task definition's ``volumes``.
    """
    declared = td.volume_names
    if declared is UNKNOWN:
        return
    from ecslint.core.suggest import did_you_mean

    for container in td.containers:
        for index, source in container.mount_points:
            if not isinstance(source, str) or not source or source in declared:
                continue
            if declared:
                where = f"the task declares {_listing(declared)}{did_you_mean(source, sorted(declared))}"
            else:
                where = "the task declares no volumes"
            yield Violation(
                container.path + ("mountPoints", index, "sourceVolume"),
                f"{container.label} mounts sourceVolume '{source}', which is not a volume of the task ({where}); "
                f"ECS rejects it (\"Unknown volume '{source}'.\"): declare a volume named '{source}' in `volumes` "
                "or use the name of a declared one",
            )


def _listing(names: frozenset[str]) -> str:
    shown = sorted(names)
    text = ", ".join(f"'{n}'" for n in shown[:5])
    return text + (f" and {len(shown) - 5} more" if len(shown) > 5 else "")
