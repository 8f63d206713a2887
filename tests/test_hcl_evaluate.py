"""Evaluation of HCL expressions with the span of every path (ecslint/load/hcl/evaluate.py).

Positions are never hard-coded numbers: each expected span is found in the test's own
text, so a test says what it points at.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.load.embedded import EmbeddedSourceMap
from ecslint.load.errors import LoadError
from ecslint.load.hcl import (
    MAX_DEPTH,
    Attribute,
    Binding,
    Body,
    Evaluator,
    Interpolation,
    JsonText,
    Node,
    Reference,
    Scope,
    Template,
    evaluate,
    parse_hcl,
    parse_template,
    string_offsets,
)
from ecslint.load.jsonload import parse_json
from ecslint.load.placeholders import Unknown, is_unknown
from ecslint.load.sourcemap import Span
from ecslint.load.text import LineIndex
from ecslint.model import images

DATA = Path(__file__).resolve().parent / "data" / "terraform"


# -- helpers ------------------------------------------------------------------------------


def _at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the ``occurrence``-th ``needle`` in ``text``."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    return offset, offset + len(needle)


def _span(node: Node) -> tuple[int, int]:
    return node.start, node.end


def _attr(body: Body, name: str) -> Attribute:
    return body.attributes[name]


class Locals(Scope):
    """Locals and variables from dictionaries of expressions, as the Terraform source will."""

    def __init__(self, body: Body | None = None, origin: object = None, variables: dict | None = None):
        self.locals: dict[str, Binding] = {}
        if body is not None:
            for block in body.blocks_of("locals"):
                for attribute in block.body.attributes.values():
                    self.locals[attribute.name] = Binding(attribute.expr, origin)
        self.variables = variables or {}
        self.calls: list[str] = []

    def local(self, name: str) -> Binding | None:
        self.calls.append(name)
        return self.locals.get(name)

    def variable(self, name: str) -> Binding | None:
        return self.variables.get(name)


def test_object_duplicate_keys_later_wins() -> None:
    text = 'o = { a = 1, "a" = 2 }\n'
    expr = _attr(parse_hcl(text), "o").expr
    (later, first), = expr.duplicates
    assert later.value.value == 2 and first.value.value == 1
    result = evaluate(expr)
    assert result.value == {"a": 2}
    assert result.spans[("a",)] == Span(_at(text, '"a"'), *_at(text, "2"))


# -- round trips (hypothesis) --------------------------------------------------------------

_WORDS = frozenset(("true", "false", "null", "for", "in", "if", "endif", "endfor", "else"))
_identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True).filter(lambda s: s not in _WORDS)
#: A literal ``%%{`` is written ``%%%{``, which tree-sitter-hcl misreads as ``%%`` and a
#: directive (HCL reads ``%`` and the escape ``%%{``): a file error, never a wrong value.
_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=12).filter(lambda s: "%%{" not in s)
_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**9), 10**9) | _text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_identifiers | _text, children, max_size=4),
    max_leaves=25,
)


def _quote(value: str, draw: st.DrawFn) -> str:
    out = []
    for c in value:
        special = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
        if c in special:
            out.append(special[c])
        elif not c.isprintable() or draw(st.integers(0, 9)) == 0:
            out.append(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
        else:
            out.append(c)
    quoted = "".join(out)
    return '"' + quoted.replace("${", "$${").replace("%{", "%%{") + '"'


def _render(value: object, draw: st.DrawFn, path: tuple, out: list[str], spans: dict) -> None:
    """Write ``value`` as HCL, recording the span of every path (key span, value span)."""
    start = sum(map(len, out))
    if value is None:
        out.append("null")
    elif isinstance(value, bool):
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, str):
        out.append(_quote(value, draw))
    elif isinstance(value, list):
        out.append("[")
        for n, item in enumerate(value):
            if n:
                out.append(draw(st.sampled_from([", ", ",\n", " ,"])))
            _render(item, draw, path + (n,), out, spans)
        out.append(draw(st.sampled_from(["]", ",]", "\n]"])) if value else "]")
    else:
        assert isinstance(value, dict)
        out.append("{\n")
        for name, item in value.items():
            # An identifier starts with a letter or an underscore (`-0` is an expression).
            bare = name.isascii() and name.replace("_", "a").replace("-", "a").isalnum() and (name[0].isalpha() or name[0] == "_") and name not in _WORDS
            key = name if bare and draw(st.booleans()) else _quote(name, draw)
            key_start = sum(map(len, out))
            out.append(key)
            key_span = (key_start, key_start + len(key))
            out.append(draw(st.sampled_from([" = ", ": ", "="])))
            _render(item, draw, path + (name,), out, spans)
            spans[path + (name,)] = Span(key_span, *spans[path + (name,)][1:])
            out.append(draw(st.sampled_from(["\n", ",\n", ", "])) if len(value) > 1 else "\n")
        out.append("}")
    spans[path] = Span(None, start, sum(map(len, out)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_values, st.data())
def test_values_round_trip_with_exact_spans(value: object, data: st.DataObject) -> None:
    out: list[str] = ["x = "]
    expected: dict = {}
    _render(value, data.draw, (), out, expected)
    text = "".join(out) + "\n"
    body = parse_hcl(text)
    result = evaluate(body.attributes["x"].expr)
    assert result.value == value
    # Every path of the value is located where the renderer wrote it, key and value.
    assert result.spans == {p: Span(s.key, s.start, s.end) for p, s in expected.items()}
    # Every string maps each character to the raw character or escape it came from.
    for path, span in result.spans.items():
        offsets = result.offsets(path)
        if offsets is None:
            continue
        decoded = _get(value, path)
        assert len(offsets) == len(decoded) + 1
        assert offsets[-1] == span.end - 1  # the closing quote
        for c, o in zip(decoded, offsets):
            assert text[o] == c or text[o] in "\\$%", (c, text[o])


def _get(value: object, path: tuple) -> object:
    for step in path:
        value = value[step]  # type: ignore[index]
    return value


def test_nesting_up_to_the_limit_parses_and_evaluates() -> None:
    depth = MAX_DEPTH - 2
    body = parse_hcl("x = " + "[" * depth + "1" + "]" * depth + "\n")
    value = evaluate(body.attributes["x"].expr).value
    for _ in range(depth):
        assert isinstance(value, list)
        (value,) = value
    assert value == 1


# -- evaluation with positions -------------------------------------------------------------------

CONTAINERS = """resource "aws_ecs_task_definition" "app" {
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "${var.repo}:latest"
      essential = false
      portMappings = [{ containerPort = 80 }]
      logConfiguration = {
        options = { awslogs-group = local.group }
      }
    }
  ])
}

