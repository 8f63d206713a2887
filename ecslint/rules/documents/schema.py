"""One schema pass per document, shared by ECS002-ECS005 and ECS007.

Each document is checked against the JSON Schema of its shape (generated from botocore's
ECS model; the lifecycle schema from the ECR reference; a CloudFormation resource's
``Properties`` against the schema ``schemas.cfn_schema(type)`` names, in the template's own
spelling, with CloudFormation's scalar coercion and its intrinsic functions unknown, except
the ``Fn::If`` branch each combination of the template's conditions takes). A fast
boolean check runs first; only a document that fails it has its errors collected (by
``ecslint.schemas.errors``: jsonschema's errors, without importing jsonschema). Errors are
sorted into the categories the catalog names, each with a path and a message that never
quotes a free-text value (a wrong-typed environment value may be a password).

A ``null`` member is judged by what the file's consumers make of it (:data:`NULLS`):
where they read it as absent, the document is validated without it, so that a required
member written as ``null`` is reported missing and nothing else about it is.
"""

from __future__ import annotations

from ecslint.core.finding import Path, Region, Severity, Target, Violation, render_path
from ecslint.core.records import NamedTuple
from ecslint.core.suggest import did_you_mean
from ecslint.load.placeholders import is_unknown, is_unknown_in_template
from ecslint.load.source import Document

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator

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
    # create-cluster, create-capacity-provider, create-repository and create-target-group
    # input. Their describe output (read-only members) and Auto Scaling groups (which
    # only inform the capacity chain) have no schema here.
    ("cluster", "create"): ("cluster", ()),
    ("capacity-provider", "create"): ("capacity-provider", ()),
    ("repository", "create"): ("repository", ()),
    ("target-group", "create"): ("target-group", ()),
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

_READ_ONLY_CFN = "`{key}` is an attribute CloudFormation returns (read it with `Fn::GetAtt`), not a property; delete it"

_MAX_LISTED = 20  # enum values a message lists; the API's enums have at most 15

_TYPES = {"object": "an object", "array": "an array", "string": "a string", "integer": "an integer",
          "number": "a number", "boolean": "a boolean (true or false)", "null": "null"}


class Issue(NamedTuple):
    category: str  # unknown-field | read-only-field | wrong-type | invalid-value | missing-required-field
    path: Path
    message: str
    target: Target = "value"
    #: A severity other than the rule's own (a ``null`` some tools accept is a note).
    severity: Severity | None = None
    #: For a value of the wrong type: the JSON types the schema takes there.
    expected: tuple[str, ...] = ()
    #: Where it is, when the issue is about the file as written rather than a path of the
    #: document (a Terraform argument).
    region: Region | None = None


def issues(doc: Document) -> list[Issue]:
    """The schema issues of ``doc`` (computed once, then memoised on the document, or on
    the resource for a template read once per combination of its conditions: the same in
    each combination that takes the same branches of the resource's ``Fn::If``)."""
    origin = doc.origin
    if origin is not None and origin.schema:
        memo, key = origin.shared, ("schema-issues", _branches_taken(origin))
    else:
        memo, key = doc.cache, "schema-issues"
    cached = memo.get(key)
    if cached is None:
        cached = memo[key] = list(_collect(doc))
    return cached


def of(doc: Document, category: str) -> Iterator[Issue]:
    return (i for i in issues(doc) if i.category == category)


def _collect(doc: Document) -> Iterator[Issue]:
    origin = doc.origin
    if origin is not None and origin.source == "terraform":
        yield from _terraform(doc)
        return
    checked = _checked(doc)
    if checked is None:
        return
    name, instance, base, arguments = checked
    if origin is not None and origin.schema:
        # A template resource is checked as written, against its source's own schema, in
        # its own spelling; the issues' paths are paths in the file. As this combination of
        # conditions reads it: each value an ``Fn::If`` it decides takes is checked where it
        # is written, in the branch.
        instance, written = _as_read(instance, origin.conditions)
        for issue in check(name, instance, base, **arguments):
            where = issue.path[len(base) :]
            yield issue._replace(path=base + _written_at(where, written)) if written else issue
        return
    yield from check(name, instance, base, **arguments)


