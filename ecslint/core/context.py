"""What a rule is given besides its document: its options and the run's settings.

Rules never read configuration themselves; the engine resolves it once and hands each
rule only what concerns it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

    from ecslint.workspace import Workspace


class Context:
    __slots__ = ("options", "instance_types", "workspace")

    def __init__(self, options: dict[str, Any] | None = None, instance_types: tuple[str, ...] = (), workspace: Workspace | None = None):
        #: This rule's options: its defaults, overridden by ``[tool.ecslint.rules.<rule>]``.
        self.options = options if options is not None else {}
        #: EC2 instance types the cluster can run (config ``instance-types``, ``--instance-type``).
        self.instance_types = instance_types
        self.workspace = workspace
