"""HCL text to typed nodes, through tree-sitter's C parser and the ``tree-sitter-hcl`` grammar.

Why tree-sitter (measured against python-hcl2; the numbers are in the commit that added the
dependency): it adds about 2 ms to a process that already runs a check (python-hcl2's lark
parser adds about 110 ms, and 1.4 s when its table cache cannot be written), parses 10 to
15 times faster, and its tree keeps the position of every token, inside heredocs and
interpolations too. What this module adds:

- positions in code points: tree-sitter counts UTF-8 bytes, :class:`LineIndex` and every
  region count characters;
- string values: escapes decoded, ``$${``/``%%{`` unescaped, strip markers (``~``) and
  the flush heredoc's (``<<-``) indentation removed exactly as HCL does, each character
  keeping its source offset (so JSON in a heredoc is located exactly);
- the HCL rules the grammar is lenient about: a quoted string does not span lines, a body
  has one argument or block per line, object elements are separated by a comma or a line
  break, a heredoc's opening marker ends its line;
- errors: the first ERROR or MISSING node of the tree becomes one :class:`LoadError` at
  the token where the file stops making sense (where a construct was opened, when the file
  ends inside it);
- limits: nesting deeper than :data:`MAX_DEPTH`, a text over :data:`MAX_CHARS`, NUL
  characters, and a parse that runs past its time budget (tree-sitter's error recovery is
  superlinear on some garbage) are a :class:`LoadError` too, never a hang or a crash.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from typing import Any

from ecslint.load.errors import LoadError
from ecslint.load.hcl.nodes import (
    Attribute,
    Block,
    Body,
    Call,
    Directive,
    Expr,
    GetAttr,
    Index,
    Interpolation,
    Label,
    Literal,
    Object,
    ObjectItem,
    Opaque,
    Paren,
    Part,
    RelativeTraversal,
    Step,
    Template,
    Text,
    Traversal,
    Tuple,
)
from ecslint.load.text import LineIndex

#: Nested blocks, collections, calls, parentheses and templates. Real configurations stay
#: below 20; the limit keeps the converter and the evaluator (both recursive, about three
#: interpreter frames a level) far from the interpreter's recursion limit.
MAX_DEPTH = 200
#: The reader's limit on a file (4 MiB): parse_hcl may also be given text that is not on disk.
MAX_CHARS = 4 * 1024 * 1024
#: The parse is cancelled after this many seconds of CPU time plus one per
#: PARSE_BYTES_PER_SECOND bytes: ten times what valid HCL takes (3 to 5 MB/s measured), so a
#: real file is never cancelled, while garbage that sends tree-sitter's error recovery into
#: minutes (100,000 lines of a lone ``"``) stops within seconds. CPU time, not wall time:
#: other work on a loaded machine must not make a valid file fail.
PARSE_SECONDS = 1.0
PARSE_BYTES_PER_SECOND = 400_000

_PARSER: Any = None
_CHUNK = 1 << 16

#: Inside a quoted string: an escape, an escaped template sequence, or a line break.
_QUOTED_SPECIAL = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.?)|\$\$\{|%%\{|\n", re.DOTALL)
_HEREDOC_SPECIAL = re.compile(r"\$\$\{|%%\{")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def parse_hcl(text: str, lines: LineIndex | None = None) -> Body:
    """The file's body as typed nodes; :class:`LoadError` (``ECS001``) at the position of
    any problem."""
    lines = lines or LineIndex(text)
    data = _check_text(text, lines)
    tree = _parse(data)
    root = tree.root_node
    if root.has_error:
        raise _syntax_error(root, text, data, lines)
    converter = _Converter(text, data, lines)
    body = converter.file(root)
    if "#" in text or "//" in text or "/*" in text:
        body._comments = lambda: converter.comments(_parse(data))
    return body


def parse_template(text: str, lines: LineIndex | None = None) -> Template | Literal:
    """A whole text read as an HCL template (a ``templatefile()`` file): literal text with
    ``${...}`` interpolations and ``%{...}`` directives, positions in ``text``."""
    lines = lines or LineIndex(text)
    _check_text(text, lines)
    marker = "ECSLINT_TEMPLATE"
    while marker in text:
        marker += "_"
    # Read as the body of a heredoc, whose content is exactly a template; the offsets
    # are shifted back by the length of the line put in front.
    head = f"t = <<{marker}\n"
    wrapped = f"{head}{text}\n{marker}\n"
    wrapped_data = wrapped.encode("utf-8", "surrogatepass")
    tree = _parse(wrapped_data)
    root = tree.root_node
    shift = len(head)
    if root.has_error:
        error = _syntax_error(root, wrapped, wrapped_data, LineIndex(wrapped))
        offset = max(0, LineIndex(wrapped).offset(error.line, error.column) - shift)
        line, column = lines.position(min(offset, len(text)))
        raise LoadError(error.message.replace("heredoc", "template"), line, column, hint=error.hint)
    converter = _Converter(wrapped, wrapped_data, LineIndex(wrapped))
    body = converter.file(root)
    expr = body.attributes["t"].expr
    assert isinstance(expr, (Template, Literal))
    return _shift_template(expr, shift, len(text))


def _check_text(text: str, lines: LineIndex) -> bytes:
    if len(text) > MAX_CHARS:
        raise LoadError(
            f"file too large: {len(text):,} characters (ecslint reads up to {MAX_CHARS:,}); "
            "ECS configurations are far smaller",
        )
    nul = text.find("\0")
    if nul != -1:
        line, column = lines.position(nul)
        raise LoadError(f"binary content: NUL character at offset {nul}; HCL files are text", line, column)
    return text.encode("utf-8", "surrogatepass")


def _parse(data: bytes, budget: float | None = None) -> Any:
    """tree-sitter's tree of ``data``, cancelled past the time budget."""
    global _PARSER
    parser = _PARSER
    if parser is None:
        import tree_sitter_hcl
        from tree_sitter import Language, Parser

        parser = Parser(Language(tree_sitter_hcl.language()))
    if budget is None:
        budget = PARSE_SECONDS + len(data) / PARSE_BYTES_PER_SECOND
    deadline = time.process_time() + budget

    def read(offset: int, point: Any) -> bytes:
        return data[offset : offset + _CHUNK]

    def progress(offset: int, has_error: bool) -> bool:
        return time.process_time() > deadline

    _PARSER = None  # a parser whose parse was cancelled is never used again
    try:
        tree = parser.parse(read, progress_callback=progress)
    except ValueError:
        raise _gave_up(data, budget) from None
    _PARSER = parser
    return tree


