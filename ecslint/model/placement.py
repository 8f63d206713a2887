"""ECS cluster query language (``memberOf`` placement-constraint expressions).

Grammar and facts: ``shared/reference/ec2-capacity.md`` §8 ("ref §8"). The parser keeps
0-based character offsets so the linter can point at an exact column inside the JSON
string; :func:`evaluate` answers, offline, whether an instance *type* can satisfy an
expression, using three-valued (Kleene) logic because most attributes (availability zone,
AMI, custom attributes, task group ...) are only known on a live cluster.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ecslint.model.instances import InstanceType, ecs_cpu_architecture

__all__ = [
    "MAX_EXPRESSION_LENGTH",
    "And",
    "Comparison",
    "Expr",
    "Not",
    "Or",
    "PlacementSyntaxError",
    "attributes",
    "candidates",
    "comparisons",
    "evaluate",
    "mixes_and_or",
    "parse",
    "restricts_instance_type",
    "unparse",
]

#: API limit on ``expression`` (ref §7 "Limits").
MAX_EXPRESSION_LENGTH = 2000
#: Parenthesis / ``not`` nesting limit; keeps recursion far from Python's stack limit.
MAX_NESTING = 100

INSTANCE_TYPE = "attribute:ecs.instance-type"
CPU_ARCHITECTURE = "attribute:ecs.cpu-architecture"

_FIXED_SUBJECTS = frozenset(
    {"task:group", "agentConnected", "agentVersion", "ec2InstanceId", "registeredAt",
     "runningTasksCount"}
)

# Word and symbol spellings of binary operators -> canonical spelling (ref §8 cmp_op).
_CMP_OPS = {
    "==": "==", "equals": "==",
    "!=": "!=", "not_equals": "!=",
    ">": ">", "greater_than": ">",
    ">=": ">=", "greater_than_equal": ">=",
    "<": "<", "less_than": "<",
    "<=": "<=", "less_than_equal": "<=",
    "=~": "=~", "matches": "=~",
    "!~": "!~", "not_matches": "!~",
}
_SET_OPS = {"in": "in", "!in": "not_in", "not_in": "not_in"}
_EXISTS_OPS = {"exists": "exists", "!exists": "not_exists", "not_exists": "not_exists"}
_AND = frozenset({"and", "&&"})
_OR = frozenset({"or", "||"})
_NOT = frozenset({"not", "!"})
# Bare words that cannot be values: `attr == and x` is far more likely a missing value.
_RESERVED_VALUES = frozenset({"and", "or", "not"})

_SYMBOLS = frozenset({"==", "!=", ">", ">=", "<", "<=", "=~", "!~", "&&", "||", "!"})
_OPERATOR_CHARS = frozenset("=!<>~&|")
_PUNCTUATION = frozenset("()[],")
_NOT_BARE = _OPERATOR_CHARS | _PUNCTUATION | frozenset("'\"")


class PlacementSyntaxError(ValueError):
    """Malformed expression; ``offset`` is the 0-based character index of the problem."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} (at offset {offset})")
        self.message = message
        self.offset = offset


# --------------------------------------------------------------------------- AST


@dataclass(frozen=True, slots=True)
class Comparison:
    """``subject op value(s)``; ``op`` is canonical (``==``, ``not_in``, ``exists`` ...)."""

    subject: str
    op: str
    values: tuple[str, ...] = ()
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Expr, ...]
    #: Written inside parentheses (used by :func:`mixes_and_or`).
    parenthesized: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Expr, ...]
    parenthesized: bool = field(default=False, compare=False)


Expr = Comparison | Not | And | Or


# --------------------------------------------------------------------------- tokenizer


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "word", "string", "symbol", "punct", "end"
    text: str
    offset: int


def _scan_quoted(text: str, start: int) -> _Token:
    end = text.find("'", start + 1)
    if end < 0:
        raise PlacementSyntaxError("unterminated quoted string", start)
    return _Token("string", text[start + 1 : end], start)


def _scan_symbol(text: str, start: int) -> _Token:
    end = start
    while end < len(text) and text[end] in _OPERATOR_CHARS:
        end += 1
    run = text[start:end]
    symbol = run
    if symbol not in _SYMBOLS:
        # Trailing '!'s are separate `not`s: `!!x`, `a == b &&!c == d`.
        head = run.rstrip("!")
        if head and head not in _SYMBOLS:
            hint = " (did you mean '=='?)" if run == "=" else ""
            raise PlacementSyntaxError(f"unknown operator {run!r}{hint}", start)
        symbol = head or "!"
    return _Token("symbol", symbol, start)


