"""JSON Schemas for the documents ecslint checks, and a fast validity pre-check.

The API schemas are generated from botocore's ECS model by ``tools/gen_schemas.py`` (do not
edit them by hand); ``lifecycle-policy.json`` is hand-written. The ``cfn-*`` schemas describe
the ``Properties`` of CloudFormation resources (``cfn_schema(type)`` names them), generated
from the CloudFormation resource provider schemas by ``tools/gen_cfn_schemas.py``.

CloudFormation converts scalars ("10" and 10 are equivalent), so a schema whose root says
``"x-ecslint-coercion": "cloudformation"`` is checked as cfn-lint's default (non-strict) mode
does: a ``string`` accepts any scalar; an ``integer`` or ``number`` accepts whatever
``int()``/``float()`` can convert, booleans excepted (``"512"`` and ``512``); a ``boolean``
accepts ``true``/``false`` and the strings ``"true" "True" "TRUE" "false" "False"
"FALSE"``; objects and arrays are never converted; ``minimum``/``maximum`` also judge a
string that holds a number. ``fast_check`` and ``validator`` share these predicates
(``_COERCED_TYPES``, ``_numeric_value``), so they agree.

Why ``fast_check``: importing jsonschema costs ~70 ms, most of the per-file budget, and most
documents are well-formed. ``fast_check`` compiles a schema once into plain Python closures
and answers "valid or not" without jsonschema; only when it says False does the linter
collect detailed errors, with ``ecslint.schemas.errors`` (jsonschema's errors, without
jsonschema; ``validator`` is the reference the tests compare it with). Module level
therefore uses the standard library only.
"""

from __future__ import annotations

import functools
import json
import os
import re

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Callable

    from jsonschema import Draft202012Validator

    Unknown = Callable[[Any], bool]
    # A compiled check: (instance, unknown, depth) -> valid. ``unknown`` is consulted at
    # every instance location reached by descending (property values, items, names).
    _Check = Callable[[Any, Unknown, int], bool]

__all__ = [
    "CFN_TYPES",
    "NAMES",
    "SchemaCompileError",
    "cfn_schema",
    "compile_predicate",
    "fast_check",
    "load",
    "make_validator",
    "validator",
]

#: CloudFormation resource type -> the schema of its ``Properties`` (tools/gen_cfn_schemas.py).
CFN_TYPES: dict[str, str] = {
    "AWS::AutoScaling::AutoScalingGroup": "cfn-autoscaling-autoscalinggroup",
    "AWS::AutoScaling::LaunchConfiguration": "cfn-autoscaling-launchconfiguration",
    "AWS::EC2::LaunchTemplate": "cfn-ec2-launchtemplate",
    "AWS::ECR::Repository": "cfn-ecr-repository",
    "AWS::ECS::CapacityProvider": "cfn-ecs-capacityprovider",
    "AWS::ECS::Cluster": "cfn-ecs-cluster",
    "AWS::ECS::ClusterCapacityProviderAssociations": "cfn-ecs-clustercapacityproviderassociations",
    "AWS::ECS::Service": "cfn-ecs-service",
    "AWS::ECS::TaskDefinition": "cfn-ecs-taskdefinition",
    "AWS::ElasticLoadBalancingV2::TargetGroup": "cfn-elasticloadbalancingv2-targetgroup",
}

NAMES: tuple[str, ...] = (
    "capacity-provider",
    "cluster",
    "container-definitions",
    "lifecycle-policy",
    "repository",
    "service",
    "service-describe",
    "service-update",
    "target-group",
    "task-definition",
    "task-definition-describe",
    *sorted(CFN_TYPES.values()),
)

_DIR = os.path.dirname(os.path.abspath(__file__))  # not pathlib: ~3 ms of start-up

#: Nesting depth (object/array levels) beyond which ``fast_check`` gives up and returns False
#: ("not proven valid"). Our schemas are at most ~15 levels deep, so a real document never
#: gets near it; it only keeps hostile inputs against recursive schemas off the C stack.
MAX_DEPTH = 200


class SchemaCompileError(ValueError):
    """The schema uses something ``compile_predicate`` does not implement."""


