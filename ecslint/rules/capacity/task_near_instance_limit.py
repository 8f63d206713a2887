"""ECS207: the task fits an instance's nominal size, but maybe not the memory ECS registers."""

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
    id="ECS207",
    name="task-near-instance-limit",
    severity="warning",
    kinds=("task-definition",),
    tags=("ec2", "sizing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html",
    ),
    options=fit.OPTIONS,
)
def task_near_instance_limit(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The task fits the instance's nominal size but maybe not the memory the ECS agent registers.

    What it does:
        For a task that can run on EC2, takes what placement reserves (as ECS206 does:
        task-level ``memory``, else the containers' ``memoryReservation``/``memory``) and
        the candidate instance types: the configured ``instance-types`` (or
        ``--instance-type``), or those of the stack that runs it (as ECS206 follows a
        template's or module's services, capacity providers, Auto Scaling groups and launch
        templates),
        or the types its ``attribute:ecs.instance-type`` placement constraints allow,
        narrowed by ``runtimePlatform.cpuArchitecture``. Without any of them the rule is
        silent: which instance the task lands on is unknown.

        An instance of N MiB registers less memory than N, by an amount that depends on
        the AMI and the kernel. On Linux every measured type registers at most
        ``floor(0.985 x N)`` MiB (the ceiling) and nearly all at least
        ``floor(0.95 x N) - 150`` MiB (the safe floor), typically
        ``floor(0.97 x N) - 160`` MiB; the option ``reserved-memory`` (your hosts'
        ``ECS_RESERVED_MEMORY``) comes off all three. The task is reported when it fits
        no candidate surely (below its safe floor, with the CPU units it needs) but fits
        at least one below the ceiling: whether ECS can place it depends on the AMI. A
        task above every ceiling is ECS206's error. Windows instances register nearly all
        their memory, so they never fall in this zone.

    Why it matters:
        Such a task may be placed on one AMI and stay PENDING on the next ("unable to place
        a task because no container instance met all of its requirements ... insufficient
        memory"), which surfaces as a failed deployment after an AMI update rather than in
        review.

    Example:
        Bad:

        ```json
        {"family": "batch", "requiresCompatibilities": ["EC2"], "memory": "7800",
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
        Read the real figure: ``aws ecs describe-container-instances`` shows each
        instance's ``registeredResources``. Then size the task below it with a margin
        (the message gives the safe floor), or use the larger instance type it suggests.
    """
    c = fit.candidates(td, ctx)
    if c is None or not c.specific:
        return
    from ecslint.model import instances

    need = c.need
    reserved = fit.reserved_memory(ctx)
    verdicts = [(t, instances.fit(need.cpu, need.memory, t, c.os, reserved)) for t in c.types]
    if any(v is instances.Fit.FITS for _, v in verdicts):
        return  # a candidate surely fits: ECS places the task there
    maybe = [t for t, v in verdicts if v is instances.Fit.MAY_NOT_FIT]
    if not maybe:
        return  # fits nothing at all: ECS206
    best = max(maybe, key=lambda t: (instances.memory_ceiling(t, c.os, reserved), t.cpu_units, t.name))
    ceiling = instances.memory_ceiling(best, c.os, reserved)
    floor = instances.memory_safe_floor(best, c.os, reserved)
    typical = instances.memory_typical(best, c.os, reserved)
    other = fit.suggestion(c, reserved)
    instead = f", or use {fit.describe(other)}, which surely fits" if other else ""
    reserve = f" after {reserved} MiB ECS_RESERVED_MEMORY" if reserved else ""
    yield Violation(
        need.memory_path,
        f"the task reserves {need.memory} MiB of memory, more than some AMIs leave on {fit.describe(best)}, the "
        f"largest of {c.scope} that could hold it: it registers at most {ceiling} MiB{reserve}, ~{typical} MiB "
        f"expected, as little as {floor} MiB on some AMIs, so the task may never be placed; check "
        f"`registeredResources` (`aws ecs describe-container-instances`) and lower the memory to {floor} MiB or "
        f"less{instead}",
        need.target(need.memory_path),
    )