def _scan_bare(text: str, start: int) -> _Token:
    end = start
    while end < len(text) and not text[end].isspace() and text[end] not in _NOT_BARE:
        end += 1
    return _Token("word", text[start:end], start)


def _tokenize(text: str) -> list[_Token]:
    """Split into tokens. Bare words run until whitespace, punctuation, quote or operator."""
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch.isspace():
            pos += 1
            continue
        if ch in _PUNCTUATION:
            token = _Token("punct", ch, pos)
        elif ch == "'":
            token = _scan_quoted(text, pos)
        elif ch == '"':
            raise PlacementSyntaxError("use single quotes for quoted values", pos)
        elif ch in _OPERATOR_CHARS:
            token = _scan_symbol(text, pos)
        else:
            token = _scan_bare(text, pos)
        tokens.append(_merge_negated_word(tokens, token))
        pos = _token_end(text, token)
    tokens.append(_Token("end", "", len(text)))
    return tokens


def _token_end(text: str, token: _Token) -> int:
    if token.kind == "string":
        return text.index("'", token.offset + 1) + 1
    return token.offset + len(token.text)


def _merge_negated_word(tokens: list[_Token], token: _Token) -> _Token:
    """``!in`` / ``!exists`` are single operators; the scanner sees ``!`` then a word."""
    if token.kind != "word" or token.text not in ("in", "exists") or not tokens:
        return token
    prev = tokens[-1]
    if prev.kind == "symbol" and prev.text == "!" and prev.offset + 1 == token.offset:
        tokens.pop()
        return _Token("word", "!" + token.text, prev.offset)
    return token


# --------------------------------------------------------------------------- parser


