"""What an HCL expression is worth before ``terraform apply``, and where each part is written.

:func:`evaluate` turns an expression into a JSON-like value (dict, list, str, int, float,
bool, None) plus a table of spans: for every path inside the value (a tuple of keys and
indices, relative to the value) the :class:`~ecslint.load.sourcemap.Span` of its key and
value in the source. So a finding on ``containerDefinitions[0].essential`` inside
``jsonencode([{ name = "web", essential = false }])`` lands on ``essential = false``.

What is known: literals, templates whose parts are known, tuples, objects, ``jsonencode``,
``tostring``, ``tonumber``, ``tobool``, ``tolist``, ``toset``, ``lower``, ``upper``,
``merge`` and ``concat`` of known values, and ``local.*``, ``var.*``, configured resource
arguments and ``path.module`` when the :class:`Scope` gives them. Everything else is
unknown and represented the way the rest of ecslint already skips it (DESIGN §1):

- a reference is a :class:`Reference` (an :class:`~ecslint.load.placeholders.Unknown`)
  that says what it points at (``aws_ecs_task_definition.app`` and ``arn``), so the
  Terraform source can turn it into a link;
- any other unknown value (a conditional, a splat, a function ecslint does not evaluate)
  is an ``Unknown`` holding the expression's text;
- a template with unknown parts is a string that keeps its literal text and shows each
  unknown part as a ``${...}`` placeholder (``"${var.repo}:latest"``): the model sees it
  as unknown, and the image parser still sees the tag ``latest``;
- a template with a directive (``%{ for }``, ``%{ if }``) is unknown as a whole: the
  directive decides its shape, not only a value in it.

Values read through a :class:`Binding` (a local's expression, possibly in another file)
keep the spans of that definition; the table's :meth:`Evaluation.origin` says which text
they index. The path the reference itself fills is located at the reference.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from ecslint.core.records import NamedTuple
from ecslint.load.hcl.nodes import (
    Call,
    Directive,
    Expr,
    GetAttr,
    Interpolation,
    Literal,
    Node,
    Object,
    Opaque,
    Paren,
    RelativeTraversal,
    Step,
    Template,
    Text,
    Traversal,
    Tuple,
    step_source,
    traversal_source,
)
from ecslint.load.placeholders import Unknown
from ecslint.load.sourcemap import Span

Path = tuple

#: Nested evaluation, local references included: beyond it a value is unknown (about three
#: interpreter frames a level; the parser already stops at 200 levels of nesting).
MAX_EVAL_DEPTH = 250
#: Paths one evaluation may produce: locals that double their value at every level
#: (``a = [local.b, local.b]``) grow exponentially; past this the result is unknown.
MAX_VALUES = 1_000_000

#: Roots that are not resources: their values are per instance, per run or per module.
RESERVED_ROOTS = frozenset(("var", "local", "data", "module", "each", "count", "path", "self", "terraform", "ephemeral"))


class Binding(NamedTuple):
    """What a name stands for: the expression to evaluate, and the text its offsets index
    (``None``: the same text as the expression that refers to it)."""

    expr: Expr
    origin: Any = None


class Scope:
    """What names resolve to; the Terraform source subclasses it. Each method returns the
    :class:`Binding` of a name, or ``None`` when its value is unknown (the default).

    The evaluator guards against cycles (``local.a = local.a``) and memoizes each binding,
    so the callbacks may be plain dictionary look-ups."""

    def local(self, name: str) -> Binding | None:
        """``local.name``: the expression in a ``locals`` block."""
        return None

    def variable(self, name: str) -> Binding | None:
        """``var.name``: only when the user's variable files make it known."""
        return None

    def name(self, name: str) -> Binding | None:
        """A bare name (``${port}`` in a ``templatefile()`` template): the expression its
        variables map gives it."""
        return None

    def attribute(self, reference: Reference) -> Binding | None:
        """A resource's configured argument (``aws_ecs_task_definition.app.family``): the
        expression written in that resource's block. Computed attributes (``arn``) stay
        unknown, and so does an argument whose expression is (``name = var.name``): both
        as the :class:`Reference` to the resource."""
        return None

    def path(self, name: str) -> str | None:
        """``path.module``, ``path.root``, ``path.cwd``: the directory ``file()`` and
        ``templatefile()`` read from, as the source layer wants to see it."""
        return None


