"""Terraform plan JSON (``terraform show -json plan.out``) as API-shaped documents.

Facts: ``shared/reference/iac-sources.md`` §3.5. A plan holds what modules produce, in the
provider's schema shape: ``planned_values.root_module.resources[]`` (and, recursively,
``child_modules[]``) with each resource's ``values`` (blocks as lists of objects,
``container_definitions`` as a JSON string). Values known only after apply are left out or
``null`` there and marked in ``resource_changes[].change.after_unknown``: they are unknown.
``configuration`` records, for each argument, the resources its expression references:
those become the links (a service to its task definition) that the values themselves
cannot give, since an ARN is known only after apply.

The conversion is the Terraform source's own (:class:`ecslint.sources.terraform._Converter`):
the plan's values are presented as the blocks and attributes of a module, located in the
plan file itself, and documents are named by their resource address
(``module.web.aws_ecs_task_definition.app``).
"""

from __future__ import annotations

from ecslint.core.finding import Path
from ecslint.load.embedded import string_offsets
from ecslint.load.placeholders import Unknown
from ecslint.load.source import Document, Origin, SourceFile, SourceOptions, SpanLocator
from ecslint.load.sourcemap import SourceMap, Span
from ecslint.sources.references import Reference
from ecslint.sources.shape import Shape

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator


def is_plan(data: Any) -> bool:
    """``terraform show -json`` of a plan (or of a state: ``values`` instead)."""
    return isinstance(data, dict) and "format_version" in data and (
        isinstance(data.get("planned_values"), dict) or isinstance(data.get("values"), dict) and "terraform_version" in data
    )


def extract(file: SourceFile, data: dict, smap: SourceMap, options: SourceOptions | None) -> str | None:
    """Add the documents of the plan's resources ecslint knows; return why none, if none."""
    from ecslint.sources import terraform

    options = options or SourceOptions()
    root, base = (data.get("planned_values"), ("planned_values",)) if "planned_values" in data else (data.get("values"), ("values",))
    if not isinstance(root, dict):
        return "a Terraform plan without planned values"
    unknown = _after_unknown(data)
    references = _references(data.get("configuration"))
    module = _PlanModule(file, smap, options)
    resources = list(_resources(root.get("root_module"), base + ("root_module",)))
    for address, resource, path in resources:
        if resource.get("mode", "managed") != "managed" or resource.get("type") not in terraform.RESOURCES:
            continue
        values = resource.get("values")
        if not isinstance(values, dict):
            continue
        marks = unknown.get(address, {})
        links = references.get(_config_address(address), {})
        body = _PlanBody(values, path + ("values",), smap, marks, links, module)
        block = _PlanBlock(resource.get("type"), (resource.get("name"),), body, path, smap, head=path + ("address",))
        module.resources[address] = (block, file)
    if not any(terraform.RESOURCES[b.type][0] not in terraform.AUXILIARY for b, _ in module.resources.values()):
        return "a Terraform plan without ECS, ECR or target group resources"
    for address, (block, _) in module.resources.items():
        doc = module.document(address, block)
        if doc is not None:
            file.documents.append(doc)
    return None


def _resources(module: Any, path: Path) -> Iterator[tuple[str, dict, Path]]:
    if not isinstance(module, dict):
        return
    for index, resource in enumerate(module.get("resources") or []):
        if isinstance(resource, dict) and isinstance(resource.get("address"), str):
            yield resource["address"], resource, path + ("resources", index)
    for index, child in enumerate(module.get("child_modules") or []):
        yield from _resources(child, path + ("child_modules", index))


