"""ECS113: a container health check ECS does not accept."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN, integer, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: (member, minimum, maximum, default) in seconds (retries: a count), from the HealthCheck API.
RANGES = (
    ("interval", 5, 300, "30"),
    ("timeout", 2, 60, "5"),
    ("retries", 1, 10, "3"),
    ("startPeriod", 0, 300, "off"),
)
KINDS = ("CMD", "CMD-SHELL")


@rule(
    id="ECS113",
    name="invalid-healthcheck",
    severity="error",
    kinds=("task-definition",),
    tags=("reliability", "correctness"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
    ),
)
def invalid_healthcheck(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A health check whose command does not start with `CMD` or `CMD-SHELL`, or whose interval, timeout, retries or startPeriod is out of range.

    What it does:
        For each container ``healthCheck``, reports:

        - a ``command`` that is empty, whose first element is not exactly ``CMD`` (run
          the arguments directly) or ``CMD-SHELL`` (run one string with the container's
          shell), or that has nothing to run after it; a first element that holds the
          whole command (``"CMD-SHELL curl -f http://localhost/"``) is reported too;
        - ``interval`` outside 5-300 seconds, ``timeout`` outside 2-60 seconds (the 120
          seconds of load balancer health checks do not apply), ``retries`` outside 1-10,
          ``startPeriod`` outside 0-300 seconds.

        Each problem is reported at its value. Templated values are not judged, and the
        command is never quoted in the message (it may hold credentials).

    Why it matters:
        ECS rejects out-of-range values at registration. A command without ``CMD`` or
        ``CMD-SHELL`` is not one Docker can run: the container never reports healthy, so
        a service replaces its tasks again and again and ``HEALTHY`` dependencies never
        start.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "healthCheck": {"command": ["curl -f http://localhost/ || exit 1"], "interval": 30, "timeout": 90, "retries": 3}}]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 30, "timeout": 5, "retries": 3}}]}
        ```

    How to fix:
        Start the command with ``"CMD-SHELL"`` followed by one shell command string, or
        with ``"CMD"`` followed by the executable and its arguments, and keep interval
        5-300, timeout 2-60, retries 1-10 and startPeriod 0-300.
    """
    for container in td.containers:
        check = container.health_check
        if check is None:
            continue
        base = container.field("healthCheck")
        yield from _command(container.label, base, check.get("command"))
        for member, low, high, default in RANGES:
            value = integer(check.get(member))
            if isinstance(value, int) and not low <= value <= high:
                unit = "" if member == "retries" else " seconds"
                given = unit if value != 1 else " second"
                yield Violation(
                    base + (member,),
                    f"{container.label}: health check `{member}` is {value}{given}; ECS accepts {low}-{high}{unit} "
                    f"(default {default}): use a value in that range",
                )


def _command(label: str, base: tuple, command: object) -> Iterator[Violation]:
    if string(command) is UNKNOWN or not isinstance(command, list):
        return  # templated, or malformed / missing (the schema rules report those)
    path = base + ("command",)
    if not command:
        yield Violation(
            path,
            f'{label}: health check `command` is empty; it must start with "CMD" or "CMD-SHELL" followed by what to run',
        )
        return
    first = command[0]
    kind = string(first)
    if kind is UNKNOWN or not isinstance(kind, str):
        return
    if kind not in KINDS:
        stripped = kind.strip()
        head = stripped.split(None, 1)[0] if stripped else ""
        if head in KINDS and stripped != head:
            why = f'starts with "{head}" but holds the command in the same string'
            fix = f'split it: "{head}" as the first element and the command as the next'
        elif kind.upper() in KINDS or stripped in KINDS:
            why = "is not exactly `CMD` or `CMD-SHELL` (case and spaces matter)"
            fix = f'write "{kind.strip().upper()}"'
        else:
            why = "is neither `CMD` nor `CMD-SHELL`"
            fix = 'put "CMD-SHELL" (run a shell command) or "CMD" (run an executable) first'
        yield Violation(path + (0,), f"{label}: the first element of the health check `command` {why}: {fix}")
        return
    if len(command) == 1:
        yield Violation(
            path,
            f'{label}: health check `command` is just "{kind}" with nothing to run: add the command after it',
        )
