"""ECS002: a key the API model does not have."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.rules.documents import schema

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator


@rule(
    id="ECS002",
    name="unknown-field",
    severity="error",
    kinds=("task-definition", "service", "lifecycle-policy", "cluster", "capacity-provider", "repository", "target-group"),
    tags=("schema",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
    ),
)
def unknown_field(model: Any, ctx: Context) -> Iterator[Violation]:
    """A key that the API's model does not have (a typo such as `esential`), with a did-you-mean.

    What it does:
        Checks every object of a task definition, service or lifecycle policy against the
        shapes of the ECS API model (botocore's ``ecs`` service model; the ECR lifecycle
        policy grammar for policies) and reports keys that do not exist there, suggesting
        the closest known key. create-cluster, create-capacity-provider, create-repository
        and create-target-group input are checked against their own API models (ECS, ECR,
        Elastic Load Balancing).

    Why it matters:
        ``aws ecs register-task-definition`` rejects unknown keys before sending the
        request ("Unknown parameter in input"), and the ECR policy validator rejects
        properties it does not know. Tools that do not validate send the typo along, so
        ``esential: false`` quietly leaves the container essential.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512, "esential": true}]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512, "essential": true}]}
        ```

    How to fix:
        Correct the key's spelling (the message suggests the closest one), or delete it.
        Fields of describe output in a register input are ECS007, not this rule.
    """
    return schema.violations(model, "unknown-field")
