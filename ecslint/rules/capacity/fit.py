"""What ECS206, ECS207 and ECS208 share: what a task reserves, and where it can run.

The three rules are the three zones of one check (shared/reference/ec2-capacity.md §1/§5):
the task fits no candidate instance type at all (ECS206), it fits only between the "safe
floor" and the ceiling of registered memory (ECS207), or it fits but leaves a large share
of the instance stranded (ECS208). The task's need and its candidate instance types are
computed here once per document (memoised in ``doc.cache``) and read by all three.

Not a rule module: the family ``__init__`` does not list it.
"""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Path
from ecslint.core.records import NamedTuple
from ecslint.core.rule import Option, non_negative
from ecslint.model.taskdef import CONTAINERS, TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from ecslint.model.instances import InstanceType

#: The option of the three rules: MiB the hosts set aside (``ECS_RESERVED_MEMORY``).
OPTIONS = {
    "reserved-memory": Option(
        0, int, "must be an integer of 0 or more: MiB set aside by ECS_RESERVED_MEMORY on the hosts", non_negative
    ),
}


def reserved_memory(ctx: Context) -> int:
    return ctx.options.get("reserved-memory", 0)


#: Where the candidate types come from (most specific first).
CONFIGURED = "configured"
STACK = "stack"
CONSTRAINTS = "constraints"
CATALOGUE = "catalogue"

_SCOPES = {
    CONFIGURED: "the configured instance types",
    STACK: "the instance types of its capacity providers' launch templates",
    CONSTRAINTS: "the instance types its placement constraints allow",
    CATALOGUE: "every EC2 instance type",
}


class Need(NamedTuple):
    """What placement reserves for one task, and where the value is written."""

    cpu: int
    cpu_path: Path
    memory: int
    memory_path: Path

    def target(self, path: Path) -> str:
        """The task-level value itself, or the container list's key when the sum is the need."""
        return "key" if path == (CONTAINERS,) else "value"


class Candidates(NamedTuple):
    """The instance types one task may be placed on, with its need."""

    need: Need
    os: str  # "linux" | "windows"
    types: tuple[InstanceType, ...]
    source: str  # CONFIGURED | STACK | CONSTRAINTS | CATALOGUE
    architecture: str | None

    @property
    def scope(self) -> str:
        """How messages name the candidate set."""
        return _SCOPES[self.source]

    @property
    def specific(self) -> bool:
        """Candidates come from the user (configuration or placement constraints), not
        from the whole catalogue: only then is "near the limit" or "strands capacity"
        about an instance the task really runs on."""
        return self.source != CATALOGUE


def candidates(td: TaskDefinition, ctx: Context) -> Candidates | None:
    """The task's need and candidate types; None when the task does not run on EC2, when
    a value it depends on is unknown or unreadable, or when no type is left.

    The candidate types are, most specific first: the configured instance types
    (``instance-types``, ``--instance-type``), those of the stack that runs the task (its
    service's capacity providers, their Auto Scaling groups and launch templates, in a
    template or module), those its placement constraints allow, every type."""
    if ctx.instance_types:
        given, types = CONFIGURED, ctx.instance_types
    else:
        # The stack only matters to a task that may run on EC2 (and a worker of a parallel
        # run has no workspace: a Fargate task then needs none). Each rule asks it itself,
        # so that what a worker assumed stays with the rules that asked (ecslint.parallel).
        ec2 = td.may_run_on_ec2 is True
        given, types = STACK, ctx.workspace.instance_types_for(td) if ctx.workspace is not None and ec2 else ()
    key = f"capacity-fit:{given}:" + ",".join(types)
    cache = td.doc.cache
    if key not in cache:
        cache[key] = _candidates(td, types, given)
    return cache[key]


