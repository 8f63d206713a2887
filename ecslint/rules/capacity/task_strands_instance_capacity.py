"""ECS208: one copy of the task per instance, and most of the other resource left idle."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.rules.capacity import fit

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.instances import InstanceType


@rule(
    id="ECS208",
    name="task-strands-instance-capacity",
    severity="note",
    kinds=("task-definition",),
    tags=("ec2", "sizing", "cost"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    ),
    options=fit.OPTIONS,
)
def task_strands_instance_capacity(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """Only one copy of the task fits per instance, and more than half of the instance's cpu or memory stays idle.

    What it does:
        Uses the same need and candidate instance types as ECS207 (configured
        ``instance-types``, the stack's capacity providers' instance types, or
        ``attribute:ecs.instance-type`` placement constraints; silent without them). On a candidate type the task strands capacity when both hold:

        - a second copy surely does not fit: twice the task's CPU units exceed the type's
          ``vCPUs x 1024``, or twice its memory exceeds the most the type can register
          (``floor(0.985 x N)`` MiB on Linux, less ``reserved-memory``);
        - with one copy placed, more than half of the other resource stays idle and the
          task cannot use it either: its hard limit on that resource is under half of
          what the type registers (memory compared with the safe floor
          ``floor(0.95 x N) - 150`` MiB, so the share is surely over half).

        The hard limits are the task-level ``memory``/``cpu`` on Linux, else the sum of
        the containers' ``memory`` (when every container has one); container ``cpu`` on
        Linux is only a relative share, so a task without a task-level ``cpu`` may use
        every idle CPU and never strands it (on Windows container ``cpu`` is an absolute
        limit). The task is reported only when every candidate it surely fits (below the
        safe floor) strands capacity this way: one candidate where two copies fit
        silences it. Candidates it may not fit at all are ECS206's and ECS207's.

    Why it matters:
        ECS places each copy on its own instance, and the idle half of every instance is
        paid for but usable only by other, smaller tasks. A service of ten copies buys ten
        instances where a type with the task's cpu-to-memory ratio would need five.

    Example:
        Bad:

        ```json
        {"family": "render", "requiresCompatibilities": ["EC2"], "cpu": "1536", "memory": "1024",
         "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type == m5.large"}],
         "containerDefinitions": [{"name": "render", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

        Good:

        ```json
        {"family": "render", "requiresCompatibilities": ["EC2"], "cpu": "1024", "memory": "3072",
         "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type == m5.large"}],
         "containerDefinitions": [{"name": "render", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

    How to fix:
        Size the task so that two (or more) copies fit, using the resource that sits idle
        (the example gives each copy half the CPU and more memory), or run it on an
        instance family with the task's cpu-to-memory ratio: compute-optimized ``c``
        types for cpu-heavy tasks, memory-optimized ``r`` types for memory-heavy ones.
    """
    c = fit.candidates(td, ctx)
    if c is None or not c.specific:
        return
    from ecslint.model import instances

    need = c.need
    reserved = fit.reserved_memory(ctx)
    surely = [t for t in c.types if instances.fit(need.cpu, need.memory, t, c.os, reserved) is instances.Fit.FITS]
    if not surely:
        return
    cpu_limit, memory_limit = fit.limits(td, c.os == "windows")
    stranded = [(t, _stranded(t, need, cpu_limit, memory_limit, c.os, reserved)) for t in surely]
    if any(s is None for _, s in stranded):
        return  # a type packs two copies, or leaves nothing large idle
    t, (blocked, message) = max(stranded, key=lambda e: (e[0].memory_mib, e[0].vcpus, e[0].name))
    path = need.cpu_path if blocked == "cpu" else need.memory_path
    yield Violation(
        path,
        f"only one copy of the task fits per {fit.describe(t)} instance (the largest of {c.scope} it fits): {message}",
        need.target(path),
    )


def _stranded(
    t: InstanceType, need: fit.Need, cpu_limit: int | None, memory_limit: int | None, os: str, reserved: int
) -> tuple[str, str] | None:
    """("cpu" | "memory" that blocks a second copy, message tail), or None when the task
    packs, or leaves no more than half of the other resource idle."""
    from ecslint.model import instances

    units = t.cpu_units
    ceiling = instances.memory_ceiling(t, os, reserved)
    floor = instances.memory_safe_floor(t, os, reserved)
    typical = instances.memory_typical(t, os, reserved)
    if 2 * need.cpu > units and memory_limit is not None and 2 * memory_limit < floor:
        idle = typical - memory_limit
        return "cpu", (
            f"it reserves {need.cpu} of the {units} CPU units, so a second copy cannot be placed, while it may "
            f"use at most {memory_limit} MiB of the ~{typical} MiB the instance registers, leaving about {idle} MiB "
            "(more than half) idle on every instance; give each copy at most half the CPU units so two fit, "
            "or use an instance type with less memory per vCPU"
        )
    if 2 * need.memory > ceiling and cpu_limit is not None and 2 * cpu_limit < units:
        return "memory", (
            f"it reserves {need.memory} MiB and the instance registers at most {ceiling} MiB (~{typical} MiB "
            f"expected), so a second copy cannot be placed, while it may use at most {cpu_limit} of the {units} CPU "
            f"units, leaving {units - cpu_limit} (more than half) idle on every instance; give each copy less "
            "memory so two fit, or use an instance type with more memory per vCPU"
        )
    return None
