"""HCL (Terraform's language) with exact positions.

- :func:`parse_hcl` (``parser``): a file's text to typed nodes (``nodes``), each with its
  span in code points; a syntax error is a :class:`~ecslint.load.errors.LoadError` at the
  parser's line and column.

Importing this package loads neither tree-sitter nor anything heavy: the parser is
imported by the first :func:`parse_hcl` call, so a run without ``.tf`` files never pays
for it (tests/test_startup.py guards that).
"""

from __future__ import annotations

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
    "Block",
    "Body",
    "Call",
    "Directive",
    "Expr",
    "GetAttr",
    "Index",
    "Interpolation",
    "Label",
    "Literal",
    "Node",
    "Object",
    "ObjectItem",
    "Opaque",
    "Paren",
    "RelativeTraversal",
    "Template",
    "Text",
    "Traversal",
    "Tuple",
    "iter_nodes",
    "parse_hcl",
    "parse_template",
    "string_offsets",
]
