#!/usr/bin/env python3
"""Generate ``ecslint/schemas/terraform/*.json``: the bodies of the AWS provider's resources.

Why: a Terraform configuration describes ECS in the AWS provider's own shape (snake_case
arguments, nested blocks, the provider's validations). The schema checks (ECS002-ECS005)
judge a resource block as written against that shape, so that a typo is reported in the
configuration's own spelling (``contianer_definitions`` -> ``container_definitions``) and
an invalid value with the provider's own bounds. The provider is the authority, read two
ways, both pinned:

- **structure** (arguments and their types, required / optional / computed, nested
  blocks, their nesting mode and item bounds): ``terraform providers schema -json`` of the
  released provider :data:`BINARY_VERSION`, the schema Terraform itself checks a
  configuration against. ``--provider-schema FILE`` reads a saved dump, or
  ``--plugin-dir DIR`` runs ``terraform`` with that filesystem mirror to make one;
- **validation** (``ValidateFunc`` / ``ValidateDiagFunc``: enum values, integer ranges,
  string lengths and patterns, ARNs), defaults and the integer-ness of numbers: parsed from
  the Go source of ``hashicorp/terraform-provider-aws`` at :data:`COMMIT`, read from a
  local git directory of the repository (a bare mirror or a checkout): the
  ``map[string]*schema.Schema{...}`` literal each resource function returns, with the
  package's constants, its ``X_Values()`` functions and ``names.Attr*``. The Go source
  yields a whole structure too; the generator compares it with the binary's and reports
  every difference (an argument added after :data:`COMMIT` has no validation).

Enum values of the AWS SDK (``ecs.LaunchType_Values()``, ``enum.Validate[types.X]()``)
are the SDK's copies of the service models; they are read from botocore's models of the
same shapes (a developer dependency, as for tools/gen_schemas.py). Botocore is newer than
the provider's SDK, so an enum may hold values a given provider release does not accept
yet: the check errs on the side of accepting.

Usage::

    python tools/gen_tf_schemas.py --provider-git PATH --plugin-dir /opt/tf-plugins
    python tools/gen_tf_schemas.py --provider-git PATH --provider-schema schema.json [--check]

Output (deterministic: sorted keys, one-space indent), one file per resource type
(``aws_alb_target_group`` is ``aws_lb_target_group``: an alias, not a file) plus
``meta.json``, the meta-arguments every resource takes (hand-written from the Terraform
language documentation: they are Terraform's, not the provider's). A body is::

    {"attributes": {NAME: {"type": TYPE, "required"|"optional"|"computed": true, ...}},
     "blocks": {NAME: {"nesting": "single"|"list"|"set", "min_items": N, "max_items": N,
                       "body": BODY}},
     "removed": {NAME: {"version": V, "advice": TEXT}}}   (top level only)

``TYPE`` is Terraform's JSON type notation (``"string"``, ``"number"``, ``"bool"``,
``["list", T]``, ``["set", T]``, ``["map", T]``, ``["object", {NAME: T}]``). An attribute
may carry ``"integer": true`` (the provider takes whole numbers only), ``"default"``,
``"deprecated"`` (the provider's message), ``"sensitive"``, ``"validation"`` (of the value)
or ``"element_validation"`` (of each element of a collection), each
``{"enum": [...], "ignore_case": bool}``, ``{"minimum": N, "maximum": N}``,
``{"min_length": N, "max_length": N}``, ``{"pattern": RE, "pattern_message": TEXT}``,
``{"arn": true}``, ``{"json": true}`` (``"port": true`` with a range: the SDK's port
validators, which word their messages otherwise), ``{"all": [V, ...]}`` or ``{"any": [V, ...]}``;
``"hand": true`` marks a validator translated by hand from Go code (its messages are the
provider's own words, which the check does not quote).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "ecslint" / "schemas" / "terraform"

REPOSITORY = "hashicorp/terraform-provider-aws"
#: The commit the release workflow followed with "Update CHANGELOG.md after v5.45.0"
#: (2024-04-11): the source of v5.45.0.
COMMIT = "7769ba5ef892ca70f95d20b82f28b92c6645d35d"
COMMIT_VERSION = "5.45.0"
#: The released provider whose ``terraform providers schema -json`` gives the structure.
BINARY_VERSION = "5.100.0"

#: Resource type -> (Go file, function returning its ``*schema.Resource``) at COMMIT.
RESOURCES: dict[str, tuple[str, str]] = {
    "aws_autoscaling_group": ("internal/service/autoscaling/group.go", "resourceGroup"),
    "aws_ecr_lifecycle_policy": ("internal/service/ecr/lifecycle_policy.go", "resourceLifecyclePolicy"),
    "aws_ecr_repository": ("internal/service/ecr/repository.go", "resourceRepository"),
    "aws_ecr_repository_policy": ("internal/service/ecr/repository_policy.go", "resourceRepositoryPolicy"),
    "aws_ecs_capacity_provider": ("internal/service/ecs/capacity_provider.go", "ResourceCapacityProvider"),
    "aws_ecs_cluster": ("internal/service/ecs/cluster.go", "ResourceCluster"),
    "aws_ecs_cluster_capacity_providers": (
        "internal/service/ecs/cluster_capacity_providers.go",
        "ResourceClusterCapacityProviders",
    ),
    "aws_ecs_service": ("internal/service/ecs/service.go", "ResourceService"),
    "aws_ecs_task_definition": ("internal/service/ecs/task_definition.go", "ResourceTaskDefinition"),
    "aws_launch_template": ("internal/service/ec2/ec2_launch_template.go", "ResourceLaunchTemplate"),
    "aws_lb_target_group": ("internal/service/elbv2/target_group.go", "ResourceTargetGroup"),
}
#: Other names of the same resource ("aws_alb_target_group is known as aws_lb_target_group.
#: The functionality is identical."); ``ecslint.sources.terraform_schema.ALIASES`` agrees.
ALIASES = {"aws_alb_target_group": "aws_lb_target_group"}

#: Go import path of an AWS SDK (v1 or v2) service package -> botocore service name.
SDK_SERVICES = {
    "autoscaling": "autoscaling",
    "ec2": "ec2",
    "ecr": "ecr",
    "ecs": "ecs",
    "elbv2": "elbv2",
    "elasticloadbalancingv2": "elbv2",
}

# --------------------------------------------------------------------------------------
# Go: tokens

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<raw>`[^`]*`)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<rune>'(?:[^'\\\n]|\\.)*')
  | (?P<number>0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\.\.\.|<<=|>>=|&\^=|&&|\|\||<-|\+\+|--|==|!=|<=|>=|:=|<<|>>|&\^|[-+*/%&|^<>=!:;,.(){}\[\]~])
    """,
    re.VERBOSE | re.DOTALL,
)


