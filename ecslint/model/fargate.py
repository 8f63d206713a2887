"""Fargate task sizes: the valid (cpu, memory) pairs.

Source: "Troubleshoot Amazon ECS task definition invalid CPU or memory errors"
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html)
and the ``memory`` member of RegisterTaskDefinitionRequest in the ECS API model. The
32 vCPU tier (61440, 122880 or 249856 MiB) is newer than that text
(../shared/reference/ecs-task-and-service.md §2.1 marks it "treat as valid but verify"):
it is accepted, so that no valid task is reported.
"""

from __future__ import annotations

from ecslint.core.records import NamedTuple


class Tier(NamedTuple):
    cpu: int
    memory: tuple[int, ...]
    windows: bool  # Windows containers on Fargate accept this cpu value
    note: str = ""

    def describe(self) -> str:
        m = self.memory
        steps = {b - a for a, b in zip(m, m[1:])}
        if len(m) > 4 and len(steps) == 1:
            return f"{m[0]}-{m[-1]} MiB in steps of {steps.pop()}"
        return ", ".join(str(x) for x in m) + " MiB"


def _range(low: int, high: int, step: int) -> tuple[int, ...]:
    return tuple(range(low, high + 1, step))


TIERS: tuple[Tier, ...] = (
    Tier(256, (512, 1024, 2048), windows=False),
    Tier(512, _range(1024, 4096, 1024), windows=False),
    Tier(1024, _range(2048, 8192, 1024), windows=True),
    Tier(2048, _range(4096, 16384, 1024), windows=True),
    Tier(4096, _range(8192, 30720, 1024), windows=True),
    Tier(8192, _range(16384, 61440, 4096), windows=False, note="Linux platform version 1.4.0 or later"),
    Tier(16384, _range(32768, 122880, 8192), windows=False, note="Linux platform version 1.4.0 or later"),
    Tier(32768, (61440, 122880, 249856), windows=False, note="newest tier"),
)
BY_CPU = {t.cpu: t for t in TIERS}


def valid(cpu: int, memory: int, windows: bool = False) -> bool:
    tier = BY_CPU.get(cpu)
    return tier is not None and memory in tier.memory and (tier.windows or not windows)


def cpus_for(memory: int, windows: bool = False) -> list[int]:
    """The cpu values that accept ``memory``."""
    return [t.cpu for t in TIERS if memory in t.memory and (t.windows or not windows)]
