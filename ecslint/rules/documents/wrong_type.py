"""ECS003: a value of the wrong JSON type."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Path, Violation
from ecslint.core.fix import Fix, Remove, Replace
from ecslint.core.lazyre import lazy
from ecslint.core.rule import rule
from ecslint.rules.documents import schema

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator


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
    fix="safe",
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

        ``--fix`` removes a member written as ``null`` (every consumer that accepts it
        reads it as absent), unless the object requires that member: then the value is
        missing, and only you know it. In a task definition, service or policy file it
        also writes a number or boolean given as a string as the number or boolean it
        spells (``"256"`` -> ``256``, ``"true"`` -> ``true``), and a number or boolean
        where a string belongs as a string: what every SDK would have sent. A template is
        left as written there (CloudFormation converts these itself).
    """
    return schema.violations(model, "wrong-type", fix=_fix)


def _fix(doc: Any, issue: schema.Issue) -> Fix | None:
    path = issue.path
    try:
        value = schema.value_at(doc, path)
    except KeyError:
        return None
    if value is None:
        return _drop_null(doc, path)
    in_template = doc.origin is not None and doc.origin.schema
    converted = None if in_template else _converted(value, issue.expected)
    if converted is None:
        return None
    what = "a string" if isinstance(converted, str) else "a boolean" if isinstance(converted, bool) else "a number"
    return Fix(f"write `{path[-1]}` as {what}", Replace(path, converted, exact=True))


def _drop_null(doc: Any, path: Path) -> Fix | None:
    """Remove an object member written as ``null`` (not an array element: removing one
    shifts the others)."""
    if not path or not isinstance(path[-1], str) or not schema.removal_leaves_valid(doc, path):
        return None
    return Fix(f"remove `{path[-1]}`, which is null", Remove(path))


_INTEGER = lazy(r"-?\d{1,18}")


def _converted(value: Any, expected: tuple[str, ...]) -> Any:
    """``value`` in the one type of ``expected`` it unambiguously spells, else None."""
    if isinstance(value, str):
        text = value.strip()
        if ("integer" in expected or "number" in expected) and _INTEGER.fullmatch(text):
            return int(text)
        if "boolean" in expected and text in ("true", "false"):
            return text == "true"
        return None
    if expected == ("string",) and isinstance(value, (bool, int)):
        return ("true" if value else "false") if isinstance(value, bool) else str(value)
    if isinstance(value, float) and value.is_integer() and "integer" in expected and abs(value) < 2**53:
        return int(value)
    return None
