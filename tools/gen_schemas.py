#!/usr/bin/env python3
"""Generate ``ecslint/schemas/*.json`` from botocore's Amazon ECS service model.

Why a generator: the botocore model is the authority for ECS shapes, required keys, types and
enums, and it changes with every AWS feature launch. Generating the schemas (instead of
writing them by hand) keeps them exact and makes a botocore upgrade a one-command diff.

botocore is a *developer* dependency: only this script imports it; the ``ecslint`` package
reads the committed JSON files.

Usage::

    .venv/bin/python tools/gen_schemas.py           # (re)write the committed schemas
    .venv/bin/python tools/gen_schemas.py --check   # exit 1 if they differ from the model

Mapping (botocore shape -> JSON Schema draft 2020-12, one ``$defs`` entry per shape name):

- structure -> ``{"type": "object", "properties": ..., "required": [...],
  "additionalProperties": false}``; member documentation becomes ``description`` (HTML
  stripped, first sentence, at most 300 characters); deprecated members get
  ``"deprecated": true``. A tagged union (``union: true``) must set exactly one member
  (botocore rejects ``{}`` and several members): one member -> ``required``, several ->
  ``oneOf`` of single ``required`` lists. A ``document`` structure accepts any JSON value.
- list -> ``{"type": "array", "items": ...}`` + min/max -> minItems/maxItems.
- map -> ``{"type": "object", "additionalProperties": <value>}`` (+ ``propertyNames`` when
  the key shape carries constraints).
- string -> ``{"type": "string"}`` + ``enum``, min/max -> minLength/maxLength, ``pattern``
  (see "Patterns" below).
- integer/long -> ``{"type": "integer"}``, double/float -> ``{"type": "number"}``, both with
  min/max -> minimum/maximum; boolean -> boolean; timestamp -> ``{"type": ["string",
  "number"]}`` (ISO-8601 from the CLI, epoch seconds from SDK JSON dumps).

Patterns: botocore patterns are Java regexes matched against the whole value (the API
reference renders them as ``^...$``), while JSON Schema ``pattern`` is an unanchored search.
So every pattern is anchored as ``^(?:...)$``. Java Unicode classes are translated to Python
``re`` syntax: a character class holding ``\\p{L}`` and ``\\p{N}`` becomes the alternative
``[^\\W_]`` (Python's Unicode ``\\w`` minus underscore is exactly letters + numbers) and
``\\p{Z}`` becomes the explicit list of Unicode separators. A pattern that still does not
compile with Python ``re`` is dropped and reported.

Deviations from the model (each one is also stated in the root ``$comment`` of every file it
applies to):

1. Task-level ``cpu`` and ``memory`` (RegisterTaskDefinitionRequest / TaskDefinition) are
   ``String`` in the model, but CloudFormation, Terraform and hand-written files use integers
   too: schema ``{"type": ["string", "integer"]}``. Unit strings ("1 vCPU", "2GB") are judged
   by a dedicated rule, not by the schema.
2. ``PortMapping.protocol`` (TransportProtocol) loses its ``enum``: the API treats unknown
   values as tcp, so an unknown protocol is a rule's warning, not a schema error.
3. Name overlay (reference section 1.5): ``RegisterTaskDefinitionRequest.family``,
   ``ContainerDefinition.name``, ``Volume.name`` and ``CreateServiceRequest.serviceName`` get
   ``pattern "^[A-Za-z0-9_-]{1,255}$"``; tag keys are 1-128 and tag values 0-256 characters
   (the model already carries these; the overlay asserts them). No other ranges are added:
   ports, health checks, cpu/memory values and timeouts belong to dedicated rules.
4. Read-only members: describe schemas are rooted at the output shapes (TaskDefinition,
   Service), which carry the read-only members; input schemas record the members that exist
   on the describe shape but not on the input shape in the root keyword
   ``x-ecslint-read-only`` (task-definition: TaskDefinition - RegisterTaskDefinitionRequest;
   service: Service - CreateServiceRequest; service-update: Service - UpdateServiceRequest).
   Describe schemas are lenient: every member value may also be ``null``.
5. Provenance: every root carries ``x-ecslint-source: {"botocore": <version>, "uid":
   <metadata.uid>}``; regenerate and review the diff on each botocore upgrade.
8. Required members the model leaves optional but the service rejects without
   (``REQUIRED_OVERRIDES``): ``ContainerDefinition.name`` ("Container.name should not be
   null or empty", reference section 1.2).
"""

