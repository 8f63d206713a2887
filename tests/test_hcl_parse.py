"""HCL with exact positions (ecslint/load/hcl): typed nodes, their spans, syntax errors and
hostile input.

Positions are never hard-coded numbers: each expected span is found in the test's own
text (by a marker or a needle), so a test says what it points at.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecslint.load.errors import LoadError
from ecslint.load.hcl import (
    MAX_DEPTH,
    Attribute,
    Block,
    Body,
    Call,
    Directive,
    GetAttr,
    Index,
    Interpolation,
    Label,
    Literal,
    Node,
    Object,
    Opaque,
    Paren,
    RelativeTraversal,
    Template,
    Text,
    Traversal,
    Tuple,
    iter_nodes,
    parse_hcl,
    string_offsets,
)
from ecslint.load.hcl import parser as hcl_parser
from ecslint.load.text import LineIndex

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


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- positions of every node kind ------------------------------------------------------------


def test_attribute_and_block_positions() -> None:
    text = 'resource "aws_ecs_service" web {\n  name = "web"\n\n  load_balancer {\n    container_port = 80\n  }\n}\n'
    body = parse_hcl(text)
    (block,) = body.blocks
    assert isinstance(block, Block)
    assert block.type == "resource" and block.type_span == _at(text, "resource")
    assert [label.value for label in block.labels] == ["aws_ecs_service", "web"]
    web = text.index("web {")
    assert [_span(label) for label in block.labels] == [_at(text, '"aws_ecs_service"'), (web, web + 3)]
    assert [label.quoted for label in block.labels] == [True, False]
    assert block.open == text.index("{") and block.close == text.rindex("}")
    assert _span(block) == (0, len(text) - 1)
    name = _attr(block.body, "name")
    assert name.name_span == _at(text, "name")
    assert _span(name.expr) == _at(text, '"web"')
    assert _span(name) == (name.name_start, name.expr.end)
    (nested,) = block.body.blocks_of("load_balancer")
    assert nested.type_span == _at(text, "load_balancer")
    port = _attr(nested.body, "container_port")
    assert isinstance(port.expr, Literal) and port.expr.value == 80 and _span(port.expr) == _at(text, "80")
    assert [type(item).__name__ for item in block.body.items] == ["Attribute", "Block"]


def test_literals() -> None:
    text = 's = "web"\nn = 512\nf = 0.5\nw = 2.0\nneg = -1\nt = true\nno = false\nz = null\ne = ""\n'
    body = parse_hcl(text)
    values = {name: a.expr.value for name, a in body.attributes.items()}
    assert values == {"s": "web", "n": 512, "f": 0.5, "w": 2, "neg": -1, "t": True, "no": False, "z": None, "e": ""}
    assert isinstance(body.attributes["w"].expr.value, int)  # HCL has one number type: 2.0 is 2
    assert _span(body.attributes["neg"].expr) == _at(text, "-1")
    assert _span(body.attributes["e"].expr) == _at(text, '""')
    assert string_offsets(body.attributes["e"].expr) == [text.index('""') + 1]


def test_quoted_template_parts_and_escapes() -> None:
    text = 'image = "repo\\"x\\u00e9:${var.tag}-$${LITERAL}-%%{x}"\n'
    expr = _attr(parse_hcl(text), "image").expr
    assert isinstance(expr, Template) and expr.heredoc is None
    first, interpolation, last = expr.parts
    assert isinstance(first, Text) and first.value == 'repo"xé:'
    # Each decoded character maps to the raw character (or escape) it came from.
    assert [text[o] for o in first.offsets[:-1]] == ["r", "e", "p", "o", "\\", "x", "\\", ":"]
    assert first.offsets[-1] == text.index("${var")
    assert isinstance(interpolation, Interpolation) and _span(interpolation) == _at(text, "${var.tag}")
    assert isinstance(interpolation.expr, Traversal) and _span(interpolation.expr) == _at(text, "var.tag")
    assert isinstance(last, Text) and last.value == "-${LITERAL}-%{x}"
    assert last.offsets[-1] == len(text) - 2  # the closing quote


def test_a_run_of_dollars_before_a_brace_reads_as_hcl_reads_it() -> None:
    """``$$${x}`` is ``$`` and the escape ``$${``: literal text, as in a shell script."""
    text = 'a = "$$${HOME}"\nb = <<EOF\necho $$${HOME} ${var.x}\nEOF\nc = "$$$${x}"\n'
    body = parse_hcl(text)
    a = _attr(body, "a").expr
    assert isinstance(a, Literal) and a.value == "$${HOME}"
    b = _attr(body, "b").expr
    assert isinstance(b, Template) and b.parts[0].value == "echo $${HOME} "
    assert _span(b.parts[1]) == _at(text, "${var.x}")
    assert _attr(body, "c").expr.value == "$$${x}"


def test_heredoc_and_flush_heredoc() -> None:
    text = (
        "plain = <<EOF\n"
        '{"a": "\\n ${x}"}\n'
        "EOF\n"
        "flush = <<-EOT\n"
        "    first ${local.n}\n"
        "\n"
        "      indented\n"
        "    EOT\n"
    )
    body = parse_hcl(text)
    plain = _attr(body, "plain").expr
    assert isinstance(plain, Template) and plain.heredoc == "<<"
    # Backslashes are not escapes in a heredoc; the value ends with the last line break.
    assert [p.value for p in plain.parts if isinstance(p, Text)] == ['{"a": "\\n ', '"}\n']
    assert _span(plain) == (text.index("<<EOF"), text.index("EOF\nflush") + 3)
    flush = _attr(body, "flush").expr
    assert isinstance(flush, Template) and flush.heredoc == "<<-"
    # The smallest indentation (4: a blank line does not count) is removed from every line.
    head, interpolation, tail = flush.parts
    assert _span(interpolation) == _at(text, "${local.n}")
    assert head.value == "first " and head.offsets[0] == text.index("first")
    assert tail.value == "\n\n  indented\n" and text[tail.offsets[tail.value.index("indented")]] == "i"
    assert tail.offsets[tail.value.index("indented") - 2] == text.index("indented") - 2


def test_heredoc_without_interpolation_is_a_literal_with_offsets() -> None:
    text = 'p = <<-POLICY\n  {\n    "rules": []\n  }\n  POLICY\n'
    expr = _attr(parse_hcl(text), "p").expr
    assert isinstance(expr, Literal) and expr.value == '{\n  "rules": []\n}\n'
    offsets = string_offsets(expr)
    assert offsets is not None and len(offsets) == len(expr.value) + 1
    assert all(text[o] == c for o, c in zip(offsets, expr.value))


def test_strip_markers() -> None:
    text = 'a = "x  ${~ "y" ~}  z"\nb = <<EOT\nline\n  %{~ if true ~}\nT\n%{ endif }\nEOT\n'
    body = parse_hcl(text)
    first, middle, last = _attr(body, "a").expr.parts
    assert (first.value, middle.expr.value, last.value) == ("x", "y", "z")
    assert first.offsets == [text.index("x  $"), text.index("x  $") + 1]  # the spaces are gone
    assert last.offsets[0] == text.index("z")
    b = _attr(body, "b").expr
    assert any(isinstance(p, Directive) for p in b.parts)


def test_tuple_object_keys_and_separators() -> None:
    text = 'o = {\n  name = "web"\n  "awslogs-group" : "/ecs"\n  awslogs-region = "x"\n  (var.k) = 1, 3 = 4\n  tags = [1, 2,]\n}\n'
    expr = _attr(parse_hcl(text), "o").expr
    assert isinstance(expr, Object)
    items = expr.items
    assert [i.name for i in items] == ["name", "awslogs-group", "awslogs-region", None, "3", "tags"]
    assert [i.separator for i in items] == ["=", ":", "=", "=", "=", "="]
    assert _span(items[0].key) == _at(text, "name") and _span(items[0].value) == _at(text, '"web"')
    assert _span(items[1].key) == _at(text, '"awslogs-group"')
    assert isinstance(items[3].key, Paren) and _span(items[3].key) == _at(text, "(var.k)")
    assert _span(items[3]) == _at(text, "(var.k) = 1")
    tags = items[5].value
    one, two = text.index("1, 2,]"), text.index("2,]")
    assert isinstance(tags, Tuple) and [_span(i) for i in tags.items] == [(one, one + 1), (two, two + 1)]


def test_traversals_calls_and_opaque() -> None:
    text = (
        "t = aws_instance.web[0].id\n"
        'e = each.value["name"]\n'
        "l = var.list.0\n"
        "r = f(x)[1].y\n"
        "c = concat(local.a, [1]...)\n"
        "p = provider::aws::arn_parse(x)\n"
        "q = var.a ? 1 : 2\n"
        "s = var.list[*].id\n"
        "u = [for s in var.l : s]\n"
        'o = var.a == "x"\n'
        "n = !var.b\n"
        "g = (var.x)\n"
    )
    body = parse_hcl(text)
    t = _attr(body, "t").expr
    assert isinstance(t, Traversal) and t.root == "aws_instance" and t.root_end == _at(text, "aws_instance")[1]
    assert [type(s).__name__ for s in t.steps] == ["GetAttr", "Index", "GetAttr"]
    assert _span(t.steps[1]) == _at(text, "[0]") and t.steps[1].key.value == 0
    assert _span(t.steps[2]) == _at(text, ".id")
    e = _attr(body, "e").expr
    assert isinstance(e.steps[1], Index) and e.steps[1].key.value == "name"
    legacy = _attr(body, "l").expr.steps[1]
    assert isinstance(legacy, Index) and legacy.key.value == 0 and _span(legacy) == _at(text, ".0")
    r = _attr(body, "r").expr
    assert isinstance(r, RelativeTraversal) and isinstance(r.source, Call) and len(r.steps) == 2
    c = _attr(body, "c").expr
    assert isinstance(c, Call) and c.name == "concat" and c.expand and len(c.args) == 2
    assert c.name_end == _at(text, "concat")[1] and _span(c.args[1]) == _at(text, "[1]", 2)
    assert _attr(body, "p").expr.name == "provider::aws::arn_parse"
    kinds = {name: _attr(body, name).expr.kind for name in "qsuon"}
    assert kinds == {"q": "conditional", "s": "splat", "u": "for", "o": "operation", "n": "operation"}
    q = _attr(body, "q").expr
    assert isinstance(q, Opaque) and q.text == "var.a ? 1 : 2" and _span(q) == _at(text, "var.a ? 1 : 2")
    g = _attr(body, "g").expr
    assert isinstance(g, Paren) and _span(g) == _at(text, "(var.x)") and _span(g.expr) == _at(text, "var.x")


def test_positions_count_code_points_not_bytes() -> None:
    text = '# café ☕ 𝄞\nlocals {\n  naïve = "ü${var.x}"\n}\n'
    body = parse_hcl(text)
    attribute = body.blocks[0].body.attributes["naïve"]
    assert attribute.name_span == _at(text, "naïve")
    assert _span(attribute.expr) == _at(text, '"ü${var.x}"')
    assert _span(attribute.expr.parts[1]) == _at(text, "${var.x}")
    assert body.comments == [_at(text, "# café ☕ 𝄞")]


def test_comments_duplicates_and_root_body() -> None:
    text = "a = 1 # one\n// two\n/* three */\na = 2\n"
    body = parse_hcl(text)
    assert _span(body) == (0, len(text))
    assert body.comments == [_at(text, "# one"), _at(text, "// two"), _at(text, "/* three */")]
    later, first = body.duplicates[0]
    assert body.attributes["a"] is later and later.expr.value == 2 and first.expr.value == 1
    assert parse_hcl("a = 1\n").comments == []
    crlf = "a = 1 # one\r\n# two\r\n"
    assert parse_hcl(crlf).comments == [_at(crlf, "# one"), _at(crlf, "# two")]
    assert parse_hcl("").items == []


def test_sample_files_parse() -> None:
    for path in sorted(DATA.glob("*.tf")):
        text = path.read_text(encoding="utf-8")
        body = parse_hcl(text)
        assert body.items, path
        for node in iter_nodes(body):
            assert 0 <= node.start <= node.end <= len(text), (path, node)


# -- spans against the source (hypothesis) ------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_every_node_span_slices_back_to_its_source(data: st.DataObject) -> None:
    text = (DATA / data.draw(st.sampled_from(["ecs.tf", "module.tf"]))).read_text(encoding="utf-8")
    body = parse_hcl(text)
    nodes = list(iter_nodes(body))
    for node in nodes:
        for child in node.children():
            assert node.start <= child.start <= child.end <= node.end, (node, child)
        source = text[node.start : node.end]
        if isinstance(node, Attribute):
            assert source.startswith(node.name) and text[node.name_start : node.name_end] == node.name
        elif isinstance(node, Block):
            assert source.startswith(node.type) and source.endswith("}") and text[node.open] == "{"
        elif isinstance(node, Label):
            assert source == (json.dumps(node.value) if node.quoted else node.value)
        elif isinstance(node, (Object, Block)):
            assert source[0] == "{"
        elif isinstance(node, Tuple):
            assert source[0] == "[" and source[-1] == "]"
        elif isinstance(node, Interpolation):
            assert source.startswith("${") and source.endswith("}")
        elif isinstance(node, Traversal):
            assert source.startswith(node.root)
        elif isinstance(node, GetAttr):
            assert source == "." + node.name
        elif isinstance(node, Call):
            assert source.startswith(node.name + "(") and source.endswith(")")
        elif isinstance(node, Text):
            assert all(text[o] == c or text[o] in "\\$%" for c, o in zip(node.value, node.offsets))
        elif isinstance(node, Literal) and isinstance(node.value, (bool, type(None))):
            assert source == json.dumps(node.value)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_broken_files_give_a_located_load_error(data: st.DataObject) -> None:
    """Bad input never crashes: any edit of a real file parses or is a LoadError inside it."""
    text = (DATA / "module.tf").read_text(encoding="utf-8")
    at = data.draw(st.integers(0, len(text)))
    edit = data.draw(st.sampled_from(['"', "{", "}", "[", "]", "(", ")", "${", "%{", "\\", "=", "\n", "<<EOF\n", "~", ",", "é", ":", "", "#"]))
    cut = data.draw(st.integers(0, 3))
    broken = text[:at] + edit + text[at + cut :]
    try:
        body = parse_hcl(broken)
    except LoadError as exc:
        assert 1 <= exc.line <= broken.count("\n") + 1
        assert 1 <= exc.column <= len(LineIndex(broken).line_text(exc.line)) + 1
        return
    for node in iter_nodes(body):
        assert 0 <= node.start <= node.end <= len(broken)


# -- errors with positions ---------------------------------------------------------------------

#: Broken files: ``⟦`` marks where the error must be reported, ``message`` is part of what
#: it must say (shared with benchmarks/hcl_parsers.py, which asks python-hcl2 too).
BROKEN = json.loads((DATA / "syntax-errors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_syntax_errors_are_located(case: str) -> None:
    marked, message = BROKEN[case]["text"], BROKEN[case]["message"]
    offset = marked.index("⟦")
    text = marked.replace("⟦", "")
    with pytest.raises(LoadError) as info:
        parse_hcl(text)
    assert (info.value.line, info.value.column) == _position(text, offset)
    assert message in info.value.message
    assert info.value.message.startswith("invalid HCL")


def test_error_messages_do_not_echo_free_text() -> None:
    with pytest.raises(LoadError) as info:
        parse_hcl('password = "hunter2\n')
    assert "hunter2" not in str(info.value)


# -- hostile input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
        "x = " + "{a = " * 100_000 + "1" + "}" * 100_000 + "\n",
        "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n",
        "a {\n" * 20_000 + "}\n" * 20_000,
    ],
    ids=["tuples", "objects", "parentheses", "blocks"],
)
def test_deep_nesting_is_a_load_error_quickly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        parse_hcl(text)
    assert time.perf_counter() - start < 10
    assert f"deeper than {MAX_DEPTH}" in info.value.message


def test_huge_and_binary_text_is_a_load_error_at_once() -> None:
    unit = (DATA / "module.tf").read_text(encoding="utf-8")
    huge = unit * (5_000_000 // len(unit) + 1)
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        parse_hcl(huge)
    assert "too large" in info.value.message
    with pytest.raises(LoadError) as info:
        parse_hcl('a = "x\0y"\n')
    assert "binary" in info.value.message and (info.value.line, info.value.column) == (1, 7)
    assert time.perf_counter() - start < 2


def test_a_parse_past_its_budget_is_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    """tree-sitter's error recovery is superlinear on some garbage (100,000 lines of a lone
    quote take minutes): the parse is cancelled, and the parser is usable afterwards."""
    monkeypatch.setattr(hcl_parser, "PARSE_SECONDS", 0.2)
    monkeypatch.setattr(hcl_parser, "PARSE_BYTES_PER_SECOND", 10**12)
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        parse_hcl('"\n' * 100_000)
    assert time.perf_counter() - start < 5
    assert parse_hcl("a = 1\n").attributes["a"].expr.value == 1


# -- start-up ------------------------------------------------------------------------------------


def test_importing_the_package_does_not_load_the_parser() -> None:
    code = "import sys, ecslint.load.hcl; print('tree_sitter' in sys.modules, 'tree_sitter_hcl' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.split() == ["False", "False"], proc.stderr