def _terraform(doc: Document) -> Iterator[Issue]:
    """A Terraform resource: its arguments and blocks against the provider's schema (in
    the configuration's own terms, each issue at its node: ``region`` set); the JSON it
    holds against the API's (container definitions, a lifecycle policy), located through
    the document, where the provider decodes it (a ``null`` there is absent)."""
    origin = doc.origin
    block = origin.raw if origin is not None else None
    if block is not None and doc.file.lines is not None and hasattr(block, "body"):
        from ecslint.sources.terraform_schema import check_resource

        lines = doc.file.lines
        majors = getattr(origin.scope, "provider_majors", None)
        for issue in check_resource(origin.schema, block):
            if issue.category == "unknown-field" and majors is not None:
                low, high = majors
                if low >= 6:
                    continue  # newer than the provider schema ecslint knows (5.x): unknown
                if high is not None and high <= 5 and "removed in AWS provider 5" in issue.message:
                    continue  # a module pinned below 5.0 may still use it
            line, column = lines.position(issue.start)
            end_line, end_column = lines.position(max(issue.end, issue.start + 1))
            region = Region(line, column, end_line, end_column)
            # Terraform refuses to plan a computed attribute that is set: an error, not the
            # note a describe field pasted into a register input is.
            severity = Severity.ERROR if issue.category == "read-only-field" else None
            yield Issue(issue.category, ("terraform",) + tuple(issue.path), issue.message, region=region, severity=severity)
    if doc.kind == "task-definition" and isinstance(doc.data.get("containerDefinitions"), list):
        yield from check("container-definitions", doc.data["containerDefinitions"], ("containerDefinitions",), doc.kind, (), "absent", True)
    elif doc.kind == "lifecycle-policy":
        yield from check("lifecycle-policy", doc.data, (), doc.kind)


_NO_VALUE = {"Ref": "AWS::NoValue"}


def _branches_taken(origin: Any) -> tuple[tuple[str, bool], ...]:
    """The values of the conditions the resource's ``Fn::If`` name, in this combination."""
    used = origin.shared.get("if-conditions")
    if used is None:
        used = origin.shared["if-conditions"] = frozenset(_if_conditions(origin.raw))
    return tuple(sorted((c, v) for c, v in origin.conditions.items() if c in used))


def _if_conditions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        branch = node.get("Fn::If")
        if len(node) == 1 and isinstance(branch, list) and branch and isinstance(branch[0], str):
            yield branch[0]
        for value in node.values():
            yield from _if_conditions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _if_conditions(value)


def _as_read(raw: Any, conditions: dict[str, bool]) -> tuple[Any, dict[Path, Path] | None]:
    """``raw`` with each ``Fn::If`` that ``conditions`` decide replaced by the branch they
    take (a branch ``Ref: AWS::NoValue`` leaves the member out, as CloudFormation does), and
    for each path of the result that moved, the path where its value is written; ``(raw,
    None)`` when nothing is decided."""
    if not any(c in conditions for c in _if_conditions(raw)):
        return raw, None
    written: dict[Path, Path] = {}
    absent = object()

    def take(node: Any, path: Path, at: Path) -> Any:
        while isinstance(node, dict) and len(node) == 1 and "Fn::If" in node:
            args = node["Fn::If"]
            if not (isinstance(args, list) and len(args) == 3 and isinstance(args[0], str) and args[0] in conditions):
                break  # a condition this reading does not decide: the value stays unknown
            branch = 1 if conditions[args[0]] else 2
            node, at = args[branch], at + ("Fn::If", branch)
            if node == _NO_VALUE:
                return absent
        if path != at:
            written[path] = at
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                value = take(value, path + (key,), at + (key,))
                if value is not absent:
                    out[key] = value
            return out
        if isinstance(node, list):
            items: list[Any] = []
            for index, value in enumerate(node):
                value = take(value, path + (len(items),), at + (index,))
                if value is not absent:
                    items.append(value)
            return items
        return node

    return take(raw, (), ()), written


def _written_at(path: Path, written: dict[Path, Path]) -> Path:
    """Where the value at ``path`` of a resource read by :func:`_as_read` is written."""
    for n in range(len(path), -1, -1):
        if path[:n] in written:
            return written[path[:n]] + path[n:]
    return path