def _gave_up(data: bytes, budget: float) -> LoadError:
    """The parse was cancelled: report the first error of the file's first 4 KB, where
    garbage shows itself, if that much parses in time; else the file's start."""
    message = f"invalid HCL: the parser gave up after {budget:.1f} s of work; this is not a configuration it can read"
    cut = data.rfind(b"\n", 0, 4096) + 1 if len(data) > 4096 else len(data)
    while 0 < cut < len(data) and data[cut] & 0xC0 == 0x80:
        cut -= 1  # not inside a UTF-8 sequence
    prefix = data[:cut]
    if budget > 0.5 and prefix:
        try:
            tree = _parse(prefix, 0.5)
        except LoadError:
            tree = None
        if tree is not None and tree.root_node.has_error:
            text = prefix.decode("utf-8", "surrogatepass")
            error = _syntax_error(tree.root_node, text, prefix, LineIndex(text))
            if error.line < text.count("\n"):  # not the cut itself
                return LoadError(f"{error.message} (and the parser gave up on the rest)", error.line, error.column)
    return LoadError(message)


# -- errors ------------------------------------------------------------------------------

#: The token that opens each construct, and what a message calls the construct.
_OPENERS = {
    "block": ("block_start", "block"),
    "object": ("object_start", "object"),
    "tuple": ("tuple_start", "list"),
    "function_call": ("(", "function call"),
    "expression": ("(", "parenthesis"),
    "string_lit": ("quoted_template_start", "string"),
    "quoted_template": ("quoted_template_start", "string"),
    "heredoc_template": ("heredoc_start", "heredoc"),
    "template_interpolation": ("template_interpolation_start", "interpolation"),
    "new_index": ("[", "index"),
    "for_tuple_expr": ("tuple_start", "list"),
    "for_object_expr": ("object_start", "object"),
}
_CLOSERS = {
    "block_end": "`}`",
    "object_end": "`}`",
    "tuple_end": "`]`",
    "quoted_template_end": 'a closing `"`',
    "template_interpolation_end": "`}`",
    "heredoc_identifier": "the heredoc's closing marker on a line of its own",
}


