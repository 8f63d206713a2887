"""The edit layer: edits on JSON, YAML (block and flow) and JSON inside strings keep the
file as written and always leave it parseable.

Exact cases pin the layout (commas, indentation, comments, quoting, line endings);
properties check, on generated documents in every layout, that removing, inserting,
replacing and moving give exactly the data expected, and nothing else changes.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.fix.edits import Edit, Refused, apply, overlaps
from ecslint.fix.editors import EmbeddedEditor, JsonEditor, YamlEditor
from ecslint.load.embedded import EmbeddedSourceMap, string_offsets
from ecslint.load.jsonload import parse_json
from ecslint.load.text import LineIndex
from ecslint.load.yamlload import parse_yaml


def json_editor(text: str) -> JsonEditor:
    data, smap = parse_json(text)
    return JsonEditor(text, data, smap.spans, smap.duplicates)


def yaml_editor(text: str) -> YamlEditor:
    ((data, smap),) = parse_yaml(text)
    return YamlEditor(text, data, smap.spans, smap.duplicates)


def removed(editor, *paths) -> str:
    edits = editor.remove(paths[0][:-1], set(paths))
    return apply(editor.text, [e for p in paths for e in edits[p]])


# -- JSON -------------------------------------------------------------------------------------

MULTI = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n'


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("a",), '{\n  "b": 2,\n  "c": 3\n}\n'),
        (("b",), '{\n  "a": 1,\n  "c": 3\n}\n'),
        (("c",), '{\n  "a": 1,\n  "b": 2\n}\n'),
        (("b", "c"), '{\n  "a": 1\n}\n'),
        (("a", "c"), '{\n  "b": 2\n}\n'),
        (("a", "b", "c"), "{}\n"),
    ],
)
def test_json_removal_keeps_commas_and_layout(keys, expected):
    assert removed(json_editor(MULTI), *[(k,) for k in keys]) == expected


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('{"a": 1, "b": 2, "c": 3}', "a", '{"b": 2, "c": 3}'),
        ('{"a": 1, "b": 2, "c": 3}', "b", '{"a": 1, "c": 3}'),
        ('{"a": 1, "b": 2, "c": 3}', "c", '{"a": 1, "b": 2}'),
        ('{"a": 1}', "a", "{}"),
        ('{ "only" : null }', "only", "{}"),
        ('{"a":1,"b":2}', "b", '{"a":1}'),
    ],
)
def test_json_removal_on_one_line(text, key, expected):
    assert removed(json_editor(text), (key,)) == expected


def test_json_removal_of_array_items():
    editor = json_editor('{"x": [1, 2, 3]}')
    assert removed(editor, ("x", 1)) == '{"x": [1, 3]}'
    assert removed(editor, ("x", 2)) == '{"x": [1, 2]}'
    assert removed(editor, ("x", 0), ("x", 1), ("x", 2)) == '{"x": []}'


def test_removals_of_several_fixes_tile_and_any_subset_is_valid():
    """Each removal is computed knowing the others: alone or together, valid JSON."""
    editor = json_editor(MULTI)
    edits = editor.remove((), {("b",), ("c",)})
    for chosen in ([("b",)], [("c",)], [("b",), ("c",)]):
        text = apply(MULTI, [e for p in chosen for e in edits[p]])
        assert json.loads(text) == {k: v for k, v in {"a": 1, "b": 2, "c": 3}.items() if (k,) not in chosen}


@pytest.mark.parametrize(
    ("text", "after", "expected"),
    [
        ('{\n    "a": 1,\n    "b": 2\n}', None, '{\n    "a": 1,\n    "b": 2,\n    "k": "v"\n}'),
        ('{\n    "a": 1,\n    "b": 2\n}', "a", '{\n    "a": 1,\n    "k": "v",\n    "b": 2\n}'),
        ('{\n\t"a": 1\n}', None, '{\n\t"a": 1,\n\t"k": "v"\n}'),
        ('{"a": 1, "b": 2}', None, '{"a": 1, "b": 2, "k": "v"}'),
        ('{"a":1,"b":2}', None, '{"a":1,"b":2,"k":"v"}'),
        ('{"a": 1}', None, '{"a": 1, "k": "v"}'),
        ("{}", None, '{"k": "v"}'),
    ],
)
def test_json_insertion_follows_the_objects_own_layout(text, after, expected):
    editor = json_editor(text)
    assert apply(text, editor.insert((), "k", "v", after)) == expected


def test_json_replace_keeps_a_number_written_as_a_string():
    editor = json_editor('{"memory": "512", "cpu": 256}')
    assert apply(editor.text, editor.replace(("memory",), 1024)) == '{"memory": "1024", "cpu": 256}'
    assert apply(editor.text, editor.replace(("cpu",), 512)) == '{"memory": "512", "cpu": 512}'


def test_json_move_to_the_end_and_crlf_is_kept():
    text = '{\r\n  "rules": [\r\n    {"p": 1},\r\n    {"p": 2},\r\n    {"p": 3}\r\n  ]\r\n}\r\n'
    editor = json_editor(text)
    moved = apply(text, editor.move_last(("rules", 0)))
    assert moved == '{\r\n  "rules": [\r\n    {"p": 2},\r\n    {"p": 3},\r\n    {"p": 1}\r\n  ]\r\n}\r\n'
    assert editor.move_last(("rules", 2)) == []


def test_a_move_carries_the_edits_of_its_fix_inside_the_moved_item():
    text = '[{"p": 1}, {"p": 2}]'
    editor = json_editor(text)
    edits = editor.replace((0, "p"), 3) + editor.move_last((0,))
    assert apply(text, edits) == '[{"p": 2}, {"p": 3}]'


def test_an_object_with_a_duplicate_key_is_not_edited():
    editor = json_editor('{"a": 1, "a": 2, "b": 3}')
    with pytest.raises(Refused):
        editor.remove((), {("b",)})


def test_json_unwrap_dedents_and_carries_tags():
    text = (
        '{\n    "taskDefinition": {\n        "family": "web",\n        "containerDefinitions": []\n    },\n'
        '    "tags": [\n        {"key": "team", "value": "a"}\n    ]\n}\n'
    )
    out = apply(text, json_editor(text).unwrap(("taskDefinition",), ("tags",)))
    assert out == (
        '{\n    "family": "web",\n    "containerDefinitions": [],\n'
        '    "tags": [\n        {"key": "team", "value": "a"}\n    ]\n}\n'
    )


def test_overlap_rules():
    assert overlaps(Edit(0, 5, ""), Edit(4, 6, ""))
    assert not overlaps(Edit(0, 5, ""), Edit(5, 6, ""))
    assert overlaps(Edit(3, 3, "x"), Edit(3, 3, "y"))
    assert overlaps(Edit(3, 3, "x"), Edit(0, 5, ""))
    assert not overlaps(Edit(5, 5, "x"), Edit(0, 5, ""))


# -- YAML -------------------------------------------------------------------------------------

BLOCK = """\
family: web  # the family
containerDefinitions:
  - name: web
    image: nginx
    portMappings:
      - containerPort: 80
        hostPort: 80   # fixed
        protocol: tcp
    memory: 256