class _Parser:
    """Recursive descent over ref §8's grammar; precedence ``not`` > ``and`` > ``or``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0

    # -- token helpers
    @property
    def tok(self) -> _Token:
        return self.tokens[self.pos]

    def advance(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def is_(self, kinds: tuple[str, ...], texts: Iterable[str]) -> bool:
        return self.tok.kind in kinds and self.tok.text in texts

    def expect_punct(self, ch: str, what: str) -> _Token:
        if self.tok.kind == "punct" and self.tok.text == ch:
            return self.advance()
        raise self.error(f"expected {what}")

    def error(self, message: str) -> PlacementSyntaxError:
        token = self.tok
        found = "end of expression" if token.kind == "end" else repr(_describe(token))
        return PlacementSyntaxError(f"{message}, found {found}", token.offset)

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise PlacementSyntaxError(f"nesting deeper than {MAX_NESTING}", self.tok.offset)

    # -- grammar
    def parse_top(self) -> Expr:
        if self.tok.kind == "end":
            raise PlacementSyntaxError("empty expression", len(self.text))
        wrapped = self._starts_with_member_of()
        if wrapped:
            self.advance()
            self.advance()
        expr = self.parse_or()
        if wrapped:
            self.expect_punct(")", "')' closing memberOf(")
        if self.tok.kind != "end":
            raise self.error("unexpected text after complete expression")
        return expr

    def _starts_with_member_of(self) -> bool:
        nxt = self.tokens[self.pos + 1]
        return self.tok.kind == "word" and self.tok.text == "memberOf" and nxt.text == "(" \
            and nxt.kind == "punct"

    def parse_or(self) -> Expr:
        operands = [self.parse_and()]
        while self.is_(("word", "symbol"), _OR):
            self.advance()
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def parse_and(self) -> Expr:
        operands = [self.parse_unary()]
        while self.is_(("word", "symbol"), _AND):
            self.advance()
            operands.append(self.parse_unary())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def parse_unary(self) -> Expr:
        if self.is_(("word", "symbol"), _NOT):
            start = self.advance().offset
            self.nest()
            operand = self.parse_unary()
            self.depth -= 1
            return Not(operand, start)
        if self.tok.kind == "punct" and self.tok.text == "(":
            return self.parse_group()
        return self.parse_comparison()

    def parse_group(self) -> Expr:
        self.advance()
        self.nest()
        inner = self.parse_or()
        self.depth -= 1
        self.expect_punct(")", "')'")
        if isinstance(inner, And | Or):
            return type(inner)(inner.operands, parenthesized=True)
        return inner

    def parse_comparison(self) -> Comparison:
        subject = self.parse_subject()
        op_token = self.tok
        if op_token.kind in ("word", "symbol") and op_token.text in _EXISTS_OPS:
            self.advance()
            return Comparison(subject.text, _EXISTS_OPS[op_token.text], (), subject.offset)
        if op_token.kind in ("word", "symbol") and op_token.text in _SET_OPS:
            self.advance()
            values = self.parse_list()
            return Comparison(subject.text, _SET_OPS[op_token.text], values, subject.offset)
        if op_token.kind in ("word", "symbol") and op_token.text in _CMP_OPS:
            self.advance()
            value = self.parse_value()
            return Comparison(subject.text, _CMP_OPS[op_token.text], (value,), subject.offset)
        if op_token.kind == "end":
            raise self.error("expected an operator")
        raise PlacementSyntaxError(f"unknown operator {_describe(op_token)!r}", op_token.offset)

    def parse_subject(self) -> _Token:
        token = self.tok
        if token.kind != "word":
            raise self.error("expected a subject such as attribute:NAME")
        if not _is_subject(token.text):
            raise PlacementSyntaxError(
                f"unknown subject {token.text!r} (expected attribute:NAME, task:group, "
                "agentConnected, agentVersion, ec2InstanceId, registeredAt or "
                "runningTasksCount)",
                token.offset,
            )
        return self.advance()

    def parse_value(self) -> str:
        token = self.tok
        if token.kind == "string" or (token.kind == "word" and token.text not in _RESERVED_VALUES):
            return self.advance().text
        raise self.error("expected a value")

    def parse_list(self) -> tuple[str, ...]:
        self.expect_punct("[", "'[' starting a value list")
        values = [self.parse_value()]
        while self.tok.kind == "punct" and self.tok.text == ",":
            self.advance()
            values.append(self.parse_value())
        self.expect_punct("]", "',' or ']' in value list")
        return tuple(values)


def _describe(token: _Token) -> str:
    return f"'{token.text}'" if token.kind == "string" else token.text


def _is_subject(word: str) -> bool:
    if word.startswith("attribute:"):
        return len(word) > len("attribute:")
    return word in _FIXED_SUBJECTS


def parse(expression: str) -> Expr:
    """Parse a ``memberOf`` expression (optionally wrapped in ``memberOf(...)``, ref §8).

    Raises :class:`PlacementSyntaxError` and nothing else for any string input; expressions
    longer than 2000 characters are rejected because the API rejects them (ref §7).
    """
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise PlacementSyntaxError(
            f"expression longer than {MAX_EXPRESSION_LENGTH} characters", MAX_EXPRESSION_LENGTH
        )
    return _Parser(expression).parse_top()


# --------------------------------------------------------------------------- rendering / walking


def unparse(expr: Expr) -> str:
    """Canonical text for ``expr`` (fully parenthesised compounds; values quoted if needed)."""
    if isinstance(expr, Comparison):
        return _unparse_comparison(expr)
    if isinstance(expr, Not):
        return f"not ({unparse(expr.operand)})"
    joiner = " and " if isinstance(expr, And) else " or "
    return joiner.join(f"({unparse(e)})" for e in expr.operands)


def _quote(value: str) -> str:
    bare = value and value not in _RESERVED_VALUES and not any(
        c.isspace() or c in _NOT_BARE for c in value
    )
    return value if bare else f"'{value}'"


def _unparse_comparison(c: Comparison) -> str:
    if c.op in ("exists", "not_exists"):
        return f"{c.subject} {c.op}"
    if c.op in ("in", "not_in"):
        return f"{c.subject} {c.op} [{', '.join(_quote(v) for v in c.values)}]"
    return f"{c.subject} {c.op} {_quote(c.values[0])}"


def comparisons(expr: Expr) -> Iterator[Comparison]:
    """All comparisons in ``expr``, left to right."""
    if isinstance(expr, Comparison):
        yield expr
    elif isinstance(expr, Not):
        yield from comparisons(expr.operand)
    else:
        for operand in expr.operands:
            yield from comparisons(operand)


def attributes(expr: Expr | str) -> set[str]:
    """Subjects mentioned (``attribute:ecs.instance-type``, ``task:group`` ...)."""
    tree = parse(expr) if isinstance(expr, str) else expr
    return {c.subject for c in comparisons(tree)}


def restricts_instance_type(expr: Expr | str) -> bool:
    """Whether the expression mentions ``attribute:ecs.instance-type`` at all (ref §7)."""
    return INSTANCE_TYPE in attributes(expr)


def mixes_and_or(expr: Expr) -> bool:
    """``and`` and ``or`` mixed without parentheses: ref §8 says ECS does not document
    their precedence, so the linter should warn."""
    if isinstance(expr, Comparison):
        return False
    if isinstance(expr, Not):
        return mixes_and_or(expr.operand)
    other = Or if isinstance(expr, And) else And
    for operand in expr.operands:
        if isinstance(operand, other) and not operand.parenthesized:
            return True
        if mixes_and_or(operand):
            return True
    return False


# --------------------------------------------------------------------------- evaluation


def _resolve(subject: str, instance: InstanceType) -> str | None:
    """Attribute values knowable from the type alone (ref §8); ``ecs.os-type`` is not
    (the same type runs Linux or Windows AMIs)."""
    if subject == INSTANCE_TYPE:
        return instance.name
    if subject == CPU_ARCHITECTURE:
        return ecs_cpu_architecture(instance)
    return None


#: Escapes and character classes, which :func:`_costly` reads as one plain character.
#: A class ends at its ``]`` or before the next ``[`` (Java's nested ``[a[b]]`` is then two
#: pieces, which can only make a pattern look costlier): linear on ``[[[[...``.
_ESCAPE_OR_CLASS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\\[])*\]", re.DOTALL)
_REPEATED_GROUP = re.compile(r"\)(?:[*+]|\{\d*,?\d*\})")
_REPEATS = re.compile(r"[*+]|\{\d*,\d*\}")
#: More repeating quantifiers than this and backtracking over the catalogue's names gets
#: slow (ten ``.*`` take about 20 s).
_MAX_REPEATS = 4


@functools.lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str] | None:
    """The compiled pattern; None (its verdict unknown) when Python cannot compile it or
    when backtracking could take exponential or high polynomial time (:func:`_costly`):
    the expression is the user's and evaluating it must not hang the run."""
    if _costly(pattern):
        return None
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