def _syntax_error(root: Any, text: str, data: bytes, lines: LineIndex) -> LoadError:
    position = _Positions(text, data)
    node = root
    # The first ERROR or MISSING node in document order (iterative: the tree may be deep).
    todo = [root]
    while todo:
        node = todo.pop()
        if node.is_missing or node.is_error:
            break
        if node.has_error:
            todo.extend(reversed(node.children))
    if node.is_missing:
        return _missing(node, text, data, position, lines)
    offset, message = _error_at(node, data)
    at = position(offset)
    line, column = lines.position(at)
    return LoadError(f"invalid HCL: {message or _describe(text, at)}", line, column)


def _missing(node: Any, text: str, data: bytes, position: Any, lines: LineIndex) -> LoadError:
    kind = node.type
    what = _CLOSERS.get(kind) or (f"a {kind.replace('_', ' ')}" if kind.isidentifier() else f"`{kind}`")
    at = node.start_byte
    if not data[at:].strip():
        # The file ended inside a construct: the fix is where it was opened.
        ancestor = node.parent
        while ancestor is not None:
            opener = _OPENERS.get(ancestor.type)
            token = next((c for c in ancestor.children if c.type == opener[0]), None) if opener else None
            if token is not None:
                line, column = lines.position(position(token.start_byte))
                return LoadError(f"invalid HCL: the file ends before this {opener[1]} is closed", line, column)
            ancestor = ancestor.parent
    line, column = lines.position(position(at))
    return LoadError(f"invalid HCL: expected {what} here", line, column)


#: Tokens after which a value must follow: an ERROR node that ends with one lacks that value.
_EXPECTS_VALUE = frozenset(
    "= : ? , ( [ { + - * / % == != < > <= >= && || ! => in if tuple_start object_start template_interpolation_start".split()
)
_CLOSING = frozenset(("}", "]", ")", "block_end", "object_end", "tuple_end"))


def _error_at(error: Any, data: bytes) -> tuple[int, str | None]:
    """Where an ERROR node goes wrong, and what to say (None: describe the token there).

    tree-sitter wraps what it could not fit in an ERROR node, made of valid pieces. The
    problem is the first byte the pieces do not account for; when they account for all of
    it, the piece that needed something after it (``x =``), or else the token that follows
    (the grammar has no line breaks: in ``x = 1`` + ``"a"`` on the next line, ``1`` is the
    ERROR and ``"a"`` the problem)."""
    node = error
    while True:
        children = [c for c in node.children if c.type != "comment"]
        if children and children[0].type in _CLOSING:
            return children[0].start_byte, None  # a closing bracket with nothing open
        covered = node.start_byte
        last = None
        for child in children:
            if child.is_error:
                node = child
                break
            if child.start_byte > covered and data[covered : child.start_byte].strip():
                return _gap(data, covered, last)
            if child.is_missing:
                return child.start_byte, None
            covered = max(covered, child.end_byte)
            last = child
        else:
            if node.end_byte > covered and data[covered : node.end_byte].strip():
                return _gap(data, covered, last)
            if last is not None and last.type in _EXPECTS_VALUE:
                return _skip_space(data, last.end_byte, newline=False), "expected a value here"
            return _skip_space(data, node.end_byte), None


def _gap(data: bytes, offset: int, last: Any) -> tuple[int, str | None]:
    if last is not None and last.type == "quoted_template_start":
        return last.start_byte, "this string is not closed on its line"
    return _skip_space(data, offset), None


def _skip_space(data: bytes, offset: int, newline: bool = True) -> int:
    blank = b" \t\r\n" if newline else b" \t\r"
    while offset < len(data) and data[offset] in blank:
        offset += 1
    return offset


