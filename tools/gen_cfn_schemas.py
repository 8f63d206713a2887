#!/usr/bin/env python3
"""Generate ``ecslint/schemas/cfn-*.json`` from CloudFormation's resource provider schemas.

Why: a CloudFormation template describes ECS in CloudFormation's own shape (PascalCase
properties, its own required members and enums). The schema checks (ECS002-ECS005) judge a
resource's ``Properties`` against that shape, so that a typo is reported in the template's
own spelling (``Esential`` -> ``Essential``). The provider schemas are the authority; cfn-lint
ships them (descriptions stripped, everything else intact). We read them at one pinned
commit, from a local git directory of ``aws-cloudformation/cfn-lint`` (a bare mirror or a
checkout); later commits store them hash-deduplicated.

Usage::

    python tools/gen_cfn_schemas.py PATH/TO/cfn-lint          # (re)write the committed files
    python tools/gen_cfn_schemas.py PATH/TO/cfn-lint --check  # exit 1 if they differ

One file per resource type (``TYPES``), rooted at the resource's ``Properties`` object. The
translation (provider schema -> JSON Schema draft 2020-12):

- kept: ``type``, ``properties``, ``required``, ``additionalProperties``,
  ``patternProperties`` (maps such as ``DockerLabels``), ``items``, ``enum``, ``const``,
  ``pattern``, ``minLength``/``maxLength``, ``minimum``/``maximum``, ``minItems``/
  ``maxItems``, ``$ref``, ``anyOf``/``oneOf``/``allOf``/``not``;
- ``definitions`` -> ``$defs`` (refs rewritten; definitions no property reaches dropped);
- cfn-lint's ``requiredXor: [A, B]`` (exactly one of) -> ``oneOf: [{required: [A]},
  {required: [B]}]``; ``dependencies`` with lists -> ``dependentRequired``; cfn-lint's
  ``dependentExcluded`` -> ``allOf: [{not: {required: [A, B]}}]`` per excluded pair;
- ``readOnlyProperties`` (attributes: ``Fn::GetAtt`` output, not input) leave ``properties``
  and are listed in the root keyword ``x-ecslint-read-only``, as in the API schemas;
- dropped, as annotations or as judged elsewhere: ``insertionOrder``, ``format``
  (cfn-lint's own formats such as ``AWS::EC2::VPC.Id``), ``default``, ``$comment``,
  ``arrayType``, ``uniqueItems``/``uniqueKeys`` (duplicates are judged by rules, on values
  that may be intrinsic functions), and the resource-level metadata (``typeName``,
  ``primaryIdentifier``, ``createOnlyProperties``, ``writeOnlyProperties``, ``tagging``,
  ``handlers``, ``propertyTransform``, ...). Any other keyword stops the tool: review it;
- an ``anyOf`` branch that only lists values another branch accepts anyway is dropped (the
  ``FARGATE``/``FARGATE_SPOT`` branch of a capacity provider name), and a single remaining
  branch is merged into its parent, so that one bad value gets one message;
- patterns keep their ECMAScript search semantics; ``\\p{L}\\p{N}``/``\\p{Z}`` classes are
  translated to Python ``re`` as in tools/gen_schemas.py;
- the root gets ``type: object`` (``Properties`` is an object), ``x-ecslint-coercion:
  cloudformation`` (CloudFormation converts scalars: ``"512"`` is an integer, see
  ``ecslint.schemas``), and ``x-ecslint-source`` with the repository, commit and path read.

The output is deterministic: sorted keys, one-space indent, lists in the source's order.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "ecslint" / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

REPOSITORY = "aws-cloudformation/cfn-lint"
#: "Update CloudFormation schemas to 2025-10-09 (#4248)", the last commit that stores the
#: provider schemas as plain files.
COMMIT = "0340f2a0ee58c9dd824c56ac06e49a5c0172fc1f"
PROVIDERS = "src/cfnlint/data/schemas/providers/us_east_1"

#: The resource types generated, each as ``schema_name(type)`` (``ecslint.schemas.CFN_TYPES``
#: must agree; a test compares).
TYPES = (
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::AutoScaling::LaunchConfiguration",
    "AWS::EC2::LaunchTemplate",
    "AWS::ECR::Repository",
    "AWS::ECS::CapacityProvider",
    "AWS::ECS::Cluster",
    "AWS::ECS::ClusterCapacityProviderAssociations",
    "AWS::ECS::Service",
    "AWS::ECS::TaskDefinition",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
)

# Keywords of a (sub)schema, by what becomes of them.
KEPT = frozenset(
    {
        "type", "properties", "required", "additionalProperties", "patternProperties",
        "items", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "minItems", "maxItems", "$ref", "anyOf", "oneOf", "allOf", "not",
    }
)
DROPPED = frozenset(
    {
        "insertionOrder", "format", "default", "$comment", "description", "arrayType",
        "uniqueItems", "uniqueKeys", "relationshipRef", "examples", "title",
    }
)
TRANSLATED = frozenset({"requiredXor", "dependencies", "dependentExcluded"})
# Resource-level keywords: metadata of the resource type, not of its properties.
RESOURCE_DROPPED = frozenset(
    {
        "typeName", "sourceUrl", "documentationUrl", "primaryIdentifier",
        "additionalIdentifiers", "createOnlyProperties", "writeOnlyProperties",
        "conditionalCreateOnlyProperties", "nonPublicProperties", "nonPublicDefinitions",
        "deprecatedProperties", "propertyTransform", "tagging", "handlers",
        "replacementStrategy", "taggable", "resourceLink", "description",
    }
)


def schema_name(type_name: str) -> str:
    """``AWS::ECS::TaskDefinition`` -> ``cfn-ecs-taskdefinition``."""
    _, service, resource = type_name.split("::")
    return f"cfn-{service.lower()}-{resource.lower()}"


def source_path(type_name: str) -> str:
    """Path of the provider schema of ``type_name`` inside cfn-lint."""
    return f"{PROVIDERS}/{type_name.lower().replace('::', '-')}.json"


@functools.cache
def _gen_schemas() -> Any:
    """tools/gen_schemas.py, for its pattern translation and rendering (one definition)."""
    spec = importlib.util.spec_from_file_location("_ecslint_gen_schemas", ROOT / "tools" / "gen_schemas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def _prints_as_scalar(text: str) -> bool:
    """Whether ``str()`` of some JSON scalar (number, boolean) could be ``text``."""
    if text in ("True", "False", "None"):
        return True
    try:
        float(text)
    except ValueError:
        return False
    return True


class GenerationError(Exception):
    """The provider schema holds something this translation does not handle."""


# --------------------------------------------------------------------------------------
# Translation


class _Translator:
    def __init__(self, type_name: str, provider: dict[str, Any], gen: Any) -> None:
        self.type_name = type_name
        self.provider = provider
        self.gen = gen
        self.patterns: set[str] = set()  # definitions/properties whose pattern was translated
        self.notes: set[str] = set()

    def fail(self, where: str, message: str) -> GenerationError:
        return GenerationError(f"{self.type_name} at {where}: {message}")

    def schema(self, node: Any, where: str) -> Any:
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict):
            raise self.fail(where, f"a schema must be an object, not {node!r}")
        unknown = set(node) - KEPT - DROPPED - TRANSLATED
        if unknown:
            raise self.fail(where, f"keywords {sorted(unknown)} are not handled: review them")
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in DROPPED:
                if key in ("uniqueItems", "uniqueKeys"):
                    self.notes.add("uniqueItems")
                elif key == "format":
                    self.notes.add("format")
                continue
            if key in ("properties", "patternProperties"):
                out[key] = {k: self.schema(v, f"{where}/{key}/{k}") for k, v in value.items()}
            elif key in ("items", "additionalProperties", "not"):
                out[key] = self.schema(value, f"{where}/{key}")
            elif key in ("anyOf", "oneOf", "allOf"):
                out[key] = [self.schema(v, f"{where}/{key}/{i}") for i, v in enumerate(value)]
            elif key == "$ref":
                out[key] = self.ref(value, where)
            elif key == "pattern":
                out[key] = self.pattern(value, where)
            elif key in TRANSLATED:
                continue
            elif key == "enum":
                out[key] = self.values(value, where)
            elif key == "const":
                out[key] = self.values([value], where)[0]
            else:
                out[key] = value
        self.translate_presence(node, out, where)
        return self.simplify(out, where)

    def values(self, values: list[Any], where: str) -> list[Any]:
        """``enum`` values, which the runtime compares strictly (as JSON Schema does).

        cfn-lint compares a string with ``str()`` of a scalar, so ``1`` would match ``"1"``;
        strict comparison gives the same verdicts only while no value is a string that a
        scalar prints as, or a non-string: stop here when a schema breaks that.
        """
        for value in values:
            if not isinstance(value, str) or _prints_as_scalar(value):
                raise self.fail(where, f"enum value {value!r} needs CloudFormation's coerced comparison")
        return values

    def ref(self, ref: Any, where: str) -> str:
        prefix = "#/definitions/"
        if not isinstance(ref, str) or not ref.startswith(prefix) or "/" in ref[len(prefix):]:
            raise self.fail(where, f"unsupported reference {ref!r}")
        name = ref[len(prefix):]
        if name not in self.provider.get("definitions", {}):
            raise self.fail(where, f"unresolvable reference {ref!r}")
        return f"#/$defs/{name}"

    def pattern(self, pattern: Any, where: str) -> str:
        import re

        try:
            translated = self.gen.translate_classes(pattern)
            re.compile(translated)
        except (ValueError, re.error) as exc:
            raise self.fail(where, f"pattern {pattern!r} does not translate: {exc}") from None
        if translated != pattern:
            self.patterns.add(where.replace("#/definitions/", "").replace("#/properties/", "").replace("/properties/", "."))
        return str(translated)

    def translate_presence(self, node: dict[str, Any], out: dict[str, Any], where: str) -> None:
        """cfn-lint's presence keywords in standard 2020-12 terms."""
        xor = node.get("requiredXor")
        if xor is not None:
            if "oneOf" in out:
                raise self.fail(where, "requiredXor next to oneOf")
            out["oneOf"] = [{"required": [key]} for key in xor]
            self.notes.add("requiredXor")
        deps = node.get("dependencies")
        if deps is not None:
            if not all(isinstance(v, list) for v in deps.values()):
                raise self.fail(where, "dependencies with schemas are not handled")
            out["dependentRequired"] = deps
            self.notes.add("dependencies")
        excluded = node.get("dependentExcluded")
        if excluded is not None:
            pairs = sorted({tuple(sorted((key, other))) for key, others in excluded.items() for other in others})
            out.setdefault("allOf", []).extend({"not": {"required": list(pair)}} for pair in pairs)
            self.notes.add("dependentExcluded")

    def simplify(self, out: dict[str, Any], where: str) -> dict[str, Any]:
        """Drop ``anyOf`` branches another branch subsumes; merge a lone branch."""
        branches = out.get("anyOf")
        if branches is None:
            return out
        if any(b == {} or b is True for b in branches):
            del out["anyOf"]  # e.g. [{format: A}, {format: B}] once formats are dropped
            return out
        kept = [b for i, b in enumerate(branches) if not self.subsumed(b, branches[:i] + branches[i + 1:])]
        if len(kept) == 1 and not set(kept[0]) & (set(out) - {"anyOf", "type"}):
            branch = kept[0]
            if "type" in out and "type" in branch and out["type"] != branch["type"]:
                raise self.fail(where, "anyOf branch of another type")
            del out["anyOf"]
            out.update(branch)
            self.notes.add("anyOf")
        else:
            out["anyOf"] = kept
        return out

    @staticmethod
    def subsumed(branch: Any, others: list[Any]) -> bool:
        """True if ``branch`` only lists values (``enum``) that one of ``others`` accepts."""
        if not isinstance(branch, dict) or "enum" not in branch or set(branch) - {"enum", "type"}:
            return False
        from jsonschema import Draft202012Validator

        return any(
            isinstance(other, dict)
            and "$ref" not in other
            and all(Draft202012Validator(other).is_valid(value) for value in branch["enum"])
            for other in others
        )