def _costly(pattern: str) -> bool:
    """A repeated group (``(a|aa)*``, ``(\\w+)+``), or more than :data:`_MAX_REPEATS`
    repeating quantifiers (``*``, ``+``, ``{m,n}``)."""
    skeleton = _ESCAPE_OR_CLASS.sub("x", pattern)
    return _REPEATED_GROUP.search(skeleton) is not None or len(_REPEATS.findall(skeleton)) > _MAX_REPEATS


def _matches(pattern: str, value: str) -> bool | None:
    """Java regex approximated by Python ``re.search`` (superset of full match, ref §8);
    a pattern Python cannot compile, or too costly to run (:func:`_compile`), is unknown
    rather than false."""
    compiled = _compile(pattern)
    return None if compiled is None else compiled.search(value) is not None


def _negate(value: bool | None) -> bool | None:
    return None if value is None else not value


def _compare(c: Comparison, value: str) -> bool | None:
    if c.op == "exists":
        return True
    if c.op == "not_exists":
        return False
    if c.op == "==":
        return value == c.values[0]
    if c.op == "!=":
        return value != c.values[0]
    if c.op == "in":
        return value in c.values
    if c.op == "not_in":
        return value not in c.values
    if c.op == "=~":
        return _matches(c.values[0], value)
    if c.op == "!~":
        return _negate(_matches(c.values[0], value))
    return None  # ordering on instance type / architecture: meaning undocumented


def _kleene_and(values: Iterable[bool | None]) -> bool | None:
    result: bool | None = True
    for v in values:
        if v is False:
            return False
        if v is None:
            result = None
    return result


def _kleene_or(values: Iterable[bool | None]) -> bool | None:
    result: bool | None = False
    for v in values:
        if v is True:
            return True
        if v is None:
            result = None
    return result


def evaluate(expr: Expr, instance: InstanceType) -> bool | None:
    """Can an instance of this type satisfy ``expr``? True / False / None (= unknown).

    Kleene logic (ref §8): a type is excluded only when the expression is definitely false.
    """
    if isinstance(expr, Comparison):
        value = _resolve(expr.subject, instance)
        return None if value is None else _compare(expr, value)
    if isinstance(expr, Not):
        return _negate(evaluate(expr.operand, instance))
    results = (evaluate(e, instance) for e in expr.operands)
    return _kleene_and(results) if isinstance(expr, And) else _kleene_or(results)


def candidates(
    expressions: Iterable[str | Expr], types: Iterable[InstanceType]
) -> list[InstanceType]:
    """Types no expression rules out; all constraints must hold together (ref §7: AND).

    Strings are parsed first, so an invalid one raises :class:`PlacementSyntaxError`;
    report syntax separately and pass only valid expressions (or parsed trees).
    """
    trees = [parse(e) if isinstance(e, str) else e for e in expressions]
    return [t for t in types if all(evaluate(tree, t) is not False for tree in trees)]
