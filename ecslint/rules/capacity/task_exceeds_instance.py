"""ECS206: the task needs more than any instance it can run on registers."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.rules.capacity import fit

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


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
    options=fit.OPTIONS,
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
        ``--instance-type``), else the instance types of the stack that runs the task: in a
        CloudFormation template (or several checked together) or a Terraform module, each
        service that deploys it, its capacity provider strategy (or its cluster's default
        strategy, else the cluster's capacity providers), their Auto Scaling groups and the
        instance types of their launch templates, launch configurations or mixed-instances
        overrides (a service on Fargate adds none); only when every link of that chain is in
        sight (a parameter, an imported value, a Terraform data source, another module's
        output, an instance type that is a variable without a value, or a resource outside
        the run leaves the stack unused). Candidates are narrowed by ``attribute:ecs.instance-type`` placement
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
    c = fit.candidates(td, ctx)
    if c is None:
        return  # not on EC2 (or not known): no catalogue to load
    from ecslint.model import instances

    need, candidates, os_name = c.need, c.types, c.os
    need_cpu, cpu_path, need_memory, memory_path = need.cpu, need.cpu_path, need.memory, need.memory_path
    reserved = fit.reserved_memory(ctx)
    if any(instances.fit(need_cpu, need_memory, t, os_name, reserved) is not instances.Fit.CANNOT_FIT for t in candidates):
        return

    scope = c.scope
    best_memory = max(candidates, key=lambda t: instances.memory_ceiling(t, os_name, reserved))
    best_cpu = max(candidates, key=lambda t: t.cpu_units)
    ceiling = instances.memory_ceiling(best_memory, os_name, reserved)
    suggestion = fit.suggestion(c, reserved)
    instead = f"; {fit.describe(suggestion)} fits" if suggestion else ""
    overhead = "nominal minus kernel and agent overhead" if os_name == "linux" else "nominal"
    if reserved:
        overhead += f" and {reserved} MiB ECS_RESERVED_MEMORY"
    if need_memory > ceiling:
        yield Violation(
            memory_path,
            f"the task reserves {need_memory} MiB of memory but the largest of {scope}, {best_memory.name}, "
            f"registers at most {ceiling} MiB ({best_memory.memory_mib} MiB {overhead}; expected registered memory "
            f"~{instances.memory_typical(best_memory, os_name, reserved)} MiB): ECS can never place it"
            f"{instead}, or lower the memory",
            need.target(memory_path),
        )
    if need_cpu > best_cpu.cpu_units:
        yield Violation(
            cpu_path,
            f"the task reserves {need_cpu} CPU units but the largest of {scope}, {best_cpu.name}, registers "
            f"{best_cpu.cpu_units} ({best_cpu.vcpus} vCPU x 1024): ECS can never place it{instead}, or lower the cpu",
            need.target(cpu_path),
        )
    if need_memory <= ceiling and need_cpu <= best_cpu.cpu_units:
        yield Violation(
            memory_path,
            f"no single instance type among {scope} has both {need_cpu} CPU units and {need_memory} MiB of "
            f"registrable memory: ECS can never place the task{instead}",
            need.target(memory_path),
        )
