"""The typed nodes of an HCL file, each with its span in the decoded text.

Every node has ``start`` and ``end``: offsets in code points into the text that was parsed
(what :class:`~ecslint.load.text.LineIndex` takes), end exclusive, so
``text[node.start:node.end]`` is the node's source. Plain classes with ``__slots__``: a
2,000-line file has some 20,000 nodes, and the dataclass machinery is not on the start-up
path (DESIGN §5).

What the Terraform source needs is typed: bodies, attributes, blocks and their labels,
literals, templates (quoted strings and heredocs, their literal text decoded with the
offset of every character), tuples, objects, traversals (``var.x``,
``aws_ecs_task_definition.app.arn``, ``each.value["k"]``) and function calls. Everything
else (conditionals, ``for`` expressions, splats, operators) is an :class:`Opaque` node that
keeps its text: its value is never known statically.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterator, Union


class Node:
    __slots__ = ("start", "end")

    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def children(self) -> tuple[Node, ...]:
        """The nodes directly inside this one, in source order."""
        return ()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.start}-{self.end}>"


# -- the file's structure ----------------------------------------------------------------


class Body(Node):
    """The contents of a file or of a block: attributes by name, blocks in order.

    ``items`` keeps both in source order. An attribute set twice in one body (Terraform
    rejects it: "Duplicate argument") keeps the later one in ``attributes``, like a
    duplicate JSON key, and the pair (later, first) is in ``duplicates``. ``comments``
    (the root body only; empty elsewhere) are the spans of every comment in the file, in
    order, for inline suppressions: found on first use."""

    __slots__ = ("items", "attributes", "blocks", "duplicates", "_comments")

    def __init__(self, start: int, end: int, items: list[Attribute | Block]):
        self.start, self.end = start, end
        self.items = items
        self.attributes: dict[str, Attribute] = {}
        self.blocks: list[Block] = []
        self.duplicates: list[tuple[Attribute, Attribute]] = []
        self._comments: list[tuple[int, int]] | Callable[[], list[tuple[int, int]]] = []
        for item in items:
            if isinstance(item, Attribute):
                first = self.attributes.get(item.name)
                if first is not None:
                    self.duplicates.append((item, first))
                self.attributes[item.name] = item
            else:
                self.blocks.append(item)

    @property
    def comments(self) -> list[tuple[int, int]]:
        if callable(self._comments):
            self._comments = self._comments()
        return self._comments

    def blocks_of(self, type: str) -> list[Block]:
        """The blocks of one type (``resource``, ``locals``, ``load_balancer``), in order."""
        return [b for b in self.blocks if b.type == type]

    def children(self) -> tuple[Node, ...]:
        return tuple(self.items)


class Attribute(Node):
    """``name = expr``; the span runs from the name to the end of the expression."""

    __slots__ = ("name", "name_start", "name_end", "expr")

    def __init__(self, name: str, name_start: int, name_end: int, expr: Expr):
        self.name = name
        self.name_start, self.name_end = name_start, name_end
        self.start, self.end = name_start, expr.end
        self.expr = expr

    @property
    def name_span(self) -> tuple[int, int]:
        return self.name_start, self.name_end

    def children(self) -> tuple[Node, ...]:
        return (self.expr,)

    def __repr__(self) -> str:
        return f"<Attribute {self.name} {self.start}-{self.end}>"


class Label(Node):
    """A block label: ``"aws_ecs_service"`` (quotes included in the span) or a bare name."""

    __slots__ = ("value", "quoted")

    def __init__(self, value: str, start: int, end: int, quoted: bool):
        self.value = value
        self.start, self.end = start, end
        self.quoted = quoted

    def __repr__(self) -> str:
        return f"<Label {self.value!r} {self.start}-{self.end}>"


class Block(Node):
    """``type "label" ... { body }``; ``open`` and ``close`` are the braces' offsets."""

    __slots__ = ("type", "type_start", "type_end", "labels", "body", "open", "close")

    def __init__(
        self, type: str, type_start: int, type_end: int, labels: list[Label], body: Body, open: int, close: int, end: int
    ):
        self.type = type
        self.type_start, self.type_end = type_start, type_end
        self.labels = labels
        self.body = body
        self.open, self.close = open, close
        self.start, self.end = type_start, end

    @property
    def type_span(self) -> tuple[int, int]:
        return self.type_start, self.type_end

    @property
    def label_values(self) -> tuple[str, ...]:
        return tuple(label.value for label in self.labels)

    def children(self) -> tuple[Node, ...]:
        return (*self.labels, self.body)

    def __repr__(self) -> str:
        labels = " ".join(repr(label.value) for label in self.labels)
        return f"<Block {self.type} {labels} {self.start}-{self.end}>"


