"""EC2 instance-type catalogue and the capacity an ECS container instance registers.

Everything here follows ``shared/reference/ec2-capacity.md`` (cited below as "ref §N").
The catalogue (``ecslint/data/ec2-instance-types.csv``) holds *nominal* memory; ECS never
gets all of it, so fit checks use the estimators of ref §1/§5 instead of the raw number.

Importing this module does no work: the CSV is parsed on the first call to
:func:`catalog` (the CLI runs on every commit and most runs never need the catalogue).
"""

from __future__ import annotations

import csv
import enum
import functools
from pathlib import Path

from ecslint.core.records import NamedTuple

__all__ = [
    "Fit",
    "InstanceType",
    "catalog",
    "ecs_cpu_architecture",
    "every_type",
    "fit",
    "lookup",
    "memory_ceiling",
    "memory_safe_floor",
    "memory_typical",
    "of_architecture",
    "smallest_fitting",
    "supports_architecture",
]

_CSV_PATH = Path(__file__).parent.parent / "data" / "ec2-instance-types.csv"

#: Operating systems the estimators know (ref §1: Linux and Windows behave differently).
OPERATING_SYSTEMS = frozenset({"linux", "windows"})

# Suffix the EC2 API gives EC2 Mac architectures (`arm64_mac`, `x86_64_mac`).
_MAC_SUFFIX = "_mac"


class InstanceType(NamedTuple):
    """One row of the catalogue (columns described in shared/data/ec2-instance-types.SOURCE.md)."""

    name: str
    vcpus: int
    memory_mib: int
    architectures: frozenset[str]
    current_generation: bool

    @property
    def family(self) -> str:
        """Text before the first ``.``: ``m5`` for ``m5.large``, ``mac-m4`` for ``mac-m4.metal``."""
        return self.name.partition(".")[0]

    @property
    def size(self) -> str:
        """Text after the first ``.`` (``large`` for ``m5.large``)."""
        return self.name.partition(".")[2]

    @property
    def cpu_units(self) -> int:
        """CPU units the agent registers: vCPUs x 1024 (ref §1, §2 ``getCpu()``; exact)."""
        return self.vcpus * 1024

    @property
    def is_mac(self) -> bool:
        """EC2 Mac hardware; the data notes say to treat it as not ECS-capable by default."""
        return any(arch.endswith(_MAC_SUFFIX) for arch in self.architectures)


class Fit(enum.Enum):
    """Outcome of a one-task-on-one-type check, zones as suggested in ref §1."""

    FITS = "fits"
    #: Memory between the safe floor and the ceiling: depends on AMI/kernel (ref §5).
    MAY_NOT_FIT = "may_not_fit"
    #: Memory above the ceiling or CPU above ``vcpus * 1024``: never placed (ref §1, §6).
    CANNOT_FIT = "cannot_fit"


# --------------------------------------------------------------------------- catalogue


def _parse_row(row: dict[str, str]) -> InstanceType:
    return InstanceType(
        name=row["instance_type"].strip(),
        vcpus=int(row["vcpus"]),
        memory_mib=int(row["memory_mib"]),
        architectures=frozenset(a.strip() for a in row["architectures"].split(";") if a.strip()),
        current_generation=row["current_generation"].strip().lower() == "true",
    )


@functools.cache
def catalog() -> dict[str, InstanceType]:
    """All known instance types keyed by name; read once, lazily (module docstring)."""
    with _CSV_PATH.open(newline="", encoding="utf-8") as fh:
        types = (_parse_row(row) for row in csv.DictReader(fh))
        return {t.name: t for t in types}


@functools.cache
def every_type() -> tuple[InstanceType, ...]:
    """The catalogue's types, in its order: one tuple that every task definition shares."""
    return tuple(catalog().values())


@functools.cache
def of_architecture(ecs_arch: str) -> tuple[InstanceType, ...]:
    """The catalogue's types that run ``ecs_arch`` (:func:`supports_architecture`), shared."""
    return tuple(t for t in every_type() if supports_architecture(t, ecs_arch))


def lookup(name: str) -> InstanceType | None:
    """Find a type by API name. EC2 names are lowercase, so input is stripped and lowercased."""
    return catalog().get(name.strip().lower())


# --------------------------------------------------------------------------- architecture


def _base_architecture(arch: str) -> str:
    """``arm64_mac`` -> ``arm64``: a Mac type runs code of its base architecture."""
    arch = arch.strip().lower()
    return arch[: -len(_MAC_SUFFIX)] if arch.endswith(_MAC_SUFFIX) else arch


def supports_architecture(t: InstanceType, ecs_arch: str) -> bool:
    """Whether ``t`` can run a task whose ``runtimePlatform.cpuArchitecture`` is ``ecs_arch``.

    ECS spells it ``X86_64``/``ARM64`` (ref §7), the catalogue ``x86_64``/``arm64``/
    ``i386;x86_64``/``arm64_mac``/``x86_64_mac``; comparison is case-insensitive and Mac
    types count for their base architecture. Catalogue spellings are accepted too.
    """
    wanted = _base_architecture(ecs_arch)
    return any(_base_architecture(a) == wanted for a in t.architectures)


