"""The schema pass's errors come from ``ecslint.schemas.errors`` (no jsonschema at run
time): they must be jsonschema's, error for error. Each test compares the two on the same
instance: the keyword, its value, the instance, the subschema, the path and, for ``anyOf``
and ``oneOf``, the errors of every branch."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schemas import (
    ANY_JSON,
    AVAILABLE,
    COERCED_SCHEMA,
    ERROR_MODES,
    KEYWORD_SCHEMA,
    Gen,
    constrained_definitions,
    keyword_instances,
    near_valid,
)

from ecslint import schemas
from ecslint.rules.documents import schema as schema_pass
from ecslint.schemas import errors


def _key(error: Any) -> tuple:
    context = Counter(_key(e) for e in error.context or ())
    return (
        error.validator,
        repr(error.validator_value),
        repr(error.instance),
        id(error.schema) if isinstance(error.schema, dict) else repr(error.schema),
        tuple(error.absolute_path),
        tuple(sorted(context.items(), key=repr)),
    )


def same(ours: Any, theirs: Any) -> None:
    """The same errors (as multisets: jsonschema visits extra properties in set order)."""
    assert Counter(_key(e) for e in ours) == Counter(_key(e) for e in theirs)


def agree(name: str, instance: Any) -> None:
    same(errors.iter_errors(name, instance), schemas.validator(name).iter_errors(instance))


@pytest.mark.parametrize("name", AVAILABLE)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_errors_agree_with_jsonschema(name: str, data: st.DataObject) -> None:
    agree(name, data.draw(near_valid(name), label="instance"))


@pytest.mark.parametrize("name", [n for n in AVAILABLE if constrained_definitions(n)])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_errors_agree_per_definition(name: str, data: st.DataObject) -> None:
    definition = data.draw(st.sampled_from(constrained_definitions(name)), label="definition")
    root = schemas.load(name)
    sub = {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{definition}"}
    if schemas.is_coerced(root):
        sub["x-ecslint-coercion"] = root["x-ecslint-coercion"]
    errors_, chaos = data.draw(st.sampled_from(ERROR_MODES))
    instance = Gen(data.draw, root, errors_, chaos).value_at(f"#/$defs/{definition}")
    same(errors.validator_for(sub).iter_errors(instance), schemas.make_validator(sub).iter_errors(instance))


@pytest.mark.parametrize("schema", [KEYWORD_SCHEMA, COERCED_SCHEMA], ids=["plain", "coerced"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_errors_agree_on_every_keyword(schema: dict[str, Any], data: st.DataObject) -> None:
    instance = data.draw(ANY_JSON | keyword_instances(schema))
    same(errors.validator_for(schema).iter_errors(instance), schemas.make_validator(schema).iter_errors(instance))


@pytest.mark.parametrize(
    "instance",
    [1, 1.0, True, False, 0, "a", "bb", "bbb", "abc", None, [1], [True], [1.0], [False], [0],
     {"k": 1}, {"k": True}, {"kids": []}, {"kids": [], "stop": 1}, {"ab": 5}, {"ab": 6},
     {"ab": 2.0}, {"abcde": 1}, {"A": 1}, {"kids": [{"kids": [{}]}]}, {}, 2.5, 3,
     {"xb": True}, {"cb": "0.5"}, {"zz": "x"}, {"a1": "xyz"}],
)
@pytest.mark.parametrize("schema", [KEYWORD_SCHEMA, COERCED_SCHEMA], ids=["plain", "coerced"])
def test_errors_agree_on_edge_cases(schema: dict[str, Any], instance: Any) -> None:
    same(errors.validator_for(schema).iter_errors(instance), schemas.make_validator(schema).iter_errors(instance))


def test_a_false_schema_fails_everything() -> None:
    ours = list(errors.validator_for({"properties": {"a": False}}).iter_errors({"a": 1}))
    assert [(e.validator, e.absolute_path) for e in ours] == [(None, ("a",))]


def _documents_with_nulls() -> list[Any]:
    from pathlib import Path

    from ecslint.engine import Settings, load

    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    session = load([str(p) for p in (corpus, fixtures) if p.is_dir()], Settings())
    from ecslint.model.values import null_members

    out = []
    for file in session.files:
        for doc in file.documents:
            checked = schema_pass._checked(doc)
            if checked is not None and isinstance(checked[1], (dict, list)):
                out += [(doc, checked[2] + path) for path in null_members(checked[1]) if isinstance(path[-1], str)]
    return out


def test_removing_a_null_is_judged_as_a_second_validation_would() -> None:
    """``removal_leaves_valid`` answers from the document's own issues when nulls read as
    absent: the same answer as validating the document without the member."""
    pairs = _documents_with_nulls()
    assert len(pairs) > 20
    for doc, path in pairs:
        name, instance, base, arguments = schema_pass._checked(doc)
        trimmed = schema_pass._without(instance, path[len(base) :])
        slow = not any(
            i.category == "missing-required-field" and path[:-1] in (i.path, i.path[:-1])
            for i in schema_pass.check(name, trimmed, base, **arguments)
        )
        assert schema_pass.removal_leaves_valid(doc, path) is slow, (doc.file.display, path)