def _candidates(td: TaskDefinition, instance_types: tuple[str, ...], given: str) -> Candidates | None:
    if td.may_run_on_ec2 is not True:
        return None
    windows = td.is_windows
    if windows is UNKNOWN:
        return None
    from ecslint.model import instances, placement  # the catalogue only when EC2 is possible

    need = _need(td, windows)
    if need is None:
        return None
    configured = [t for name in instance_types if (t := instances.lookup(name)) is not None]
    expressions = []
    for _, text in td.placement_expressions:
        if text is UNKNOWN:
            return None  # a templated constraint: placement is unknown
        try:
            expressions.append(placement.parse(text))
        except placement.PlacementSyntaxError:
            return None  # an unreadable constraint: placement is unknown
    restricting = [e for e in expressions if placement.restricts_instance_type(e)]
    # The whole catalogue (~1,000 types) is one shared tuple, not a copy per task definition.
    pool = tuple(configured) if configured else instances.every_type()
    types = tuple(placement.candidates(restricting, pool)) if restricting else pool
    architecture = td.cpu_architecture
    if architecture is UNKNOWN:
        return None
    if isinstance(architecture, str):
        if types is instances.every_type():
            types = instances.of_architecture(architecture)
        else:
            types = tuple(t for t in types if instances.supports_architecture(t, architecture))
    if not types:
        return None  # nothing the task may run on; not a size problem
    source = given if configured else CONSTRAINTS if restricting else CATALOGUE
    return Candidates(
        need,
        "windows" if windows else "linux",
        types,
        source,
        architecture if isinstance(architecture, str) else None,
    )


def _need(td: TaskDefinition, windows: bool) -> Need | None:
    """(cpu, where), (memory, where) the task reserves, or None when a value is unknown."""
    containers = td.containers
    # Task-level sizes are ignored for Windows containers: the containers' values count.
    task_memory = None if windows else td.memory
    task_cpu = None if windows else td.cpu
    if task_memory is UNKNOWN or task_cpu is UNKNOWN:
        return None
    if isinstance(task_memory, int):
        memory, memory_path = task_memory, ("memory",)
    else:
        values = [c.placement_memory for c in containers]
        if any(v is UNKNOWN for v in values):
            return None
        memory, memory_path = sum(v for v in values if isinstance(v, int)), (CONTAINERS,)
    if isinstance(task_cpu, int):
        cpu, cpu_path = task_cpu, ("cpu",)
    else:
        values = [c.cpu for c in containers]
        if any(v is UNKNOWN for v in values):
            return None
        cpu, cpu_path = sum(v for v in values if isinstance(v, int)), (CONTAINERS,)
    return Need(cpu, cpu_path, memory, memory_path)


def suggestion(c: Candidates, reserved: int) -> InstanceType | None:
    """The smallest type that surely fits, preferring the candidates' own families."""
    from ecslint.model import instances

    need = c.need
    architectures = {c.architecture} if c.architecture else None
    return instances.smallest_fitting(
        need.cpu,
        need.memory,
        c.os,
        reserved,
        families={t.family for t in c.types} if c.specific else None,
        architectures=architectures,
    ) or instances.smallest_fitting(need.cpu, need.memory, c.os, reserved, architectures=architectures)


def describe(t: InstanceType) -> str:
    """``m5.large (2 vCPU, 8192 MiB)`` for messages."""
    return f"{t.name} ({t.vcpus} vCPU, {t.memory_mib} MiB)"


def limits(td: TaskDefinition, windows: bool) -> tuple[int | None, int | None]:
    """The most (cpu units, MiB) the task can ever use, or None for "the whole instance".

    Memory: the task-level ``memory`` (Linux), else the containers' hard ``memory`` limits
    when every container has one (a container without one may use all the instance's
    memory). CPU: the task-level ``cpu`` is a hard limit (Linux); container ``cpu`` values
    are only relative shares on Linux, so without a task-level value the task may use every
    idle CPU. On Windows task-level values are ignored and container ``cpu`` is an absolute
    limit (ContainerDefinition.cpu in the ECS API reference).
    """
    containers = td.containers
    memory: int | None = None
    cpu: int | None = None
    task_memory = None if windows else td.memory
    task_cpu = None if windows else td.cpu
    if isinstance(task_memory, int):
        memory = task_memory
    else:
        hard = [c.memory for c in containers]
        if containers and all(isinstance(m, int) and m > 0 for m in hard):
            memory = sum(hard)
    if isinstance(task_cpu, int):
        cpu = task_cpu
    elif windows:
        shares = [c.cpu for c in containers]
        if containers and all(isinstance(v, int) and v > 0 for v in shares):
            cpu = sum(shares)
    return cpu, memory