class Reference(Unknown):
    """An unknown value that refers to something: ``source`` is its canonical text
    (``aws_ecs_task_definition.app.arn``, ``var.image``, ``each.value["name"]``; an index
    that is not known shows as ``[...]``). ``steps`` are ``(is_index, key)`` pairs after
    the root (an unknown index key is ``None``)."""

    __slots__ = ("root", "steps")

    def __init__(self, root: str, steps: tuple[tuple[bool, Any], ...]):
        super().__init__(root + "".join(step_source(is_index, key) for is_index, key in steps))
        self.root = root
        self.steps = steps

    @property
    def kind(self) -> str:
        """``resource``, ``data``, ``module``, or the root itself (``var``, ``local``,
        ``each``, ``count``, ``path``, ``self``, ``terraform``, ``ephemeral``)."""
        return self.root if self.root in RESERVED_ROOTS else "resource"

    @property
    def _address_length(self) -> int:
        """Steps that belong to the address: the name (two for ``data.type.name``)."""
        return 2 if self.root in ("data", "ephemeral") else 1

    @property
    def address(self) -> str | None:
        """``aws_ecs_task_definition.app``, ``data.aws_iam_policy_document.x``,
        ``module.web``, ``var.image``, ``local.name``; None when the steps do not name one."""
        n = self._address_length
        names = self.steps[:n]
        if len(names) < n or any(is_index or not isinstance(key, str) for is_index, key in names):
            return None
        return ".".join((self.root, *(key for _, key in names)))

    @property
    def resource(self) -> tuple[str, str] | None:
        """(type, name) of a managed resource (``("aws_ecs_task_definition", "app")``) or of
        a data source (``("data.aws_iam_policy_document", "x")``); None otherwise."""
        if self.address is None or (self.root in RESERVED_ROOTS and self.root not in ("data", "ephemeral")):
            return None
        head, _, name = self.address.rpartition(".")
        return head, name

    @property
    def index(self) -> Any:
        """The instance key after the address (``aws_instance.x[0]``): int, str, ``None``
        when not known, and absent (``...``, the Ellipsis) when there is none."""
        n = self._address_length
        if len(self.steps) > n and self.steps[n][0]:
            return self.steps[n][1]
        return ...

    @property
    def attribute(self) -> str | None:
        """The attribute after the address and instance key (``arn``; a module's output)."""
        n = self._address_length + (0 if self.index is ... else 1)
        if len(self.steps) > n and not self.steps[n][0]:
            return self.steps[n][1]
        return None

    def __repr__(self) -> str:
        return f"Reference({self.source!r})"


class PartlyKnown(str):
    """A template string with unknown parts, each shown as a ``${...}`` placeholder. It is
    an ordinary string to every reader (``is_unknown`` sees its placeholders); functions
    that would transform it (``upper``) give an unknown instead."""


class JsonText(str):
    """The text ``jsonencode`` makes (compact, keys sorted, ``<>&`` escaped, as Terraform
    writes it), which also keeps what was encoded: ``inner`` is the :class:`Evaluation` of
    the argument, so ``data`` and ``spans`` locate every member of the encoded value.
    Unknown parts are written as placeholder strings in the text."""

    inner: Evaluation

    @property
    def data(self) -> Any:
        return self.inner.value

    @property
    def spans(self) -> dict[Path, Span]:
        return self.inner.spans


