"""Tests for ecslint.model.placement (cluster query language, ref §8 of
shared/reference/ec2-capacity.md)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecslint.model.instances import InstanceType, catalog, lookup
from ecslint.model.placement import (
    MAX_EXPRESSION_LENGTH,
    And,
    Comparison,
    Expr,
    Not,
    Or,
    PlacementSyntaxError,
    attributes,
    candidates,
    evaluate,
    mixes_and_or,
    parse,
    restricts_instance_type,
    unparse,
)


def _t(name: str) -> InstanceType:
    t = lookup(name)
    assert t is not None, name
    return t


def _eval(expression: str, name: str) -> bool | None:
    return evaluate(parse(expression), _t(name))


# Every documented example in ref §8 (plus the memberOf console wrapper).
DOCUMENTED = [
    "attribute:ecs.instance-type == t2.small",
    "attribute:ecs.instance-type in [t2.small, t2.medium]",
    "attribute:ecs.instance-type =~ t2.*",
    "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
    "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
    "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
    "runningTasksCount == 1",
    "agentVersion < 1.14.5",
    "registeredAt < 2018-02-13",
    "task:group == service:production",
    "not(task:group == database)",
    "memberOf(attribute:ecs.os-family == WINDOWS_SERVER_2019_FULL)",
]


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize("expression", DOCUMENTED)
def test_documented_examples_parse(expression: str) -> None:
    tree = parse(expression)
    assert parse(unparse(tree)) == tree


def test_parse_shapes() -> None:
    assert parse("attribute:ecs.instance-type in [t2.small, t2.medium]") == Comparison(
        "attribute:ecs.instance-type", "in", ("t2.small", "t2.medium")
    )
    assert parse("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']").values == (
        "i-abcd1234",
        "i-wxyx7890",
    )
    assert parse("not(task:group == database)") == Not(
        Comparison("task:group", "==", ("database",))
    )
    assert parse("task:group == service:production").values == ("service:production",)


@pytest.mark.parametrize(
    ("expression", "op"),
    [
        ("attribute:a equals b", "=="), ("attribute:a not_equals b", "!="),
        ("runningTasksCount greater_than 1", ">"), ("runningTasksCount >= 1", ">="),
        ("runningTasksCount greater_than_equal 1", ">="), ("runningTasksCount less_than 1", "<"),
        ("runningTasksCount less_than_equal 1", "<="), ("attribute:a matches b.*", "=~"),
        ("attribute:a !~ b", "!~"), ("attribute:a not_matches b", "!~"),
        ("attribute:a !in [b]", "not_in"), ("attribute:a not_in [b]", "not_in"),
        ("attribute:a exists", "exists"), ("attribute:a !exists", "not_exists"),
        ("attribute:a not_exists", "not_exists"),
    ],
)
def test_operator_spellings(expression: str, op: str) -> None:
    tree = parse(expression)
    assert isinstance(tree, Comparison) and tree.op == op


def test_precedence_not_and_or() -> None:
    a, b, c = (Comparison(f"attribute:{x}", "==", ("1",)) for x in "abc")
    assert parse("attribute:a == 1 or attribute:b == 1 and attribute:c == 1") == Or(
        (a, And((b, c)))
    )
    assert parse("attribute:a == 1 && attribute:b == 1 || attribute:c == 1") == Or(
        (And((a, b)), c)
    )
    assert parse("!attribute:a == 1 and attribute:b == 1") == And((Not(a), b))
    assert parse("not (attribute:a == 1 or attribute:b == 1)") == Not(Or((a, b)))
    assert parse("!!attribute:a == 1") == Not(Not(a))


def test_keywords_are_case_sensitive() -> None:
    with pytest.raises(PlacementSyntaxError):
        parse("attribute:a == 1 AND attribute:b == 2")
    with pytest.raises(PlacementSyntaxError):
        parse("attribute:a IN [1]")


def test_mixes_and_or() -> None:
    assert mixes_and_or(parse("attribute:a == 1 or attribute:b == 1 and attribute:c == 1"))
    assert not mixes_and_or(parse("attribute:a == 1 or (attribute:b == 1 and attribute:c == 1)"))
    assert not mixes_and_or(parse("attribute:a == 1 and attribute:b == 1 and attribute:c == 1"))


def test_offsets_point_into_original_text() -> None:
    text = "memberOf(attribute:a == 1 and not task:group == x)"
    tree = parse(text)
    assert isinstance(tree, And)
    first, second = tree.operands
    assert isinstance(first, Comparison) and first.offset == text.index("attribute:a")
    assert isinstance(second, Not) and second.offset == text.index("not")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("expression", "offset"),
    [
        ("", 0),
        ("   ", 3),
        ("(attribute:ecs.instance-type == t2.small", 40),  # missing ')': at the end
        ("attribute:ecs.instance-type == t2.small)", 39),  # extra ')'
        ("((attribute:a == 1) or attribute:b == 2", 39),
        ("attribute:ecs.instance-type ==", 30),  # missing value
        ("attribute:ecs.instance-type == and attribute:b == 1", 31),
        ("attribute:ecs.instance-type in []", 32),
        ("attribute:ecs.instance-type in [a, ]", 35),
        ("attribute:ecs.instance-type in t2.small", 31),  # list without brackets
        ("attribute:ecs.instance-type === t2.small", 28),  # unknown operators
        ("attribute:ecs.instance-type = t2.small", 28),
        ("attribute:ecs.instance-type <> t2.small", 28),
        ("attribute:ecs.instance-type like t2.small", 28),
        ("attribute:ecs.instance-type", 27),  # operator missing
        ("attribute:a == 1 attribute:b == 2", 17),  # trailing garbage
        ("attribute:a == 1 )", 17),
        ("attribute:a == 1 and", 20),
        ("instance-type == t2.small", 0),  # unknown subject
        ("attribute: == x", 0),
        ("attribute:a == 'unterminated", 15),
        ('attribute:a == "double"', 15),
        ("memberOf(attribute:a == 1", 25),
        ("attribute:a == (b)", 15),  # a single comparison cannot contain parentheses
    ],
)
def test_error_offsets(expression: str, offset: int) -> None:
    with pytest.raises(PlacementSyntaxError) as info:
        parse(expression)
    assert info.value.offset == offset, info.value.message


def test_length_limit() -> None:
    ok = "attribute:a == " + "x" * (MAX_EXPRESSION_LENGTH - len("attribute:a == "))
    assert len(ok) == MAX_EXPRESSION_LENGTH
    parse(ok)
    with pytest.raises(PlacementSyntaxError) as info:
        parse(ok + "x")
    assert info.value.offset == MAX_EXPRESSION_LENGTH


def test_deep_nesting_is_a_syntax_error_not_a_crash() -> None:
    for text in ("(" * 1000 + "attribute:a == 1" + ")" * 1000, "!" * 1500 + "attribute:a == 1"):
        with pytest.raises(PlacementSyntaxError):
            parse(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_only_raises_syntax_error(text: str) -> None:
    try:
        parse(text)
    except PlacementSyntaxError as exc:
        assert 0 <= exc.offset <= len(text)


_TOKENS = st.sampled_from(
    ["attribute:a", "task:group", "==", "!=", "=~", "in", "!in", "exists", "not", "!", "and",
     "&&", "or", "||", "(", ")", "[", "]", ",", "'q v'", "t2.*", "x", "memberOf", "<", "!~"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=12), st.booleans())
def test_parse_token_soup(tokens: list[str], spaced: bool) -> None:
    text = (" " if spaced else "").join(tokens)
    try:
        tree = parse(text)
    except PlacementSyntaxError as exc:
        assert 0 <= exc.offset <= len(text)
    else:
        assert parse(unparse(tree)) == tree


# --------------------------------------------------------------------------- evaluation


def test_eval_equality() -> None:
    expr = "attribute:ecs.instance-type == t2.small"
    assert _eval(expr, "t2.small") is True
    assert _eval(expr, "t2.medium") is False
    assert _eval("attribute:ecs.instance-type != t2.small", "t2.small") is False
    assert _eval("attribute:ecs.instance-type == T2.SMALL", "t2.small") is False  # exact


def test_eval_in() -> None:
    expr = "attribute:ecs.instance-type in [t2.small, t2.medium]"
    assert _eval(expr, "t2.medium") is True
    assert _eval(expr, "t2.large") is False
    assert _eval("attribute:ecs.instance-type not_in [t2.small, t2.medium]", "t2.large") is True


def test_eval_regex_search_semantics() -> None:
    expr = "attribute:ecs.instance-type =~ t2.*"
    assert _eval(expr, "t2.micro") is True
    assert _eval(expr, "m5.large") is False
    assert _eval("attribute:ecs.instance-type !~ t2.*", "m5.large") is True
    assert _eval("attribute:ecs.instance-type =~ large", "m5.large") is True  # search
    assert _eval("attribute:ecs.instance-type =~ '^m5\\.(large|xlarge)$'", "m5.xlarge") is True
    # Java-only syntax Python cannot compile: unknown, never a false "won't fit".
    assert _eval("attribute:ecs.instance-type =~ '\\p{Alpha}+'", "m5.large") is None
    assert _eval("attribute:ecs.instance-type !~ '\\p{Alpha}+'", "m5.large") is None


def test_eval_documented_compound() -> None:
    expr = "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d"
    assert _eval(expr, "g2.2xlarge") is None
    assert _eval(expr, "m5.large") is False


def test_eval_unknown_subjects() -> None:
    assert _eval("not(task:group == database)", "m5.large") is None
    for expr in ("attribute:ecs.os-type == linux", "attribute:ecs.os-family == LINUX",
                 "agentVersion < 1.14.5", "runningTasksCount == 1",
                 "attribute:ecs.availability-zone exists", "attribute:custom not_exists"):
        assert _eval(expr, "m5.large") is None


def test_eval_cpu_architecture() -> None:
    expr = "attribute:ecs.cpu-architecture == arm64"
    assert _eval(expr, "m6g.large") is True
    assert _eval(expr, "m5.large") is False
    assert _eval("attribute:ecs.cpu-architecture == x86_64", "t2.micro") is True  # i386;x86_64


def test_eval_exists_and_ordering_on_resolvable() -> None:
    assert _eval("attribute:ecs.instance-type exists", "m5.large") is True
    assert _eval("attribute:ecs.instance-type !exists", "m5.large") is False
    assert _eval("attribute:ecs.instance-type > m5.large", "m5.xlarge") is None


def test_eval_kleene_tables() -> None:
    true, false, unknown = (
        "attribute:ecs.instance-type == m5.large",
        "attribute:ecs.instance-type == t2.small",
        "task:group == db",
    )
    cases = {
        f"{unknown} and {false}": False, f"{unknown} and {true}": None,
        f"{unknown} or {true}": True, f"{unknown} or {false}": None,
        f"not ({unknown})": None, f"{true} and {true}": True, f"{false} or {false}": False,
    }
    for expr, expected in cases.items():
        assert _eval(expr, "m5.large") is expected, expr


def test_candidates_and_across_list() -> None:
    types = [_t(n) for n in ("t2.micro", "t2.small", "m5.large", "m6g.large", "g2.2xlarge")]
    picked = candidates(
        ["attribute:ecs.instance-type =~ t2.* or attribute:ecs.cpu-architecture == arm64",
         "attribute:ecs.instance-type != t2.micro", "task:group == web"],
        types,
    )
    assert [t.name for t in picked] == ["t2.small", "m6g.large"]
    assert candidates([], types) == types
    assert candidates([parse("attribute:ecs.instance-type == m5.large")], iter(types)) == [
        _t("m5.large")
    ]
    with pytest.raises(PlacementSyntaxError):
        candidates(["attribute:x =="], types)


def test_candidates_over_catalog() -> None:
    picked = candidates(["attribute:ecs.instance-type =~ ^m5\\."], catalog().values())
    assert picked and all(t.family == "m5" for t in picked)


def test_restricts_instance_type() -> None:
    assert restricts_instance_type("attribute:ecs.instance-type in [t2.small]")
    either = "task:group == a or not attribute:ecs.instance-type exists"
    assert restricts_instance_type(parse(either))
    assert not restricts_instance_type("attribute:ecs.availability-zone == us-east-1a")
    assert attributes("task:group == a and agentVersion < 1") == {"task:group", "agentVersion"}


# --------------------------------------------------------------------------- Kleene laws

_SAMPLE_TYPES = [_t(n) for n in ("t2.micro", "m5.large", "m6g.large", "g2.2xlarge")]
_LEAVES = st.sampled_from(
    [
        Comparison("attribute:ecs.instance-type", "==", ("m5.large",)),
        Comparison("attribute:ecs.instance-type", "=~", ("^t2",)),
        Comparison("attribute:ecs.instance-type", "in", ("g2.2xlarge", "t2.micro")),
        Comparison("attribute:ecs.cpu-architecture", "==", ("arm64",)),
        Comparison("attribute:ecs.availability-zone", "!=", ("us-east-1d",)),
        Comparison("task:group", "==", ("database",)),
    ]
)
_EXPRS: st.SearchStrategy[Expr] = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        inner.map(Not),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: And(tuple(xs))),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
    ),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(_EXPRS, _EXPRS, st.sampled_from(_SAMPLE_TYPES))
def test_kleene_laws(e: Expr, f: Expr, t: InstanceType) -> None:
    ev = evaluate(e, t)
    assert evaluate(Not(Not(e)), t) == ev
    assert evaluate(Not(And((e, f))), t) == evaluate(Or((Not(e), Not(f))), t)  # De Morgan
    assert evaluate(Not(Or((e, f))), t) == evaluate(And((Not(e), Not(f))), t)
    assert evaluate(And((e, f)), t) == evaluate(And((f, e)), t)
    assert evaluate(Or((e, e)), t) == ev == evaluate(And((e, e)), t)
    # Text round trip keeps the meaning (and the tree).
    assert parse(unparse(e)) == e
    assert evaluate(parse(f"not not ({unparse(e)})"), t) == ev