from __future__ import annotations

import argparse
import copy
import difflib
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "ecslint" / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
MAX_DESCRIPTION = 300

# --------------------------------------------------------------------------------------
# Targets


@dataclass(frozen=True)
class Target:
    """One generated file: its root shape and how to translate it."""

    root: str
    title: str
    describe: bool = False  # lenient output schema: member values may be null
    array: bool = False  # root is a JSON array of ``root`` shapes
    read_only_from: str | None = None  # describe shape whose extra members are read-only
    settable_in: str | None = None  # input shape whose members are settable, so not read-only
    also_accepts: str | None = None  # input shape whose extra members the root also takes
    open_objects: bool = False  # tolerate members the model does not know (pure output)
    service: str = "ecs"  # botocore service whose model holds ``root``


TARGETS: dict[str, Target] = {
    "task-definition": Target(
        root="RegisterTaskDefinitionRequest",
        title="ECS task definition (RegisterTaskDefinition input)",
        read_only_from="TaskDefinition",
    ),
    "task-definition-describe": Target(
        root="TaskDefinition",
        title="ECS task definition (DescribeTaskDefinition output, taskDefinition value)",
        describe=True,
        also_accepts="RegisterTaskDefinitionRequest",
    ),
    "container-definitions": Target(
        root="ContainerDefinition",
        title="ECS container definitions (bare array, Terraform container_definitions)",
        array=True,
    ),
    "service": Target(
        root="CreateServiceRequest",
        title="ECS service (CreateService input)",
        read_only_from="Service",
    ),
    "service-update": Target(
        root="UpdateServiceRequest",
        title="ECS service update (UpdateService input)",
        read_only_from="Service",
        settable_in="CreateServiceRequest",
    ),
    "service-describe": Target(
        root="Service",
        title="ECS service (DescribeServices output, one services[] element)",
        describe=True,
        open_objects=True,
    ),
    # The kinds a stack holds besides tasks and services (CloudFormation, Terraform, and
    # the matching API input files): the create-* inputs of each API.
    "cluster": Target(root="CreateClusterRequest", title="ECS cluster (CreateCluster input)"),
    "capacity-provider": Target(
        root="CreateCapacityProviderRequest", title="ECS capacity provider (CreateCapacityProvider input)"
    ),
    "repository": Target(
        root="CreateRepositoryRequest", title="ECR repository (CreateRepository input)", service="ecr"
    ),
    "target-group": Target(
        root="CreateTargetGroupInput",
        title="Elastic Load Balancing target group (CreateTargetGroup input)",
        service="elbv2",
    ),
}

# --------------------------------------------------------------------------------------
# Overlays (deviations 1-3). Each member override names the model type it expects, so a
# model change that would make the override wrong fails loudly instead of silently.

NAME_PATTERN = "^[A-Za-z0-9_-]{1,255}$"
TASK_SIZE_SCHEMA: dict[str, Any] = {"type": ["string", "integer"]}
NAME_SCHEMA: dict[str, Any] = {"type": "string", "pattern": NAME_PATTERN}


@dataclass(frozen=True)
class MemberOverride:
    """Replace the ``$ref`` of one structure member by an inline schema."""

    schema: dict[str, Any]
    expect_type: str  # botocore type the member's shape must have
    deviation: str
    note: str  # "{members}" is replaced by the overridden members present in the file