# -- expressions -------------------------------------------------------------------------


class Expr(Node):
    __slots__ = ()


class Text(Node):
    """A run of literal text in a template, decoded: escapes (``\\n``, ``\\"``,
    ``\\u00e9``), ``$${`` and ``%%{`` are replaced, a flush heredoc's indentation and the
    text a strip marker (``~``) removes are gone. ``offsets[i]`` is the source offset of
    the character ``value[i]`` came from; ``offsets[len(value)]`` is where the run ends."""

    __slots__ = ("value", "offsets")

    def __init__(self, value: str, offsets: list[int]):
        self.value = value
        self.offsets = offsets
        self.start, self.end = offsets[0], offsets[-1]

    def __repr__(self) -> str:
        return f"<Text {self.value!r} {self.start}-{self.end}>"


class Interpolation(Node):
    """``${ expr }`` inside a template (the span covers ``${`` to ``}``)."""

    __slots__ = ("expr",)

    def __init__(self, start: int, end: int, expr: Expr):
        self.start, self.end = start, end
        self.expr = expr

    def children(self) -> tuple[Node, ...]:
        return (self.expr,)


class Directive(Node):
    """``%{ if }...%{ endif }`` or ``%{ for }...%{ endfor }``, kept whole as text: it
    decides the template's shape, not only a value in it."""

    __slots__ = ("text",)

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end = start, end
        self.text = text


Part = Union[Text, Interpolation, Directive]


class Literal(Expr):
    """A number (int, or float when it has a fraction), ``true``/``false``, ``null``, or a
    string with no interpolation (quoted or heredoc): then ``parts`` holds its decoded
    text runs (see :func:`string_offsets`) and ``heredoc`` is as in :class:`Template`."""

    __slots__ = ("value", "parts", "heredoc")

    def __init__(self, start: int, end: int, value: Any, parts: list[Part] | None = None, heredoc: str | None = None):
        self.start, self.end = start, end
        self.value = value
        self.parts = parts
        self.heredoc = heredoc

    def __repr__(self) -> str:
        return f"<Literal {self.value!r} {self.start}-{self.end}>"


class Template(Expr):
    """A string with interpolations or directives. ``heredoc`` is None for a quoted
    string, else ``<<`` or ``<<-`` (flush: the common indentation is stripped)."""

    __slots__ = ("parts", "heredoc")

    def __init__(self, start: int, end: int, parts: list[Part], heredoc: str | None = None):
        self.start, self.end = start, end
        self.parts = parts
        self.heredoc = heredoc

    def children(self) -> tuple[Node, ...]:
        return tuple(self.parts)


class Tuple(Expr):
    """``[a, b]``."""

    __slots__ = ("items",)

    def __init__(self, start: int, end: int, items: list[Expr]):
        self.start, self.end = start, end
        self.items = items

    def children(self) -> tuple[Node, ...]:
        return tuple(self.items)


class ObjectItem(Node):
    """``key = value`` or ``key: value`` in an object. ``name`` is the key when it is
    known without evaluation (a bare identifier such as ``awslogs-group``, a quoted string
    with no interpolation, a number or bool); ``None`` for an expression key (``(var.k)``,
    ``"${var.p}-k"``)."""

    __slots__ = ("key", "value", "name", "separator")

    def __init__(self, key: Expr, value: Expr, name: str | None, separator: str):
        self.key = key
        self.value = value
        self.name = name
        self.separator = separator
        self.start, self.end = key.start, value.end

    def children(self) -> tuple[Node, ...]:
        return (self.key, self.value)

    def __repr__(self) -> str:
        return f"<ObjectItem {self.name!r} {self.start}-{self.end}>"


class Object(Expr):
    """``{ k = v, ... }``; ``duplicates`` holds (later, first) items with the same static key."""

    __slots__ = ("items", "duplicates")

    def __init__(self, start: int, end: int, items: list[ObjectItem]):
        self.start, self.end = start, end
        self.items = items
        self.duplicates: list[tuple[ObjectItem, ObjectItem]] = []
        seen: dict[str, ObjectItem] = {}
        for item in items:
            if item.name is None:
                continue
            first = seen.get(item.name)
            if first is not None:
                self.duplicates.append((item, first))
            seen[item.name] = item

    def children(self) -> tuple[Node, ...]:
        return tuple(self.items)


class GetAttr(Node):
    """``.name`` in a traversal (the span covers the dot)."""

    __slots__ = ("name",)

    def __init__(self, start: int, end: int, name: str):
        self.start, self.end = start, end
        self.name = name

    def __repr__(self) -> str:
        return f"<GetAttr .{self.name} {self.start}-{self.end}>"


