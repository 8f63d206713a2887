"""ECS8xx: deployment workflows (GitHub Actions steps of the ECS render and deploy actions).

The family's rules, in id order. Add a rule here and nowhere else: the registry
(ecslint/rules/__init__.py) collects every family.
"""

from __future__ import annotations

from ecslint.core.rule import Rule
from ecslint.rules.workflow.deploy_without_stability_wait import deploy_without_stability_wait
from ecslint.rules.workflow.workflow_container_not_found import workflow_container_not_found
from ecslint.rules.workflow.workflow_describe_output import workflow_describe_output
from ecslint.rules.workflow.workflow_task_definition_not_found import workflow_task_definition_not_found

RULES: tuple[Rule, ...] = (
    workflow_task_definition_not_found,
    workflow_container_not_found,
    workflow_describe_output,
    deploy_without_stability_wait,
)
