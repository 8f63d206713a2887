"""ECS004: a value outside the model's enum, pattern, length or range."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.rules.documents import schema

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator


@rule(
    id="ECS004",
    name="invalid-value",
    severity="error",
    kinds=("task-definition", "service", "lifecycle-policy", "cluster", "capacity-provider", "repository", "target-group"),
    tags=("schema",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
    ),
)
def invalid_value(model: Any, ctx: Context) -> Iterator[Violation]:
    """A value outside the model's enum, pattern, length or numeric range (names, modes, limits).

    What it does:
        Reports enum values the API does not accept (``"networkMode": "bridged"``,
        ``"tagStatus": "Tagged"``), names that break the documented pattern (family,
        container, volume and service names are 1-255 letters, digits, ``-`` and ``_``),
        and values outside the model's ranges and lengths (tags, ``rulePriority`` below 1).
        Enum values are case-sensitive; the message suggests the closest valid value. It
        quotes the value only when it is a short word (``bridged``); any other string,
        which may be a secret pasted into the wrong field, is "the value written".
        ``portMappings[].protocol`` is not judged: ECS treats unknown protocols as tcp.

    Why it matters:
        ECS rejects the registration ("Container.name contains invalid characters.",
        invalid enum values), and ECR's policy validator rejects values outside its enums.

    Example:
        Bad:

        ```json
        {"family": "web", "networkMode": "bridged", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}
        ```

        Good:

        ```json
        {"family": "web", "networkMode": "bridge", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512}]}
        ```

    How to fix:
        Use one of the values the message lists, or a name made of letters, digits,
        hyphens and underscores.
    """
    return schema.violations(model, "invalid-value")
