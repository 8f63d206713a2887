"""ECS209: a task-level cpu or memory value ECS cannot read, or an EC2 cpu out of range."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Task-level cpu range for EC2 and EXTERNAL (botocore ECS model, RegisterTaskDefinitionRequest.cpu).
EC2_CPU_MIN = 128
EC2_CPU_MAX = 196608


@rule(
    id="ECS209",
    name="invalid-task-size-value",
    severity="error",
    kinds=("task-definition",),
    tags=("sizing",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
    ),
)
def invalid_task_size_value(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """Task-level cpu or memory is not an integer or a recognised unit string; EC2 cpu outside 128-196608.

    What it does:
        Reads the task-level ``cpu`` and ``memory`` as ECS does: an integer (``1024``), a
        string of digits (``"1024"``), or a unit string, ``"1 vCPU"``/``".25 vcpu"`` for
        cpu and ``"2 GB"``/``"512 MiB"`` for memory (a GB is 1,024 MiB). Any other string
        is reported (an empty string is left alone: tools write it for "not set", and
        whether ECS reads it so is not documented). For a task that runs only on EC2 or EXTERNAL, a cpu outside 128-196608
        units (0.125-192 vCPU) is reported too. Fargate sizes are checked against the
        Fargate table by ECS201; Windows tasks are not range-checked (ECS ignores their
        task-level sizes), and templated values are never judged.

    Why it matters:
        ECS rejects the registration ("Invalid 'cpu' setting for task."). A value such as
        ``"2GiB "`` or ``"1 core"`` looks plausible in review and fails only at deploy time.

    Example:
        Bad:

        ```json
        {"family": "worker", "requiresCompatibilities": ["EC2"], "cpu": "1 core", "memory": "2 GB",
         "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

        Good:

        ```json
        {"family": "worker", "requiresCompatibilities": ["EC2"], "cpu": "1 vCPU", "memory": "2 GB",
         "containerDefinitions": [{"name": "worker", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

    How to fix:
        Write cpu as CPU units (``"1024"``) or vCPUs (``"1 vCPU"``), memory as MiB
        (``"2048"``) or GB (``"2 GB"``). On EC2 keep cpu between 128 and 196608 units.
    """
    for key, reader, unit in (("cpu", td.cpu, "vCPU"), ("memory", td.memory, "GB")):
        raw = td.task_field(key)
        if isinstance(raw, str) and raw.strip() and reader is None:
            example = '"1024" or "1 vCPU"' if key == "cpu" else '"2048" or "2 GB"'
            yield Violation(
                (key,),
                f"task {key} {_show(raw)} is neither a number nor a {unit} amount ECS can read: ECS rejects "
                f"the registration; write it as {example}",
            )
    cpu = td.cpu
    if not isinstance(cpu, int) or not _ec2_only(td):
        return
    if cpu < EC2_CPU_MIN or cpu > EC2_CPU_MAX:
        yield Violation(
            ("cpu",),
            f"task cpu {cpu} units is outside the {EC2_CPU_MIN}-{EC2_CPU_MAX} units (0.125-192 vCPU) ECS "
            f"accepts for EC2 tasks: ECS rejects the registration; use a value in that range, or remove the "
            "task-level cpu and size the containers",
        )


def _ec2_only(td: TaskDefinition) -> bool:
    """Runs only on EC2 or EXTERNAL instances (the range of the API model), on Linux."""
    required = td.requires_compatibilities
    if required is UNKNOWN or td.is_windows is not False:
        return False
    return not required or required <= {"EC2", "EXTERNAL"}


def _show(raw: str) -> str:
    """The value for the message, quoted and shortened (it is a size, not free text, but
    a wrong paste can be long)."""
    text = raw if len(raw) <= 40 else raw[:37] + "..."
    return '"' + text.replace('"', '\\"') + '"'