MEMBER_OVERRIDES: dict[tuple[str, str], MemberOverride] = {
    # Deviation 1: task-level cpu/memory accept integers as well as strings.
    **{
        (shape, member): MemberOverride(
            TASK_SIZE_SCHEMA,
            "string",
            "1",
            '{members} are String in the model but integers are accepted too: {"type": '
            '["string", "integer"]}; unit strings are judged by a rule',
        )
        for shape in ("RegisterTaskDefinitionRequest", "TaskDefinition")
        for member in ("cpu", "memory")
    },
    # Deviation 2: unknown protocols are treated as tcp by the API.
    ("PortMapping", "protocol"): MemberOverride(
        {"type": "string"},
        "string",
        "2",
        "{members} keeps type string but drops the TransportProtocol enum "
        "(the API treats unknown values as tcp)",
    ),
    # Deviation 3: name overlay from reference section 1.5.
    **{
        key: MemberOverride(
            NAME_SCHEMA,
            "string",
            "3a",
            "{members} must match " + NAME_PATTERN,
        )
        for key in (
            ("RegisterTaskDefinitionRequest", "family"),
            ("ContainerDefinition", "name"),
            ("Volume", "name"),
            ("CreateServiceRequest", "serviceName"),
        )
    },
}

# Deviation 8: members the model leaves optional but ECS requires, with the evidence.
REQUIRED_OVERRIDES: dict[str, dict[str, str]] = {
    "ContainerDefinition": {"name": 'ECS rejects a container without one ("Container.name should not be null or empty")'},
}

# Deviation 3 (tags): length limits the schema must carry; merged into the shape schema.
SHAPE_LIMITS: dict[str, dict[str, int]] = {
    "TagKey": {"minLength": 1, "maxLength": 128},
    "TagValue": {"minLength": 0, "maxLength": 256},
}
TAG_NOTE = "tag keys are 1-128 and tag values 0-256 characters"

# Unicode separator characters (general categories Zs, Zl, Zp) for Java's \p{Z}.
_UNICODE_Z = r" \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


# --------------------------------------------------------------------------------------
# Documentation


_INLINE_TAGS = {"a", "b", "code", "i", "em", "strong", "u", "sup", "sub", "span", "fullname"}
_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)[^>]*>")
_ABBREVIATIONS = ("e.g", "i.e", "etc", "vs", "approx", "no")


def _strip_html(doc: str) -> list[str]:
    """Return the text blocks (paragraphs, list items) of a botocore HTML doc string."""

    def repl(m: re.Match[str]) -> str:
        return "" if m.group(2).lower() in _INLINE_TAGS else "\n\n"

    text = html.unescape(_TAG_RE.sub(repl, doc))
    blocks = (re.sub(r"\s+", " ", b).strip() for b in text.split("\n\n"))
    return [b for b in blocks if b]


def first_sentence(doc: str) -> str:
    """First sentence of the first paragraph, at most ``MAX_DESCRIPTION`` characters."""
    blocks = _strip_html(doc or "")
    if not blocks:
        return ""
    text = blocks[0]
    for m in re.finditer(r"[.!?](?=\s|$)", text):
        before = text[: m.start()].rsplit(" ", 1)[-1].lower()
        if before in _ABBREVIATIONS:
            continue
        text = text[: m.end()]
        break
    if len(text) > MAX_DESCRIPTION:
        cut = text[: MAX_DESCRIPTION - 1]
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
        text = cut.rstrip(" ,;:") + "…"
    return text


# --------------------------------------------------------------------------------------
# Patterns


def translate_pattern(java: str) -> tuple[str | None, str]:
    """Translate a botocore (Java) regex to an anchored Python ``re`` pattern.

    Returns ``(pattern or None, note)``; ``None`` means the pattern had to be dropped.
    """
    body = java
    # Strip one capturing group around the whole pattern: "(X)" -> "X".
    if body.startswith("(") and body.endswith(")") and _group_end(body, 0) == len(body) - 1:
        body = body[1:-1]
    try:
        translated = f"^(?:{translate_classes(body)})$"
        re.compile(translated)
    except (ValueError, re.error) as exc:
        return None, f"dropped pattern {java!r}: {exc}"
    if translated == f"^(?:{java})$":
        return translated, f"Java {java} anchored"
    return translated, f"Java {java} anchored, {CLASSES_NOTE}"


CLASSES_NOTE = (
    "\\p{L}\\p{N} -> [^\\W_] (Unicode letters and numbers), "
    "\\p{Z} -> the Unicode separator characters"
)


