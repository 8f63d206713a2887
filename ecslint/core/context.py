"""What a rule is given besides its document: its options and the run's settings.

Rules never read configuration themselves; the engine resolves it once and hands each
rule only what concerns it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecslint.workspace import Workspace


@dataclass
class Context:
    #: This rule's options: its defaults, overridden by ``[tool.ecslint.rules.<rule>]``.
    options: dict[str, Any] = field(default_factory=dict)
    #: EC2 instance types the cluster can run (config ``instance-types``, ``--instance-type``).
    instance_types: tuple[str, ...] = ()
    workspace: Workspace | None = None
