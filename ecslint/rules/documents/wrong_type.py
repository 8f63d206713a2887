"""ECS003: a value of the wrong JSON type."""

from __future__ import annotations

from typing import Any, Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.rules.documents import schema


@rule(
    id="ECS003",
    name="wrong-type",
    severity="error",
    kinds=("task-definition", "service", "lifecycle-policy", "cluster", "capacity-provider", "repository", "target-group"),
    tags=("schema",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
    ),
)
def wrong_type(model: Any, ctx: Context) -> Iterator[Violation]:
    """A value of the wrong JSON type: a string where an integer belongs, a null, a float for an integer.

    What it does:
        Reports values whose JSON type differs from the API model's: ``"memory": "512"``
        (a string for an integer), ``"essential": "true"``, an object where an array
        belongs. Task-level ``cpu`` and ``memory`` may be integers or strings (ECS
        converts both). The message names the expected type but never quotes the value,
        which could be a secret.

        A member written as ``null`` is reported at the severity its file's consumers
        warrant, and every rule reads it as absent: in a bare container array
        (Terraform's ``container_definitions``) it is not reported, as the AWS provider
        reads it as absent; in a task definition or service file it is a note that names
        who accepts it (the GitHub deploy action drops nulls) and who rejects it (the
        AWS CLI's ``--cli-input-json``); in a lifecycle policy, and as an array element,
        it stays an error. Describe output may hold nulls: they are accepted there.

    Why it matters:
        The AWS CLI and SDKs reject the request ("Invalid type for parameter memory"), and
        ``null`` is rejected too ("Invalid type for parameter memory, value: None"); the
        ECR policy validator reports a type mismatch, ``null`` included.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": "512"}]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}
        ```

    How to fix:
        Write the value with the type the message names: remove quotes around numbers and
        booleans, and omit a key rather than setting it to null.
    """
    return schema.violations(model, "wrong-type")
