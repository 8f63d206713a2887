"""ECS8xx: deployment workflows (GitHub Actions steps of the ECS render and deploy actions).

The family's rules, in id order: one module each, holding the rule function of the same
name. Add a rule here and nowhere else: the registry (ecslint/rules/__init__.py) collects
every family. Importing the family imports none of its rules (``RULES`` does, on first
use): a run imports only the rules of the documents it has (ecslint/rules/_index.py).
"""

from __future__ import annotations

from ecslint.rules import lazy_rules

MODULES = (
    "workflow_task_definition_not_found",
    "workflow_container_not_found",
    "workflow_describe_output",
    "deploy_without_stability_wait",
)

__getattr__ = lazy_rules(__name__, MODULES)