class Evaluation:
    """A value and the span of every path inside it.

    ``spans[()]`` is the evaluated expression; a member of an object has its key's span
    too. A path whose span indexes another text than the evaluated expression's (it came
    through a :class:`Binding` with an origin) has that origin in ``origins``; the path
    a reference fills is located at the reference itself, in the referring text."""

    __slots__ = ("value", "spans", "origins", "strings")

    def __init__(self) -> None:
        self.value: Any = None
        self.spans: dict[Path, Span] = {}
        self.origins: dict[Path, Any] = {}
        #: Strings written in the source: path -> (Literal or Template, rendered parts).
        self.strings: dict[Path, tuple[Expr, list[str] | None]] = {}

    def origin(self, path: Path = ()) -> Any:
        """The text the span of ``path`` (key and value) indexes: ``None`` for the text of
        the expression that was evaluated, else the origin of the :class:`Binding` it
        came through."""
        return self.origins.get(path)

    def offsets(self, path: Path = ()) -> list[int] | None:
        """Source offsets (in the text of :meth:`origin`) of each character of the string
        at ``path``, plus one for its end, as :func:`~ecslint.load.hcl.nodes.string_offsets`
        gives for a literal; a character that an interpolation produced maps to that
        interpolation (char by char when its placeholder is its own source text). None
        when the string was not written as a literal or template (a function's result)."""
        entry = self.strings.get(path)
        if entry is None:
            return None
        node, rendered = entry
        parts = getattr(node, "parts", None)
        if parts is None:
            return None
        out: list[int] = []
        for n, part in enumerate(parts):
            if isinstance(part, Text):
                out.extend(part.offsets[:-1])
                continue
            text = rendered[n] if rendered is not None else ""
            if isinstance(part, Interpolation) and isinstance(node, Template) and text == _source_placeholder(part):
                out.extend(range(part.start, part.start + len(text)))
            else:
                out.extend([part.start] * len(text))
        last = parts[-1]
        out.append(last.offsets[-1] if isinstance(last, Text) else last.end)
        return out

    def __repr__(self) -> str:
        return f"<Evaluation {self.value!r}>"


def evaluate(expr: Expr, scope: Scope | None = None) -> Evaluation:
    """The value of ``expr`` and the spans of every path in it (see the module's doc).
    An :class:`Evaluator` keeps what it learns about bindings across calls."""
    return Evaluator(scope).evaluate(expr)


class _Exhausted(Exception):
    pass


