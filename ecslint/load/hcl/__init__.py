"""HCL (Terraform's language) with exact positions, and the evaluation the Terraform source needs.

- :func:`parse_hcl` (``parser``): a file's text to typed nodes (``nodes``), each with its
  span in code points; a syntax error is a :class:`~ecslint.load.errors.LoadError` at the
  parser's line and column.
- :func:`evaluate` (``evaluate``): an expression to a value plus the span of every path
  inside it, with unknowns as :class:`~ecslint.load.placeholders.Unknown`.

Importing this package loads neither tree-sitter nor anything heavy: the parser is
imported by the first :func:`parse_hcl` call, so a run without ``.tf`` files never pays
for it (tests/test_startup.py guards that).
"""

from __future__ import annotations

from ecslint.load.hcl.evaluate import Binding, Evaluation, Evaluator, JsonText, PartlyKnown, Reference, Scope, evaluate
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
    Node,
    Object,
    ObjectItem,
    Opaque,
    Paren,
    RelativeTraversal,
    Template,
    Text,
    Traversal,
    Tuple,
    iter_nodes,
    string_offsets,
)
from ecslint.load.hcl.parser import MAX_DEPTH, parse_hcl, parse_template

__all__ = [
    "MAX_DEPTH",
    "Attribute",
    "Binding",
    "Block",
    "Body",
    "Call",
    "Directive",
    "Evaluation",
    "Evaluator",
    "Expr",
    "GetAttr",
    "Index",
    "Interpolation",
    "JsonText",
    "Label",
    "Literal",
    "Node",
    "Object",
    "ObjectItem",
    "Opaque",
    "Paren",
    "PartlyKnown",
    "Reference",
    "RelativeTraversal",
    "Scope",
    "Template",
    "Text",
    "Traversal",
    "Tuple",
    "evaluate",
    "iter_nodes",
    "parse_hcl",
    "parse_template",
    "string_offsets",
]
