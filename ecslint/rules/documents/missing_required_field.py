"""ECS005: a member the API requires is absent."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.rules.documents import schema

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator


@rule(
    id="ECS005",
    name="missing-required-field",
    severity="error",
    kinds=("task-definition", "service", "lifecycle-policy", "cluster", "capacity-provider", "repository", "target-group"),
    tags=("schema",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
    ),
)
def missing_required_field(model: Any, ctx: Context) -> Iterator[Violation]:
    """A member the API requires is absent.

    What it does:
        Reports members the API model marks required: ``family`` and
        ``containerDefinitions`` of a task definition, the ``name`` of every container
        (optional in the API model, but ECS rejects a container without one: "Container.name
        should not be null or empty"), ``serviceName`` of create-service input, the
        required members of nested objects (``containerName`` and ``condition`` of a
        ``dependsOn`` entry, ``name`` and ``valueFrom`` of a secret, ``command`` of a
        health check ...), and ``rulePriority``, ``selection``, ``action``, ``tagStatus``,
        ``countType``, ``countNumber`` of a lifecycle rule. A member written as ``null``
        is absent. The finding points at the object that lacks the member (at the key of
        a ``null`` one), once per missing member.

    Why it matters:
        The CLI and SDKs refuse the request before sending it ("Missing required
        parameter"), and ECR's validator lists the missing properties.

    Example:
        Bad:

        ```json
        {"containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}
        ```

    How to fix:
        Add the member the message names.
    """
    return schema.violations(model, "missing-required-field")