def translate(type_name: str, provider: dict[str, Any], commit: str, gen: Any) -> dict[str, Any]:
    """The JSON Schema of ``type_name``'s ``Properties`` from its provider schema."""
    if provider.get("typeName") != type_name:
        raise GenerationError(f"{source_path(type_name)} describes {provider.get('typeName')!r}")
    t = _Translator(type_name, provider, gen)
    resource_keys = {"properties", "definitions", "required", "additionalProperties", "readOnlyProperties"}
    unknown = set(provider) - resource_keys - RESOURCE_DROPPED - TRANSLATED
    if unknown:
        raise t.fail("#", f"resource keywords {sorted(unknown)} are not handled: review them")

    read_only: list[str] = []
    for pointer in provider.get("readOnlyProperties", []):
        parts = pointer.split("/")
        if len(parts) != 3 or parts[:2] != ["", "properties"]:
            raise t.fail("#", f"nested read-only property {pointer!r} is not handled")
        read_only.append(parts[2])

    body = {k: v for k, v in provider.items() if k in ("properties", "required", "additionalProperties", *TRANSLATED)}
    root = t.schema(body, "#")
    for name in read_only:
        root["properties"].pop(name, None)
    defs = {
        name: t.schema(sub, f"#/definitions/{name}") for name, sub in provider.get("definitions", {}).items()
    }
    reachable = _reachable(root, defs)

    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": f"{type_name} Properties (CloudFormation)",
        "type": "object",
        **root,
    }
    if reachable:
        schema["$defs"] = {name: defs[name] for name in sorted(reachable)}
    if read_only:
        schema["x-ecslint-read-only"] = sorted(read_only)
    schema["x-ecslint-coercion"] = "cloudformation"
    schema["x-ecslint-source"] = {"repository": REPOSITORY, "commit": commit, "path": source_path(type_name)}
    schema["$comment"] = _comment(type_name, commit, t, bool(read_only))
    return schema