class Index(Node):
    """``[key]`` (or the legacy ``.0``) in a traversal."""

    __slots__ = ("key",)

    def __init__(self, start: int, end: int, key: Expr):
        self.start, self.end = start, end
        self.key = key

    def children(self) -> tuple[Node, ...]:
        return (self.key,)


Step = Union[GetAttr, Index]


class Traversal(Expr):
    """A name and its steps: ``var.x``, ``local.y[0]``, ``aws_ecs_task_definition.app.arn``,
    ``each.value["name"]``. ``root_end`` ends the root name."""

    __slots__ = ("root", "root_end", "steps")

    def __init__(self, start: int, end: int, root: str, root_end: int, steps: list[Step]):
        self.start, self.end = start, end
        self.root = root
        self.root_end = root_end
        self.steps = steps

    def children(self) -> tuple[Node, ...]:
        return tuple(self.steps)

    def __repr__(self) -> str:
        return f"<Traversal {traversal_source(self)} {self.start}-{self.end}>"


class RelativeTraversal(Expr):
    """Steps applied to another expression: ``f(x)[0]``, ``(var.m).key``, ``{a = 1}.a``."""

    __slots__ = ("source", "steps")

    def __init__(self, start: int, end: int, source: Expr, steps: list[Step]):
        self.start, self.end = start, end
        self.source = source
        self.steps = steps

    def children(self) -> tuple[Node, ...]:
        return (self.source, *self.steps)


class Call(Expr):
    """``name(args...)``; ``expand`` when the last argument ends with ``...``."""

    __slots__ = ("name", "name_end", "args", "expand")

    def __init__(self, start: int, end: int, name: str, name_end: int, args: list[Expr], expand: bool):
        self.start, self.end = start, end
        self.name = name
        self.name_end = name_end
        self.args = args
        self.expand = expand

    def children(self) -> tuple[Node, ...]:
        return tuple(self.args)

    def __repr__(self) -> str:
        return f"<Call {self.name}({len(self.args)}) {self.start}-{self.end}>"


class Paren(Expr):
    """``( expr )``: kept so that ``(k) = v`` in an object is an expression key."""

    __slots__ = ("expr",)

    def __init__(self, start: int, end: int, expr: Expr):
        self.start, self.end = start, end
        self.expr = expr

    def children(self) -> tuple[Node, ...]:
        return (self.expr,)


class Opaque(Expr):
    """Anything else, kept as text: ``kind`` is ``conditional``, ``for``, ``splat`` or
    ``operation``. Its value is unknown to ecslint."""

    __slots__ = ("kind", "text")

    def __init__(self, start: int, end: int, kind: str, text: str):
        self.start, self.end = start, end
        self.kind = kind
        self.text = text

    def __repr__(self) -> str:
        return f"<Opaque {self.kind} {self.start}-{self.end}>"


# -- helpers -----------------------------------------------------------------------------


def iter_nodes(root: Node) -> Iterator[Node]:
    """Every node under ``root`` (itself first), depth first in source order; iterative."""
    todo = [root]
    while todo:
        node = todo.pop()
        yield node
        todo.extend(reversed(node.children()))


def string_offsets(node: Node) -> list[int] | None:
    """Source offsets of each character of a string literal's (or heredoc's) decoded value,
    plus one for its end: ``len(value) + 1`` entries, the role
    :func:`ecslint.load.embedded.string_offsets` plays for JSON and YAML strings. JSON held
    in a heredoc is located through it exactly. ``None`` for anything that is not a string
    with static text (a template with interpolations: see ``Evaluation.offsets``)."""
    if not isinstance(node, Literal) or not node.parts or not all(isinstance(p, Text) for p in node.parts):
        return None
    out: list[int] = []
    for part in node.parts:
        out.extend(part.offsets[:-1])
    out.append(node.parts[-1].offsets[-1])
    return out


def step_source(is_index: bool, key: Any) -> str:
    """A traversal step as Terraform writes it: ``.name``, ``[0]``, ``["key"]``; ``[...]``
    for a key that is not known (or would not fit in a ``${...}`` placeholder)."""
    if not is_index:
        return f".{key}"
    if isinstance(key, int) and not isinstance(key, bool):
        return f"[{key}]"
    if isinstance(key, str) and "}" not in key and "\n" not in key:
        return "[" + json.dumps(key, ensure_ascii=False) + "]"
    return "[...]"


def traversal_source(node: Traversal) -> str:
    """``var.list[0]``: the canonical text of a traversal whose index keys are literals."""
    out = [node.root]
    for step in node.steps:
        if isinstance(step, GetAttr):
            out.append(step_source(False, step.name))
        else:
            key = step.key.value if isinstance(step.key, Literal) else None
            out.append(step_source(True, key if isinstance(key, (int, str)) else None))
    return "".join(out)
