"""The validation errors of an instance, as jsonschema reports them, without jsonschema.

``fast_check`` answers "valid or not"; a document that fails it needs its errors, and
importing jsonschema for them costs ~55 ms of the run (more than the rest of a pre-commit
run on one file). :func:`iter_errors` walks a schema the way jsonschema's draft 2020-12
validator does, for exactly the keywords ``compile_predicate`` supports (the keywords the
generated schemas use), and yields :class:`SchemaError` objects carrying the attributes the
schema pass reads (``validator``, ``validator_value``, ``instance``, ``schema``,
``absolute_path``, ``context``), in jsonschema's order. ``tests/test_schema_errors.py``
asserts that the two agree on every schema, on generated near-valid instances.

The API's ``integer`` is a JSON integer token, and a schema marked
``"x-ecslint-coercion": "cloudformation"`` judges ``type``, ``minimum`` and ``maximum`` with
CloudFormation's scalar coercion, as ``ecslint.schemas.make_validator`` does.
"""

from __future__ import annotations

import functools
import re

from ecslint import schemas

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator

__all__ = ["SchemaError", "iter_errors"]


class SchemaError:
    """One failed keyword: what jsonschema's ``ValidationError`` says, for the schema pass."""

    __slots__ = ("validator", "validator_value", "instance", "schema", "absolute_path", "context")

    def __init__(
        self, validator: str | None, validator_value: Any, instance: Any, schema: Any, path: tuple, context: list[SchemaError] | None = None
    ) -> None:
        #: The keyword that failed (None for a ``false`` schema).
        self.validator = validator
        self.validator_value = validator_value
        self.instance = instance
        #: The (sub)schema holding the keyword: the very dict of the loaded schema.
        self.schema = schema
        #: Where the instance is, from the validated root.
        self.absolute_path = path
        #: For ``anyOf``/``oneOf`` matching no branch: the errors of every branch.
        self.context = context or []

    def __repr__(self) -> str:
        return f"SchemaError({self.validator!r} at {list(self.absolute_path)!r})"


def iter_errors(name: str, instance: Any) -> Iterator[SchemaError]:
    """The errors of ``instance`` against the schema called ``name``, as jsonschema's
    ``validator(name).iter_errors(instance)`` yields them."""
    return _validator(name).iter_errors(instance)


@functools.cache
def _validator(name: str) -> _Validator:
    return _Validator(schemas.load(name), name)


def validator_for(schema: dict[str, Any]) -> _Validator:
    """A validator for a schema that is not one of the named ones (tests)."""
    return _Validator(schema, "<schema>")


def _is_object(v: Any) -> bool:
    return isinstance(v, dict)


def _is_array(v: Any) -> bool:
    return isinstance(v, list)


def _is_string(v: Any) -> bool:
    return isinstance(v, str)