class _TooDeep(Exception):
    """Raised internally when an instance is nested deeper than ``MAX_DEPTH``."""


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The schema called ``name`` (a file stem from ``NAMES``), parsed once.

    The returned dict is shared: do not mutate it.
    """
    if name not in NAMES:
        raise KeyError(f"unknown schema {name!r}; expected one of: {', '.join(NAMES)}")
    with open(os.path.join(_DIR, f"{name}.json"), encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


def cfn_schema(resource_type: str) -> str | None:
    """The schema name of a CloudFormation resource type's ``Properties``, or None.

    ``cfn_schema("AWS::ECS::TaskDefinition") == "cfn-ecs-taskdefinition"``; types are
    case-sensitive, as CloudFormation's are.
    """
    return CFN_TYPES.get(resource_type) if isinstance(resource_type, str) else None


def is_coerced(schema: Any) -> bool:
    """Whether ``schema`` is checked with CloudFormation's scalar coercion (see above)."""
    if not isinstance(schema, dict):
        return False
    mode = schema.get("x-ecslint-coercion")
    if mode is None:
        return False
    if mode != "cloudformation":
        raise SchemaCompileError(f"unknown x-ecslint-coercion {mode!r}")
    return True


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """A jsonschema validator for detailed errors (imports jsonschema on first use).

    Its ``integer`` is the API's, not JSON Schema's: botocore rejects ``14.0`` for an
    integer member ("Invalid type for parameter ..."), and the ECR policy validator is
    believed to as well, so only a JSON integer token (a Python ``int``) counts. A
    CloudFormation schema converts scalars instead (see above).
    """
    return make_validator(load(name))


def make_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A draft 2020-12 validator for ``schema`` with the API's ``integer``, or with
    CloudFormation's coercion when the schema asks for it (see above)."""
    from jsonschema import Draft202012Validator, validators

    if is_coerced(schema):
        # Not through the type checker: ``pattern``, ``minLength`` and the object and array
        # keywords ask it whether a value *is* a string, an object ..., and must keep
        # hearing the plain answer (cfn-lint converts in ``type`` only, and in the bounds).
        return validators.extend(Draft202012Validator, validators=_coerced_keywords())(schema)
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, v: _is_integer(v))
    return validators.extend(Draft202012Validator, type_checker=checker)(schema)


def _coerced_keywords() -> dict[str, Callable[..., Any]]:
    """jsonschema keyword functions for ``type``, ``minimum`` and ``maximum`` with
    CloudFormation's coercion, on the predicates ``fast_check`` uses."""
    from jsonschema import ValidationError

    def type_(validator: Any, types: Any, instance: Any, schema: Any) -> Any:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_COERCED_TYPES[t](instance) for t in names):
            yield ValidationError(f"{instance!r} is not of type {', '.join(map(repr, names))}")

    def minimum(validator: Any, bound: Any, instance: Any, schema: Any) -> Any:
        value = _numeric_value(instance, True)
        if value is not None and value < bound:
            yield ValidationError(f"{instance!r} is less than the minimum of {bound!r}")

    def maximum(validator: Any, bound: Any, instance: Any, schema: Any) -> Any:
        value = _numeric_value(instance, True)
        if value is not None and value > bound:
            yield ValidationError(f"{instance!r} is greater than the maximum of {bound!r}")

    return {"type": type_, "minimum": minimum, "maximum": maximum}


def fast_check(name: str, instance: Any, unknown: Unknown | None = None) -> bool:
    """True iff ``instance`` is valid against schema ``name``, without jsonschema.

    Any value for which ``unknown(value)`` is true (``${VAR}`` placeholders, CloudFormation
    intrinsics) is valid wherever it appears, whatever its schema says. False means "not
    proven valid": run ``validator(name)`` for the verdict and the errors (this includes
    the rare instance nested deeper than ``MAX_DEPTH``).
    """
    return _compiled(name)(instance, unknown)


@functools.cache
def _compiled(name: str) -> Callable[[Any, Unknown | None], bool]:
    return compile_predicate(load(name), name=name)


def _never_unknown(value: Any) -> bool:
    return False


# ``unknown`` is consulted only when a value fails its own check: a valid value needs no
# excuse, and most values are valid, so the predicate rarely runs.


def compile_predicate(
    schema: dict[str, Any] | bool, name: str = "<schema>"
) -> Callable[[Any, Unknown | None], bool]:
    """Compile a draft 2020-12 ``schema`` into ``check(instance, unknown=None) -> bool``.

    Supports exactly the keywords our schemas use and agrees with ``make_validator(schema)
    .is_valid`` on them (``fast_check`` is this on a named schema), CloudFormation's coercion
    included. Raises ``SchemaCompileError`` for any other validation keyword.
    """
    root_check = _Compiler(schema, name).compile(schema, "#")

    def check(instance: Any, unknown: Unknown | None = None) -> bool:
        unk = unknown or _never_unknown
        try:
            return bool(root_check(instance, unk, 0) or unk(instance))
        except (_TooDeep, RecursionError):
            return False

    return check


