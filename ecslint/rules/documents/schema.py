"""One schema pass per document, shared by ECS002-ECS005 and ECS007.

Each document is checked against the JSON Schema of its shape (generated from botocore's
ECS model; the lifecycle schema from the ECR reference). A fast boolean check runs first;
only a document that fails it pays for importing ``jsonschema`` and collecting detailed
errors. Errors are sorted into the categories the catalog names, each with a path and a
message that never quotes a free-text value (a wrong-typed environment value may be a
password).

A ``null`` member is judged by what the file's consumers make of it (:data:`NULLS`):
where they read it as absent, the document is validated without it, so that a required
member written as ``null`` is reported missing and nothing else about it is.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple

from ecslint.core.finding import Path, Severity, Target, Violation, render_path
from ecslint.core.suggest import did_you_mean
from ecslint.load.placeholders import is_unknown
from ecslint.load.source import Document

#: (schema name, path of the validated value inside the document) per document shape.
SCHEMAS: dict[tuple[str, str], tuple[str, Path]] = {
    ("task-definition", "register"): ("task-definition", ()),
    ("task-definition", "describe"): ("task-definition-describe", ()),
    ("task-definition", "container-definitions"): ("container-definitions", ("containerDefinitions",)),
    ("service", "create"): ("service", ()),
    ("service", "definition"): ("service", ()),
    ("service", "update"): ("service-update", ()),
    ("service", "describe"): ("service-describe", ()),
    ("lifecycle-policy", "policy"): ("lifecycle-policy", ()),
    ("lifecycle-policy", "policy-text"): ("lifecycle-policy", ()),
}

#: What the consumers of each shape make of a ``null`` member. ``absent``: no finding
#: (Terraform's AWS provider decodes ``container_definitions`` into the SDK's types, where
#: null is absent; describe output is AWS's own). ``note``: the tools disagree, and the
#: note says how (``ECS003`` at note severity). ``error``: everything that reads the shape
#: rejects it (ECR's policy validator, whichever tool sends the policy).
NULLS: dict[tuple[str, str], str] = {
    ("task-definition", "register"): "note",
    ("task-definition", "describe"): "absent",
    ("task-definition", "container-definitions"): "absent",
    ("service", "create"): "note",
    ("service", "definition"): "note",
    ("service", "update"): "note",
    ("service", "describe"): "absent",
    ("lifecycle-policy", "policy"): "error",
    ("lifecycle-policy", "policy-text"): "error",
}

#: Who accepts and who rejects a ``null`` member, per kind, for the ``note`` message.
_NULL_NOTE = {
    "task-definition": "the GitHub deploy action (amazon-ecs-deploy-task-definition) drops nulls before registering "
    "and Terraform's container_definitions reads them as absent, but `aws ecs register-task-definition "
    '--cli-input-json` and the SDKs reject them ("Invalid type for parameter")',
    "service": "`aws ecs create-service`/`update-service --cli-input-json` and the SDKs reject it "
    '("Invalid type for parameter"); only a tool that drops nulls before calling the API accepts it',
}
#: Why a ``null`` is an error where no consumer accepts it.
_NULL_ERROR = {
    "lifecycle-policy": "ECR's policy validator rejects null, whichever tool sends the policy",
}
_NULL_DEFAULT = 'the AWS CLI and SDKs reject null ("Invalid type for parameter")'

_READ_ONLY = {
    "task-definition": "`{key}` is describe-task-definition output, not register-task-definition input: "
    "the CLI rejects it and deploy actions strip it; delete it",
    "service": "`{key}` is describe-services output, not create-service input: the API does not take it; delete it",
    "lifecycle-policy": "`{key}` is read-only output",
}

_TYPES = {"object": "an object", "array": "an array", "string": "a string", "integer": "an integer",
          "number": "a number", "boolean": "a boolean (true or false)", "null": "null"}


class Issue(NamedTuple):
    category: str  # unknown-field | read-only-field | wrong-type | invalid-value | missing-required-field
    path: Path
    message: str
    target: Target = "value"
    #: A severity other than the rule's own (a ``null`` some tools accept is a note).
    severity: Severity | None = None


def issues(doc: Document) -> list[Issue]:
    """The schema issues of ``doc`` (computed once, then memoised on the document)."""
    cached = doc.cache.get("schema-issues")
    if cached is None:
        cached = doc.cache["schema-issues"] = list(_collect(doc))
    return cached


def of(doc: Document, category: str) -> Iterator[Issue]:
    return (i for i in issues(doc) if i.category == category)


def _collect(doc: Document) -> Iterator[Issue]:
    from ecslint import schemas

    entry = SCHEMAS.get((doc.kind, doc.shape))
    if entry is None:
        return
    name, base = entry
    instance: Any = doc.data
    for part in base:
        instance = instance[part]
    if schemas.fast_check(name, instance, is_unknown):
        return
    nulls: frozenset[Path] = frozenset()
    if NULLS.get((doc.kind, doc.shape), "error") != "error":
        from ecslint.model.values import null_members, without_nulls

        nulls = frozenset(null_members(instance))
        if nulls:
            instance = without_nulls(instance)
    errors = []
    if not nulls or not schemas.fast_check(name, instance, is_unknown):
        errors = [e for e in schemas.validator(name).iter_errors(instance) if not _is_unknown_context(instance, e)]
    schema = schemas.load(name)
    read_only = frozenset(schema.get("x-ecslint-read-only", ()))
    # Members the deploying tool fills in, so not required in the file.
    supplied = {"serviceName"} if doc.shape == "definition" else set()
    typed = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    required: set[tuple[Path, int]] = set()
    # Members reported missing, unknown or read-only: a null at or inside one is not noted again.
    reported: set[Path] = set()
    for error in errors:
        if error.validator != "type" and tuple(error.absolute_path) in typed:
            continue  # a value of the wrong type: that is the one problem to report
        if error.validator == "enum" and error.instance == "":
            continue  # SDKs and tools such as ecspresso omit empty enum values: it reads as unset
        if error.validator == "required" and not error.absolute_path and supplied:
            error.validator_value = [k for k in error.validator_value if k not in supplied]
        for issue in _classify(error, base, read_only, doc.kind, nulls, required):
            if issue.category in ("missing-required-field", "unknown-field", "read-only-field"):
                reported.add(issue.path[len(base) :])
            yield issue
    if NULLS.get((doc.kind, doc.shape)) == "note":
        for path in sorted(nulls, key=lambda p: [str(x) for x in p]):
            if any(path[:n] in reported for n in range(1, len(path) + 1)):
                continue
            yield Issue(
                "wrong-type",
                base + path,
                f"`{_leaf(base + path)}` is null: {_NULL_NOTE[doc.kind]}; omit the key",
                severity=Severity.NOTE,
            )


def _is_unknown_context(root: Any, error: Any) -> bool:
    """An error on, or inside, an unknown value is not ours to report."""
    node = root
    if is_unknown(node):
        return True
    for part in error.absolute_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
        if is_unknown(node):
            return True
    return False


def _classify(
    error: Any, base: Path, read_only: frozenset[str], kind_of_doc: str, nulls: frozenset[Path], required: set
) -> Iterator[Issue]:
    """The issues one validation error stands for. ``nulls`` are the members written as
    ``null`` that were left out before validating; ``required`` records the objects whose
    ``required`` list was handled (jsonschema reports one error per missing member, each
    carrying the whole list)."""
    path: Path = base + tuple(error.absolute_path)
    where = _name(path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind in ("type", "enum", "const") and error.instance is None:
        kind = "type"  # a null where an enum or constant belongs is a wrong type, not a bad value
    if kind == "additionalProperties":
        allowed = schema.get("properties", {})
        for key in sorted(k for k in error.instance if k not in allowed):
            if len(path) == len(base) and key in read_only:
                yield Issue(
                    "read-only-field",
                    path + (key,),
                    _READ_ONLY[kind_of_doc].format(key=key),
                    "key",
                )
            else:
                yield Issue(
                    "unknown-field",
                    path + (key,),
                    f"unknown field `{key}` in {where}{did_you_mean(key, allowed)}; the API rejects keys it does not know",
                    "key",
                )
    elif kind == "required":
        group = (path, id(error.schema))
        if group in required:
            return
        required.add(group)
        for key in error.validator_value:
            if isinstance(error.instance, dict) and key not in error.instance:
                null = path[len(base) :] + (key,) in nulls
                yield Issue(
                    "missing-required-field",
                    path + (key,),
                    f"{where} is missing required field `{key}`"
                    + (" (it is null, which reads as absent)" if null else ""),
                    "key",
                )
    elif kind in ("anyOf", "oneOf") and error.context:
        # A nullable member of describe output is anyOf [null, X]: report X's problems.
        for inner in error.context:
            if not (inner.validator == "type" and inner.validator_value == "null"):
                yield from _classify(inner, base, read_only, kind_of_doc, nulls, required)
    elif kind == "type":
        expected = error.validator_value if error.validator == "type" else _enum_types(error.validator_value)
        expected = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPES.get(t, t) for t in expected)
        found = _json_type(error.instance)
        hint = ""
        if error.instance is None:
            fix = "remove the element" if path and isinstance(path[-1], int) else "omit the key"
            hint = f"; {_NULL_ERROR.get(kind_of_doc, _NULL_DEFAULT)}: {fix}"
        if found == "a string" and any(t in ("integer", "number") for t in expected) and _numeric_text(error.instance):
            hint = "; remove the quotes"
        elif isinstance(error.instance, float) and error.instance.is_integer() and "integer" in expected:
            hint = "; write it without a decimal point (the API takes whole numbers only)"
        yield Issue("wrong-type", path, f"`{_leaf(path)}` must be {wanted}, not {found}{hint}")
    elif kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        shown = _short(error.instance)
        yield Issue(
            "invalid-value",
            path,
            f"`{_leaf(path)}` must be one of {', '.join(allowed)}; {shown} is not{did_you_mean(str(error.instance), allowed)}",
        )
    elif kind == "const":
        yield Issue("invalid-value", path, f"`{_leaf(path)}` must be {error.validator_value!r}")
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        word = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "above", "exclusiveMaximum": "below"}[kind]
        yield Issue("invalid-value", path, f"`{_leaf(path)}` must be {word} {error.validator_value}, not {error.instance}")
    elif kind in ("minLength", "maxLength"):
        word = "at least" if kind == "minLength" else "at most"
        yield Issue("invalid-value", path, f"`{_leaf(path)}` must be {word} {error.validator_value} characters long")
    elif kind in ("minItems", "maxItems"):
        word = "at least" if kind == "minItems" else "at most"
        yield Issue("invalid-value", path, f"`{_leaf(path)}` must have {word} {error.validator_value} items")
    elif kind == "pattern":
        yield Issue("invalid-value", path, f"`{_leaf(path)}` does not match the pattern the API requires ({error.validator_value})")
    else:
        yield Issue("invalid-value", path, f"{where}: {kind} constraint not met")


def _enum_types(values: Any) -> list[str]:
    """The JSON types of an ``enum``'s (or a ``const``'s) values, for "must be a string"."""
    values = values if isinstance(values, list) else [values]
    return sorted({_json_type(v).split(" ", 1)[-1] for v in values})


def _name(path: Path) -> str:
    return f"`{render_path(path)}`" if path else "the document"


def _leaf(path: Path) -> str:
    return render_path(path) if path else "document"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _numeric_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lstrip("-").isdigit()


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return f"`{text[:40]}{'...' if len(text) > 40 else ''}`"


def violations(model: Any, category: str) -> Iterator[Violation]:
    """The issues of one category, as a rule yields them."""
    for issue in of(model.doc, category):
        yield Violation(issue.path, issue.message, issue.target, severity=issue.severity)