class _Validator:
    def __init__(self, root: Any, name: str) -> None:
        self.root = root
        self.coerce = schemas.is_coerced(root)
        self.types = schemas._COERCED_TYPES if self.coerce else schemas._TYPES
        self._compiler = schemas._Compiler(root, name)
        self._refs: dict[str, Any] = {}

    def iter_errors(self, instance: Any) -> Iterator[SchemaError]:
        return self.errors(instance, self.root, ())

    def is_valid(self, instance: Any, schema: Any) -> bool:
        return next(self.errors(instance, schema, ()), None) is None

    def errors(self, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
        if schema is True:
            return
        if schema is False:
            yield SchemaError(None, None, instance, schema, path)
            return
        for keyword, value in schema.items():
            handler = _KEYWORDS.get(keyword)
            if handler is not None:
                yield from handler(self, value, instance, schema, path)

    def resolve(self, ref: str) -> Any:
        target = self._refs.get(ref, self)
        if target is self:
            target = self._refs[ref] = self._compiler.resolve(ref, ref)
        return target


def _error(keyword: str, value: Any, instance: Any, schema: Any, path: tuple, context: list[SchemaError] | None = None) -> SchemaError:
    return SchemaError(keyword, value, instance, schema, path, context)


# -- the keywords, each as jsonschema's ``_keywords`` implements it -----------------------


def _ref(v: _Validator, ref: str, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    yield from v.errors(instance, v.resolve(ref), path)


def _type(v: _Validator, types: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    names = [types] if isinstance(types, str) else types
    if not any(v.types[t](instance) for t in names):
        yield _error("type", types, instance, schema, path)


def _enum(v: _Validator, enums: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if all(not schemas._json_equal(each, instance) for each in enums):
        yield _error("enum", enums, instance, schema, path)


def _const(v: _Validator, const: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if not schemas._json_equal(instance, const):
        yield _error("const", const, instance, schema, path)


def _properties(v: _Validator, properties: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if not _is_object(instance):
        return
    for key, sub in properties.items():
        if key in instance:
            yield from v.errors(instance[key], sub, path + (key,))


def _pattern_properties(v: _Validator, patterns: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if not _is_object(instance):
        return
    for pattern, sub in patterns.items():
        for key, value in instance.items():
            if re.search(pattern, key):
                yield from v.errors(value, sub, path + (key,))


def _additional(instance: dict, schema: Any) -> list:
    properties = schema.get("properties", {})
    patterns = "|".join(schema.get("patternProperties", {}))
    return [k for k in instance if k not in properties and not (patterns and re.search(patterns, k))]


def _additional_properties(v: _Validator, additional: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if not _is_object(instance):
        return
    extras = _additional(instance, schema)
    if isinstance(additional, dict):
        for key in extras:
            yield from v.errors(instance[key], additional, path + (key,))
    elif not additional and extras:
        yield _error("additionalProperties", additional, instance, schema, path)


def _required(v: _Validator, required: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if not _is_object(instance):
        return
    for key in required:
        if key not in instance:
            yield _error("required", required, instance, schema, path)


def _dependent_required(v: _Validator, dependent: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if not _is_object(instance):
        return
    for key, needed in dependent.items():
        if key in instance:
            for other in needed:
                if other not in instance:
                    yield _error("dependentRequired", dependent, instance, schema, path)


def _property_names(v: _Validator, names: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if not _is_object(instance):
        return
    for key in instance:
        yield from v.errors(key, names, path)


def _size(keyword: str, judged: Any, too_few: bool) -> Any:
    def check(v: _Validator, bound: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
        if judged(instance) and (len(instance) < bound if too_few else len(instance) > bound):
            yield _error(keyword, bound, instance, schema, path)

    return check


def _items(v: _Validator, items: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if not _is_array(instance) or not instance:
        return
    if items is False:
        yield _error("items", items, instance, schema, path)
        return
    for index, item in enumerate(instance):
        yield from v.errors(item, items, path + (index,))


def _pattern(v: _Validator, pattern: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if _is_string(instance) and not re.search(pattern, instance):
        yield _error("pattern", pattern, instance, schema, path)


def _bound(keyword: str, low: bool) -> Any:
    def check(v: _Validator, bound: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
        value = schemas._numeric_value(instance, v.coerce)
        if value is not None and (value < bound if low else value > bound):
            yield _error(keyword, bound, instance, schema, path)

    return check


def _all_of(v: _Validator, subs: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    for sub in subs:
        yield from v.errors(instance, sub, path)


def _any_of(v: _Validator, subs: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    context: list[SchemaError] = []
    for sub in subs:
        found = list(v.errors(instance, sub, path))
        if not found:
            return
        context.extend(found)
    yield _error("anyOf", subs, instance, schema, path, context)


def _one_of(v: _Validator, subs: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    context: list[SchemaError] = []
    for index, sub in enumerate(subs):
        found = list(v.errors(instance, sub, path))
        if not found:
            break
        context.extend(found)
    else:
        yield _error("oneOf", subs, instance, schema, path, context)
        return
    if any(v.is_valid(instance, other) for other in subs[index + 1 :]):
        yield _error("oneOf", subs, instance, schema, path)


def _not(v: _Validator, negated: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if v.is_valid(instance, negated):
        yield _error("not", negated, instance, schema, path)


def _if(v: _Validator, condition: Any, instance: Any, schema: Any, path: tuple) -> Iterator[SchemaError]:
    if v.is_valid(instance, condition):
        if "then" in schema:
            yield from v.errors(instance, schema["then"], path)
    elif "else" in schema:
        yield from v.errors(instance, schema["else"], path)


_KEYWORDS = {
    "$ref": _ref,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "properties": _properties,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
    "required": _required,
    "dependentRequired": _dependent_required,
    "propertyNames": _property_names,
    "minProperties": _size("minProperties", _is_object, True),
    "maxProperties": _size("maxProperties", _is_object, False),
    "items": _items,
    "minItems": _size("minItems", _is_array, True),
    "maxItems": _size("maxItems", _is_array, False),
    "minLength": _size("minLength", _is_string, True),
    "maxLength": _size("maxLength", _is_string, False),
    "pattern": _pattern,
    "minimum": _bound("minimum", True),
    "maximum": _bound("maximum", False),
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "not": _not,
    "if": _if,
}
