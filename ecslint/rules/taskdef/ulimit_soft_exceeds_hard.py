"""ECS120: a ulimit whose soft limit is above its hard limit."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Docker's "unlimited" (RLIM_INFINITY).
UNLIMITED = -1


@rule(
    id="ECS120",
    name="ulimit-soft-exceeds-hard",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Ulimit.html",
        "https://man7.org/linux/man-pages/man2/setrlimit.2.html",
    ),
)
def ulimit_soft_exceeds_hard(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container ulimit whose `softLimit` is greater than its `hardLimit`.

    What it does:
        Reports, at ``softLimit``, each ``ulimits`` entry whose soft limit is above its
        hard limit. ``-1`` means unlimited, as in Docker: a soft limit of ``-1`` with a
        finite hard limit is reported, a hard limit of ``-1`` accepts any soft limit.
        Equal limits are fine; templated values are not judged.

    Why it matters:
        The hard limit is the ceiling for the soft limit: the kernel refuses a soft limit
        above it (``setrlimit`` fails with ``EINVAL``), so the container cannot be
        started and the task stops.

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 4096}]}]}
        ```

        Good:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 65536}]}]}
        ```

    How to fix:
        Lower ``softLimit`` to at most ``hardLimit``, or raise ``hardLimit`` (on Fargate,
        ``nofile`` goes up to 1048576).
    """
    for container in td.containers:
        for path, name, soft, hard in container.ulimits:
            if not isinstance(soft, int) or not isinstance(hard, int) or soft < UNLIMITED or hard < UNLIMITED:
                continue
            if hard == UNLIMITED or (soft != UNLIMITED and soft <= hard):
                continue
            which = f"`{name}`" if isinstance(name, str) else f"#{path[-1] + 1}"
            shown = "-1 (unlimited)" if soft == UNLIMITED else str(soft)
            yield Violation(
                path + ("softLimit",),
                f"{container.label}: ulimit {which} has softLimit {shown} above its hardLimit {hard}; the soft limit "
                "cannot exceed the hard one and the container would fail to start: lower softLimit or raise hardLimit",
            )