"""


def test_yaml_block_removal_takes_the_whole_line_with_its_comment():
    editor = yaml_editor(BLOCK)
    out = removed(editor, ("containerDefinitions", 0, "portMappings", 0, "hostPort"))
    assert out == BLOCK.replace("        hostPort: 80   # fixed\n", "")


def test_yaml_removal_of_the_member_on_the_dash_line_moves_the_next_one_up():
    editor = yaml_editor(BLOCK)
    out = removed(editor, ("containerDefinitions", 0, "portMappings", 0, "containerPort"))
    assert out == BLOCK.replace("      - containerPort: 80\n        hostPort: 80", "      - hostPort: 80")
    both = removed(
        editor,
        ("containerDefinitions", 0, "portMappings", 0, "containerPort"),
        ("containerDefinitions", 0, "portMappings", 0, "hostPort"),
    )
    assert both == BLOCK.replace("      - containerPort: 80\n        hostPort: 80   # fixed\n        protocol", "      - protocol")


def test_yaml_removal_of_every_member_leaves_an_empty_mapping():
    text = "rules:\n  - selection:\n      countUnit: null\n"
    editor = yaml_editor(text)
    assert removed(editor, ("rules", 0, "selection", "countUnit")) == "rules:\n  - selection:\n      {}\n"
    items = "a:\n- 1\n- 2\n"
    assert removed(yaml_editor(items), ("a", 0), ("a", 1)) == "a:\n  []\n"


def test_yaml_insertion_in_block_and_flow_style():
    text = "selection:\n  tagStatus: any   # all\n  countType: sinceImagePushed\n  countNumber: 14\nflow: {a: 1, b: 2}\n"
    editor = yaml_editor(text)
    out = apply(text, editor.insert(("selection",), "countUnit", "days", "countType"))
    assert out == text.replace("sinceImagePushed\n", "sinceImagePushed\n  countUnit: days\n")
    assert apply(text, editor.insert(("flow",), "c", "yes")) == text.replace("{a: 1, b: 2}", '{a: 1, b: 2, c: "yes"}')


def test_yaml_replace_keeps_the_scalar_style():
    text = "a: 'HEALTHY'\nb: \"80\"\nc: HEALTHY\nd: 80\n"
    editor = yaml_editor(text)
    out = apply(text, editor.replace(("a",), "START") + editor.replace(("b",), 0) + editor.replace(("c",), "START") + editor.replace(("d",), 0))
    assert out == "a: 'START'\nb: \"0\"\nc: START\nd: 0\n"


@pytest.mark.parametrize("text", ["a: !Ref Port\n", "a: &x 80\nb: *x\n", "a: |\n  two\n  lines\n"])
def test_yaml_tags_anchors_aliases_and_block_scalars_are_not_edited(text):
    editor = yaml_editor(text)
    with pytest.raises(Refused):
        editor.replace(("a",), 0)


def test_yaml_move_within_a_block_sequence():
    text = "rules:\n  - p: 1\n    s: any\n  - p: 2\n  # last\n"
    editor = yaml_editor(text)
    assert apply(text, editor.move_last(("rules", 0))) == "rules:\n  - p: 2\n  - p: 1\n    s: any\n  # last\n"
    no_newline = "rules:\n  - p: 1\n  - p: 2"
    assert apply(no_newline, yaml_editor(no_newline).move_last(("rules", 0))) == "rules:\n  - p: 2\n  - p: 1"


def test_yaml_unwrap():
    text = "# describe output\ntaskDefinition:\n  family: web\n  containerDefinitions:\n    - name: web\ntags:\n  - key: a\n    value: b\n"
    out = apply(text, yaml_editor(text).unwrap(("taskDefinition",), ("tags",)))
    assert out == "# describe output\nfamily: web\ncontainerDefinitions:\n  - name: web\ntags:\n  - key: a\n    value: b\n"


# -- JSON inside a string ---------------------------------------------------------------------


def embedded(text: str, path: tuple) -> tuple[EmbeddedEditor, str]:
    """An editor for the policy held by ``path`` of a JSON or YAML file."""
    roots = parse_json(text) if text.lstrip().startswith("{") else parse_yaml(text)[0]
    data, smap = roots
    span = smap.span(path)
    inner = data
    for part in path:
        inner = inner[part]
    offsets = string_offsets(text[span.start : span.end], span.start, inner)
    inner_map = EmbeddedSourceMap(LineIndex(text), inner, offsets, span, has_duplicates=False)
    return EmbeddedEditor(text, inner_map), inner


def test_an_insertion_inside_a_json_escaped_string_is_escaped():
    policy = {"rules": [{"selection": {"countType": "sinceImagePushed", "countNumber": 14}}]}
    text = json.dumps({"repositoryName": "web", "lifecyclePolicyText": json.dumps(policy, indent=2)}, indent=2)
    editor, _ = embedded(text, ("lifecyclePolicyText",))
    out = apply(text, editor.insert(("rules", 0, "selection"), "countUnit", "days", "countType"))
    inner = json.loads(json.loads(out)["lifecyclePolicyText"])
    assert list(inner["rules"][0]["selection"]) == ["countType", "countUnit", "countNumber"]
    assert '\\"countUnit\\": \\"days\\",\\n' in out  # the inner layout, escaped


def test_an_edit_inside_a_yaml_block_scalar_keeps_its_indentation():
    text = (
        "LifecyclePolicy:\n  LifecyclePolicyText: |\n    {\n      \"rules\": [\n        {\"rulePriority\": 1,"
        ' "selection": {"countType": "imageCountMoreThan", "countUnit": "days", "countNumber": 5}}\n      ]\n    }\n'
        "Other: 1\n"
    )
    editor, _ = embedded(text, ("LifecyclePolicy", "LifecyclePolicyText"))
    edits = editor.remove(("rules", 0, "selection"), {("rules", 0, "selection", "countUnit")})
    out = apply(text, edits[("rules", 0, "selection", "countUnit")])
    assert out == text.replace(' "countUnit": "days",', "")
    inserted = apply(text, editor.insert(("rules", 0), "action", {"type": "expire"}))
    ((data, _),) = parse_yaml(inserted)
    assert json.loads(data["LifecyclePolicy"]["LifecyclePolicyText"])["rules"][0]["action"] == {"type": "expire"}


def test_an_edit_inside_a_single_quoted_yaml_string_doubles_its_quotes():
    text = "lifecyclePolicyText: '{\"rules\": [{\"description\": \"it''s old\", \"rulePriority\": 1}]}'\n"
    editor, _ = embedded(text, ("lifecyclePolicyText",))
    out = apply(text, editor.replace(("rules", 0, "description"), "won't stay"))
    assert out == text.replace("it''s old", "won''t stay")
    ((data, _),) = parse_yaml(out)
    assert json.loads(data["lifecyclePolicyText"])["rules"][0]["description"] == "won't stay"


# -- properties -------------------------------------------------------------------------------

KEYS = st.text(alphabet="abcdefghij", min_size=1, max_size=4)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), st.text("xyz é\"'\\:#-", max_size=6))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)), max_leaves=6)
OBJECTS = st.dictionaries(KEYS, VALUES, min_size=1, max_size=5)


def _json_text(data: dict, indent: int | None) -> str:
    return json.dumps(data, indent=indent, ensure_ascii=False)


def _yaml_text(data: dict, flow: bool) -> str:
    import yaml

    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)


def _editor_and_text(data, layout):
    kind, option = layout
    if kind == "json":
        text = _json_text(data, option)
        return json_editor(text), text, lambda t: json.loads(t)
    text = _yaml_text(data, option)

    def load(t):
        ((loaded, _),) = parse_yaml(t)
        return loaded

    return yaml_editor(text), text, load


LAYOUTS = st.sampled_from([("json", None), ("json", 2), ("json", 4), ("yaml", False), ("yaml", True)])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(OBJECTS, LAYOUTS, st.data())
def test_removing_any_members_gives_exactly_the_rest(data, layout, draw):
    editor, text, load = _editor_and_text(data, layout)
    keys = draw.draw(st.lists(st.sampled_from(sorted(data)), unique=True, min_size=1))
    try:
        edits = editor.remove((), {(k,) for k in keys})
    except Refused:
        return
    out = apply(text, [e for k in keys for e in edits[(k,)]])
    assert load(out) == {k: v for k, v in data.items() if k not in keys}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(OBJECTS, LAYOUTS, KEYS, VALUES, st.data())
def test_inserting_a_member_adds_exactly_it_where_asked(data, layout, key, value, draw):
    if key in data:
        return
    editor, text, load = _editor_and_text(data, layout)
    after = draw.draw(st.sampled_from([None, *sorted(data)]))
    try:
        out = apply(text, editor.insert((), key, value, after))
    except Refused:
        return
    loaded = load(out)
    assert loaded == {**data, key: value}
    keys = list(data)
    position = keys.index(after) + 1 if after is not None else len(keys)
    assert list(loaded) == keys[:position] + [key] + keys[position:]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(OBJECTS, min_size=2, max_size=4), st.sampled_from([None, 2]), st.booleans(), st.data())
def test_moving_an_item_to_the_end(items, indent, as_yaml, draw):
    index = draw.draw(st.integers(0, len(items) - 1))
    data = {"rules": items}
    editor, text, load = _editor_and_text(data, ("yaml", False) if as_yaml else ("json", indent))
    try:
        out = apply(text, editor.move_last(("rules", index)))
    except Refused:
        return
    assert load(out)["rules"] == items[:index] + items[index + 1 :] + [items[index]]