def translate_classes(body: str) -> str:
    """Rewrite the Unicode property classes (``[\\p{L}\\p{Z}\\p{N}...]``) of a Java or
    ECMAScript regex in Python ``re`` syntax; the rest of ``body`` is kept as written.

    Raises ``ValueError`` for a property class this cannot translate.
    """

    def klass(m: re.Match[str]) -> str:
        inner = m.group(1)
        props = set(re.findall(r"\\p\{(\w+)\}", inner))
        if not props:
            return m.group(0)
        rest = re.sub(r"\\p\{\w+\}", "", inner)
        if props - {"L", "N", "Z"} or (("L" in props) != ("N" in props)):
            raise ValueError(f"unsupported Unicode classes {sorted(props)}")
        if "Z" in props:
            rest = _UNICODE_Z + rest
        alts = []
        if "L" in props:
            alts.append(r"[^\W_]")
        if rest:
            alts.append(f"[{rest}]")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    body = re.sub(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]", klass, body)
    if "\\p{" in body or "\\P{" in body:
        raise ValueError("Unicode property class outside a character class")
    return body


def _group_end(text: str, start: int) -> int:
    """Index of the parenthesis closing the group opened at ``start`` (escapes, classes)."""
    depth, i, in_class = 0, start, False
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


# --------------------------------------------------------------------------------------
# Translation


class _Builder:
    """Translates the closure of one root shape into ``$defs``."""

    def __init__(self, shapes: dict[str, Any], target: Target) -> None:
        self.shapes = shapes
        self.target = target
        self.defs: dict[str, Any] = {}
        self.deviations: dict[str, str] = {}  # "1", "2", "3a", "3b", "4", "5"
        self.overridden: dict[str, list[str]] = {}
        self.pattern_notes: dict[str, list[str]] = {}  # note -> shapes
        self.enums = 0

    def ref(self, name: str) -> dict[str, Any]:
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: recursion-safe
            self.defs[name] = self.shape(name)
        return {"$ref": f"#/$defs/{name}"}

    def shape(self, name: str) -> dict[str, Any]:
        s = self.shapes[name]
        kind = s["type"]
        if kind == "structure":
            return self.structure(name, s)
        if kind == "list":
            out: dict[str, Any] = {"type": "array", "items": self.ref(s["member"]["shape"])}
            _limits(out, s, "minItems", "maxItems")
            return out
        if kind == "map":
            out = {"type": "object", "additionalProperties": self.ref(s["value"]["shape"])}
            key = s["key"]["shape"]
            if set(self.shapes[key]) & {"enum", "min", "max", "pattern"}:
                out["propertyNames"] = self.ref(key)
            if "min" in s or "max" in s:
                raise ValueError(f"map {name} has min/max: not supported")
            return out
        if kind == "string":
            out = {"type": "string"}
            if "enum" in s:
                out["enum"] = list(s["enum"])
                self.enums += 1
            _limits(out, s, "minLength", "maxLength")
            if "pattern" in s:
                pattern, note = translate_pattern(s["pattern"])
                self.pattern_notes.setdefault(note, []).append(name)
                if pattern is not None:
                    out["pattern"] = pattern
            for key, value in SHAPE_LIMITS.get(name, {}).items():
                if out.get(key, value) != value:
                    raise ValueError(f"{name}.{key} is {out[key]} in the model, overlay {value}")
                out[key] = value
                self.deviations["3b"] = TAG_NOTE
            return out
        if kind in ("integer", "long"):
            out = {"type": "integer"}
            _limits(out, s, "minimum", "maximum")
            return out
        if kind in ("double", "float"):
            out = {"type": "number"}
            _limits(out, s, "minimum", "maximum")
            return out
        if kind == "boolean":
            return {"type": "boolean"}
        if kind == "timestamp":
            return {"type": ["string", "number"]}
        raise ValueError(f"shape {name}: botocore type {kind!r} is not supported")

    def structure(self, name: str, s: dict[str, Any]) -> dict[str, Any]:
        if s.get("document"):
            return {"$comment": "botocore document shape: any JSON value"}
        props: dict[str, Any] = {}
        for member, spec in s["members"].items():
            target_shape = spec["shape"]
            override = MEMBER_OVERRIDES.get((name, member))
            if override is not None:
                actual = self.shapes[target_shape]["type"]
                if actual != override.expect_type:
                    raise ValueError(
                        f"{name}.{member} is {actual} in the model; override expects "
                        f"{override.expect_type}: review the deviation"
                    )
                prop = copy.deepcopy(override.schema)
                self.overridden.setdefault(override.deviation, []).append(f"{name}.{member}")
                self.deviations[override.deviation] = override.note
            else:
                prop = self.ref(target_shape)
            if self.target.describe:
                prop = _nullable(prop)
            doc = first_sentence(spec.get("documentation", ""))
            if doc:
                prop["description"] = doc
            if spec.get("deprecated") or self.shapes[target_shape].get("deprecated"):
                prop["deprecated"] = True
            props[member] = prop
        out: dict[str, Any] = {
            "type": "object",
            "properties": props,
            # Deviation 7: describe-services output is produced by AWS and never edited;
            # members newer than this model are not errors there.
            "additionalProperties": self.target.open_objects,
        }
        required = list(s.get("required", []))
        for member, why in REQUIRED_OVERRIDES.get(name, {}).items():
            if member not in s["members"] or member in required:
                raise ValueError(f"{name}.{member}: required override no longer applies: review deviation 8")
            required.append(member)
            self.deviations["8"] = "; ".join(
                f"{shape}.{m} is required: {reason}" for shape, ms in REQUIRED_OVERRIDES.items() for m, reason in ms.items()
            )
        if s.get("union"):
            members = list(s["members"])
            if len(members) == 1:
                required = sorted(set(required) | set(members))
            else:
                out["oneOf"] = [{"required": [m]} for m in members]
        if required:
            out["required"] = required
        return out


