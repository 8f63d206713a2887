"""ECS201: a task cpu/memory pair Fargate does not offer."""

from __future__ import annotations

import re

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.fix import Fix, Replace
from ecslint.core.lazyre import lazy
from ecslint.core.rule import rule
from ecslint.model import fargate
from ecslint.model.sizes import gib, vcpu
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator


@rule(
    id="ECS201",
    name="invalid-fargate-size",
    severity="error",
    kinds=("task-definition",),
    tags=("fargate", "sizing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
    ),
    fix="unsafe",
)
def invalid_fargate_size(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The task's cpu and memory are not a size Fargate offers (full table, Windows minimums).

    What it does:
        For a task definition that requires ``FARGATE`` (even alongside ``EC2``), checks
        the task-level ``cpu``/``memory`` pair, after unit conversion (``"1 vCPU"`` is
        1024, ``"2 GB"`` is 2048), against the Fargate table: 256 with 512/1024/2048 MiB;
        512 with 1-4 GiB; 1024 with 2-8 GiB; 2048 with 4-16 GiB; 4096 with 8-30 GiB (1 GiB
        steps); 8192 with 16-60 GiB (4 GiB steps); 16384 with 32-120 GiB (8 GiB steps).
        Windows containers need at least 1 vCPU and only run with 1, 2 or 4 vCPU. The
        newer 32 vCPU tier (60, 120 or 244 GiB) is accepted: it is not in every edition
        of the AWS table, and a linter must not reject a valid task.

    Why it matters:
        ECS rejects the registration ("Invalid 'cpu' setting for task."; Terraform: "No
        Fargate configuration exists for given values.").

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "512", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "512", "memory": "1024",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
        ```

    How to fix:
        Pick memory from the range the message gives for your cpu, or the cpu that
        accepts your memory. 8 and 16 vCPU sizes need Linux platform version 1.4.0 or
        later.

        ``--fix --unsafe-fixes`` raises ``memory`` to the smallest value Fargate offers
        for the ``cpu`` above what is written (written the same way: ``"1 GB"`` becomes
        ``"2 GB"``). It is unsafe because Fargate bills by size: check the cost. A memory
        above every size of its cpu has no fix (lowering it may starve the task), nor
        has a memory a Terraform variable or ``local`` gives (only a literal is edited).
    """
    if td.is_fargate is not True:
        return
    cpu, memory = td.cpu, td.memory
    if not isinstance(cpu, int) or not isinstance(memory, int):
        return  # absent (ECS202), unparseable (ECS209) or templated
    windows = td.is_windows is True
    if fargate.valid(cpu, memory, windows):
        return
    tier = fargate.BY_CPU.get(cpu)
    if windows and (tier is None or not tier.windows):
        yield Violation(
            ("cpu",),
            f"cpu {cpu} ({vcpu(cpu)}) is not available for Windows containers on Fargate: "
            "use 1024, 2048 or 4096 (1, 2 or 4 vCPU)",
        )
        return
    if tier is None:
        options = ", ".join(str(t.cpu) for t in fargate.TIERS)
        yield Violation(("cpu",), f"cpu {cpu} is not a Fargate task size: use one of {options} (CPU units)")
        return
    others = fargate.cpus_for(memory, windows)
    instead = f", or change cpu to {' or '.join(map(str, others))} for {gib(memory)}" if others else ""
    larger = [m for m in tier.memory if m > memory]
    fix = None
    if larger:
        fix = Fix(f"raise memory to {larger[0]} MiB", Replace(("memory",), _written_like(td.data.get("memory"), larger[0])))
    yield Violation(
        ("memory",),
        f"memory {memory} MiB is not valid with cpu {cpu} ({vcpu(cpu)}) on Fargate: "
        f"with {cpu} CPU units use {tier.describe()}{instead}",
        fix=fix,
    )


_AMOUNT = lazy(r"\d+(?:\.\d+)?|\.\d+")


def _written_like(written: Any, mib: int) -> Any:
    """``mib`` the way ``memory`` is written: a number, a string of MiB, or in GB when the
    file writes GB and the size is whole GB (``"1 GB"`` -> ``"2 GB"``)."""
    if not isinstance(written, str):
        return mib
    if re.search(r"[gG]", written) and mib % 1024 == 0:
        return _AMOUNT.sub(str(mib // 1024), written, count=1)
    if re.search(r"[mM]", written):
        return _AMOUNT.sub(str(mib), written, count=1)
    return str(mib)