locals {
  group = "/ecs/web"
}
"""


def test_jsonencode_keeps_the_span_of_every_member() -> None:
    body = parse_hcl(CONTAINERS)
    attribute = body.blocks[0].body.attributes["container_definitions"]
    result = evaluate(attribute.expr, Locals(body))
    text = result.value
    assert isinstance(text, JsonText)
    assert result.spans[()] == Span(None, attribute.expr.start, attribute.expr.end)
    assert text.data == [
        {
            "name": "web",
            "image": "${var.repo}:latest",
            "essential": False,
            "portMappings": [{"containerPort": 80}],
            "logConfiguration": {"options": {"awslogs-group": "/ecs/web"}},
        }
    ]
    # A finding on containerDefinitions[0].essential lands on `essential = false`.
    assert text.spans[(0, "essential")] == Span(_at(CONTAINERS, "essential"), *_at(CONTAINERS, "false"))
    assert text.spans[(0, "portMappings", 0, "containerPort")] == Span(_at(CONTAINERS, "containerPort"), *_at(CONTAINERS, "80"))
    assert text.spans[(0,)].start == CONTAINERS.index("{\n      name")
    # A local's value is located at the reference; the table says it is in this text.
    group = (0, "logConfiguration", "options", "awslogs-group")
    assert text.spans[group] == Span(_at(CONTAINERS, "awslogs-group"), *_at(CONTAINERS, "local.group"))
    assert text.inner.origin(group) is None
    # The text is Terraform's: compact, keys sorted.
    assert str(text) == (
        '[{"essential":false,"image":"${var.repo}:latest","logConfiguration":{"options":'
        '{"awslogs-group":"/ecs/web"}},"name":"web","portMappings":[{"containerPort":80}]}]'
    )
    assert json.loads(text) == text.data


def test_jsonencode_escapes_like_terraform() -> None:
    body = parse_hcl('x = jsonencode({ b = "<a&b>", a = "é\\u2028" })\n')
    assert str(evaluate(body.attributes["x"].expr).value) == '{"a":"é\\u2028","b":"\\u003ca\\u0026b\\u003e"}'


def test_unknowns_are_never_known() -> None:
    text = (
        "v = var.image\n"
        "d = data.aws_region.current.name\n"
        "m = module.web.service_arn\n"
        "e = each.value.port\n"
        "c = count.index\n"
        "f = file(\"x.json\")\n"
        "q = var.a ? 1 : 2\n"
        'i = "${var.repo}:latest"\n'
        't = "%{ if var.x }a%{ endif }"\n'
        "u = upper(\"${var.x}\")\n"
        "k = { (var.k) = 1 }\n"
        "p = aws_ecs_task_definition.app.arn\n"
    )
    body = parse_hcl(text)
    values = {name: evaluate(a.expr).value for name, a in body.attributes.items()}
    for name, value in values.items():
        assert is_unknown(value), name
    assert [type(values[n]).__name__ for n in "vdmecp"] == ["Reference"] * 6
    assert [values[n].kind for n in "vdmecp"] == ["var", "data", "module", "each", "count", "resource"]
    assert values["d"].resource == ("data.aws_region", "current") and values["d"].attribute == "name"
    assert values["m"].address == "module.web" and values["m"].attribute == "service_arn"
    assert isinstance(values["f"], Unknown) and not isinstance(values["f"], Reference)
    # A template keeps its literal text: the image parser still sees the tag.
    assert values["i"] == "${var.repo}:latest"
    assert images.parse(values["i"]).tag == "latest"


def test_a_resource_reference_stays_inspectable() -> None:
    body = parse_hcl('a = aws_ecs_task_definition.app.arn\nb = aws_lb_target_group.web[0].arn\nc = "${aws_ecr_repository.r.repository_url}"\nd = aws_instance.x["k"]\n')
    a, b, c, d = (evaluate(attribute.expr).value for attribute in body.attributes.values())
    assert isinstance(a, Reference) and a.source == "aws_ecs_task_definition.app.arn"
    assert (a.kind, a.resource, a.address, a.attribute, a.index) == (
        "resource",
        ("aws_ecs_task_definition", "app"),
        "aws_ecs_task_definition.app",
        "arn",
        ...,
    )
    assert (b.resource, b.index, b.attribute, b.source) == (("aws_lb_target_group", "web"), 0, "arn", "aws_lb_target_group.web[0].arn")
    # "${x}" alone is x itself (Terraform 0.11 style), not a string.
    assert isinstance(c, Reference) and c.resource == ("aws_ecr_repository", "r") and c.attribute == "repository_url"
    assert d.index == "k" and d.attribute is None and d.source == 'aws_instance.x["k"]'


def test_scope_resolves_locals_variables_and_configured_arguments() -> None:
    text = (
        "locals {\n"
        '  name = "web"\n'
        '  full = "${local.name}-${var.env}"\n'
        "  td   = aws_ecs_task_definition.app\n"
        "  loop = local.loop\n"
        "}\n"
        "a = local.full\n"
        "b = local.td.arn\n"
        "c = local.loop\n"
        "d = aws_ecs_task_definition.app.family\n"
        "e = local.missing\n"
    )
    body = parse_hcl(text)

    class S(Locals):
        def attribute(self, reference: Reference) -> Binding | None:
            if reference.address == "aws_ecs_task_definition.app" and reference.attribute == "family":
                return Binding(parse_hcl('family = "app"\n').attributes["family"].expr, "other.tf")
            return None

    env = parse_hcl('env = "prod"\n').attributes["env"].expr
    scope = S(body, variables={"env": Binding(env)})
    evaluator = Evaluator(scope)
    values = {name: evaluator.evaluate(a.expr) for name, a in body.attributes.items()}
    assert values["a"].value == "web-prod"
    b = values["b"].value
    assert isinstance(b, Reference) and b.source == "aws_ecs_task_definition.app.arn"  # through the local
    assert isinstance(values["c"].value, Unknown)  # a cycle is unknown, not a RecursionError
    assert values["d"].value == "app"
    assert values["d"].spans[()] == Span(None, *_at(text, "aws_ecs_task_definition.app.family"))
    assert isinstance(values["e"].value, Reference) and values["e"].value.kind == "local"
    assert scope.calls.count("name") == 1  # memoized: each binding is evaluated once


def test_a_configured_argument_that_is_unknown_stays_the_resources_reference() -> None:
    """``aws_ecs_capacity_provider.ec2.name`` whose block writes ``name = var.name``: the
    value is unknown, but it is still that resource's name, a link the workspace follows.
    A name with literal parts keeps them; an object keeps its known members."""
    provider = 'name = var.name\nprefix = "${var.env}-ec2"\ntags = { team = var.team, app = "web" }\n'
    text = "a = aws_ecs_capacity_provider.ec2.name\nb = aws_ecs_capacity_provider.ec2.prefix\nc = aws_ecs_capacity_provider.ec2.tags\n"

    class S(Scope):
        def attribute(self, reference: Reference) -> Binding | None:
            written = parse_hcl(provider).attributes.get(reference.attribute)
            return Binding(written.expr, "provider.tf") if written is not None else None

    a, b, c = (evaluate(attribute.expr, S()).value for attribute in parse_hcl(text).attributes.values())
    assert isinstance(a, Reference) and (a.resource, a.attribute) == (("aws_ecs_capacity_provider", "ec2"), "name")
    assert b == "${var.env}-ec2" and not isinstance(b, Reference)
    assert c["app"] == "web" and isinstance(c["team"], Reference) and c["team"].kind == "var"


def test_values_from_another_file_say_so() -> None:
    locals_tf = 'locals {\n  containers = [{ name = "web", essential = false }]\n  tags = { team = "a" }\n}\n'
    main_tf = "x = jsonencode(local.containers)\ny = merge(local.tags, { env = \"b\" })\n"
    scope = Locals(parse_hcl(locals_tf), origin="locals.tf")
    merged = evaluate(parse_hcl(main_tf).attributes["y"].expr, scope)
    assert merged.value == {"team": "a", "env": "b"}
    assert merged.spans[("team",)] == Span(_at(locals_tf, "team"), *_at(locals_tf, '"a"'))
    assert merged.spans[("env",)] == Span(_at(main_tf, "env"), *_at(main_tf, '"b"'))
    assert [merged.origin(p) for p in [(), ("team",), ("env",)]] == [None, "locals.tf", None]
    scope = Locals(parse_hcl(locals_tf), origin="locals.tf")
    result = evaluate(parse_hcl(main_tf).attributes["x"].expr, scope).value
    assert isinstance(result, JsonText)
    # The reference is in main.tf; what it stands for is located in locals.tf.
    assert result.spans[()] == Span(None, *_at(main_tf, "local.containers"))
    assert result.inner.origin(()) is None
    assert result.spans[(0, "essential")] == Span(_at(locals_tf, "essential"), *_at(locals_tf, "false"))
    assert result.inner.origin((0, "essential")) == "locals.tf"
    assert result.inner.origin((0,)) == "locals.tf"


def test_path_module_is_known_when_the_scope_says_where_files_are_read() -> None:
    text = 'c = file("${path.module}/containers/web.json")\n'
    (argument,) = parse_hcl(text).attributes["c"].expr.args

    class Module(Scope):
        def path(self, name: str) -> str | None:
            return "deploy" if name == "module" else None

    assert evaluate(argument, Module()).value == "deploy/containers/web.json"
    unknown = evaluate(argument).value
    assert unknown == "${path.module}/containers/web.json" and is_unknown(unknown)


def test_functions() -> None:
    text = (
        'a = tostring(5)\nb = tonumber("512")\nc = tobool("true")\nd = tolist(["x", "y"])\n'
        'e = toset(["b", "a", "b"])\nf = lower("ABC")\ng = upper("abc")\n'
        "h = merge({ a = 1, b = 2 }, null, { b = 3 })\ni = concat([1], [2, 3])\n"
        "j = merge(var.m, { a = 1 })\nk = concat([1], var.l)\nl = merge([{ a = 1 }, { b = 2 }]...)\n"
        'm = tostring("s")\nn = tonumber("x")\no = lookup(var.m, "k", 1)\n'
    )
    body = parse_hcl(text)
    results = {name: evaluate(a.expr) for name, a in body.attributes.items()}
    values = {name: r.value for name, r in results.items()}
    assert {k: values[k] for k in "abcdefghilm"} == {
        "a": "5",
        "b": 512,
        "c": True,
        "d": ["x", "y"],
        "e": ["a", "b"],
        "f": "abc",
        "g": "ABC",
        "h": {"a": 1, "b": 3},
        "i": [1, 2, 3],
        "l": {"a": 1, "b": 2},
        "m": "s",
    }
    for name in "jkno":
        assert isinstance(values[name], Unknown), name
    # Members keep their own spans wherever a function moved them.
    h = results["h"].spans
    assert h[()] == Span(None, *_at(text, "merge({ a = 1, b = 2 }, null, { b = 3 })"))
    a_key = text.index("a = 1, b")
    assert h[("a",)] == Span((a_key, a_key + 1), a_key + 4, a_key + 5)
    assert h[("b",)].start == text.index("3 })")
    i = results["i"].spans
    assert [i[(n,)].start for n in range(3)] == [text.index("[1], [2") + 1, text.index("2, 3]"), text.index("3])")]
    e = results["e"].spans
    assert e[(0,)].start == text.index('"a"') and e[(1,)].start == text.index('"b"')


def test_exponential_locals_give_up_as_unknown() -> None:
    lines = ["locals {", "  l0 = [1, 2]"]
    lines += [f"  l{n} = [local.l{n - 1}, local.l{n - 1}]" for n in range(1, 40)]
    lines += ["}", "x = local.l39", ""]
    body = parse_hcl("\n".join(lines))
    start = time.perf_counter()
    result = evaluate(body.attributes["x"].expr, Locals(body))
    assert isinstance(result.value, Unknown)
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_offsets_of_a_heredoc_locate_json_inside_it(newline: str) -> None:
    text = (
        'resource "aws_ecs_task_definition" "app" {\n'
        "  container_definitions = <<-EOF\n"
        "    [\n"
        '      {"name": "web", "image": "${var.image}", "essential": false,\n'
        '       "cpu": ${local.cpu}}\n'
        "    ]\n"
        "  EOF\n"
        "}\n"
        "locals {\n"
        "  cpu = 256\n"
        "}\n"
    ).replace("\n", newline)
    body = parse_hcl(text)
    expr = body.blocks[0].body.attributes["container_definitions"].expr
    result = evaluate(expr, Locals(body))
    inner, inner_map = parse_json(result.value)
    assert inner == [{"name": "web", "image": "${var.image}", "essential": False, "cpu": 256}]
    offsets = result.offsets()
    assert offsets is not None and len(offsets) == len(result.value) + 1
    smap = EmbeddedSourceMap(LineIndex(text), result.value, offsets, result.spans[()], has_duplicates=False)
    lines = LineIndex(text)

    def region(path: tuple, needle: str, target: str = "value") -> None:
        got = smap.region(path, target)
        start, end = _at(text, needle)
        assert (got.line, got.column, got.end_line, got.end_column) == (*lines.position(start), *lines.position(end))

    region((0, "essential"), "false")
    region((0, "essential"), '"essential"', "key")
    region((0, "image"), '"${var.image}"')  # the placeholder is its own source: exact
    region((0, "name"), '"web"')
    # A known interpolation is located at the interpolation.
    got = smap.region((0, "cpu"))
    assert (got.line, got.column) == lines.position(text.index("${local.cpu}"))


def test_offsets_of_a_literal_and_of_values_without_source_text() -> None:
    text = 'a = "x\\ty"\nb = tostring(5)\n'
    body = parse_hcl(text)
    a = evaluate(body.attributes["a"].expr)
    assert a.offsets() == string_offsets(body.attributes["a"].expr) == [5, 6, 8, 9]
    assert evaluate(body.attributes["b"].expr).offsets() is None


def test_parse_template_for_templatefile() -> None:
    text = '[\n  {"image": "${image}", "cpu": ${cpu}, "x": "$${literal}"}\n]\n'
    template = parse_template(text)
    assert isinstance(template, Template)
    interpolations = [p for p in template.parts if isinstance(p, Interpolation)]
    assert [_span(p) for p in interpolations] == [_at(text, "${image}"), _at(text, "${cpu}")]
    assert template.start == 0 and template.end == len(text)
    result = evaluate(template, Locals())
    assert result.value == '[\n  {"image": "${image}", "cpu": ${cpu}, "x": "${literal}"}\n]\n'
    assert parse_template("plain\n").value == "plain\n"
    with pytest.raises(LoadError) as info:
        parse_template('{"a": "${x"}\n')
    assert info.value.line == 1


