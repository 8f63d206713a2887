"""ECS206: the task needs more than any instance it can run on registers."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Path, Violation
from ecslint.core.rule import Option, rule
from ecslint.model.taskdef import CONTAINERS, TaskDefinition
from ecslint.model.values import UNKNOWN


@rule(
    id="ECS206",
    name="task-exceeds-instance",
    severity="error",
    kinds=("task-definition",),
    tags=("ec2", "sizing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html",
    ),
    options={
        "reserved-memory": Option(0, int, "must be an integer: MiB set aside by ECS_RESERVED_MEMORY on the hosts"),
    },
)
def task_exceeds_instance(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The task needs more cpu or memory than any instance type it can run on can register.

    What it does:
        For a task that can run on EC2, computes what placement reserves: task-level
        ``memory``/``cpu`` when set, otherwise the containers' sum (``memoryReservation``,
        else ``memory``; container ``cpu``). It compares that with what the ECS agent
        registers on each candidate instance type: ``vCPUs x 1024`` CPU units, and at most
        ``floor(0.985 x nominal MiB) - reserved`` of memory on Linux (``nominal -
        reserved`` on Windows), because the kernel and the agent take their share before
        ECS sees the memory. Candidates are the configured ``instance-types`` (and
        ``--instance-type``), narrowed by ``attribute:ecs.instance-type`` placement
        expressions (``==``, ``!=``, ``in``, ``=~``) and by ``runtimePlatform.cpuArchitecture``;
        with neither, every EC2 instance type. The task is reported only when it fits none.
        The option ``reserved-memory`` is your hosts' ``ECS_RESERVED_MEMORY``.

    Why it matters:
        ECS never places such a task: services log "unable to place a task because no
        container instance met all of its requirements ... insufficient memory" and retry
        forever; RunTask fails with ``RESOURCE:MEMORY``. A task sized at the nominal 8 GiB
        of an m5.large is the classic case: the instance registers about 7.5 GiB.

    Example:
        Bad:

        ```json
        {"family": "batch", "requiresCompatibilities": ["EC2"], "memory": "8192",
         "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type == m5.large"}],
         "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

        Good:

        ```json
        {"family": "batch", "requiresCompatibilities": ["EC2"], "memory": "7168",
         "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type == m5.large"}],
         "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

    How to fix:
        Lower the task's memory or cpu below what the instance registers (check
        ``registeredResources`` in ``aws ecs describe-container-instances``), or run it on
        the larger instance type the message suggests.
    """
    if td.may_run_on_ec2 is not True:
        return
    windows = td.is_windows
    if windows is UNKNOWN:
        return
    from ecslint.model import instances, placement  # the catalogue only when EC2 is possible

    os_name = "windows" if windows else "linux"
    need = _needs(td, windows)
    if need is None:
        return
    (need_cpu, cpu_path), (need_memory, memory_path) = need
    reserved = ctx.options.get("reserved-memory", 0)

    configured = [t for name in ctx.instance_types if (t := instances.lookup(name)) is not None]
    expressions = []
    for _, text in td.placement_expressions:
        try:
            expressions.append(placement.parse(text))
        except placement.PlacementSyntaxError:
            return  # an unreadable constraint: placement is unknown
    restricting = [e for e in expressions if placement.restricts_instance_type(e)]
    pool = configured or list(instances.catalog().values())
    candidates = placement.candidates(restricting, pool) if restricting else pool
    architecture = td.cpu_architecture
    if architecture is UNKNOWN:
        return
    if isinstance(architecture, str):
        candidates = [t for t in candidates if instances.supports_architecture(t, architecture)]
    if not candidates:
        return  # nothing the task may run on; not a size problem
    if any(instances.fit(need_cpu, need_memory, t, os_name, reserved) is not instances.Fit.CANNOT_FIT for t in candidates):
        return

    scope = "the configured instance types" if configured else (
        "the instance types its placement constraints allow" if restricting else "every EC2 instance type"
    )
    best_memory = max(candidates, key=lambda t: instances.memory_ceiling(t, os_name, reserved))
    best_cpu = max(candidates, key=lambda t: t.cpu_units)
    ceiling = instances.memory_ceiling(best_memory, os_name, reserved)
    suggestion = instances.smallest_fitting(
        need_cpu,
        need_memory,
        os_name,
        reserved,
        families={t.family for t in candidates} if configured or restricting else None,
        architectures={architecture} if isinstance(architecture, str) else None,
    ) or instances.smallest_fitting(
        need_cpu, need_memory, os_name, reserved, architectures={architecture} if isinstance(architecture, str) else None
    )
    instead = f"; {suggestion.name} ({suggestion.vcpus} vCPU, {suggestion.memory_mib} MiB) fits" if suggestion else ""
    overhead = "nominal minus kernel and agent overhead" if os_name == "linux" else "nominal"
    if reserved:
        overhead += f" and {reserved} MiB ECS_RESERVED_MEMORY"
    if need_memory > ceiling:
        yield Violation(
            memory_path,
            f"the task reserves {need_memory} MiB of memory but the largest of {scope}, {best_memory.name}, "
            f"registers at most {ceiling} MiB ({best_memory.memory_mib} MiB {overhead}): ECS can never place it"
            f"{instead}, or lower the memory",
            _target(memory_path),
        )
    if need_cpu > best_cpu.cpu_units:
        yield Violation(
            cpu_path,
            f"the task reserves {need_cpu} CPU units but the largest of {scope}, {best_cpu.name}, registers "
            f"{best_cpu.cpu_units} ({best_cpu.vcpus} vCPU x 1024): ECS can never place it{instead}, or lower the cpu",
            _target(cpu_path),
        )
    if need_memory <= ceiling and need_cpu <= best_cpu.cpu_units:
        yield Violation(
            memory_path,
            f"no single instance type among {scope} has both {need_cpu} CPU units and {need_memory} MiB of "
            f"registrable memory: ECS can never place the task{instead}",
            _target(memory_path),
        )


def _target(path: Path) -> str:
    """The task-level value itself, or the container list's key when the sum is the need."""
    return "key" if path == (CONTAINERS,) else "value"


def _needs(td: TaskDefinition, windows: bool) -> tuple[tuple[int, Path], tuple[int, Path]] | None:
    """(cpu, where), (memory, where) the task reserves, or None when a value is unknown."""
    containers = td.containers
    # Task-level sizes are ignored for Windows containers: the containers' values count.
    task_memory = None if windows else td.memory
    task_cpu = None if windows else td.cpu
    if task_memory is UNKNOWN or task_cpu is UNKNOWN:
        return None
    if isinstance(task_memory, int):
        memory = (task_memory, ("memory",))
    else:
        values = [c.memory_reservation if c.memory_reservation is not None else c.memory for c in containers]
        if any(v is UNKNOWN for v in values):
            return None
        memory = (sum(v for v in values if isinstance(v, int)), (CONTAINERS,))
    if isinstance(task_cpu, int):
        cpu = (task_cpu, ("cpu",))
    else:
        values = [c.cpu for c in containers]
        if any(v is UNKNOWN for v in values):
            return None
        cpu = (sum(v for v in values if isinstance(v, int)), (CONTAINERS,))
    return cpu, memory
