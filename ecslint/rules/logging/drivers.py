"""Facts the logging rules share (ECS API reference, LogConfiguration; reference §6).

Not a rule module: the family ``__init__`` does not list it.
"""

from __future__ import annotations

from ecslint.core.finding import Path

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.taskdef import Container, TaskDefinition

#: Every driver the API's LogDriver enum has (what EC2 instances may use).
ALL = frozenset({"awslogs", "fluentd", "gelf", "json-file", "journald", "syslog", "splunk", "awsfirelens"})
#: Drivers Fargate supports.
FARGATE = frozenset({"awslogs", "splunk", "awsfirelens"})
#: Drivers ECS Managed Instances support.
MANAGED_INSTANCES = frozenset({"awslogs", "splunk", "awsfirelens", "json-file"})

#: The options ECS accepts for awslogs; any other is rejected at registration
#: ("Log driver awslogs disallows options: ...").
AWSLOGS_OPTIONS = (
    "awslogs-group",
    "awslogs-region",
    "awslogs-stream-prefix",
    "awslogs-create-group",
    "awslogs-datetime-format",
    "awslogs-multiline-pattern",
    "mode",
    "max-buffer-size",
)


def with_driver(td: TaskDefinition, driver: str) -> Iterator[tuple[Container, dict]]:
    """Each container that logs with ``driver``, with its ``logConfiguration.options``
    (empty when absent). Containers whose options are malformed (the schema rules' to
    report) or templated are skipped: what they hold is not known."""
    for c in td.containers:
        if c.log_driver == driver:
            options = c.log_option_map
            if isinstance(options, dict):
                yield c, options


def options_path(c: Container) -> Path:
    """Where a finding about the options goes: ``options`` or, when it is absent, the
    ``logConfiguration`` that lacks it (the engine falls back to the nearest parent)."""
    return c.field("logConfiguration") + ("options",)


def listing(names: list[str]) -> str:
    """```a`, `b` and `c``` for messages."""
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
