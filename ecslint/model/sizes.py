"""Task-level cpu and memory as ECS reads them.

``RegisterTaskDefinition`` takes ``cpu`` as CPU units (``"1024"``) or vCPUs (``"1 vCPU"``,
``".25 vcpu"``) and ``memory`` as MiB (``"2048"``) or GB (``"2 GB"``, where a GB is 1,024
MiB), and converts them at registration (botocore ECS model, ``cpu``/``memory`` members of
RegisterTaskDefinitionRequest). Users also write bare integers. These functions return the
converted integer, ``None`` for absent or unrecognised values, or UNKNOWN for placeholders.
A number of more than 30 digits is unrecognised: no size ECS reads is that long (and the
float and ``int()`` conversions would overflow or refuse it).
"""

from __future__ import annotations

import re

from ecslint.core.lazyre import lazy
from ecslint.model.values import Maybe, integer

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

_NUMBER = r"(\d{1,30}(?:\.\d{1,30})?|\.\d{1,30})"
_VCPU = lazy(rf"^\s*{_NUMBER}\s*vcpus?\s*$", re.IGNORECASE)
_MEMORY = lazy(rf"^\s*{_NUMBER}\s*(gb|gib|mb|mib)\s*$", re.IGNORECASE)
_DIGITS = lazy(r"^\s*\d{1,30}\s*$")


def cpu_units(value: Any) -> Maybe[int]:
    if isinstance(value, str):
        if _DIGITS.match(value):
            return int(value)
        m = _VCPU.match(value)
        if m:
            return round(float(m.group(1)) * 1024)
    return integer(value)


def memory_mib(value: Any) -> Maybe[int]:
    if isinstance(value, str):
        if _DIGITS.match(value):
            return int(value)
        m = _MEMORY.match(value)
        if m:
            amount = float(m.group(1))
            return round(amount * 1024) if m.group(2).lower().startswith("g") else round(amount)
    return integer(value)


def vcpu(units: int) -> str:
    """``1024`` -> ``"1 vCPU"``, ``256`` -> ``"0.25 vCPU"`` (for messages)."""
    return f"{_per_1024(units)} vCPU"


def gib(mib: int) -> str:
    """``2048`` -> ``"2 GiB"``, ``1536`` -> ``"1.5 GiB"`` (for messages)."""
    return f"{_per_1024(mib)} GiB"


def _per_1024(n: int) -> str:
    # An integer too large for a float (a JSON number can be) is shown in whole units.
    return f"{n / 1024:g}" if abs(n) < 2**53 else str(n // 1024)