def _limits(out: dict[str, Any], s: dict[str, Any], low: str, high: str) -> None:
    if "min" in s:
        out[low] = s["min"]
    if "max" in s:
        out[high] = s["max"]


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """Describe output: a member value may be null."""
    if "$ref" in prop:
        return {"anyOf": [{"type": "null"}, prop]}
    types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    return {**prop, "type": [*types, "null"]}


def _load_model(service: str = "ecs") -> tuple[dict[str, Any], str]:
    import botocore  # dev-only dependency
    import botocore.loaders

    model = botocore.loaders.Loader().load_service_model(service, "service-2")
    return _plain(model), botocore.__version__


def _plain(value: Any) -> Any:
    """OrderedDict/tuple-free copy so generated schemas compare equal to loaded JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def build(models: dict[str, dict[str, Any]], version: str) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Translate the service ``models`` (by botocore service name) into all target schemas;
    also return generation statistics."""
    schemas: dict[str, dict[str, Any]] = {}
    stats: dict[str, Any] = {}
    for file_name, target in TARGETS.items():
        model = models[target.service]
        shapes = model["shapes"]
        uid = model["metadata"]["uid"]
        b = _Builder(shapes, target)
        root_ref = b.ref(target.root)
        schema: dict[str, Any] = {"$schema": DRAFT, "title": target.title}
        if target.array:
            schema.update(type="array", items=root_ref)
        else:
            schema.update(root_ref)
        doc = first_sentence(shapes[target.root].get("documentation", ""))
        if doc:
            schema["description"] = doc
        if target.read_only_from:
            extra = set(shapes[target.read_only_from]["members"]) - set(
                shapes[target.root]["members"]
            )
            if target.settable_in:
                # launchType, serviceName ... are settable at creation: in an update they are
                # not accepted (unknown-field), but they are not describe output either.
                extra -= set(shapes[target.settable_in]["members"])
            schema["x-ecslint-read-only"] = sorted(extra)
            b.deviations["4"] = (
                f"x-ecslint-read-only lists the {target.read_only_from} members that "
                f"{target.root} does not accept"
            )
        if target.describe:
            b.deviations["4"] = (
                f"rooted at the output shape {target.root} (read-only members included); "
                "lenient: every member value may also be null"
            )
        if target.also_accepts:
            # Deviation 6: tools that keep a task definition in describe shape put input-only
            # members inside it too (ecspresso keeps `tags` in its taskDefinition object).
            root_def = b.defs[target.root]
            for member, spec in shapes[target.also_accepts]["members"].items():
                if member not in root_def["properties"]:
                    root_def["properties"][member] = _nullable(b.ref(spec["shape"]))
            b.deviations["6"] = (
                f"the root also accepts the {target.also_accepts} members it lacks "
                "(tools such as ecspresso keep `tags` inside taskDefinition)"
            )
        if target.open_objects:
            b.deviations["7"] = (
                "objects accept members this model does not know: describe-services output is "
                "written by AWS (and may be newer than the model), not by hand"
            )
        b.deviations["5"] = "x-ecslint-source records the botocore version and model uid"
        schema["$defs"] = dict(sorted(b.defs.items()))
        schema["x-ecslint-source"] = {"botocore": version, "uid": uid}
        schema["$comment"] = _comment(target, b)
        schemas[file_name] = schema
        stats[file_name] = {
            "defs": len(b.defs),
            "enums": b.enums,
            "patterns": [f"{', '.join(v)}: {k}" for k, v in sorted(b.pattern_notes.items())],
        }
    return schemas, stats