def _describe(text: str, at: int) -> str:
    """What is at ``at``, without echoing free text (it could be part of a secret)."""
    c = text[at : at + 1]
    if not c:
        return "unexpected end of file"
    if c in "\r\n":
        return "expected a value here"
    if c.isalnum() or c == "_":
        return "unexpected name or number here"
    if c == '"':
        return 'unexpected string here'
    if c == "\\":
        return "invalid escape sequence: use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN"
    if c.isprintable() and not c.isspace():
        return f"unexpected `{c}`"
    return f"unexpected character U+{ord(c):04X}"


# -- positions ---------------------------------------------------------------------------


class _Positions:
    """UTF-8 byte offsets (tree-sitter's) to code-point offsets (LineIndex's)."""

    __slots__ = ("bytes_at", "extra")

    def __init__(self, text: str, data: bytes):
        self.bytes_at: list[int] = []
        self.extra: list[int] = []
        if len(data) == len(text):
            return
        shift = 0
        for m in re.finditer(r"[^\x00-\x7f]", text):
            width = len(m.group().encode("utf-8", "surrogatepass"))
            self.bytes_at.append(m.start() + shift)
            shift += width - 1
            self.extra.append(shift)

    def __call__(self, offset: int) -> int:
        if not self.bytes_at:
            return offset
        k = bisect_left(self.bytes_at, offset) - 1
        return offset - self.extra[k] if k >= 0 else offset


# -- the converter -----------------------------------------------------------------------