class Tok:
    __slots__ = ("kind", "text")

    def __init__(self, kind: str, text: str):
        self.kind, self.text = kind, text

    def __repr__(self) -> str:
        return f"{self.kind}:{self.text}"


def tokenize(source: str) -> list[Tok]:
    out: list[Tok] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None:
            raise SyntaxError(f"unexpected character {source[pos]!r} at offset {pos}")
        kind = m.lastgroup or ""
        if kind not in ("space", "comment"):
            out.append(Tok(kind, m.group()))
        pos = m.end()
    return out


# --------------------------------------------------------------------------------------
# Go: the expressions schema literals are made of


class Name:
    """An identifier or a selector chain: ``schema.TypeString``, ``names.AttrTags``."""

    __slots__ = ("parts",)

    def __init__(self, parts: tuple[str, ...]):
        self.parts = parts

    @property
    def text(self) -> str:
        return ".".join(self.parts)

    def __repr__(self) -> str:
        return self.text


class Lit:
    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __repr__(self) -> str:
        return repr(self.value)


class Call:
    __slots__ = ("func", "args", "type_args")

    def __init__(self, func: Any, args: list[Any], type_args: list[Any] | None = None):
        self.func, self.args, self.type_args = func, args, type_args

    def __repr__(self) -> str:
        return f"{self.func!r}({self.args!r})"


class Composite:
    """``T{k: v, ...}`` (``type`` None when elided, as in a map literal's values)."""

    __slots__ = ("type", "elements")

    def __init__(self, type: Any, elements: list[tuple[Any, Any]]):
        self.type, self.elements = type, elements

    def get(self, key: str) -> Any:
        for k, v in self.elements:
            if isinstance(k, Name) and k.text == key:
                return v
        return None

    def __repr__(self) -> str:
        return f"{self.type!r}{{{len(self.elements)}}}"


class Unary:
    __slots__ = ("op", "x")

    def __init__(self, op: str, x: Any):
        self.op, self.x = op, x


class Binary:
    __slots__ = ("op", "left", "right")

    def __init__(self, op: str, left: Any, right: Any):
        self.op, self.left, self.right = op, left, right


class Index:
    __slots__ = ("x", "index")

    def __init__(self, x: Any, index: list[Any]):
        self.x, self.index = x, index