def _after_unknown(data: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for change in data.get("resource_changes") or []:
        if isinstance(change, dict) and isinstance(change.get("address"), str):
            after = (change.get("change") or {}).get("after_unknown")
            if isinstance(after, dict):
                out[change["address"]] = after
    return out


def _config_address(address: str) -> str:
    """``module.web["a"].aws_ecs_service.x[0]`` -> ``module.web.aws_ecs_service.x``: how
    ``configuration`` names it (per module call, not per instance)."""
    parts = []
    for part in address.split("."):
        parts.append(part.split("[", 1)[0])
    return ".".join(parts)


def _references(configuration: Any) -> dict[str, dict[str, list[str]]]:
    """Configuration address -> argument -> the resources its expression references
    (addresses in the same module, prefixed by the module's own path)."""
    out: dict[str, dict[str, list[str]]] = {}

    def walk(module: Any, prefix: str) -> None:
        if not isinstance(module, dict):
            return
        for resource in module.get("resources") or []:
            if not isinstance(resource, dict) or not isinstance(resource.get("address"), str):
                continue
            links: dict[str, list[str]] = {}
            for name, expression in (resource.get("expressions") or {}).items():
                refs = expression.get("references") if isinstance(expression, dict) else None
                if isinstance(refs, list):
                    links[name] = [prefix + r for r in refs if isinstance(r, str)]
            out[prefix + resource["address"]] = links
        for name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                walk(call.get("module"), f"{prefix}module.{name}.")

    if isinstance(configuration, dict):
        walk(configuration.get("root_module"), "")
    return out


# -- the plan's values, posing as a module's blocks ------------------------------------------


class _PlanExpr:
    """A value of the plan at ``path`` (what an HCL attribute's expression would be)."""

    __slots__ = ("value", "path", "unknown", "link")

    def __init__(self, value: Any, path: Path, unknown: Any, link: str | None):
        self.value = value
        self.path = path
        self.unknown = unknown
        self.link = link


class _PlanAttribute:
    __slots__ = ("name", "expr", "name_span", "span")

    def __init__(self, name: str, expr: _PlanExpr, smap: SourceMap, fallback: tuple[int, int]):
        self.name = name
        self.expr = expr
        span = smap.span(expr.path)
        if span is None:
            # Known after apply, so left out of the values: located at the object that
            # would hold it.
            self.name_span = self.span = fallback
            return
        key = span.key if span.key is not None else (span.start, span.end)
        self.name_span = key
        self.span = (key[0], span.end)


class _PlanBlock:
    __slots__ = ("type", "label_values", "body", "type_span", "start", "end")

    def __init__(self, kind: str, labels: tuple, body: _PlanBody, path: Path, smap: SourceMap, head: Path | None = None):
        self.type = kind
        self.label_values = labels
        self.body = body
        span = smap.span(path)
        self.start, self.end = (span.start, span.end) if span is not None else (0, 0)
        # What names the block: a nested block's key (the list it is an item of), a
        # resource's address.
        named = smap.span(head) if head is not None else smap.span(path[:-1]) if path and isinstance(path[-1], int) else None
        if named is not None and head is not None:
            self.type_span = (named.start, named.end)
        elif named is not None and named.key is not None:
            self.type_span = named.key
        else:
            self.type_span = (self.start, self.start + 1)


class _PlanBody:
    """A resource's values (or a nested block's) as attributes and blocks: a list of
    objects is a block repeated; anything else an attribute."""

    __slots__ = ("items", "attributes", "blocks", "duplicates")

    def __init__(self, values: dict, path: Path, smap: SourceMap, unknown: Any, links: dict[str, list[str]], module: _PlanModule):
        self.items: list[Any] = []
        self.attributes: dict[str, _PlanAttribute] = {}
        self.blocks: list[_PlanBlock] = []
        self.duplicates: list = []
        marks = unknown if isinstance(unknown, dict) else {}
        own = smap.span(path)
        fallback = (own.start, own.start + 1) if own is not None else (0, 1)
        pending = dict(values)
        for name, mark in marks.items():
            if mark is True and name not in pending:
                pending[name] = None  # known after apply
        for name, value in pending.items():
            mark = marks.get(name)
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and mark is not True:
                items = mark if isinstance(mark, list) else []
                for index, item in enumerate(value):
                    child_marks = items[index] if index < len(items) else {}
                    body = _PlanBody(item, path + (name, index), smap, child_marks, {}, module)
                    block = _PlanBlock(name, (), body, path + (name, index), smap)
                    self.blocks.append(block)
                    self.items.append(block)
                continue
            if value is None and mark is not True:
                continue  # null: not set (or known after apply without a mark)
            link = next((r for r in links.get(name, []) if _resource_address(r) is not None), None)
            attribute = _PlanAttribute(name, _PlanExpr(value, path + (name,), mark, link), smap, fallback)
            self.attributes[name] = attribute
            self.items.append(attribute)


def _resource_address(reference: str) -> str | None:
    """``module.a.aws_ecs_task_definition.app.arn`` -> ``module.a.aws_ecs_task_definition.app``."""
    parts = reference.split(".")
    module_parts: list[str] = []
    while len(parts) >= 2 and parts[0] == "module":
        module_parts += parts[:2]
        parts = parts[2:]
    if len(parts) < 2 or parts[0] in ("var", "local", "data", "each", "count", "path", "self", "terraform"):
        return None
    return ".".join(module_parts + [parts[0], parts[1].split("[", 1)[0]])


class _PlanEvaluation:
    """What :class:`~ecslint.load.hcl.Evaluation` gives the converter, for a plan value:
    the value, and the span of every path in it (in the plan file)."""

    def __init__(self, value: Any, spans: dict[Path, Span], text: str, base: Path, smap: SourceMap):
        self.value = value
        self.spans = spans
        self._text = text
        self._base = base
        self._smap = smap

    def origin(self, path: Path = ()) -> Any:
        return None

    def offsets(self, path: Path = ()) -> list[int] | None:
        """A JSON string's characters in the plan file (``container_definitions``)."""
        span = self._smap.span(self._base + path)
        value = self.value
        for part in path:
            value = value[part]
        if span is None or not isinstance(value, str):
            return None
        return string_offsets(self._text[span.start : span.end], span.start, value)


class _PlanEvaluator:
    def __init__(self, module: _PlanModule):
        self.module = module

    def evaluate(self, expr: Any) -> _PlanEvaluation:
        smap = self.module.smap
        value = _with_unknowns(expr.value, expr.unknown)
        if isinstance(value, Unknown) and expr.link is not None:
            target = _resource_address(expr.link)
            value = Reference(expr.link, self.module, target) if target else value
        spans: dict[Path, Span] = {}
        todo = [((), value)]
        while todo:
            sub, node = todo.pop()
            span = smap.span(expr.path + sub)
            if span is not None:
                spans[sub] = span
            if isinstance(node, dict):
                todo.extend((sub + (k,), v) for k, v in node.items())
            elif isinstance(node, list):
                todo.extend((sub + (n,), v) for n, v in enumerate(node))
        if () not in spans:
            parent = smap.span(expr.path[:-1])
            spans[()] = Span(None, parent.start, parent.start + 1) if parent is not None else Span(None, 0, 1)
        return _PlanEvaluation(value, spans, self.module.file.text or "", expr.path, smap)


def _with_unknowns(value: Any, mark: Any) -> Any:
    if mark is True:
        return Unknown("(known after apply)")
    if isinstance(value, dict) and isinstance(mark, dict):
        out = {k: _with_unknowns(v, mark.get(k)) for k, v in value.items()}
        for k, m in mark.items():
            if m is True and k not in out:
                out[k] = Unknown("(known after apply)")
        return out
    if isinstance(value, list) and isinstance(mark, list):
        return [_with_unknowns(v, mark[n] if n < len(mark) else None) for n, v in enumerate(value)]
    return value


class _PlanModule:
    """The plan, as the converter's module: values, where they are, what they link to."""

    def __init__(self, file: SourceFile, smap: SourceMap, options: SourceOptions):
        import os

        self.file = file
        self.smap = smap
        self.options = options
        self.directory = os.path.dirname(os.path.abspath(file.path))
        self.resources: dict[str, tuple[_PlanBlock, SourceFile]] = {}
        self.locals: dict = {}
        self.evaluator = _PlanEvaluator(self)

    def variable(self, name: str) -> None:
        return None

    def document(self, address: str, block: _PlanBlock) -> Document | None:
        from ecslint.sources import terraform

        rtype = block.type
        kind, schema = terraform.RESOURCES[rtype]
        converter = terraform._Converter(self, self.file, rtype)  # noqa: SLF001 - one conversion for both
        if kind == "lifecycle-policy":
            doc = converter.lifecycle_policy(block, address)
            if doc is not None:
                self.file.documents.remove(doc)
                doc.origin = Origin("terraform", self, address)
            return doc
        if kind == "repository-policy":
            return None
        data = converter.body(block.body, (), (), Shape.of(schema) if schema else Shape(None, {}), block)
        if kind == "repository":
            converter.repository_policy(block.label_values[0], data)
        label_argument = terraform._NAME_ARGUMENT.get(kind)  # noqa: SLF001
        label = data.get(terraform._api_name(label_argument, schema)) if label_argument else None  # noqa: SLF001
        return Document(
            kind,
            {"task-definition": "register", "service": "create"}.get(kind, "create"),
            data,
            self.file,
            SpanLocator(self.file, converter.table, converter.delegates),
            f"{address}" if not (isinstance(label, str) and label) else f"{label} ({address})",
            origin=Origin("terraform", self, address, schema=rtype),
        )