class _Converter:
    def __init__(self, text: str, data: bytes, lines: LineIndex):
        self.text = text
        self.data = data
        self.lines = lines
        self.pos = _Positions(text, data)
        #: Byte and character offsets are the same (most files): no conversion needed.
        self.ascii = len(data) == len(text)

    def error(self, message: str, offset: int) -> LoadError:
        line, column = self.lines.position(offset)
        return LoadError(f"invalid HCL: {message}", line, column)

    def span(self, node: Any) -> tuple[int, int]:
        if self.ascii:
            return node.start_byte, node.end_byte
        return self.pos(node.start_byte), self.pos(node.end_byte)

    def source(self, node: Any) -> str:
        if self.ascii:
            return self.text[node.start_byte : node.end_byte]
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "surrogatepass")

    def comments(self, tree: Any) -> list[tuple[int, int]]:
        """The spans of every comment, in order (a second parse: few files need them)."""
        from tree_sitter import Query, QueryCursor

        query = Query(tree.language, "(comment) @c")
        nodes = QueryCursor(query).captures(tree.root_node).get("c", [])
        spans = sorted(self.span(n) for n in nodes)
        # A line comment ends before a CRLF line break, as the line does for LineIndex.
        return [(start, end - 1) if self.text[end - 1 : end] == "\r" else (start, end) for start, end in spans]

    # -- structure -----------------------------------------------------------------------

    def file(self, root: Any) -> Body:
        for child in root.children:
            if child.type == "body":
                body = self.body(child, 0)
                body.start, body.end = 0, len(self.text)
                return body
            if child.type == "object":
                raise self.error(
                    "a configuration file holds arguments and blocks, not one object (is this JSON?)",
                    self.pos(child.start_byte),
                )
        return Body(0, len(self.text), [])

    def body(self, node: Any, depth: int) -> Body:
        items: list[Attribute | Block] = []
        for child in node.children:
            if child.type == "attribute":
                item: Attribute | Block = self.attribute(child, depth)
            elif child.type == "block":
                item = self.block(child, depth + 1)
            else:
                continue
            if items and "\n" not in self.text[items[-1].end : item.start]:
                what = "argument" if isinstance(item, Attribute) else "block"
                raise self.error(f"each argument and block goes on a line of its own: put this {what} on a new line", item.start)
            items.append(item)
        start, end = self.span(node)
        return Body(start, end, items)

    def attribute(self, node: Any, depth: int) -> Attribute:
        children = node.children
        name_node = children[0]
        expr_node = children[-1]
        if expr_node.type != "expression":  # a comment after the value
            expr_node = next(c for c in children if c.type == "expression")
        start, end = self.span(name_node)
        return Attribute(self.source(name_node), start, end, self.expr(expr_node, depth + 1))

    def block(self, node: Any, depth: int) -> Block:
        if depth > MAX_DEPTH:
            raise _too_deep(self.lines, self.pos(node.start_byte))
        children = [c for c in node.children if c.type != "comment"]
        type_node = children[0]
        labels: list[Label] = []
        body: Body | None = None
        open_ = close = self.pos(node.end_byte)
        for child in children[1:]:
            kind = child.type
            if kind == "string_lit":
                start, end = self.span(child)
                value, _ = self.quoted_text(start + 1, end - 1)
                labels.append(Label(value, start, end, True))
            elif kind == "identifier":
                start, end = self.span(child)
                labels.append(Label(self.source(child), start, end, False))
            elif kind == "block_start":
                open_ = self.pos(child.start_byte)
            elif kind == "body":
                body = self.body(child, depth)
            elif kind == "block_end":
                close = self.pos(child.start_byte)
        if body is None:
            body = Body(open_ + 1, close, [])
        start, end = self.span(type_node)
        return Block(self.source(type_node), start, end, labels, body, open_, close, self.pos(node.end_byte))

    # -- expressions ---------------------------------------------------------------------

    def expr(self, node: Any, depth: int) -> Expr:
        """An ``expression`` node: a term, then any index, attribute or splat steps."""
        if depth > MAX_DEPTH:
            raise _too_deep(self.lines, self.pos(node.start_byte))
        children = node.children
        if len(children) > 1:
            children = [c for c in children if c.type != "comment"]
        first = children[0]
        start, end = self.span(node)
        if first.type == "conditional":
            return Opaque(start, end, "conditional", self.source(node))
        if first.type == "(":
            inner = next(c for c in children if c.type == "expression")
            close = next(i for i, c in enumerate(children) if c.type == ")")
            term: Expr = Paren(self.pos(first.start_byte), self.pos(children[close].end_byte), self.expr(inner, depth + 1))
            rest = children[close + 1 :]
        else:
            term = self.term(first, depth)
            rest = children[1:]
        if not rest:
            return term
        if any(c.type == "splat" for c in rest):
            return Opaque(start, end, "splat", self.source(node))
        steps = [self.step(c, depth) for c in rest]
        if isinstance(term, Traversal) and not term.steps:
            return Traversal(start, end, term.root, term.root_end, steps)
        return RelativeTraversal(start, end, term, steps)

    def term(self, node: Any, depth: int) -> Expr:
        kind = node.type
        if kind == "literal_value":
            return self.literal(node.children[0])
        if kind == "template_expr":
            inner = node.children[0]
            if inner.type == "heredoc_template":
                return self.heredoc(inner, depth)
            return self.quoted(inner, depth)
        if kind == "collection_value":
            inner = node.children[0]
            if inner.type == "tuple":
                return self.tuple(inner, depth)
            return self.object(inner, depth)
        if kind == "variable_expr":
            start, end = self.span(node)
            return Traversal(start, end, self.source(node), end, [])
        if kind == "function_call":
            return self.call(node, depth)
        start, end = self.span(node)
        if kind == "operation":
            folded = self.negative_number(node)
            if folded is not None:
                return folded
            return Opaque(start, end, "operation", self.source(node))
        if kind == "for_expr":
            return Opaque(start, end, "for", self.source(node))
        return Opaque(start, end, kind, self.source(node))  # pragma: no cover - the grammar has no other term

    def literal(self, node: Any) -> Literal:
        start, end = self.span(node)
        kind = node.type
        if kind == "numeric_lit":
            return Literal(start, end, self.number(node, self.source(node)))
        if kind == "bool_lit":
            return Literal(start, end, self.source(node) == "true")
        if kind == "null_lit":
            return Literal(start, end, None)
        return self.quoted(node, 0)  # string_lit

    def number(self, node: Any, source: str) -> int | float:
        if source.startswith(("0x", "0X")):
            raise self.error("HCL numbers are decimal: hexadecimal is not valid here", self.pos(node.start_byte))
        try:
            if "." not in source and "e" not in source and "E" not in source:
                return int(source)
            value = float(source)
        except ValueError:  # more digits than int() takes
            raise self.error("a number with too many digits", self.pos(node.start_byte)) from None
        if value in (float("inf"), float("-inf")):
            raise self.error("a number too large to represent", self.pos(node.start_byte))
        # HCL has one number type: 512.0 is 512 (jsonencode writes 512).
        return int(value) if value.is_integer() and abs(value) < 2**53 else value

    def negative_number(self, node: Any) -> Literal | None:
        """``-1`` is a unary minus applied to ``1`` in the grammar; for the value it is a number."""
        unary = node.children[0]
        if unary.type != "unary_operation":
            return None
        parts = [c for c in unary.children if c.type != "comment"]
        if len(parts) != 2 or parts[0].type != "-" or parts[1].type != "literal_value":
            return None
        number = parts[1].children[0]
        if number.type != "numeric_lit":
            return None
        start, end = self.span(node)
        return Literal(start, end, -self.number(number, self.source(number)))

    def tuple(self, node: Any, depth: int) -> Tuple:
        start, end = self.span(node)
        items = [self.expr(c, depth + 1) for c in node.children if c.type == "expression"]
        return Tuple(start, end, items)

    def object(self, node: Any, depth: int) -> Object:
        start, end = self.span(node)
        items: list[ObjectItem] = []
        for child in node.children:
            if child.type != "object_elem":
                continue
            key_node = child.child_by_field_name("key")
            value_node = child.child_by_field_name("val")
            separator = next((c.type for c in child.children if c.type in ("=", ":")), "=")
            key = self.expr(key_node, depth + 1)
            item = ObjectItem(key, self.expr(value_node, depth + 1), _static_key(key), separator)
            if items:
                gap = self.text[items[-1].end : item.start]
                if "," not in gap and "\n" not in gap:
                    raise self.error("object elements are separated by a comma or a line break", item.start)
            items.append(item)
        return Object(start, end, items)

    def call(self, node: Any, depth: int) -> Call:
        start, end = self.span(node)
        name_node = node.children[0]
        args: list[Expr] = []
        expand = False
        for child in node.children:
            if child.type == "function_arguments":
                for arg in child.children:
                    if arg.type == "expression":
                        args.append(self.expr(arg, depth + 1))
                    elif arg.type == "ellipsis":
                        expand = True
        return Call(start, end, self.source(name_node), self.pos(name_node.end_byte), args, expand)

    def step(self, node: Any, depth: int) -> Step:
        start, end = self.span(node)
        if node.type == "get_attr":
            return GetAttr(start, end, self.source(node.children[-1]))
        inner = node.children[0]  # index: new_index or legacy_index
        if inner.type == "legacy_index":
            return Index(start, end, Literal(start + 1, end, self.number(inner, self.source(inner)[1:])))
        key = next(c for c in inner.children if c.type == "expression")
        return Index(start, end, self.expr(key, depth + 1))

    # -- strings and templates -----------------------------------------------------------

    def quoted(self, node: Any, depth: int) -> Literal | Template:
        """A ``string_lit`` or ``quoted_template``: the text between the quotes."""
        start, end = self.span(node)
        pieces = self.pieces(node, start + 1, end - 1, True, depth)
        return _string(start, end, pieces, None)

    def heredoc(self, node: Any, depth: int) -> Literal | Template:
        start, end = self.span(node)
        children = node.children
        kind = self.source(children[0])  # << or <<-
        marker = children[1]
        line_end = self.text.find("\n", self.pos(marker.end_byte))
        if line_end == -1:  # pragma: no cover - tree-sitter reports the missing closing marker first
            raise self.error("a heredoc needs a line break after its opening marker", self.pos(marker.end_byte))
        rest = self.text[self.pos(marker.end_byte) : line_end]
        if rest.strip():
            raise self.error("a heredoc's opening marker ends its line", self.pos(marker.end_byte) + len(rest) - len(rest.lstrip()))
        close = children[-1]
        content_end = self.text.rfind("\n", 0, self.pos(close.start_byte)) + 1
        pieces = self.pieces(node, line_end + 1, max(content_end, line_end + 1), False, depth)
        if kind == "<<-":
            pieces = _flush(pieces)
        return _string(start, end, pieces, kind)

    def pieces(self, node: Any, start: int, end: int, quoted: bool, depth: int) -> list[Any]:
        """Literal runs (``[value, offsets]``) and interpolation/directive parts, in order,
        with strip markers applied: ``${~`` removes the whitespace before it, ``~}`` the
        whitespace after it."""
        pieces: list[Any] = []
        cursor = start
        strip_next = False
        for child in node.children:
            kind = child.type
            if kind not in ("template_interpolation", "template_directive"):
                continue
            s, e = self.span(child)
            if s > start and self.text[s - 1] == ("$" if kind == "template_interpolation" else "%"):
                # ``$$${x}``: HCL reads ``$`` and the escape ``$${``, literal text;
                # tree-sitter pairs ``$$`` and sees an interpolation. HCL is right.
                continue
            if s > cursor:
                pieces.append(self.literal_run(cursor, s, quoted, strip_next))
            if kind == "template_interpolation":
                part: Part = self.interpolation(child, s, e, depth)
                if _strip_marker(child, first=True) and pieces and isinstance(pieces[-1], list):
                    value, offsets = pieces[-1]
                    n = len(value.rstrip())
                    pieces[-1] = [value[:n], offsets[: n + 1]]
                strip_next = _strip_marker(child, first=False)
            else:
                part = Directive(s, e, self.text[s:e])
                strip_next = False
            pieces.append(part)
            cursor = e
        if end > cursor or not pieces:
            pieces.append(self.literal_run(cursor, max(cursor, end), quoted, strip_next))
        return pieces

    def literal_run(self, start: int, end: int, quoted: bool, lstrip: bool = False) -> list[Any]:
        if quoted:
            value, offsets = self.quoted_text(start, end)
        else:
            value, offsets = _heredoc_text(self.text, start, end)
        if lstrip:
            k = len(value) - len(value.lstrip())
            value, offsets = value[k:], offsets[k:]
        return [value, offsets]

    def quoted_text(self, start: int, end: int) -> tuple[str, list[int]]:
        """The decoded text of ``text[start:end]`` inside quotes, with each character's offset."""
        text = self.text
        segment = text[start:end]
        if "\\" not in segment and "\n" not in segment and "$${" not in segment and "%%{" not in segment:
            return segment, list(range(start, end + 1))  # most strings: nothing to decode
        out: list[str] = []
        offsets: list[int] = []
        cursor = start
        for m in _QUOTED_SPECIAL.finditer(text, start, end):
            s = m.start()
            if s > cursor:
                out.append(text[cursor:s])
                offsets.extend(range(cursor, s))
            token = m.group()
            if token == "\n":
                raise self.error("a quoted string cannot span lines: close it on this line or use a heredoc (<<EOT)", s)
            if token in ("$${", "%%{"):
                out.append(token[1:])
                offsets.extend((s, s + 2))
            else:
                out.append(self.escape(token, s))
                offsets.append(s)
            cursor = m.end()
        if end > cursor:
            out.append(text[cursor:end])
            offsets.extend(range(cursor, end))
        offsets.append(end)
        return "".join(out), offsets

    def escape(self, token: str, at: int) -> str:
        c = token[1:2]
        if c in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[c]
        if c in ("u", "U") and len(token) in (6, 10):
            code = int(token[2:], 16)
            if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                raise self.error(f"\\{c} escape of U+{code:04X}, which is not a Unicode character", at)
            return chr(code)
        raise self.error("invalid escape sequence: use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN", at)

    def interpolation(self, node: Any, start: int, end: int, depth: int) -> Interpolation:
        inner = next((c for c in node.children if c.type == "expression"), None)
        if inner is None:
            raise self.error("an empty interpolation `${}`: write an expression inside", start)
        return Interpolation(start, end, self.expr(inner, depth + 1))