class Opaque:
    """What the generator never needs to look into: function literals, types."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"<{self.text}>"


_BINARY = {"||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "|", "^", "*", "/", "%", "<<", ">>", "&", "&^"}


class Parser:
    """A recursive-descent parser for Go expressions (enough of Go for schema literals)."""

    def __init__(self, tokens: list[Tok], pos: int = 0):
        self.toks = tokens
        self.pos = pos

    def peek(self, offset: int = 0) -> Tok | None:
        i = self.pos + offset
        return self.toks[i] if i < len(self.toks) else None

    def at(self, text: str, offset: int = 0) -> bool:
        tok = self.peek(offset)
        return tok is not None and tok.text == text and tok.kind in ("op", "ident")

    def take(self, text: str | None = None) -> Tok:
        tok = self.peek()
        if tok is None or (text is not None and tok.text != text):
            raise SyntaxError(f"expected {text!r}, found {tok and tok.text!r} at token {self.pos}")
        self.pos += 1
        return tok

    def expr(self) -> Any:
        left = self.unary()
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.text in _BINARY:
            self.pos += 1
            left = Binary(tok.text, left, self.unary())
        return left

    def unary(self) -> Any:
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.text in ("&", "-", "+", "!", "*", "^", "<-"):
            self.pos += 1
            return Unary(tok.text, self.unary())
        return self.primary()

    def primary(self) -> Any:
        tok = self.take()
        node: Any
        if tok.kind in ("string", "raw"):
            node = Lit(_go_string(tok.text))
        elif tok.kind == "rune":
            node = Lit(tok.text)
        elif tok.kind == "number":
            text = tok.text.replace("_", "")
            node = Lit(int(text, 0) if re.fullmatch(r"0[xX][0-9a-fA-F]+|\d+", text) else float(text))
        elif tok.kind == "ident" and tok.text == "func":
            node = self.func_literal()
        elif tok.kind == "ident" and tok.text == "map":
            self.take("[")
            self.type_expr()
            self.take("]")
            self.type_expr()
            node = Opaque("map")
            if self.at("{"):
                node = self.composite(node)
        elif tok.kind == "ident" and tok.text in ("interface", "struct"):
            self.skip_braces()
            node = Opaque(tok.text)
        elif tok.kind == "ident":
            node = Name((tok.text,))
        elif tok.text == "(":
            node = self.expr()
            self.take(")")
        elif tok.text == "[":
            # A slice or array type: []string{...}, [...]T{...}
            while not self.at("]"):
                self.take()
            self.take("]")
            elem = self.type_expr()
            node = Opaque(f"[]{elem!r}")
            if self.at("{"):
                node = self.composite(node)
            return node
        elif tok.text == "{":
            self.pos -= 1
            return self.composite(None)
        else:
            raise SyntaxError(f"unexpected {tok.text!r} at token {self.pos - 1}")
        while True:
            if self.at("."):
                self.take(".")
                if self.at("("):  # a type assertion: x.(T)
                    self.take("(")
                    self.type_expr()
                    self.take(")")
                    continue
                name = self.take().text
                node = Name(node.parts + (name,)) if isinstance(node, Name) else Opaque(f"{node!r}.{name}")
            elif self.at("("):
                self.take("(")
                args = []
                while not self.at(")"):
                    args.append(self.expr())
                    if self.at("..."):
                        self.take("...")
                    if not self.at(")"):
                        self.take(",")
                self.take(")")
                if isinstance(node, Index):
                    node = Call(node.x, args, node.index)
                else:
                    node = Call(node, args)
            elif self.at("["):
                self.take("[")
                index = []
                while not self.at("]"):
                    if self.at(":"):
                        self.take(":")
                        continue
                    index.append(self.expr())
                    if self.at(","):
                        self.take(",")
                self.take("]")
                node = Index(node, index)
            elif self.at("{") and isinstance(node, (Name, Index)) and _is_type_name(node):
                node = self.composite(node)
            else:
                return node

    def type_expr(self) -> Any:
        """A type (after ``map[``, ``[]``, in conversions): kept as text."""
        parts = []
        while self.at("*"):
            parts.append(self.take().text)
        if self.at("["):
            self.take("[")
            while not self.at("]"):
                self.take()
            self.take("]")
            return Opaque("".join(parts) + "[]" + repr(self.type_expr()))
        if self.at("map"):
            self.take("map")
            self.take("[")
            key = self.type_expr()
            self.take("]")
            return Opaque(f"map[{key!r}]{self.type_expr()!r}")
        tok = self.take()
        if tok.text in ("interface", "struct"):
            self.skip_braces()
            return Opaque(tok.text + "{}")
        if tok.text == "func":
            self.skip_parens()
            if self.at("("):
                self.skip_parens()
            elif not self.at(")") and not self.at(",") and not self.at("{"):
                self.type_expr()
            return Opaque("func")
        name = [tok.text]
        while self.at("."):
            self.take(".")
            name.append(self.take().text)
        if self.at("["):  # generic instantiation
            self.take("[")
            while not self.at("]"):
                self.take()
            self.take("]")
        return Opaque("".join(parts) + ".".join(name))

    def composite(self, type_: Any) -> Composite:
        self.take("{")
        elements: list[tuple[Any, Any]] = []
        while not self.at("}"):
            first = self.expr() if not self.at("{") else self.composite(None)
            if self.at(":"):
                self.take(":")
                value = self.expr() if not self.at("{") else self.composite(None)
                elements.append((first, value))
            else:
                elements.append((None, first))
            if not self.at("}"):
                self.take(",")
        self.take("}")
        return Composite(type_, elements)

    def func_literal(self) -> Opaque:
        self.skip_parens()
        # result: nothing, a type, or a parenthesised list
        while not self.at("{"):
            if self.at("("):
                self.skip_parens()
            else:
                self.take()
        self.skip_braces()
        return Opaque("func")

    def skip_parens(self) -> None:
        self._skip("(", ")")

    def skip_braces(self) -> None:
        self._skip("{", "}")

    def _skip(self, open_: str, close: str) -> None:
        self.take(open_)
        depth = 1
        while depth:
            tok = self.take()
            if tok.kind == "op" and tok.text == open_:
                depth += 1
            elif tok.kind == "op" and tok.text == close:
                depth -= 1


def _is_type_name(node: Any) -> bool:
    """Whether ``node{`` starts a composite literal (``schema.Schema{``, ``types.X{``)."""
    name = node.x if isinstance(node, Index) else node
    return isinstance(name, Name) and name.parts[-1][:1].isupper() or isinstance(node, Index)


def _go_string(text: str) -> str:
    if text.startswith("`"):
        return text[1:-1]
    return json.loads(re.sub(r"\\([0-7]{3})", lambda m: "\\u%04x" % int(m.group(1), 8), text.replace("\\'", "'")))


# --------------------------------------------------------------------------------------
# Go: a package's declarations


class Package:
    """The non-test Go files of one package directory at COMMIT: its string constants,
    the functions it declares (by name, and ``Values`` methods by receiver type)."""

    def __init__(self, files: dict[str, str], universe: Universe | None = None):
        self.universe = universe
        self.imports: dict[str, str] = {}  # local name -> import path (of the last file read)
        self.consts: dict[str, Any] = {}
        self.funcs: dict[str, int] = {}  # name -> token index of its body's "{"
        self.methods: dict[tuple[str, str], int] = {}  # (receiver type, name) -> body index
        self._token_map: dict[str, list[Tok]] = {}
        self._file_imports: dict[str, dict[str, str]] = {}
        self._func_file: dict[str, str] = {}
        self._path = ""
        for path, text in sorted(files.items()):
            if path.endswith(".go") and not path.endswith("_test.go"):
                self._scan(path, tokenize(text))

    @classmethod
    def read(cls, reader: GitReader, directory: str, universe: Universe | None) -> Package:
        return cls({path: reader.read(path) for path in reader.list(directory) if path.endswith(".go")}, universe)

    def _scan(self, path: str, toks: list[Tok]) -> None:
        self._path = path
        i = 0
        depth = 0
        while i < len(toks):
            tok = toks[i]
            if tok.kind == "op" and tok.text in "({[":
                depth += 1
            elif tok.kind == "op" and tok.text in ")}]":
                depth -= 1
            elif depth == 0 and tok.kind == "ident" and tok.text == "import":
                i = self._imports(toks, i + 1)
                continue
            elif depth == 0 and tok.kind == "ident" and tok.text == "const":
                i = self._consts(toks, i + 1)
                continue
            elif depth == 0 and tok.kind == "ident" and tok.text == "func":
                i = self._func(path, toks, i + 1)
                continue
            i += 1

    def _imports(self, toks: list[Tok], i: int) -> int:
        imports = self._file_imports.setdefault(self._path, {})

        def one(j: int) -> int:
            alias = None
            if toks[j].kind in ("ident", "op") and toks[j].kind != "string":
                alias = toks[j].text
                j += 1
            path = _go_string(toks[j].text)
            imports[alias or path.rsplit("/", 1)[-1]] = path
            return j + 1

        if toks[i].text == "(":
            i += 1
            while toks[i].text != ")":
                i = one(i)
            return i + 1
        return one(i)

    def _consts(self, toks: list[Tok], i: int) -> int:
        def spec(j: int) -> int:
            names = [toks[j].text]
            j += 1
            while toks[j].text == ",":
                names.append(toks[j + 1].text)
                j += 2
            if toks[j].text != "=" and toks[j].kind == "ident":  # a typed constant
                j += 1
                while toks[j].text == ".":
                    j += 2
            if toks[j].text == "=":
                parser = Parser(toks, j + 1)
                values = [parser.expr()]
                while parser.at(","):
                    parser.take(",")
                    values.append(parser.expr())
                for name, value in zip(names, values):
                    if isinstance(value, Lit):
                        self.consts[name] = value.value
                    else:
                        self.consts.setdefault(name, value)
                j = parser.pos
            return j

        if toks[i].text == "(":
            i += 1
            while toks[i].text != ")":
                if toks[i].text == ";":
                    i += 1
                    continue
                i = spec(i)
            return i + 1
        return spec(i)

    def _func(self, path: str, toks: list[Tok], i: int) -> int:
        receiver = None
        if toks[i].text == "(":  # a method: (T) Name or (r *T) Name
            j = i + 1
            inside = []
            while toks[j].text != ")":
                inside.append(toks[j].text)
                j += 1
            receiver = inside[-1]
            i = j + 1
        name = toks[i].text
        # find the body: the first "{" at parenthesis depth 0 after the name
        j = i + 1
        depth = 0
        while j < len(toks):
            text = toks[j].text
            if toks[j].kind == "op" and text in "([":
                depth += 1
            elif toks[j].kind == "op" and text in ")]":
                depth -= 1
            elif toks[j].kind == "op" and text == "{" and depth == 0:
                break
            j += 1
        if receiver is None:
            self.funcs.setdefault(name, j)
        else:
            self.methods[(receiver, name)] = j
        self._token_map[name if receiver is None else f"{receiver}.{name}"] = toks
        self._func_file[name if receiver is None else f"{receiver}.{name}"] = self._path
        # skip the body
        depth = 0
        while j < len(toks):
            if toks[j].kind == "op" and toks[j].text == "{":
                depth += 1
            elif toks[j].kind == "op" and toks[j].text == "}":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return j

    def use_file_of(self, function: str) -> None:
        """Resolve package names (``ecs.``, ``types.``) as the file declaring ``function`` imports them."""
        self.imports = self._file_imports.get(self._func_file.get(function, ""), {})

    def returned(self, name: str, receiver: str | None = None) -> Any:
        """The expression a function's first ``return`` statement returns (or None)."""
        key = name if receiver is None else f"{receiver}.{name}"
        toks = self._token_map.get(key)
        if toks is None:
            return None
        start = self.funcs[name] if receiver is None else self.methods[(receiver, name)]
        depth = 0
        i = start
        while i < len(toks):
            tok = toks[i]
            if tok.kind == "op" and tok.text == "{":
                depth += 1
            elif tok.kind == "op" and tok.text == "}":
                depth -= 1
                if depth == 0:
                    return None
            elif tok.kind == "ident" and tok.text == "return" and depth == 1:
                try:
                    return Parser(toks, i + 1).expr()
                except SyntaxError:  # a bare return, or more Go than this parser knows
                    return None
            i += 1
        return None

    def const(self, name: Name) -> Any:
        """The value of a constant: local, ``names.Attr*``, or an AWS SDK enum constant
        (``ecs.LaunchTypeFargate``, ``types.EncryptionTypeAes256``); ``None`` if unknown."""
        if len(name.parts) == 1:
            value = self.consts.get(name.parts[0])
            if isinstance(value, Name):
                return self.const(value)
            if isinstance(value, Unary) and value.op == "-" and isinstance(value.x, Lit):
                return -value.x.value
            return value if isinstance(value, (str, int, float)) else None
        if len(name.parts) == 2:
            module, member = name.parts
            path = self.imports.get(module, "")
            if path.endswith("/names"):
                return self.universe.names().get(member)
            service = _sdk_service(path)
            if service is not None:
                return self.universe.enum_constant(service, member)
        if name.text == "math.MaxInt32":
            return 2**31 - 1
        if name.text == "math.MaxInt64":
            return 2**63 - 1
        return None

    def string_list(self, node: Any) -> list[str] | None:
        """The strings of ``[]string{...}``, ``X_Values()``, ``enum.Values[T]()``,
        ``enum.Slice(...)``: None when any part is not known."""
        if isinstance(node, Composite):
            out = []
            for _, element in node.elements:
                value = element.value if isinstance(element, Lit) else self.const(element) if isinstance(element, Name) else None
                if not isinstance(value, str):
                    return None
                out.append(value)
            return out
        if isinstance(node, Call) and isinstance(node.func, Name):
            parts = node.func.parts
            if node.func.text == "enum.Slice":
                return self.string_list(Composite(None, [(None, a) for a in node.args]))
            if node.func.text == "enum.Values" and node.type_args:
                return self.enum_type(node.type_args[0])
            if len(parts) == 2 and parts[1].endswith("_Values"):
                service = _sdk_service(self.imports.get(parts[0], ""))
                if service is not None:
                    return self.universe.enum_values(service, parts[1][: -len("_Values")])
            if len(parts) == 1:
                returned = self.returned(parts[0])
                if returned is not None:
                    return self.string_list(returned)
            if len(parts) == 2 and parts[1] == "Values" and parts[0] in self.consts:
                return None
        return None

    def enum_type(self, node: Any) -> list[str] | None:
        """The values of an enum type: an SDK type (``awstypes.X``) or a local one with a
        ``Values()`` method."""
        if not isinstance(node, Name):
            return None
        if len(node.parts) == 2:
            service = _sdk_service(self.imports.get(node.parts[0], ""))
            return self.universe.enum_values(service, node.parts[1]) if service else None
        returned = self.returned("Values", node.parts[0])
        return self.string_list(returned) if returned is not None else None


def _sdk_service(path: str) -> str | None:
    """The botocore service of an AWS SDK for Go import path (v1 ``service/ecs``, v2
    ``service/ecs/types``), else None."""
    m = re.match(r"github\.com/aws/aws-sdk-go(?:-v2)?/service/([a-z0-9]+)(?:/types)?$", path)
    return SDK_SERVICES.get(m.group(1)) if m else None


class GitReader:
    """Files of one commit of a git directory."""

    def __init__(self, git_dir: Path, commit: str):
        self.git_dir, self.commit = git_dir, commit

    def _git(self, *args: str) -> str:
        return subprocess.run(
            ["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True, text=True
        ).stdout

    def read(self, path: str) -> str:
        return self._git("show", f"{self.commit}:{path}")

    def list(self, directory: str) -> list[str]:
        names = self._git("ls-tree", "--name-only", f"{self.commit}:{directory}").splitlines()
        return sorted(f"{directory}/{name}" for name in names if name)


def _git_dir(path: Path) -> Path:
    return path / ".git" if (path / ".git").exists() else path


class Universe:
    """What every package shares: ``names.Attr*`` and botocore's enums."""

    def __init__(self, reader: GitReader):
        self.reader = reader
        self._names: dict[str, Any] | None = None
        self._models: dict[str, dict[str, Any]] = {}
        self.botocore_version = ""

    def names(self) -> dict[str, Any]:
        if self._names is None:
            pkg = Package.read(self.reader, "names", None)
            self._names = {k: v for k, v in pkg.consts.items() if isinstance(v, str)}
        return self._names

    def model(self, service: str) -> dict[str, Any]:
        model = self._models.get(service)
        if model is None:
            import botocore
            import botocore.loaders

            self.botocore_version = botocore.__version__
            model = self._models[service] = botocore.loaders.Loader().load_service_model(service, "service-2")["shapes"]
        return model

    def enum_values(self, service: str, shape: str) -> list[str] | None:
        found = self.model(service).get(shape)
        return list(found["enum"]) if found and "enum" in found else None

    def enum_constant(self, service: str, member: str) -> str | None:
        """``LaunchTypeFargate`` -> ``"FARGATE"``: the SDK names an enum constant after its
        shape and its value with the letters and digits kept (case aside)."""
        wanted = member.lower()
        for shape, body in self.model(service).items():
            if "enum" in body and wanted.startswith(shape.lower()):
                for value in body["enum"]:
                    if shape.lower() + re.sub(r"[^A-Za-z0-9]", "", value).lower() == wanted:
                        return value
        return None


# --------------------------------------------------------------------------------------
# Go schema -> body


class SchemaReader:
    """Turns the ``map[string]*schema.Schema`` literals of one package into bodies."""

    def __init__(self, package: Package):
        self.pkg = package
        self.skipped: list[str] = []  # validators not translated (reported, not written)
        self.hand: set[str] = set()  # validators translated by hand (HAND_TRANSLATED)

    def resource(self, function: str) -> dict[str, Any]:
        self.pkg.use_file_of(function)
        node = self.pkg.returned(function)
        node = node.x if isinstance(node, Unary) else node
        if not isinstance(node, Composite):
            raise ValueError(f"{function} does not return a composite literal")
        return self.resource_literal(node, function)

    def resource_literal(self, node: Composite, where: str) -> dict[str, Any]:
        schema_map = node.get("Schema")
        if schema_map is None and node.get("SchemaFunc") is not None:
            raise ValueError(f"{where}: SchemaFunc is not supported")
        body = self.body(schema_map, where)
        timeouts = node.get("Timeouts")
        if isinstance(timeouts, Unary):
            timeouts = timeouts.x
        if isinstance(timeouts, Composite):
            attributes = {
                k.text.lower(): {"type": "string", "optional": True}
                for k, _ in timeouts.elements
                if isinstance(k, Name) and k.text in ("Create", "Read", "Update", "Delete", "Default")
            }
            body["blocks"]["timeouts"] = {"nesting": "single", "body": {"attributes": attributes, "blocks": {}}}
        return body

    def body(self, node: Any, where: str) -> dict[str, Any]:
        node = self.deref(node)
        if not isinstance(node, Composite):
            raise ValueError(f"{where}: expected a schema map, found {node!r}")
        attributes: dict[str, Any] = {}
        blocks: dict[str, Any] = {}
        for key, value in node.elements:
            name = key.value if isinstance(key, Lit) else self.pkg.const(key) if isinstance(key, Name) else None
            if not isinstance(name, str):
                raise ValueError(f"{where}: a key that is not a known string: {key!r}")
            field = self.field(value, f"{where}.{name}")
            if field.pop("_block", False):
                blocks[name] = field
            else:
                attributes[name] = field
        return {"attributes": attributes, "blocks": blocks}

    def deref(self, node: Any) -> Any:
        """Follow ``&x``, and calls of the package's own functions that return a literal."""
        for _ in range(10):
            if isinstance(node, Unary) and node.op == "&":
                node = node.x
            elif isinstance(node, Call) and isinstance(node.func, Name) and len(node.func.parts) == 1 and not node.args:
                returned = self.pkg.returned(node.func.parts[0])
                if returned is None:
                    return node
                node = returned
            else:
                return node
        return node

    def field(self, node: Any, where: str) -> dict[str, Any]:
        if isinstance(node, Call) and isinstance(node.func, Name) and node.func.parts[0] == "tftags":
            kind = node.func.parts[-1]
            out: dict[str, Any] = {"type": ["map", "string"], "optional": True}
            if kind in ("TagsSchemaComputed", "TagsSchemaComputedDeprecated"):
                out["computed"] = True
            if kind == "TagsSchemaTrulyComputed":
                out = {"type": ["map", "string"], "computed": True}
            return out
        node = self.deref(node)
        if not isinstance(node, Composite):
            raise ValueError(f"{where}: expected a *schema.Schema literal, found {node!r}")
        fields = {k.text: v for k, v in node.elements if isinstance(k, Name)}
        kind = _type_name(fields.get("Type"), where)
        out = {}
        for flag in ("Required", "Optional", "Computed", "Sensitive"):
            if _true(fields.get(flag)):
                out[flag.lower()] = True
        elem = self.deref(fields.get("Elem"))
        is_resource = isinstance(elem, Composite) and isinstance(elem.type, Name) and elem.type.text == "schema.Resource"
        config_attr = isinstance(fields.get("ConfigMode"), Name) and fields["ConfigMode"].text == "schema.SchemaConfigModeAttr"
        if kind in ("list", "set") and is_resource and not config_attr:
            block: dict[str, Any] = {"_block": True, "nesting": kind, "body": self.resource_literal(elem, where)}
            for bound, key in (("MinItems", "min_items"), ("MaxItems", "max_items")):
                value = self.number(fields.get(bound))
                if value:
                    block[key] = value
            if _true(fields.get("Required")) and "min_items" not in block:
                block["min_items"] = 1
            if "Deprecated" in fields:
                block["deprecated"] = self.text(fields["Deprecated"])
            return block
        if kind in ("list", "set", "map"):
            if is_resource:
                inner = self.resource_literal(elem, where)
                out["type"] = [kind, ["object", {k: v["type"] for k, v in inner["attributes"].items()}]]
            elif isinstance(elem, Composite):
                element = {k.text: v for k, v in elem.elements if isinstance(k, Name)}
                out["type"] = [kind, _scalar(_type_name(element.get("Type"), where))]
                if _type_name(element.get("Type"), where) == "int":
                    out["element_integer"] = True
                validation = self.validation(element.get("ValidateFunc") or element.get("ValidateDiagFunc"), where)
                if validation:
                    out["element_validation"] = validation
            else:
                out["type"] = [kind, "string"]
            for bound, key in (("MinItems", "min_items"), ("MaxItems", "max_items")):
                value = self.number(fields.get(bound))
                if value:
                    out[key] = value
        else:
            out["type"] = _scalar(kind)
            if kind == "int":
                out["integer"] = True
        validation = self.validation(fields.get("ValidateFunc") or fields.get("ValidateDiagFunc"), where)
        if validation:
            out["validation"] = validation
        if "Default" in fields:
            default = self.value(fields["Default"])
            if default is not None:
                out["default"] = default
        if "Deprecated" in fields:
            out["deprecated"] = self.text(fields["Deprecated"])
        return out

    def value(self, node: Any) -> Any:
        if isinstance(node, Lit):
            return node.value
        if isinstance(node, Name):
            if node.text in ("true", "false"):
                return node.text == "true"
            return self.pkg.const(node)
        if isinstance(node, Unary) and node.op == "-":
            inner = self.value(node.x)
            return -inner if isinstance(inner, (int, float)) else None
        if isinstance(node, Call) and isinstance(node.func, Name) and node.func.text in ("string", "int", "int64"):
            return self.value(node.args[0]) if node.args else None
        return None

    def number(self, node: Any) -> int | None:
        value = self.value(node)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def text(self, node: Any) -> str:
        value = self.value(node)
        if isinstance(value, str):
            return value
        if isinstance(node, Binary) and node.op == "+":
            return self.text(node.left) + self.text(node.right)
        return ""

    def validation(self, node: Any, where: str) -> dict[str, Any] | None:
        """The check a validator makes, when it is one of the simple ones."""
        if node is None:
            return None
        if isinstance(node, Call) and isinstance(node.func, Name):
            name = node.func.text
            args = node.args
            if name in ("validation.ToDiagFunc", "verify.ToDiagFunc") and args:
                return self.validation(args[0], where)
            if name == "validation.StringInSlice" and args:
                values = self.pkg.string_list(args[0])
                if values is not None:
                    ignore = isinstance(args[1], Name) and args[1].text == "true" if len(args) > 1 else False
                    return {"enum": values, "ignore_case": ignore}
            if name == "enum.Validate" and node.type_args:
                values = self.pkg.enum_type(node.type_args[0])
                if values is not None:
                    return {"enum": values, "ignore_case": False}
            if name == "enum.FrameworkValidate" and node.type_args:
                values = self.pkg.enum_type(node.type_args[0])
                if values is not None:
                    return {"enum": values, "ignore_case": False}
            if name in ("validation.IntBetween", "validation.FloatBetween") and len(args) == 2:
                low, high = self.value(args[0]), self.value(args[1])
                if isinstance(low, (int, float)) and isinstance(high, (int, float)):
                    return {"minimum": low, "maximum": high}
            if name in ("validation.IntAtLeast", "validation.FloatAtLeast") and args:
                low = self.value(args[0])
                if isinstance(low, (int, float)):
                    return {"minimum": low}
            if name in ("validation.IntAtMost", "validation.FloatAtMost") and args:
                high = self.value(args[0])
                if isinstance(high, (int, float)):
                    return {"maximum": high}
            if name == "validation.StringLenBetween" and len(args) == 2:
                low, high = self.number(args[0]), self.number(args[1])
                if low is not None and high is not None:
                    return {"min_length": low, "max_length": high}
            if name == "validation.StringMatch" and args:
                pattern = args[0]
                if isinstance(pattern, Call) and isinstance(pattern.func, Name) and pattern.func.text in (
                    "regexp.MustCompile",
                    "regexache.MustCompile",
                ):
                    text = self.value(pattern.args[0]) if pattern.args else None
                    if isinstance(text, str):
                        out = {"pattern": text}
                        message = self.value(args[1]) if len(args) > 1 else None
                        if isinstance(message, str) and message:
                            out["pattern_message"] = message
                        return out
            if name == "validation.All":
                parts = [self.validation(a, where) for a in args]
                known = [p for p in parts if p]
                if known:
                    return known[0] if len(known) == 1 else {"all": known}
                return None
            if name == "validation.Any":
                parts = [self.validation(a, where) for a in args]
                # Valid when any part holds: only when every part is understood.
                return {"any": parts} if parts and all(parts) else None
            if name == "verify.StringHasPrefix" and args:
                prefix = self.value(args[0])
                if isinstance(prefix, str):
                    return {"pattern": "^" + re.escape(prefix), "pattern_message": f"must begin with {prefix}"}
            self.skipped.append(f"{where}: {name}(...)")
            return None
        if isinstance(node, Call) and isinstance(node.func, Call) and len(node.args) == 2:
            # validation.All(...)(v, k): a validator applied inside a named one
            return self.validation(node.func, where)
        if isinstance(node, Name):
            if node.text in ("verify.ValidARN", "verify.ValidARNCheck"):
                return {"arn": True}
            if node.text == "validation.IsPortNumber":
                return {"minimum": 1, "maximum": 65535, "port": True}
            if node.text == "validation.IsPortNumberOrZero":
                return {"minimum": 0, "maximum": 65535, "port": True}
            if node.text == "validation.StringIsJSON":
                return {"json": True}
            if node.text in ("validation.StringIsNotEmpty", "validation.NoZeroValues"):
                return {"min_length": 1} if node.text == "validation.StringIsNotEmpty" else None
            if node.text in HAND_TRANSLATED:
                self.hand.add(node.text)
                return HAND_TRANSLATED[node.text]
            if len(node.parts) == 1:
                # a validator of the package's own: func f(v interface{}, k string) ... {
                # return validation.All(...)(v, k) }
                returned = self.pkg.returned(node.parts[0])
                if returned is not None:
                    translated = self.validation(returned, where)
                    if translated:
                        return translated
            self.skipped.append(f"{where}: {node.text}")
            return None
        self.skipped.append(f"{where}: {node!r}")
        return None


#: Validators written as Go code rather than composed from the SDK's helpers, translated by
#: hand from their bodies at COMMIT (each output file names those it uses).
HAND_TRANSLATED: dict[str, dict[str, Any]] = {
    # internal/verify/validate.go: 3-125 characters (a name_prefix: at most 99), alphanumerics and ()./_-
    "verify.ValidLaunchTemplateName": {
        "hand": True,
        "all": [
            {"min_length": 3, "max_length": 125},
            {"pattern": "^[0-9A-Za-z()./_\\-]+$", "pattern_message": "only alphanumeric characters and ()./_- symbols"},
        ]
    },
    # internal/service/elbv2/validate.go: at most 32 characters, alphanumerics and hyphens,
    # not beginning or ending with a hyphen
    "validTargetGroupName": {
        "hand": True,
        "all": [
            {"max_length": 32},
            {"pattern": "^[0-9A-Za-z-]+$", "pattern_message": "only alphanumeric characters and hyphens"},
            {"pattern": "^[^-]", "pattern_message": "cannot begin with a hyphen"},
            {"pattern": "[^-]$", "pattern_message": "cannot end with a hyphen"},
        ]
    },
    # the same, at most 32 - 26 (id.UniqueIDSuffixLength) = 6 characters, may end with a hyphen
    "validTargetGroupNamePrefix": {
        "hand": True,
        "all": [
            {"max_length": 6},
            {"pattern": "^[0-9A-Za-z-]+$", "pattern_message": "only alphanumeric characters and hyphens"},
            {"pattern": "^[^-]", "pattern_message": "cannot begin with a hyphen"},
        ]
    },
}


def _true(node: Any) -> bool:
    return isinstance(node, Name) and node.text == "true"


_TYPES = {
    "schema.TypeString": "string",
    "schema.TypeInt": "int",
    "schema.TypeFloat": "float",
    "schema.TypeBool": "bool",
    "schema.TypeList": "list",
    "schema.TypeSet": "set",
    "schema.TypeMap": "map",
    # internal/types/nullable: strings that hold a number or a bool, or "" for null
    "nullable.TypeNullableBool": "string",
    "nullable.TypeNullableFloat": "string",
    "nullable.TypeNullableInt": "string",
}


def _type_name(node: Any, where: str) -> str:
    if not isinstance(node, Name) or node.text not in _TYPES:
        raise ValueError(f"{where}: unknown Type {node!r}")
    return _TYPES[node.text]


def _scalar(kind: str) -> str:
    return {"string": "string", "int": "number", "float": "number", "bool": "bool"}[kind]


# --------------------------------------------------------------------------------------
# terraform providers schema -json -> body


def binary_body(block: dict[str, Any]) -> dict[str, Any]:
    attributes = {}
    for name, attr in block.get("attributes", {}).items():
        out: dict[str, Any] = {"type": attr["type"]}
        for flag in ("required", "optional", "computed", "sensitive"):
            if attr.get(flag):
                out[flag] = True
        if attr.get("deprecated"):
            out["deprecated"] = True
        attributes[name] = out
    blocks = {}
    for name, nested in block.get("block_types", {}).items():
        mode = nested["nesting_mode"]
        out = {"nesting": mode, "body": binary_body(nested["block"])}
        if nested.get("min_items"):
            out["min_items"] = nested["min_items"]
        if nested.get("max_items"):
            out["max_items"] = nested["max_items"]
        if nested["block"].get("deprecated"):
            out["deprecated"] = True
        blocks[name] = out
    return {"attributes": attributes, "blocks": blocks}


def provider_schema(plugin_dir: Path, terraform: str = "terraform") -> dict[str, Any]:
    """``terraform providers schema -json`` of hashicorp/aws BINARY_VERSION, installed from
    the filesystem mirror ``plugin_dir`` (no network)."""
    with tempfile.TemporaryDirectory() as work:
        rc = Path(work) / "terraformrc"
        rc.write_text(
            "provider_installation {\n"
            f'  filesystem_mirror {{\n    path    = "{plugin_dir}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }}\n'
            '  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n',
            encoding="utf-8",
        )
        (Path(work) / "main.tf").write_text(
            'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "'
            + BINARY_VERSION
            + '" }\n  }\n}\n',
            encoding="utf-8",
        )
        env = {**os.environ, "TF_CLI_CONFIG_FILE": str(rc), "CHECKPOINT_DISABLE": "1", "TF_IN_AUTOMATION": "1"}
        subprocess.run([terraform, "init", "-input=false", "-no-color"], cwd=work, env=env, check=True, capture_output=True)
        out = subprocess.run([terraform, "providers", "schema", "-json"], cwd=work, env=env, check=True, capture_output=True)
        return json.loads(out.stdout)


def binary_resources(dump: dict[str, Any]) -> dict[str, Any]:
    provider = dump["provider_schemas"]["registry.terraform.io/hashicorp/aws"]
    return provider["resource_schemas"]


# --------------------------------------------------------------------------------------
# merging


_CARRIED = ("integer", "element_integer", "validation", "element_validation", "default")


def merge(binary: dict[str, Any], source: dict[str, Any], where: str, notes: list[str]) -> dict[str, Any]:
    """The binary's structure with what only the source knows (validations, defaults,
    whole numbers); every difference in structure is noted."""
    out = {"attributes": {}, "blocks": {}}
    for name, attr in sorted(binary["attributes"].items()):
        merged = dict(attr)
        theirs = source["attributes"].get(name)
        if theirs is None:
            if name in source["blocks"]:
                notes.append(f"{where}.{name}: a block at {COMMIT_VERSION}, an attribute in {BINARY_VERSION}")
            elif not (attr.get("computed") and not attr.get("optional")) and name != "id":
                notes.append(f"{where}.{name}: added after {COMMIT_VERSION} (no validation known)")
        else:
            for key in _CARRIED:
                if key in theirs:
                    merged[key] = theirs[key]
            if isinstance(theirs.get("deprecated"), str) and theirs["deprecated"]:
                merged["deprecated"] = theirs["deprecated"]
            for flag in ("required", "optional", "computed"):
                if bool(theirs.get(flag)) != bool(attr.get(flag)):
                    notes.append(f"{where}.{name}: {flag} {bool(theirs.get(flag))} at {COMMIT_VERSION}, {bool(attr.get(flag))} in {BINARY_VERSION}")
            if _type_text(theirs["type"]) != _type_text(attr["type"]):
                notes.append(f"{where}.{name}: type {_type_text(theirs['type'])} at {COMMIT_VERSION}, {_type_text(attr['type'])} in {BINARY_VERSION}")
                for key in _CARRIED:
                    merged.pop(key, None)
        out["attributes"][name] = merged
    for name in sorted(set(source["attributes"]) - set(binary["attributes"]) - set(binary["blocks"])):
        notes.append(f"{where}.{name}: an attribute at {COMMIT_VERSION}, gone in {BINARY_VERSION}")
    for name, block in sorted(binary["blocks"].items()):
        theirs = source["blocks"].get(name)
        merged = {k: v for k, v in block.items() if k != "body"}
        if theirs is None:
            notes.append(f"{where}.{name}: block added after {COMMIT_VERSION} (no validation known)")
            merged["body"] = merge(block["body"], {"attributes": {}, "blocks": {}}, f"{where}.{name}", [])
        else:
            for key in ("nesting", "min_items", "max_items"):
                if theirs.get(key) != block.get(key):
                    notes.append(f"{where}.{name}: {key} {theirs.get(key)} at {COMMIT_VERSION}, {block.get(key)} in {BINARY_VERSION}")
            if isinstance(theirs.get("deprecated"), str) and theirs["deprecated"]:
                merged["deprecated"] = theirs["deprecated"]
            merged["body"] = merge(block["body"], theirs["body"], f"{where}.{name}", notes)
        out["blocks"][name] = merged
    for name in sorted(set(source["blocks"]) - set(binary["blocks"])):
        notes.append(f"{where}.{name}: a block at {COMMIT_VERSION}, gone in {BINARY_VERSION}")
    return out


#: Upgrade guides whose "Remove `x` from configurations as it no longer exists" sentences
#: name arguments a major version removed (read at COMMIT).
UPGRADE_GUIDES = {"5.0.0": "website/docs/guides/version-5-upgrade.html.markdown"}


def removed_arguments(reader: GitReader) -> dict[str, dict[str, dict[str, str]]]:
    """Resource type -> argument -> {"version", "advice"}: what the upgrade guides say was
    removed, so that the check can say why an argument is unknown."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for version, path in sorted(UPGRADE_GUIDES.items()):
        text = reader.read(path)
        for section in re.split(r"^## ", text, flags=re.M)[1:]:
            title, _, rest = section.partition("\n")
            m = re.fullmatch(r"resource/(aws_[a-z0-9_]+)", title.strip())
            if m is None:
                continue
            resource = ALIASES.get(m.group(1), m.group(1))
            if resource not in RESOURCES:
                continue
            for paragraph in re.split(r"\n\s*\n", rest):
                paragraph = " ".join(paragraph.split())
                found = re.match(r"Remove ((?:`[a-z0-9_]+`(?:, | and |, and )?)+) from configurations as (?:it|they) no longer exists?\.\s*(.*)", paragraph)
                if found is None:
                    continue
                advice = re.sub(r"\s*\[([^]]+)\]\([^)]*\)", r" \1", found.group(2)).strip()
                for name in re.findall(r"`([a-z0-9_]+)`", found.group(1)):
                    out.setdefault(resource, {})[name] = {"version": version, "advice": advice}
    return out


def _type_text(kind: Any) -> str:
    return json.dumps(kind, sort_keys=True)


# --------------------------------------------------------------------------------------
# meta-arguments (Terraform's, hand-written from its language documentation)

#: https://developer.hashicorp.com/terraform/language/meta-arguments (count, for_each,
#: provider, depends_on, lifecycle) and .../resources/provisioners/syntax (provisioner,
#: connection): what every resource block may hold besides the provider's arguments.
META = {
    "source": "hand-written from the Terraform language documentation (meta-arguments; provisioners)",
    "attributes": {
        "count": {"type": "number", "optional": True, "integer": True, "validation": {"minimum": 0}},
        "depends_on": {"type": ["list", "reference"], "optional": True},
        "for_each": {"type": "dynamic", "optional": True},
        "provider": {"type": "reference", "optional": True},
    },
    "blocks": {
        "connection": {"nesting": "single", "body": "any"},
        "lifecycle": {
            "nesting": "single",
            "body": {
                "attributes": {
                    "create_before_destroy": {"type": "bool", "optional": True},
                    "ignore_changes": {"type": ["list", "reference"], "optional": True},
                    "prevent_destroy": {"type": "bool", "optional": True},
                    "replace_triggered_by": {"type": ["list", "reference"], "optional": True},
                },
                "blocks": {
                    "postcondition": {
                        "nesting": "list",
                        "body": {
                            "attributes": {
                                "condition": {"type": "bool", "required": True},
                                "error_message": {"type": "string", "required": True},
                            },
                            "blocks": {},
                        },
                    },
                    "precondition": {
                        "nesting": "list",
                        "body": {
                            "attributes": {
                                "condition": {"type": "bool", "required": True},
                                "error_message": {"type": "string", "required": True},
                            },
                            "blocks": {},
                        },
                    },
                },
            },
        },
        "provisioner": {"nesting": "list", "labels": 1, "body": "any"},
    },
    "dynamic": {
        "attributes": {
            "for_each": {"type": "dynamic", "required": True},
            "iterator": {"type": "reference", "optional": True},
            "labels": {"type": ["list", "string"], "optional": True},
        },
        "blocks": {"content": {"nesting": "single", "min_items": 1, "max_items": 1, "body": "the dynamic block's type"}},
    },
}


# --------------------------------------------------------------------------------------
# the whole run


def generate(git_dir: Path, dump: dict[str, Any], notes: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every output file's content, by file stem."""
    notes = notes if notes is not None else []
    reader = GitReader(_git_dir(git_dir), COMMIT)
    universe = Universe(reader)
    packages: dict[str, Package] = {}
    binaries = binary_resources(dump)
    out: dict[str, dict[str, Any]] = {}
    for alias, name in ALIASES.items():
        if _type_text(binaries[alias]) != _type_text(binaries[name]):
            raise ValueError(f"{alias} is no longer the same resource as {name}")
    removed = removed_arguments(reader)
    for resource, (path, function) in sorted(RESOURCES.items()):
        directory = path.rsplit("/", 1)[0]
        package = packages.get(directory)
        if package is None:
            package = packages[directory] = Package.read(reader, directory, universe)
        schema_reader = SchemaReader(package)
        source_body = schema_reader.resource(function)
        binary = binary_resources(dump)[resource]["block"]
        body = merge(binary_body(binary), source_body, resource, notes)
        notes.extend(f"{resource}: validator not translated: {s}" for s in schema_reader.skipped)
        source_info = {
            "repository": REPOSITORY,
            "structure": f"terraform providers schema -json, provider {BINARY_VERSION}",
            "validation": f"{path} at {COMMIT} (v{COMMIT_VERSION})",
            "enums": f"botocore {universe.botocore_version} (the AWS SDK's enum shapes)",
        }
        if schema_reader.hand:
            source_info["hand_translated"] = sorted(schema_reader.hand)
        if resource in removed:
            body["removed"] = removed[resource]
            source_info["removed"] = ", ".join(f"{v} upgrade guide ({UPGRADE_GUIDES[v]})" for v in sorted({r["version"] for r in removed[resource].values()}))
        out[resource] = {
            "resource": resource,
            "source": source_info,
            "body": body,
        }
    out["meta"] = META
    return out


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provider-git", required=True, type=Path, help="git directory of hashicorp/terraform-provider-aws")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--provider-schema", type=Path, help="terraform providers schema -json output for hashicorp/aws " + BINARY_VERSION)
    source.add_argument("--plugin-dir", type=Path, help="a filesystem mirror holding hashicorp/aws " + BINARY_VERSION)
    parser.add_argument("--terraform", default="terraform", help="the terraform binary (with --plugin-dir)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    parser.add_argument("--notes", action="store_true", help="print the differences between the two sources")
    args = parser.parse_args(argv)
    if args.provider_schema:
        dump = json.loads(args.provider_schema.read_text(encoding="utf-8"))
    else:
        dump = provider_schema(args.plugin_dir, args.terraform)
    notes: list[str] = []
    files = generate(args.provider_git, dump, notes)
    if args.notes:
        for note in notes:
            print(note, file=sys.stderr)
    stale = []
    for stem, document in files.items():
        path = OUT_DIR / f"{stem}.json"
        text = render(document)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            OUT_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check:
        extra = sorted(p.name for p in OUT_DIR.glob("*.json") if p.stem not in files)
        stale.extend(extra)
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