def check(
    name: str,
    instance: Any,
    base: Path = (),
    kind_of_doc: str = "",
    supplied: Any = (),
    null_policy: str = "error",
    terraform: bool = False,
) -> Iterator[Issue]:
    """The issues of ``instance`` against the schema ``name``, with paths under ``base``.

    For a CloudFormation schema (``schemas.cfn_schema(type)``, e.g. a template resource's
    ``Properties``) the messages speak of CloudFormation, in the template's own spelling, and
    intrinsic functions are unknown. ``kind_of_doc`` picks the read-only message of an API
    document; ``supplied`` lists root members a deploying tool fills in (not required);
    ``null_policy`` is how the file's consumers read a null (:data:`NULLS`); ``terraform``:
    JSON that Terraform's AWS provider decodes (it drops unknown keys without a word).
    """
    from ecslint import schemas

    schema = schemas.load(name)
    voice = _Voice(schemas.is_coerced(schema), terraform)
    if schemas.fast_check(name, instance, voice.unknown):
        return
    nulls: frozenset[Path] = frozenset()
    if null_policy != "error":
        from ecslint.model.values import null_members, without_nulls

        nulls = frozenset(null_members(instance))
        if nulls:
            instance = without_nulls(instance)
    errors = []
    if not nulls or not schemas.fast_check(name, instance, voice.unknown):
        from ecslint.schemas.errors import iter_errors

        errors = [e for e in iter_errors(name, instance) if not _is_unknown_context(instance, e, voice.unknown)]
    read_only = frozenset(schema.get("x-ecslint-read-only", ()))
    dependent: set[Path] = set()
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
        if error.validator == "dependentRequired":
            # jsonschema raises one error per missing member; the first reports them all.
            if tuple(error.absolute_path) in dependent:
                continue
            dependent.add(tuple(error.absolute_path))
        for issue in _classify(error, base, read_only, kind_of_doc, nulls, required, voice):
            if issue.category in ("missing-required-field", "unknown-field", "read-only-field"):
                reported.add(issue.path[len(base) :])
            yield issue
    if null_policy == "note":
        for path in sorted(nulls, key=lambda p: [str(x) for x in p]):
            if any(path[:n] in reported for n in range(1, len(path) + 1)):
                continue
            yield Issue(
                "wrong-type",
                base + path,
                f"`{_leaf(base + path)}` is null: {_NULL_NOTE[kind_of_doc]}; omit the key",
                severity=Severity.NOTE,
            )


class _Voice:
    """Who rejects what the schema forbids, and what is unknown there: the AWS API for API
    files; CloudFormation for a template resource's ``Properties`` (coerced schemas), where
    intrinsic functions are unknown too."""

    def __init__(self, template: bool, terraform: bool = False) -> None:
        self.template = template
        self.authority = "CloudFormation" if template else "the API"
        self.unknown = is_unknown_in_template if template else is_unknown
        self.unknown_key = (
            "Terraform's AWS provider drops keys it does not know without a word, so it has no effect"
            if terraform
            else f"{self.authority} rejects keys it does not know"
        )


def _is_unknown_context(root: Any, error: Any, unknown: Any) -> bool:
    """An error on, or inside, an unknown value is not ours to report."""
    node = root
    if unknown(node):
        return True
    for part in error.absolute_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
        if unknown(node):
            return True
    return False


def _key_choice(branches: Any) -> list[str] | None:
    """The keys of a ``oneOf`` that only says "exactly one of these keys" (CloudFormation's
    ``requiredXor``, the API's tagged unions), else None."""
    if not isinstance(branches, list):
        return None
    keys = []
    for branch in branches:
        if not (isinstance(branch, dict) and set(branch) == {"required"} and len(branch["required"]) == 1):
            return None
        keys.append(branch["required"][0])
    return keys


def _exclusion(schema: Any) -> bool:
    """Whether a ``not`` schema says "not all of these keys" (``{"required": [a, b]}``)."""
    return isinstance(schema, dict) and set(schema) == {"required"}


def _choices(keys: Any) -> str:
    return ", ".join(f"`{k}`" for k in keys)