def _strip_marker(node: Any, first: bool) -> bool:
    """Whether ``${~`` (first) or ``~}`` (last) is written."""
    children = [c for c in node.children if c.type != "comment"]
    if first:
        return len(children) > 1 and children[1].type == "strip_marker"
    return len(children) > 1 and children[-2].type == "strip_marker"


def _heredoc_text(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """Heredoc literal text: no backslash escapes, only ``$${`` and ``%%{``."""
    raw = text[start:end]
    if "$${" not in raw and "%%{" not in raw:
        return raw, list(range(start, end + 1))
    out: list[str] = []
    offsets: list[int] = []
    cursor = start
    for m in _HEREDOC_SPECIAL.finditer(text, start, end):
        s = m.start()
        out.append(text[cursor:s])
        offsets.extend(range(cursor, s))
        out.append(m.group()[1:])
        offsets.extend((s, s + 2))
        cursor = m.end()
    out.append(text[cursor:end])
    offsets.extend(range(cursor, end + 1))
    return "".join(out), offsets


def _flush(pieces: list[Any]) -> list[Any]:
    """HCL's flush heredoc rule (``flushHeredocTemplateParts`` in hclsyntax): find the
    line whose leading literal has the fewest leading whitespace characters, ignoring
    lines that are only whitespace, and remove that many from every line's leading
    literal. A line that starts with an interpolation counts as zero."""
    tokens: list[Any] = []
    for piece in pieces:
        if not isinstance(piece, list):
            tokens.append(piece)
            continue
        value, offsets = piece
        begin = 0
        while begin < len(value):
            nl = value.find("\n", begin)
            stop = len(value) if nl == -1 else nl + 1
            tokens.append([value[begin:stop], offsets[begin : stop + 1]])
            begin = stop
    fewest = None
    newline = True
    adjust: list[list[Any]] = []
    for token in tokens:
        if newline:
            newline = False
            if isinstance(token, list):
                value = token[0]
                trimmed = value.lstrip()
                if not trimmed and value.endswith("\n"):
                    spaces = None  # a blank line does not count
                else:
                    spaces = len(value) - len(trimmed)
                    adjust.append(token)
            else:
                spaces = 0
            if spaces is not None and (fewest is None or spaces < fewest):
                fewest = spaces
        if isinstance(token, list) and token[0].endswith("\n"):
            newline = True
    if fewest:
        for token in adjust:
            token[0], token[1] = token[0][fewest:], token[1][fewest:]
    # Meld consecutive literal runs again.
    out: list[Any] = []
    for token in tokens:
        if isinstance(token, list) and out and isinstance(out[-1], list):
            out[-1] = [out[-1][0] + token[0], out[-1][1][:-1] + token[1]]
        else:
            out.append(token)
    return out or [["", [pieces[0][1][0]] if pieces and isinstance(pieces[0], list) else [0]]]


def _string(start: int, end: int, pieces: list[Any], heredoc: str | None) -> Literal | Template:
    parts: list[Part] = [Text(p[0], p[1]) if isinstance(p, list) else p for p in pieces]
    # Empty runs left by strip markers or flushing carry nothing.
    parts = [p for p in parts if not (isinstance(p, Text) and not p.value)] or parts[:1]
    if all(isinstance(p, Text) for p in parts):
        return Literal(start, end, "".join(p.value for p in parts if isinstance(p, Text)), parts, heredoc)
    return Template(start, end, parts, heredoc)


def _static_key(key: Expr) -> str | None:
    """An object key known without evaluation: a bare name is the name itself."""
    if isinstance(key, Traversal) and not key.steps:
        return key.root
    if isinstance(key, Literal):
        value = key.value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (str, int, float)):
            return value if isinstance(value, str) else str(value)
    return None


