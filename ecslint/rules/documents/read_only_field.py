"""ECS007: describe-output fields in a register or create input."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.fix import Fix, Remove
from ecslint.core.rule import rule
from ecslint.rules.documents import schema

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator


@rule(
    id="ECS007",
    name="read-only-field",
    severity="note",
    kinds=("task-definition", "service", "cluster", "repository", "target-group"),
    tags=("schema",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html",
        "https://github.com/aws-actions/amazon-ecs-render-task-definition/issues/2",
    ),
    fix="safe",
)
def read_only_field(model: Any, ctx: Context) -> Iterator[Violation]:
    """Describe-output fields (`taskDefinitionArn`, `revision`, `status`, ...) in a register input.

    What it does:
        Reports top-level members that only describe output has (``taskDefinitionArn``,
        ``revision``, ``status``, ``requiresAttributes``, ``compatibilities``,
        ``registeredAt``, ``registeredBy`` ...; for services ``serviceArn``,
        ``runningCount``, ``events``, ``deployments`` ...) in a file shaped as
        register-task-definition or create-service input. Describe output itself
        (``{"taskDefinition": {...}}``) may carry them. In a CloudFormation template, the
        attributes CloudFormation returns written as properties: ``TaskDefinitionArn``, a
        service's ``Name`` and ``ServiceArn``, a cluster's or repository's ``Arn``, a
        repository's ``RepositoryUri``, a target group's ``TargetGroupArn`` and
        ``TargetGroupName``. In Terraform, an attribute the provider computes set as an
        argument (``arn``, ``revision``, ``repository_url``): an error there, as Terraform
        refuses to plan it.

    Why it matters:
        Pasting console or ``describe-task-definition`` output as the next revision is
        common. ``aws ecs register-task-definition --cli-input-json`` rejects these keys
        ("Unexpected key 'compatibilities' found in params"); the GitHub deploy action
        strips them, so the file works there but not elsewhere, and reviewers see a
        revision number that means nothing.

    Example:
        Bad:

        ```json
        {"family": "web", "revision": 7, "status": "ACTIVE", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}
        ```

    How to fix:
        Delete the read-only keys, or keep the file in describe-output shape
        (``{"taskDefinition": {...}}``) if it is a snapshot rather than an input. In a
        template, read an attribute where it is needed with ``!GetAtt Resource.Attribute``.

        ``--fix`` deletes them: nothing that registers or creates from the file reads
        them. In Terraform it deletes the line of a computed attribute set as an argument
        (``revision = 3``). (``--fix --unwrap-describe`` turns describe output itself into
        register input.)
    """
    return schema.violations(model, "read-only-field", fix=_remove)


def _remove(doc: Any, issue: schema.Issue) -> Fix:
    return Fix(f"remove `{issue.path[-1]}`", Remove(issue.path))