class Evaluator:
    """Evaluates expressions against one :class:`Scope`, memoizing each binding."""

    def __init__(self, scope: Scope | None = None):
        self.scope = scope or Scope()
        self._memo: dict[tuple[str, str], Evaluation] = {}
        self._active: set[tuple[str, str]] = set()
        self._budget = MAX_VALUES

    def evaluate(self, expr: Expr) -> Evaluation:
        self._budget = MAX_VALUES
        try:
            return self._new(expr, 0)
        except _Exhausted:
            out = Evaluation()
            out.value = Unknown(_short(expr))
            out.spans[()] = Span(None, expr.start, expr.end)
            return out

    # -- the walk --------------------------------------------------------------------------

    def _new(self, expr: Expr, depth: int) -> Evaluation:
        out = Evaluation()
        out.value = self._eval(expr, (), None, out, depth)
        return out

    def _eval(self, node: Expr, path: Path, key: tuple[int, int] | None, out: Evaluation, depth: int) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise _Exhausted
        out.spans[path] = Span(key, node.start, node.end)
        if depth > MAX_EVAL_DEPTH:
            return Unknown(_short(node))
        if isinstance(node, Literal):
            if isinstance(node.value, str):
                out.strings[path] = (node, None)
            return node.value
        if isinstance(node, Template):
            return self._template(node, path, key, out, depth)
        if isinstance(node, Tuple):
            return [self._eval(item, path + (n,), None, out, depth + 1) for n, item in enumerate(node.items)]
        if isinstance(node, Object):
            return self._object(node, path, out, depth)
        if isinstance(node, Paren):
            value = self._eval(node.expr, path, key, out, depth + 1)
            out.spans[path] = Span(key, node.start, node.end)
            return value
        if isinstance(node, Traversal):
            return self._traversal(node, path, key, out, depth)
        if isinstance(node, RelativeTraversal):
            source = self._new(node.source, depth + 1)
            return self._steps(source, source.value, (), node.steps, node, path, key, out, None, depth)
        if isinstance(node, Call):
            return self._call(node, path, key, out, depth)
        return Unknown(node.text if isinstance(node, Opaque) else _short(node))

    def _object(self, node: Object, path: Path, out: Evaluation, depth: int) -> Any:
        keys: list[str] = []
        for item in node.items:
            name = item.name if item.name is not None else self._key(item.key, depth)
            if name is None:
                return Unknown(_short(node))  # an unknown key: the object's shape is unknown
            keys.append(name)
        result: dict[str, Any] = {}
        for name, item in zip(keys, node.items):
            child = path + (name,)
            if name in result:
                _drop(out, child)  # a duplicate key: the later one wins, as in HCL
            result[name] = self._eval(item.value, child, (item.key.start, item.key.end), out, depth + 1)
        return result

    def _key(self, key: Expr, depth: int) -> str | None:
        value = self._new(key, depth + 1).value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return _number_text(value)
        if isinstance(value, str) and not isinstance(value, PartlyKnown):
            return value
        return None

    def _template(self, node: Template, path: Path, key: tuple[int, int] | None, out: Evaluation, depth: int) -> Any:
        parts = node.parts
        if any(isinstance(p, Directive) for p in parts):
            return Unknown(_short(node))
        if len(parts) == 1 and isinstance(parts[0], Interpolation):
            # "${x}" alone is x itself, not x converted to a string (HCL).
            value = self._eval(parts[0].expr, path, key, out, depth + 1)
            out.spans[path] = Span(key, node.start, node.end)
            return value
        rendered: list[str] = []
        partial = False
        for part in parts:
            if isinstance(part, Text):
                rendered.append(part.value)
                continue
            assert isinstance(part, Interpolation)
            value = self._new(part.expr, depth + 1).value
            text = _template_text(value)
            if text is None:
                text = _placeholder(part.expr, value)
                partial = True
            elif isinstance(value, PartlyKnown):
                partial = True
            rendered.append(text)
        out.strings[path] = (node, rendered)
        joined = "".join(rendered)
        return PartlyKnown(joined) if partial else joined

    def _traversal(self, node: Traversal, path: Path, key: tuple[int, int] | None, out: Evaluation, depth: int) -> Any:
        root, steps = node.root, node.steps
        if root in ("local", "var") and steps and isinstance(steps[0], GetAttr):
            name = steps[0].name
            lookup: Callable[[str], Binding | None] = self.scope.local if root == "local" else self.scope.variable
            bound = self._bound((root, name), lambda: lookup(name), depth)
            if bound is not None:
                binding, evaluation = bound
                return self._steps(evaluation, evaluation.value, (), steps[1:], node, path, key, out, binding.origin, depth)
        elif root == "path" and len(steps) == 1 and isinstance(steps[0], GetAttr):
            directory = self.scope.path(steps[0].name)
            if directory is not None:
                return directory
        elif not steps and root not in RESERVED_ROOTS:
            # A bare name: a variable of a ``templatefile()`` template.
            bound = self._bound(("name", root), lambda: self.scope.name(root), depth)
            if bound is not None:
                binding, evaluation = bound
                return self._steps(evaluation, evaluation.value, (), [], node, path, key, out, binding.origin, depth)
        elif root not in RESERVED_ROOTS and steps:
            reference = self._reference(node, depth)
            attribute = reference.attribute
            if reference.resource is not None and attribute is not None:
                bound = self._bound(("attribute", f"{reference.address}{_index_source(reference)}.{attribute}"), lambda: self.scope.attribute(reference), depth)
                if bound is not None:
                    binding, evaluation = bound
                    used = reference._address_length + (0 if reference.index is ... else 1) + 1
                    value = self._steps(evaluation, evaluation.value, (), steps[used:], node, path, key, out, binding.origin, depth)
                    if isinstance(value, Unknown):
                        # Written as a variable (name = var.name): unknown, but still this
                        # resource's attribute, which the reference says.
                        return reference
                    return value
        return self._reference(node, depth)

    def _bound(self, name: tuple[str, str], lookup: Callable[[], Binding | None], depth: int) -> tuple[Binding, Evaluation] | None:
        if name in self._active:
            return None  # a cycle: unknown
        binding = lookup()
        if binding is None:
            return None
        evaluation = self._memo.get(name)
        if evaluation is None:
            self._active.add(name)
            try:
                evaluation = self._new(binding.expr, depth + 1)
            finally:
                self._active.discard(name)
            self._memo[name] = evaluation
        return binding, evaluation

    def _steps(
        self,
        source: Evaluation,
        value: Any,
        sub: Path,
        steps: list[Step],
        node: Expr,
        path: Path,
        key: tuple[int, int] | None,
        out: Evaluation,
        origin: Any,
        depth: int,
    ) -> Any:
        """Apply ``steps`` to ``value`` (found at ``sub`` in ``source``) and graft the
        result at ``path``, located at ``node``."""
        for n, step in enumerate(steps):
            k: Any = step.name if isinstance(step, GetAttr) else self._new(step.key, depth + 1).value
            if isinstance(value, Reference):
                # local.td = aws_ecs_task_definition.app; local.td.arn is that resource's arn.
                rest = self._reference(Traversal(node.start, node.end, "_", node.start, list(steps[n:])), depth)
                return Reference(value.root, value.steps + rest.steps)
            member = _member(value, k)
            if member is ...:
                return self._reference(node, depth) if isinstance(node, Traversal) else Unknown(_short(node))
            value, sub = member[1], sub + (member[0],)
        _graft(source, sub, out, path, Span(key, node.start, node.end), origin, self)
        return value

    def _reference(self, node: Traversal, depth: int) -> Reference:
        steps: list[tuple[bool, Any]] = []
        for step in node.steps:
            if isinstance(step, GetAttr):
                steps.append((False, step.name))
            else:
                k = self._new(step.key, depth + 1).value
                known = isinstance(k, (str, int)) and not isinstance(k, (bool, PartlyKnown))
                steps.append((True, k if known else None))
        return Reference(node.root, tuple(steps))

    # -- functions -------------------------------------------------------------------------

    def _call(self, node: Call, path: Path, key: tuple[int, int] | None, out: Evaluation, depth: int) -> Any:
        function = _FUNCTIONS.get(node.name)
        if function is None:
            return Unknown(_short(node))
        args = [self._new(arg, depth + 1) for arg in node.args]
        if node.expand:
            if not args or not isinstance(args[-1].value, list):
                return Unknown(_short(node))
            spread = args.pop()
            for n in range(len(spread.value)):
                item = Evaluation()
                _graft(spread, (n,), item, (), spread.spans[()], None, self, keep_root=True)
                item.value = spread.value[n]
                args.append(item)
        return function(self, node, args, path, key, out)

    def _jsonencode(self, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        if len(args) != 1:
            return Unknown(_short(node))
        text = JsonText(_json_text(args[0].value))
        text.inner = args[0]
        return text

    def _tostring(self, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        value = _one(args)
        if value is None or isinstance(value, str):
            return self._same(args[0], path, key, node, out)
        text = _template_text(value)
        return Unknown(_short(node)) if text is None or isinstance(value, (list, dict)) else text

    def _tonumber(self, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        value = _one(args)
        if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
            return self._same(args[0], path, key, node, out)
        if isinstance(value, str) and not isinstance(value, PartlyKnown):
            try:
                number = float(value.strip()) if value.strip() == value else None
            except ValueError:
                number = None
            if number is not None and number == number and abs(number) != float("inf"):
                return int(number) if number.is_integer() and "." not in value and "e" not in value.lower() else number
        return Unknown(_short(node))

    def _tobool(self, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        value = _one(args)
        if value is None or isinstance(value, bool):
            return self._same(args[0], path, key, node, out)
        if value in ("true", "false") and not isinstance(value, PartlyKnown):
            return value == "true"
        return Unknown(_short(node))

    def _tolist(self, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        value = _one(args)
        if value is None or isinstance(value, list):
            return self._same(args[0], path, key, node, out)
        return Unknown(_short(node))

    def _toset(self, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        value = _one(args)
        if not isinstance(value, list):
            return value if value is None else Unknown(_short(node))
        if any(isinstance(v, (Unknown, PartlyKnown, list, dict)) for v in value):
            return Unknown(_short(node))  # which elements are equal is not known
        # A set of strings or numbers has no duplicates and Terraform lists it sorted.
        order: dict[Any, int] = {}
        for n, v in enumerate(value):
            order.setdefault((type(v) is str, v), n)
        try:
            keep = sorted(order.items(), key=lambda item: item[0])
        except TypeError:
            keep = list(order.items())
        items = Evaluation()
        items.spans[()] = args[0].spans[()]
        result = []
        for new, (_, old) in enumerate(keep):
            _graft(args[0], (old,), items, (new,), args[0].spans[()], None, self, keep_root=True)
            result.append(value[old])
        return self._same(items, path, key, node, out, result)

    def _merge(self, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        result: dict[str, Any] = {}
        for arg in args:
            if arg.value is None:
                continue  # merge skips null arguments
            if not isinstance(arg.value, dict):
                return Unknown(_short(node))  # an unknown map may override any key
        out.spans[path] = Span(key, node.start, node.end)
        for arg in args:
            if arg.value is None:
                continue
            for name, value in arg.value.items():
                child = path + (name,)
                if name in result:
                    _drop(out, child)
                result[name] = value
                _graft(arg, (name,), out, child, arg.spans[()], None, self, keep_root=True)
        return result

    def _concat(self, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        if not args or any(not isinstance(arg.value, list) for arg in args):
            return Unknown(_short(node))
        out.spans[path] = Span(key, node.start, node.end)
        result: list[Any] = []
        for arg in args:
            for n, value in enumerate(arg.value):
                _graft(arg, (n,), out, path + (len(result),), arg.spans[()], None, self, keep_root=True)
                result.append(value)
        return result

    def _same(self, arg: Evaluation, path: Path, key: Any, node: Node, out: Evaluation, value: Any = ...) -> Any:
        """The argument's value, with its spans below the call."""
        _graft(arg, (), out, path, Span(key, node.start, node.end), None, self)
        if () in arg.strings and value is ...:
            out.strings[path] = arg.strings[()]
        return arg.value if value is ... else value


def _case(convert: Callable[[str], str]) -> Callable[..., Any]:
    """``upper`` / ``lower`` of a known string."""

    def function(self: Evaluator, node: Call, args: list[Evaluation], path: Path, key: Any, out: Evaluation) -> Any:
        value = _one(args)
        if isinstance(value, str) and not isinstance(value, (PartlyKnown, JsonText)):
            return convert(value)
        return Unknown(_short(node))

    return function


_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "jsonencode": Evaluator._jsonencode,
    "tostring": Evaluator._tostring,
    "tonumber": Evaluator._tonumber,
    "tobool": Evaluator._tobool,
    "tolist": Evaluator._tolist,
    "toset": Evaluator._toset,
    "upper": _case(str.upper),
    "lower": _case(str.lower),
    "merge": Evaluator._merge,
    "concat": Evaluator._concat,
}


# -- helpers -----------------------------------------------------------------------------


def _graft(
    source: Evaluation,
    sub: Path,
    out: Evaluation,
    path: Path,
    site: Span,
    origin: Any,
    evaluator: Evaluator,
    keep_root: bool = False,
) -> None:
    """Copy the spans below ``sub`` in ``source`` to below ``path`` in ``out``. ``path``
    itself is located at ``site`` (the reference or call, in the referring text), or keeps
    its span in ``source`` (``keep_root``: a member ``merge``/``concat`` moved). ``origin``
    is the text ``source``'s own spans index (None: the referring text)."""
    n = len(sub)
    out.origins.pop(path, None)
    if keep_root and sub in source.spans:
        out.spans[path] = source.spans[sub]
        _set_origin(out, path, source.origins.get(sub, origin))
        if sub in source.strings:
            out.strings[path] = source.strings[sub]
    else:
        out.spans[path] = site
    for p, span in source.spans.items():
        if len(p) > n and p[:n] == sub:
            evaluator._budget -= 1
            if evaluator._budget < 0:
                raise _Exhausted
            q = path + p[n:]
            out.spans[q] = span
            _set_origin(out, q, source.origins.get(p, origin))
    for p, entry in source.strings.items():
        if len(p) > n and p[:n] == sub:
            out.strings[path + p[n:]] = entry


def _set_origin(out: Evaluation, path: Path, origin: Any) -> None:
    if origin is None:
        out.origins.pop(path, None)
    else:
        out.origins[path] = origin


def _member(value: Any, key: Any) -> tuple[Any, Any] | Any:
    """(normalised key, member) of a known object or list, or ``...`` when absent."""
    if isinstance(value, dict) and isinstance(key, str) and not isinstance(key, PartlyKnown) and key in value:
        return key, value[key]
    if isinstance(value, list) and isinstance(key, (int, float)) and not isinstance(key, bool):
        if float(key).is_integer() and 0 <= key < len(value):
            return int(key), value[int(key)]
    return ...


def _drop(out: Evaluation, path: Path) -> None:
    """Forget the spans of a value that a later duplicate key replaces."""
    n = len(path)
    for table in (out.spans, out.strings, out.origins):
        for p in [p for p in table if p[:n] == path]:
            del table[p]


def _one(args: list[Evaluation]) -> Any:
    return args[0].value if len(args) == 1 else ...


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def _template_text(value: Any) -> str | None:
    """A known value as a template writes it; None when it is unknown or not a primitive
    (``null`` in a template is an error in Terraform)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    return None


def _placeholder(expr: Expr, value: Any) -> str:
    """``${...}`` for an unknown part of a template: the reference's canonical text, a
    function's name, else ``${...}``. It never holds ``}`` or a line break, so
    ``PLACEHOLDER`` always matches it whole."""
    if isinstance(value, Reference) and "}" not in value.source and "\n" not in value.source:
        return "${" + value.source + "}"
    if isinstance(expr, Call):
        return "${" + expr.name + "(...)}"
    return "${...}"


def _source_placeholder(part: Interpolation) -> str:
    """The placeholder an interpolation gets when its own source is canonical (``${var.x}``)."""
    expr = part.expr
    if isinstance(expr, Traversal) and part.end - part.start == expr.end - expr.start + 3:
        return "${" + traversal_source(expr) + "}"
    return "\0"


def _index_source(reference: Reference) -> str:
    index = reference.index
    return "" if index is ... else step_source(True, index)


def _short(node: Node) -> str:
    """What an unknown shows of its expression: the kind of node (its text may be long)."""
    if isinstance(node, Opaque):
        return node.text
    if isinstance(node, Call):
        return f"{node.name}(...)"
    return type(node).__name__.lower()


_HTML_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json_text(value: Any) -> str:
    """``jsonencode``'s output: Go's encoding/json as Terraform uses it."""

    def default(o: Any) -> Any:
        if isinstance(o, Reference):
            return "${" + o.source + "}"
        if isinstance(o, Unknown):
            return "${...}"
        raise TypeError(type(o).__name__)  # pragma: no cover - values are JSON-like

    text = json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False, default=default)
    if any(c in text for c in _HTML_ESCAPES):
        text = "".join(_HTML_ESCAPES.get(c, c) for c in text)
    return text