def ecs_cpu_architecture(t: InstanceType) -> str | None:
    """Value of the ``ecs.cpu-architecture`` attribute for ``t`` (ref §8): ``x86_64``/``arm64``.

    Old Xen types list ``i386;x86_64``; a 64-bit AMI reports ``x86_64``, so x86_64 wins.
    ``None`` when the catalogue lists neither (no such row today).
    """
    bases = {_base_architecture(a) for a in t.architectures}
    for arch in ("x86_64", "arm64"):
        if arch in bases:
            return arch
    return None


# --------------------------------------------------------------------------- memory estimators


def _check_inputs(os: str, reserved: int) -> str:
    os_norm = os.strip().lower()
    if os_norm not in OPERATING_SYSTEMS:
        raise ValueError(f"os must be 'linux' or 'windows', not {os!r}")
    if reserved < 0:
        raise ValueError(f"reserved memory must be >= 0 MiB, not {reserved}")
    return os_norm


def _estimate(t: InstanceType, os: str, reserved: int, permille: int, minus: int) -> int:
    """``floor(permille/1000 * N) - minus - R`` on Linux, ``N - R`` on Windows, clamped at 0.

    Integer arithmetic keeps the floor exact (``0.985 * N`` in floating point could land a
    hair below an integer and lose 1 MiB). Windows registers nearly all of ``N`` (ref §3:
    m4.large 8191 of 8192), so every Windows estimate is ``N - R`` (ref §1, low confidence).
    """
    if _check_inputs(os, reserved) == "windows":
        value = t.memory_mib - reserved
    else:
        value = t.memory_mib * permille // 1000 - minus - reserved
    return max(value, 0)


def memory_ceiling(t: InstanceType, os: str = "linux", reserved: int = 0) -> int:
    """Most memory ``t`` can register: a task needing more is never placed (ref §1, §5).

    Linux ``floor(0.985*N) - R``: above MemTotal for 655/656 measured types.
    """
    return _estimate(t, os, reserved, 985, 0)


def memory_safe_floor(t: InstanceType, os: str = "linux", reserved: int = 0) -> int:
    """Memory ``t`` registers on ~99 % of types (ref §1, §5): at or below it a task fits.

    Linux ``floor(0.95*N) - 150 - R`` (known misses: c5/c5d/c5n.large, vt1).
    """
    return _estimate(t, os, reserved, 950, 150)


def memory_typical(t: InstanceType, os: str = "linux", reserved: int = 0) -> int:
    """Point estimate for messages ("expected registered memory ~X MiB", ref §5).

    Linux ``floor(0.97*N) - 160 - R``; median error 0 % against measurements.
    """
    return _estimate(t, os, reserved, 970, 160)


# --------------------------------------------------------------------------- fit checks


def fit(
    need_cpu: int,
    need_memory: int,
    t: InstanceType,
    os: str = "linux",
    reserved: int = 0,
) -> Fit:
    """Classify one task's reservation against one empty instance of type ``t`` (ref §1).

    Errors come only from the ceiling and ``vcpus * 1024``; the band between safe floor and
    ceiling is a warning because the real value depends on the AMI (ref §5). This is a
    single-task check: daemons and other tasks on the host are the caller's business.
    """
    if need_cpu > t.cpu_units or need_memory > memory_ceiling(t, os, reserved):
        return Fit.CANNOT_FIT
    if need_memory > memory_safe_floor(t, os, reserved):
        return Fit.MAY_NOT_FIT
    return Fit.FITS


@functools.cache
def _by_size() -> tuple[InstanceType, ...]:
    """Catalogue ordered smallest first: memory, then vCPUs, then name."""
    return tuple(sorted(catalog().values(), key=lambda t: (t.memory_mib, t.vcpus, t.name)))


def _eligible(
    t: InstanceType,
    families: set[str] | None,
    architectures: set[str] | None,
    current_only: bool,
    include_mac: bool,
) -> bool:
    if current_only and not t.current_generation:
        return False
    if not include_mac and t.is_mac:
        return False
    if families is not None and t.family not in families:
        return False
    if architectures is not None and not any(supports_architecture(t, a) for a in architectures):
        return False
    return True


def smallest_fitting(
    need_cpu: int,
    need_memory: int,
    os: str = "linux",
    reserved: int = 0,
    *,
    families: set[str] | None = None,
    architectures: set[str] | None = None,
    current_only: bool | None = None,
    include_mac: bool = False,
) -> InstanceType | None:
    """Smallest type that surely fits (``Fit.FITS``), for "what fits instead" hints.

    Suggestions must be safe, so the warning zone does not count. ``architectures`` takes
    ECS or catalogue spellings (see :func:`supports_architecture`).

    ``current_only`` defaults to True without ``families`` (do not suggest retired
    hardware) and to False with them: the data notes say ``m5``/``c5``/``r5`` lost the
    current-generation flag in 2026-02, yet a user asking within ``m5`` wants an ``m5``
    answer. EC2 Mac types are skipped unless ``include_mac`` (not ECS-capable per the
    catalogue notes).
    """
    if current_only is None:
        current_only = families is None
    for t in _by_size():
        if _eligible(t, families, architectures, current_only, include_mac) and (
            fit(need_cpu, need_memory, t, os, reserved) is Fit.FITS
        ):
            return t
    return None