def _classify(
    error: Any,
    base: Path,
    read_only: frozenset[str],
    kind_of_doc: str,
    nulls: frozenset[Path],
    required: set,
    voice: _Voice,
) -> Iterator[Issue]:
    """The issues one validation error stands for. ``nulls`` are the members written as
    ``null`` that were left out before validating; ``required`` records the objects whose
    ``required`` list was handled (jsonschema reports one error per missing member, each
    carrying the whole list)."""
    path: Path = base + tuple(error.absolute_path)
    where = _name(path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    if kind in ("type", "enum", "const") and error.instance is None:
        kind = "type"  # a null where an enum or constant belongs is a wrong type, not a bad value
    if kind == "additionalProperties":
        allowed = schema.get("properties", {})
        for key in sorted(k for k in error.instance if k not in allowed):
            if len(path) == len(base) and key in read_only:
                yield Issue(
                    "read-only-field",
                    path + (key,),
                    (_READ_ONLY_CFN if voice.template else _READ_ONLY[kind_of_doc]).format(key=key),
                    "key",
                )
            else:
                yield Issue(
                    "unknown-field",
                    path + (key,),
                    f"unknown field `{key}` in {where}{did_you_mean(key, allowed)}; {voice.unknown_key}",
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
    elif kind == "oneOf" and isinstance(instance, dict) and (keys := _key_choice(error.validator_value)):
        # Exactly one of several keys. A key whose value is unknown may vanish
        # (`!If [c, x, !Ref AWS::NoValue]`): only keys with known values count as "several".
        present = [k for k in instance if k in keys]
        if not present:
            yield Issue(
                "missing-required-field",
                path,
                f"{where} needs one of {_choices(keys)}: {voice.authority} takes exactly one of them",
                "key",
            )
        known = [k for k in present if not voice.unknown(instance[k])]
        for key in known[1:]:
            yield Issue(
                "invalid-value",
                path + (key,),
                f"`{key}` cannot be set together with `{known[0]}` in {where}: {voice.authority} takes exactly one of "
                f"{_choices(keys)}; keep one",
                "key",
            )
    elif kind == "not" and _exclusion(error.validator_value) and isinstance(instance, dict):
        # Keys that exclude each other (CloudFormation's ``dependentExcluded``).
        keys = [k for k in instance if k in error.validator_value["required"]]
        if len(keys) > 1 and not any(voice.unknown(instance[k]) for k in keys):
            yield Issue(
                "invalid-value",
                path + (keys[-1],),
                f"`{keys[-1]}` cannot be set together with {_choices(keys[:-1])} in {where}; keep one",
                "key",
            )
    elif kind == "dependentRequired" and isinstance(instance, dict):
        for key, needed in error.validator_value.items():
            if key in instance and not voice.unknown(instance[key]):
                for other in needed:
                    if other not in instance:
                        yield Issue(
                            "missing-required-field",
                            path + (other,),
                            f"{where} sets `{key}` but not `{other}`: {voice.authority} needs both",
                            "key",
                        )
    elif kind in ("anyOf", "oneOf") and error.context:
        # A nullable member of describe output is anyOf [null, X]: report X's problems.
        for inner in error.context:
            if not (inner.validator == "type" and inner.validator_value == "null"):
                yield from _classify(inner, base, read_only, kind_of_doc, nulls, required, voice)
    elif kind == "type":
        expected = error.validator_value if error.validator == "type" else _enum_types(error.validator_value)
        expected = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPES.get(t, t) for t in expected)
        found = _json_type(error.instance)
        hint = ""
        if voice.template:
            if error.instance is None:
                hint = "; CloudFormation rejects it (\"'null' values are not allowed in templates\"): omit the key"
            elif found == "a string":
                found = _coerced_string(expected)
        elif error.instance is None:
            fix = "remove the element" if path and isinstance(path[-1], int) else "omit the key"
            hint = f"; {_NULL_ERROR.get(kind_of_doc, _NULL_DEFAULT)}: {fix}"
        elif found == "a string" and any(t in ("integer", "number") for t in expected) and _numeric_text(error.instance):
            hint = "; remove the quotes"
        elif isinstance(error.instance, float) and error.instance.is_integer() and "integer" in expected:
            hint = "; write it without a decimal point (the API takes whole numbers only)"
        yield Issue("wrong-type", path, f"`{_leaf(path)}` must be {wanted}, not {found}{hint}", expected=tuple(expected))
    elif kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        shown = _short(error.instance)
        # A long list (CloudFormation's 1,030 EC2 instance types) is named, not recited.
        listed = (
            ", ".join(allowed)
            if len(allowed) <= _MAX_LISTED
            else f"the {len(allowed)} values {voice.authority} accepts"
        )
        yield Issue(
            "invalid-value",
            path,
            f"`{_leaf(path)}` must be one of {listed}; {shown} is not{did_you_mean(str(error.instance), allowed)}",
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
        yield Issue(
            "invalid-value", path, f"`{_leaf(path)}` does not match the pattern {voice.authority} requires ({error.validator_value})"
        )
    else:
        yield Issue("invalid-value", path, f"{where}: {kind} constraint not met")


def _coerced_string(expected: list[str]) -> str:
    """A string CloudFormation could not convert to any of the ``expected`` types."""
    if "boolean" in expected:
        return "a string other than true or false"
    if "integer" in expected:
        return "a string that is not a whole number"
    if "number" in expected:
        return "a string that is not a number"
    return "a string"


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
    """A value for a message: a short word-like string as written; any other string (free
    text, which may be a pasted secret) only by its kind."""
    if isinstance(value, str):
        from ecslint.rules.security.secret_in_environment import safe_token

        return f"`{value}`" if safe_token(value) else "the value written"
    text = repr(value)
    return f"`{text[:40]}{'...' if len(text) > 40 else ''}`"


def violations(model: Any, category: str, fix: Any = None) -> Iterator[Violation]:
    """The issues of one category, as a rule yields them; ``fix(doc, issue)`` makes the
    fix of an issue (or None). A template resource's issues have paths in the file."""
    doc = model.doc
    in_file = bool(doc.origin is not None and doc.origin.source == "cloudformation" and doc.origin.schema)
    for issue in of(doc, category):
        region = issue.region or (doc.locator.sourcemap.region(issue.path, issue.target) if in_file else None)
        # An issue in the file's own terms (a Terraform argument, ``("terraform",
        # "revision")``) has a fix in those terms: the edit layer finds the argument.
        repair = fix(doc, issue) if fix is not None else None
        if repair is not None:
            repair.in_file = in_file or issue.region is not None
        yield Violation(issue.path, issue.message, issue.target, region=region, severity=issue.severity, fix=repair)


def _checked(doc: Document) -> tuple[str, Any, Path, dict[str, Any]] | None:
    """What :func:`_collect` validates for ``doc``: the schema's name, the instance, its
    path and the remaining arguments of :func:`check`."""
    from ecslint import schemas

    origin = doc.origin
    if origin is not None and origin.source == "terraform":
        return None
    if origin is not None and origin.schema:
        name = schemas.cfn_schema(origin.schema)
        return (name, origin.raw, origin.raw_path, {}) if name is not None and isinstance(origin.raw, dict) else None
    entry = SCHEMAS.get((doc.kind, doc.shape))
    if entry is None:
        return None
    name, base = entry
    instance: Any = doc.data
    for part in base:
        instance = instance[part]
    supplied = {"serviceName"} if doc.shape == "definition" else set()
    return name, instance, base, {"kind_of_doc": doc.kind, "supplied": supplied, "null_policy": NULLS.get((doc.kind, doc.shape), "error")}


def value_at(doc: Document, path: Path) -> Any:
    """The value at a path of ``doc``'s issues (a path in the file for a template
    resource); ``KeyError`` when there is none."""
    checked = _checked(doc)
    if checked is None:
        raise KeyError(path)
    _, node, base, _ = checked
    if path[: len(base)] != base:
        raise KeyError(path)
    for part in path[len(base) :]:
        if isinstance(node, (dict, list)):
            try:
                node = node[part]
                continue
            except (KeyError, IndexError, TypeError):
                pass
        raise KeyError(path)
    return node


def removal_leaves_valid(doc: Document, path: Path) -> bool:
    """Whether removing the member at ``path`` (a path of ``doc``'s issues) leaves its
    object with every member the schema requires: a fix that removes a member must not
    trade one finding for another."""
    checked = _checked(doc)
    if checked is None or not path or not isinstance(path[-1], str):
        return False
    name, instance, base, arguments = checked
    relative = path[len(base) :]
    if arguments.get("null_policy", "error") != "error" and _null_at(instance, relative):
        # The schema pass reads a null member as absent: without it the schema sees the very
        # same instance, so the document's own issues answer (one validation per document,
        # not one more per null member).
        found: Iterable[Issue] = issues(doc)
    else:
        try:
            trimmed = _without(instance, relative)
        except (KeyError, IndexError, TypeError, AttributeError):
            return False
        found = check(name, trimmed, base, **arguments)
    return not any(i.category == "missing-required-field" and path[:-1] in (i.path, i.path[:-1]) for i in found)


def _without(node: Any, path: Path) -> Any:
    """A copy of ``node`` without the object member at ``path`` (what it shares is not copied)."""
    if len(path) == 1:
        return {k: v for k, v in node.items() if k != path[0]}
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _without(node[path[0]], path[1:])
    return copy


def _null_at(node: Any, path: Path) -> bool:
    """Whether the object member at ``path`` of ``node`` is written as ``null``."""
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(node, dict) and path[-1] in node and node[path[-1]] is None