# --------------------------------------------------------------------------------------
# Compiler

# Keywords without effect on validity (annotations) that the compiler skips. ``format`` is
# an annotation too: jsonschema only asserts it when given a format checker.
_ANNOTATIONS = frozenset(
    {
        "$comment",
        "$defs",
        "$id",
        "$schema",
        "contentEncoding",
        "contentMediaType",
        "contentSchema",
        "default",
        "definitions",
        "deprecated",
        "description",
        "examples",
        "format",
        "markdownDescription",
        "readOnly",
        "title",
        "writeOnly",
    }
)
_OBJECT_KEYWORDS = frozenset(
    {
        "properties",
        "patternProperties",
        "required",
        "dependentRequired",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
    }
)
_ARRAY_KEYWORDS = frozenset({"items", "minItems", "maxItems"})
_STRING_KEYWORDS = frozenset({"minLength", "maxLength", "pattern"})
_NUMBER_KEYWORDS = frozenset({"minimum", "maximum"})
_SUPPORTED = (
    _OBJECT_KEYWORDS
    | _ARRAY_KEYWORDS
    | _STRING_KEYWORDS
    | _NUMBER_KEYWORDS
    | {"$ref", "type", "enum", "const", "not", "allOf", "anyOf", "oneOf", "if", "then", "else"}
)


def _always(v: Any, u: Unknown, d: int) -> bool:
    return True


def _never(v: Any, u: Unknown, d: int) -> bool:
    return False


def _is_number(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    import numbers  # only for exotic numeric types (Decimal, Fraction), as jsonschema does

    return isinstance(v, numbers.Number)


def _is_integer(v: Any) -> bool:
    # The API's integer: a JSON integer token. ``14.0`` is not one (botocore rejects the
    # float), although JSON Schema would call it an integer; ``True`` is not one either.
    return isinstance(v, int) and not isinstance(v, bool)


_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": _is_integer,
    "number": _is_number,
}

# CloudFormation's coercion (module docstring; cfn-lint ``_raw_type`` and ``BOOLEAN_STRINGS``).
_BOOLEAN_STRINGS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})


def _converts(v: Any, convert: Callable[[Any], Any]) -> bool:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        return False
    try:
        convert(v)
    except (ValueError, OverflowError):  # int("lots"), int(float("nan")), int(float("inf"))
        return False
    return True


_COERCED_TYPES: dict[str, Callable[[Any], bool]] = {
    **_TYPES,
    "string": lambda v: isinstance(v, (str, int, float)),  # bool is an int: scalars all
    "integer": lambda v: _converts(v, int),
    "number": lambda v: _converts(v, float),
    "boolean": lambda v: isinstance(v, bool) or (isinstance(v, str) and v in _BOOLEAN_STRINGS),
}


def _numeric_value(v: Any, coerce: bool) -> Any:
    """The number ``minimum``/``maximum`` compare, or None when they do not apply: a JSON
    number, and under coercion also a string ``float()`` converts (as cfn-lint)."""
    if isinstance(v, str):
        if not coerce:
            return None
        try:
            return float(v)
        except ValueError:
            return None
    return v if _is_number(v) else None