def _reachable(root: Any, defs: dict[str, Any]) -> set[str]:
    seen: set[str] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref[len("#/$defs/"):]
                if name not in seen:
                    seen.add(name)
                    todo.append(defs[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return seen


#: What the ``$comment`` says of each translation that happened.
NOTES = {
    "readOnlyProperties": "readOnlyProperties are attributes (Fn::GetAtt), listed in x-ecslint-read-only, not properties",
    "requiredXor": "requiredXor (exactly one of) -> oneOf of required",
    "dependencies": "dependencies -> dependentRequired",
    "dependentExcluded": "dependentExcluded -> not required, per excluded pair",
    "anyOf": "an anyOf branch listing values another branch accepts is merged away",
    "uniqueItems": "uniqueItems/uniqueKeys dropped (duplicates are judged by rules)",
    "format": "cfn-lint formats dropped (annotations)",
}


def _comment(type_name: str, commit: str, t: _Translator, read_only: bool) -> str:
    parts = [
        f"Generated by tools/gen_cfn_schemas.py from the CloudFormation resource provider schema "
        f"of {type_name} as shipped by {REPOSITORY} at {commit[:12]} ({source_path(type_name)}); "
        "do not edit by hand.",
        "Root: the resource's Properties object.",
        "Scalars follow CloudFormation's coercion (x-ecslint-coercion): a string accepts any "
        "scalar, an integer or number also a string holding one, a boolean also "
        '"true"/"false" in any of three casings; minimum and maximum apply to numeric strings.',
    ]
    notes = [text for key, text in NOTES.items() if key in t.notes or (key == "readOnlyProperties" and read_only)]
    if notes:
        parts.append("Translation: " + "; ".join(notes) + ".")
    if t.patterns:
        gen_note = t.gen.CLASSES_NOTE
        parts.append(f"Pattern of {', '.join(sorted(t.patterns))}: {gen_note}.")
    return " ".join(parts)


# --------------------------------------------------------------------------------------
# Reading cfn-lint


def read_provider(repo: Path, type_name: str) -> dict[str, Any]:
    """The provider schema of ``type_name`` at ``COMMIT`` in the git directory ``repo``."""
    spec = f"{COMMIT}:{source_path(type_name)}"
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "show", spec], capture_output=True, check=True
        ).stdout
    except FileNotFoundError:
        raise GenerationError("git is needed to read the cfn-lint repository") from None
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode(errors="replace").strip()
        raise GenerationError(f"cannot read {spec} from {repo}: {message}") from None
    data: dict[str, Any] = json.loads(out)
    return data


def generate(repo: Path) -> dict[str, dict[str, Any]]:
    """Schema name -> schema, for every type of ``TYPES``."""
    gen = _gen_schemas()
    return {schema_name(t): translate(t, read_provider(repo, t), COMMIT, gen) for t in TYPES}


def render(schema: dict[str, Any]) -> str:
    """The committed text of ``schema`` (the same serialisation as the API schemas)."""
    return str(_gen_schemas().render(schema))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("cfn_lint", type=Path, help="a git directory (bare or checkout) of aws-cloudformation/cfn-lint")
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    try:
        schemas = generate(args.cfn_lint)
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    changed = _gen_schemas().sync(schemas, args.check)
    if args.check and changed:
        print(f"{len(changed)} CloudFormation schema file(s) out of date: run tools/gen_cfn_schemas.py")
        return 1
    if not changed:
        print(f"CloudFormation schemas up to date ({REPOSITORY}@{COMMIT[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
