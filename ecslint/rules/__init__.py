"""The built-in rules: one module per rule, grouped in a folder per family.

Each family lists its rules in its own ``RULES`` tuple; the registry is their union, in
catalog order (ECS rules, then ECR, by number). Adding a rule is one module and one line in
its family's ``__init__.py``.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules import capacity, cluster, documents, lifecycle, logging, ports, repository, security, service, taskdef, workflow

BUILTIN: tuple[Rule, ...] = tuple(
    sorted(
        documents.RULES
        + taskdef.RULES
        + capacity.RULES
        + ports.RULES
        + security.RULES
        + service.RULES
        + logging.RULES
        + cluster.RULES
        + workflow.RULES
        + lifecycle.RULES
        + repository.RULES,
        key=lambda r: r.order,
    )
)