def _json_equal(one: Any, two: Any) -> bool:
    """Equality as jsonschema's ``enum``/``const`` see it: True != 1, 1 == 1.0."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, (list, tuple)) and isinstance(two, (list, tuple)):
        return len(one) == len(two) and all(_json_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_json_equal(one[k], two[k]) for k in one)
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    return bool(one == two)


class _Compiler:
    """Turns one schema document into nested closures; ``$ref`` targets are compiled once."""

    def __init__(self, root: dict[str, Any] | bool, name: str) -> None:
        self.root = root
        self.name = name
        self.refs: dict[str, list[_Check]] = {}
        self.coerce = is_coerced(root)
        self.types = _COERCED_TYPES if self.coerce else _TYPES

    def fail(self, where: str, message: str) -> SchemaCompileError:
        return SchemaCompileError(f"schema {self.name!r} at {where}: {message}")

    def compile(self, schema: Any, where: str) -> _Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise self.fail(where, f"a schema must be an object or a boolean, not {schema!r}")
        for key in schema:
            if key not in _SUPPORTED and key not in _ANNOTATIONS and not key.startswith("x-"):
                raise self.fail(where, f"keyword {key!r} is not supported by fast_check")
        if "$id" in schema and where != "#":
            raise self.fail(where, "$id below the root is not supported")

        checks: list[_Check] = []
        if "type" in schema:
            checks.append(self.type_check(schema["type"], where))
        if "enum" in schema:
            checks.append(self.enum_check(schema["enum"]))
        if "const" in schema:
            const = schema["const"]
            checks.append(lambda v, u, d: _json_equal(v, const))
        if _OBJECT_KEYWORDS & schema.keys():
            checks.append(self.object_check(schema, where))
        if _ARRAY_KEYWORDS & schema.keys():
            checks.append(self.array_check(schema, where))
        if _STRING_KEYWORDS & schema.keys():
            checks.append(self.string_check(schema, where))
        if _NUMBER_KEYWORDS & schema.keys():
            checks.append(self.number_check(schema, self.coerce))
        if "$ref" in schema:
            checks.append(self.ref_check(schema["$ref"], where))
        for key in ("allOf", "anyOf", "oneOf"):
            if key in schema:
                subs = schema[key]
                if not isinstance(subs, list) or not subs:
                    raise self.fail(where, f"{key} must be a non-empty array")
                compiled = [self.compile(s, f"{where}/{key}/{i}") for i, s in enumerate(subs)]
                checks.append(_COMBINATORS[key](compiled))
        if "not" in schema:
            negated = self.compile(schema["not"], f"{where}/not")
            checks.append(lambda v, u, d: not negated(v, u, d))
        if "if" in schema:
            checks.append(self.conditional(schema, where))
        return _all_of(checks)

    def type_check(self, types: Any, where: str) -> _Check:
        names = [types] if isinstance(types, str) else list(types)
        try:
            preds = [self.types[t] for t in names]
        except KeyError as exc:
            raise self.fail(where, f"unknown type {exc.args[0]!r}") from None
        if len(preds) == 1:
            pred = preds[0]
            return lambda v, u, d: pred(v)
        return lambda v, u, d: any(p(v) for p in preds)

    def enum_check(self, values: list[Any]) -> _Check:
        if all(isinstance(x, str) for x in values):
            allowed = frozenset(values)
            return lambda v, u, d: isinstance(v, str) and v in allowed
        return lambda v, u, d: any(_json_equal(v, x) for x in values)

    def object_check(self, schema: dict[str, Any], where: str) -> _Check:
        props = {
            key: self.compile(sub, f"{where}/properties/{key}")
            for key, sub in schema.get("properties", {}).items()
        }
        required = tuple(schema.get("required", ()))
        additional = schema.get("additionalProperties", True)
        forbid_extra = additional is False
        extra: _Check | None = (
            None
            if additional is True or forbid_extra
            else self.compile(additional, f"{where}/additionalProperties")
        )
        names = (
            self.compile(schema["propertyNames"], f"{where}/propertyNames")
            if "propertyNames" in schema
            else None
        )
        min_props = schema.get("minProperties")
        max_props = schema.get("maxProperties")
        dependent = tuple((key, tuple(needed)) for key, needed in schema.get("dependentRequired", {}).items())
        patterns: list[tuple[Callable[[str], Any], _Check]] = []
        for pattern, sub in schema.get("patternProperties", {}).items():
            try:
                search = re.compile(pattern).search
            except re.error as exc:
                raise self.fail(where, f"patternProperties {pattern!r} does not compile: {exc}") from None
            patterns.append((search, self.compile(sub, f"{where}/patternProperties/{pattern}")))

        def member(key: Any, value: Any, u: Unknown, d: int) -> bool:
            # A key in ``properties`` and a key matching a pattern are judged by every schema
            # that names it; ``additionalProperties`` judges only the keys nothing names.
            named = False
            sub = props.get(key)
            if sub is not None:
                if not (sub(value, u, d) or u(value)):
                    return False
                named = True
            for search, pattern_sub in patterns:
                if isinstance(key, str) and search(key):
                    if not (pattern_sub(value, u, d) or u(value)):
                        return False
                    named = True
            if not named:
                if forbid_extra:
                    return False
                if extra is not None and not (extra(value, u, d) or u(value)):
                    return False
            return True

        def check(v: Any, u: Unknown, d: int) -> bool:
            if not isinstance(v, dict):
                return True
            for key in required:
                if key not in v:
                    return False
            for key, needed in dependent:
                if key in v:
                    for other in needed:
                        if other not in v:
                            return False
            if min_props is not None and len(v) < min_props:
                return False
            if max_props is not None and len(v) > max_props:
                return False
            if d >= MAX_DEPTH:
                raise _TooDeep
            d += 1
            for key, value in v.items():
                if patterns:
                    if not member(key, value, u, d):
                        return False
                else:  # no patterns, the common case: inline, as it is the hot path
                    sub = props.get(key)
                    if sub is not None:
                        if not (sub(value, u, d) or u(value)):
                            return False
                    elif forbid_extra:
                        return False
                    elif extra is not None and not (extra(value, u, d) or u(value)):
                        return False
                if names is not None and not (names(key, u, d) or u(key)):
                    return False
            return True

        return check

    def array_check(self, schema: dict[str, Any], where: str) -> _Check:
        items = self.compile(schema["items"], f"{where}/items") if "items" in schema else None
        min_items = schema.get("minItems")
        max_items = schema.get("maxItems")

        def check(v: Any, u: Unknown, d: int) -> bool:
            if not isinstance(v, list):
                return True
            if min_items is not None and len(v) < min_items:
                return False
            if max_items is not None and len(v) > max_items:
                return False
            if items is not None:
                if d >= MAX_DEPTH:
                    raise _TooDeep
                d += 1
                for item in v:
                    if not (items(item, u, d) or u(item)):
                        return False
            return True

        return check

    def string_check(self, schema: dict[str, Any], where: str) -> _Check:
        min_len = schema.get("minLength")
        max_len = schema.get("maxLength")
        try:
            search = re.compile(schema["pattern"]).search if "pattern" in schema else None
        except re.error as exc:
            raise self.fail(where, f"pattern does not compile: {exc}") from None

        def check(v: Any, u: Unknown, d: int) -> bool:
            if not isinstance(v, str):
                return True
            if min_len is not None and len(v) < min_len:
                return False
            if max_len is not None and len(v) > max_len:
                return False
            return search is None or search(v) is not None

        return check

    def number_check(self, schema: dict[str, Any], coerce: bool) -> _Check:
        low = schema.get("minimum")
        high = schema.get("maximum")

        def check(v: Any, u: Unknown, d: int) -> bool:
            if not _is_number(v):
                if not (coerce and isinstance(v, str)):
                    return True
                v = _numeric_value(v, coerce)  # CloudFormation: a string holding a number
                if v is None:
                    return True
            if low is not None and v < low:
                return False
            return high is None or not v > high

        return check

    def conditional(self, schema: dict[str, Any], where: str) -> _Check:
        cond = self.compile(schema["if"], f"{where}/if")
        then = self.compile(schema["then"], f"{where}/then") if "then" in schema else _always
        other = self.compile(schema["else"], f"{where}/else") if "else" in schema else _always
        return lambda v, u, d: then(v, u, d) if cond(v, u, d) else other(v, u, d)

    def ref_check(self, ref: Any, where: str) -> _Check:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise self.fail(where, f"only local references are supported, not {ref!r}")
        cell = self.refs.get(ref)
        if cell is None:
            # The cell exists before its target is compiled, so recursive refs terminate.
            cell = self.refs[ref] = [_never]
            cell[0] = self.compile(self.resolve(ref, where), ref)
        return lambda v, u, d: cell[0](v, u, d)

    def resolve(self, ref: str, where: str) -> Any:
        node: Any = self.root
        pointer = ref[1:]
        if "%" in pointer:  # (urllib.parse, with ipaddress, is ~2 ms to import for nothing else)
            from urllib.parse import unquote

            pointer = unquote(pointer)
        if pointer and not pointer.startswith("/"):
            raise self.fail(where, f"anchors are not supported: {ref!r}")
        for token in pointer.split("/")[1:]:
            token = token.replace("~1", "/").replace("~0", "~")
            try:
                node = node[int(token)] if isinstance(node, list) else node[token]
            except (KeyError, IndexError, ValueError, TypeError):
                raise self.fail(where, f"unresolvable reference {ref!r}") from None
        return node


def _all_of(checks: list[_Check]) -> _Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v, u, d: first(v, u, d) and second(v, u, d)
    frozen = tuple(checks)

    def check(v: Any, u: Unknown, d: int) -> bool:
        for c in frozen:
            if not c(v, u, d):
                return False
        return True

    return check


def _any_of(checks: list[_Check]) -> _Check:
    frozen = tuple(checks)

    def check(v: Any, u: Unknown, d: int) -> bool:
        for c in frozen:
            if c(v, u, d):
                return True
        return False

    return check


def _one_of(checks: list[_Check]) -> _Check:
    frozen = tuple(checks)

    def check(v: Any, u: Unknown, d: int) -> bool:
        matched = False
        for c in frozen:
            if c(v, u, d):
                if matched:
                    return False
                matched = True
        return matched

    return check


_COMBINATORS: dict[str, Callable[[list[_Check]], _Check]] = {
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
}