_SERVICE_NAMES = {"ecs": "ECS", "ecr": "ECR", "elbv2": "Elastic Load Balancing v2"}


def _comment(target: Target, b: _Builder) -> str:
    parts = [
        f"Generated by tools/gen_schemas.py from botocore's {_SERVICE_NAMES[target.service]} model; "
        "do not edit by hand.",
        f"Root: {'array of ' if target.array else ''}{target.root}"
        f"{' (describe output, lenient)' if target.describe else ' (strict input)'}.",
    ]
    deviations = [
        f"({key[0]}) "
        + b.deviations[key].replace("{members}", ", ".join(sorted(b.overridden.get(key, []))))
        for key in sorted(b.deviations)
    ]
    parts.append("Deviations from the model: " + "; ".join(deviations) + ".")
    for note, shapes in sorted(b.pattern_notes.items()):
        parts.append(f"Pattern of {', '.join(sorted(shapes))}: {note}.")
    return " ".join(parts)


def _load_models() -> tuple[dict[str, dict[str, Any]], str]:
    services = sorted({t.service for t in TARGETS.values()})
    loaded = {service: _load_model(service) for service in services}
    return {service: model for service, (model, _) in loaded.items()}, loaded["ecs"][1]


def generate() -> dict[str, dict[str, Any]]:
    """File stem -> schema, generated from the installed botocore (imported here only)."""
    models, version = _load_models()
    return build(models, version)[0]


def render(schema: dict[str, Any]) -> str:
    """Deterministic serialisation: sorted keys, 1-space indent, trailing newline."""
    return json.dumps(schema, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def sync(schemas: dict[str, dict[str, Any]], check: bool) -> list[str]:
    """Write each schema to ``ecslint/schemas/<name>.json`` (or, with ``check``, print how
    the committed file differs); return the names whose file was not up to date."""
    changed: list[str] = []
    for stem, schema in schemas.items():
        path = SCHEMA_DIR / f"{stem}.json"
        text = render(schema)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            continue
        changed.append(stem)
        if check:
            diff = list(
                difflib.unified_diff(
                    (old or "").splitlines(),
                    text.splitlines(),
                    f"committed/{path.name}",
                    f"generated/{path.name}",
                    lineterm="",
                    n=1,
                )
            )
            status = "missing" if old is None else f"{len(diff)} diff lines"
            print(f"{path.relative_to(ROOT)}: differs ({status})")
            for line in diff[:40]:
                print("    " + line)
            if len(diff) > 40:
                print(f"    ... {len(diff) - 40} more diff lines")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({len(text.encode())} bytes)")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files, write nothing"
    )
    parser.add_argument("--stats", action="store_true", help="print shapes/enums/patterns")
    args = parser.parse_args(argv)

    models, version = _load_models()
    schemas, stats = build(models, version)
    changed = sync(schemas, args.check)
    if args.stats:
        for stem, st in stats.items():
            size = len(render(schemas[stem]).encode())
            print(f"{stem}: {st['defs']} shapes, {st['enums']} enums, {size} bytes")
            for note in st["patterns"]:
                print(f"    pattern {note}")
    if args.check:
        if changed:
            print(
                f"{len(changed)} schema file(s) out of date for botocore {version}: "
                "run tools/gen_schemas.py"
            )
            return 1
        print(f"schemas up to date (botocore {version})")
    elif not changed:
        print("schemas already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