def _too_deep(lines: LineIndex, offset: int) -> LoadError:
    line, column = lines.position(offset)
    return LoadError(f"nesting deeper than {MAX_DEPTH} levels", line, column)


def _shift_template(expr: Template | Literal, shift: int, limit: int) -> Template | Literal:
    """Move a template parsed inside a wrapper back to the positions of the bare text."""
    from ecslint.load.hcl.nodes import iter_nodes

    for node in iter_nodes(expr):
        node.start = max(0, node.start - shift)
        node.end = max(0, node.end - shift)
        if isinstance(node, Text):
            node.offsets = [max(0, o - shift) for o in node.offsets]
        elif isinstance(node, (Attribute,)):
            node.name_start -= shift
            node.name_end -= shift
        elif isinstance(node, Traversal):
            node.root_end -= shift
        elif isinstance(node, Call):
            node.name_end -= shift
    # The template is the whole text: its value lost the line break put before the marker.
    expr.start, expr.end = 0, limit
    parts = expr.parts or []
    if parts and isinstance(parts[-1], Text) and parts[-1].value.endswith("\n") and parts[-1].offsets[-1] > limit:
        last = parts[-1]
        last.value = last.value[:-1]
        last.offsets = last.offsets[:-1]
        last.end = last.offsets[-1]
    if isinstance(expr, Literal):
        expr.value = "".join(p.value for p in parts if isinstance(p, Text))
    return expr
