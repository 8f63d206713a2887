"""CloudFormation templates (also CDK's ``cdk.out`` and SAM) as API-shaped documents.

Facts: ``shared/reference/iac-sources.md`` §1-2. A template is recognised by a top-level
``Resources`` mapping of ``AWS::`` types. Each resource ecslint knows becomes a document of
its kind, converted to the API's shape (:mod:`ecslint.sources.shape`): the task definition
and service rules, the lifecycle rules (on ``AWS::ECR::Repository``'s
``LifecyclePolicyText``, located inside the string), the repository, cluster, capacity
provider and target group rules all run on templates unchanged. The Auto Scaling groups,
launch templates and launch configurations of the stack come along as auxiliary documents,
so that a capacity provider reaches the instance types its tasks must fit.

What CloudFormation computes is unknown and never judged; what the template itself decides
is resolved:

- ``Ref``/``Fn::GetAtt`` of a resource of the template become a
  :class:`~ecslint.sources.references.Reference` (the workspace follows it: a service to its
  task definition, target groups and cluster), or its value when the template states it (a
  repository's ``Ref`` is its literal ``RepositoryName``);
- ``Ref`` of a parameter is the value the user passed (``--parameter``), else unknown
  (a ``Default`` is only a default);
- ``Fn::Sub`` and ``Fn::Join`` keep their literal parts (``!Sub '${AWS::AccountId}.dkr.ecr.
  ${AWS::Region}.amazonaws.com/app:latest'`` still has the tag ``latest``);
- ``Fn::FindInMap`` and ``Fn::Select`` with literal arguments take their value, located
  where it is written (in ``Mappings``);
- ``Ref: AWS::NoValue`` removes the key;
- ``Fn::If`` on a condition the template cannot decide yields both branches: the template
  is read once per combination of such conditions (at most :data:`MAX_CONDITIONS` of them,
  the rest are unknown), and the engine reports a finding as is when every combination has
  it, else with the conditions it needs. A resource with a ``Condition`` exists only in the
  combinations where the condition holds.
"""

from __future__ import annotations

import itertools
import json
import re

from ecslint.core.finding import Path
from ecslint.load.placeholders import Unknown
from ecslint.load.source import Document, MappedLocator, Origin, SourceFile
from ecslint.load.sourcemap import SourceMap
from ecslint.sources.references import Reference, placeholder
from ecslint.sources.shape import Shape

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator

#: Conditions enumerated per template: 2**3 readings at most. A template's further
#: undecidable conditions read as unknown (no finding rests on them).
MAX_CONDITIONS = 3

#: Resource type -> (document kind, API schema guiding the conversion, key renames the
#: spelling rule does not cover, keyed by the CloudFormation key).
RESOURCES: dict[str, tuple[str, str | None, dict[str, str]]] = {
    "AWS::ECS::TaskDefinition": ("task-definition", "task-definition", {"ProxyConfigurationProperties": "properties"}),
    "AWS::ECS::Service": ("service", "service", {"PlacementStrategies": "placementStrategy"}),
    "AWS::ECS::Cluster": ("cluster", "cluster", {"ClusterSettings": "settings"}),
    "AWS::ECS::CapacityProvider": ("capacity-provider", "capacity-provider", {}),
    "AWS::ECR::Repository": ("repository", "repository", {"RepositoryPolicyText": "policyText"}),
    # ELBv2, Auto Scaling and EC2 are PascalCase APIs already: names stay as written.
    "AWS::ElasticLoadBalancingV2::TargetGroup": ("target-group", "target-group", {}),
    "AWS::AutoScaling::AutoScalingGroup": ("auto-scaling-group", None, {}),
    "AWS::EC2::LaunchTemplate": ("launch-template", None, {}),
    "AWS::AutoScaling::LaunchConfiguration": ("launch-configuration", None, {}),
    "AWS::ECS::ClusterCapacityProviderAssociations": ("cluster-capacity-providers", None, {}),
}
#: Kinds that only inform the others: a template holding nothing but these is not ECS.
AUXILIARY = frozenset(("auto-scaling-group", "launch-template", "launch-configuration", "cluster-capacity-providers"))
#: The resource's property whose literal value names the document in messages.
_NAME_PROPERTY = {
    "task-definition": "Family",
    "service": "ServiceName",
    "cluster": "ClusterName",
    "capacity-provider": "Name",
    "repository": "RepositoryName",
    "target-group": "Name",
}
#: Resources whose ``Ref`` is a name the template may state literally (iac-sources.md §2.3).
_REF_IS_NAME = {
    "AWS::ECR::Repository": "RepositoryName",
    "AWS::ECS::Cluster": "ClusterName",
    "AWS::ECS::CapacityProvider": "Name",
    "AWS::AutoScaling::AutoScalingGroup": "AutoScalingGroupName",
    "AWS::AutoScaling::LaunchConfiguration": "LaunchConfigurationName",
}
#: The functions that choose a value written elsewhere in the template, as written.
_CHOOSERS = ("Fn::If", "Fn::FindInMap", "Fn::Select")
_CONDITION_FUNCTIONS = ("Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition")
#: A ``${...}`` ends at its ``}`` or before the next ``${``: linear on ``${${${...``.
_SUB_VARIABLE = re.compile(r"\$\{((?:[^}$]|\$(?!\{))*)\}")


class _Absent:
    """``Ref: AWS::NoValue``: the key is left out."""

    __repr__ = lambda self: "ABSENT"  # noqa: E731


ABSENT: Any = _Absent()


def is_template(data: Any) -> bool:
    """A CloudFormation template: a ``Resources`` mapping whose entries have a ``Type``
    (``AWSTemplateFormatVersion`` is optional and not enough on its own)."""
    if not isinstance(data, dict):
        return False
    resources = data.get("Resources")
    return isinstance(resources, dict) and any(isinstance(r, dict) and isinstance(r.get("Type"), str) for r in resources.values())


def is_intrinsic(value: Any) -> bool:
    """A one-key object whose key is ``Ref``, ``Condition`` or an ``Fn::`` function."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (key,) = value
    return isinstance(key, str) and (key == "Ref" or key == "Condition" or key.startswith("Fn::"))


def extract(file: SourceFile, data: dict, smap: SourceMap, parameters: dict[str, str] | None = None) -> str | None:
    """Add the documents of one template to ``file``; return why none, if none."""
    template = Template(data, smap, parameters or {})
    if not any(RESOURCES[t][0] not in AUXILIARY for t in template.types.values()):
        return "a CloudFormation template without ECS, ECR or target group resources"
    scenarios = template.scenarios()
    if len(scenarios) > 1:
        file.scenarios = scenarios
    file.suppressions.extend(_metadata_suppressions(template, smap))
    for index, scenario in enumerate(scenarios):
        _Reader(template, file, smap, index, scenario).read()
    return None


def _metadata_suppressions(template: Template, smap: SourceMap) -> Iterator[tuple[int, int, frozenset[str] | None]]:
    """A resource's ``Metadata: {ecslint: {ignore: [...]}}`` suppresses findings inside the
    resource: each entry a rule id or name (``ECS402``), or ``{id: ECS402, reason: ...}``
    (checkov's and cfn-lint's convention of keeping the exemption with the resource);
    ``ignore: true`` (or ``all``) every rule."""
    for logical, resource in template.resources.items():
        metadata = resource.get("Metadata")
        settings = metadata.get("ecslint") if isinstance(metadata, dict) else None
        ignore = settings.get("ignore") if isinstance(settings, dict) else None
        if ignore is None:
            continue
        names: frozenset[str] | None
        if ignore is True or ignore == "all":
            names = None
        else:
            entries = ignore if isinstance(ignore, list) else [ignore]
            found = set()
            for entry in entries:
                rule = entry.get("id", entry.get("rule")) if isinstance(entry, dict) else entry
                if isinstance(rule, str) and rule.strip():
                    found.add(rule.strip())
            names = frozenset(found)
        span = smap.span(("Resources", logical))
        if span is None:
            continue
        start = span.key[0] if span.key else span.start
        first = smap.lines.position(start)[0]
        last = smap.lines.position(max(span.start, span.end - 1))[0]
        yield first, last, names


class Template:
    """The template-wide facts: parameters, conditions, mappings, resources."""

    def __init__(self, data: dict, smap: SourceMap, parameters: dict[str, str]):
        self.data = data
        self.smap = smap
        self.parameters = parameters
        resources = data.get("Resources")
        self.resources: dict[str, dict] = {
            k: v for k, v in resources.items() if isinstance(k, str) and isinstance(v, dict)
        } if isinstance(resources, dict) else {}
        #: Logical id -> resource type, for the types ecslint reads.
        self.types = {k: v["Type"] for k, v in self.resources.items() if isinstance(v.get("Type"), str) and v["Type"] in RESOURCES}
        declared = data.get("Parameters")
        self.declared = declared if isinstance(declared, dict) else {}
        conditions = data.get("Conditions")
        self.conditions: dict[str, Any] = conditions if isinstance(conditions, dict) else {}
        mappings = data.get("Mappings")
        self.mappings: dict[str, Any] = mappings if isinstance(mappings, dict) else {}
        #: Per resource, a memo its documents share across scenarios.
        self.shared: dict[str, dict[str, Any]] = {}
        transform = data.get("Transform")
        self.language_extensions = "AWS::LanguageExtensions" in (transform if isinstance(transform, list) else [transform])

    # -- conditions ----------------------------------------------------------------------

    def scenarios(self) -> list[dict[str, bool]]:
        """Each combination of the undecidable conditions the ECS resources depend on (one
        empty combination when there are none)."""
        used = self._used_conditions()
        atoms: dict[str, Any] = {}
        for name in used:
            self._atoms(self.conditions.get(name), atoms, set())
        free = sorted(atoms)[:MAX_CONDITIONS]
        out = []
        for values in itertools.product((True, False), repeat=len(free)):
            assignment = dict(zip(free, values))
            if not self._consistent(assignment, atoms):
                continue
            decided = {name: self.condition(name, assignment) for name in used}
            scenario = {k: v for k, v in decided.items() if v is not None}
            if scenario not in out:
                out.append(scenario)
        return out or [{}]

    def _used_conditions(self) -> list[str]:
        names: list[str] = []
        for logical in self.types:
            resource = self.resources[logical]
            if isinstance(resource.get("Condition"), str):
                names.append(resource["Condition"])
            todo = [resource.get("Properties")]
            while todo:
                node = todo.pop()
                if isinstance(node, dict):
                    branch = node.get("Fn::If")
                    if len(node) == 1 and isinstance(branch, list) and branch and isinstance(branch[0], str):
                        names.append(branch[0])
                    todo.extend(node.values())
                elif isinstance(node, list):
                    todo.extend(node)
        return sorted(set(n for n in names if n in self.conditions))

    def _atoms(self, node: Any, atoms: dict[str, Any], seen: set[str]) -> None:
        """The ``Fn::Equals`` comparisons that the template cannot decide, by a key."""
        if not isinstance(node, dict) or len(node) != 1:
            return
        (function, args), = node.items()
        if function == "Condition" and isinstance(args, str) and args not in seen:
            self._atoms(self.conditions.get(args), atoms, seen | {args})
        elif function == "Fn::Equals" and isinstance(args, list) and len(args) == 2:
            if self._equals(args) is None:
                atoms[_atom_key(args)] = args
        elif function in ("Fn::And", "Fn::Or", "Fn::Not") and isinstance(args, list):
            for arg in args:
                self._atoms(arg, atoms, seen)

    def _consistent(self, assignment: dict[str, bool], atoms: dict[str, Any]) -> bool:
        """Two comparisons of one parameter with different literals cannot both hold, and a
        parameter with ``AllowedValues`` holds one of them: it equals none of the others,
        and when it is compared with each of them one comparison holds."""
        true_values: dict[str, set[str]] = {}
        false_values: dict[str, set[str]] = {}
        for key, value in assignment.items():
            args = atoms[key]
            names = [a["Ref"] for a in args if isinstance(a, dict) and isinstance(a.get("Ref"), str)]
            literals = [str(a) for a in args if isinstance(a, (str, int, float)) and not isinstance(a, bool)]
            if len(names) == 1 and len(literals) == 1:
                (true_values if value else false_values).setdefault(names[0], set()).add(literals[0])
        if not all(len(v) == 1 for v in true_values.values()):
            return False
        for name in set(true_values) | set(false_values):
            allowed = self._allowed_values(name)
            if allowed is None:
                continue
            if not true_values.get(name, allowed) <= allowed or allowed <= false_values.get(name, set()):
                return False
        return True

    def _allowed_values(self, name: str) -> set[str] | None:
        """The ``AllowedValues`` of parameter ``name`` as text, None when it has none."""
        declared = self.declared.get(name)
        allowed = declared.get("AllowedValues") if isinstance(declared, dict) else None
        if not isinstance(allowed, list) or not allowed or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in allowed):
            return None
        return {str(v) for v in allowed}

    def condition(self, name: str, assignment: dict[str, bool], seen: frozenset[str] = frozenset()) -> bool | None:
        """The value of condition ``name`` in ``assignment``; None when undecided."""
        if name in seen:
            return None
        return self._evaluate(self.conditions.get(name), assignment, seen | {name})

    def _evaluate(self, node: Any, assignment: dict[str, bool], seen: frozenset[str]) -> bool | None:
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict) or len(node) != 1:
            return None
        (function, args), = node.items()
        if function == "Condition":
            return self.condition(args, assignment, seen) if isinstance(args, str) else None
        if function == "Fn::Equals" and isinstance(args, list) and len(args) == 2:
            decided = self._equals(args)
            return decided if decided is not None else assignment.get(_atom_key(args))
        if function in ("Fn::And", "Fn::Or", "Fn::Not") and isinstance(args, list) and args:
            values = [self._evaluate(a, assignment, seen) for a in args]
            if function == "Fn::Not":
                return None if values[0] is None else not values[0]
            if function == "Fn::And":
                return False if False in values else (None if None in values else True)
            return True if True in values else (None if None in values else False)
        return None

    def _equals(self, args: list) -> bool | None:
        values = [self.literal(a) for a in args]
        if any(v is None for v in values):
            return None
        return str(values[0]) == str(values[1])

    def literal(self, node: Any) -> Any:
        """A scalar the template decides (a literal, or a parameter the user set), else None."""
        if isinstance(node, (str, int, float)) and not isinstance(node, bool) or isinstance(node, bool):
            return node
        if isinstance(node, dict) and len(node) == 1 and isinstance(node.get("Ref"), str):
            return self.parameters.get(node["Ref"]) if node["Ref"] in self.declared else None
        return None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _atom_key(args: list) -> str:
    return json.dumps(sorted(json.dumps(a, sort_keys=True, default=str) for a in args))


class _Scope:
    """What a reference made while reading one scenario is resolved in."""

    __slots__ = ("template", "scenario")

    def __init__(self, template: Template, scenario: int):
        self.template = template
        self.scenario = scenario


class _Reader:
    """Reads the template's resources for one scenario into documents."""

    def __init__(self, template: Template, file: SourceFile, smap: SourceMap, index: int, scenario: dict[str, bool]):
        self.template = template
        self.file = file
        self.smap = smap
        self.index = index
        self.scenario = scenario
        self.scope = _Scope(template, index)

    def read(self) -> None:
        for logical, kind_type in self.template.types.items():
            resource = self.template.resources[logical]
            condition = resource.get("Condition")
            if isinstance(condition, str) and self.scenario.get(condition) is False:
                continue
            self._resource(logical, kind_type, resource)

    def _resource(self, logical: str, resource_type: str, resource: dict) -> None:
        kind, schema_name, renames = RESOURCES[resource_type]
        base: Path = ("Resources", logical, "Properties")
        properties = resource.get("Properties", {})
        table: dict[Path, tuple[Path, Path]] = {(): (base, ("Resources", logical))}
        shape = Shape.of(schema_name) if schema_name else Shape(None, {})
        # Auxiliary resources keep CloudFormation's names (the EC2 and Auto Scaling APIs'
        # own PascalCase): only the workspace reads them.
        keep_names = schema_name is None
        data = self.convert(properties, base, (), shape, renames, table, keep_names) if isinstance(properties, dict) else {}
        if not isinstance(data, dict):
            data = {}
        lifecycle = None
        if kind == "repository":
            # Kept on the repository: it says the template gives the repository a policy,
            # also when the text is a parameter or cannot be read (no policy document then).
            lifecycle = data.get("lifecyclePolicy")
        metadata = resource.get("Metadata")
        construct = metadata.get("aws:cdk:path") if isinstance(metadata, dict) else None
        origin = Origin(
            "cloudformation",
            self.scope,
            logical,
            self.index,
            construct if isinstance(construct, str) else None,
            schema=resource_type,
            raw=properties,
            raw_path=base,
            shared=self.template.shared.setdefault(logical, {}),
            conditions=self.scenario,
        )
        name_property = _NAME_PROPERTY.get(kind)
        name = properties.get(name_property) if name_property and isinstance(properties, dict) else None
        label = name if isinstance(name, str) and name and not _SUB_VARIABLE.search(name) else logical
        shape_name = {"task-definition": "register", "service": "create"}.get(kind, "create")
        doc = Document(kind, shape_name, data, self.file, MappedLocator(self.smap, table), label, origin=origin)
        self.file.documents.append(doc)
        if lifecycle is not None:
            self._lifecycle_policy(doc, logical, properties, label)

    def _lifecycle_policy(self, repository: Document, logical: str, properties: dict, label: str) -> None:
        """The repository's ``LifecyclePolicy.LifecyclePolicyText``: a JSON policy in a string."""
        from ecslint.load.embedded import embedded_json

        # Through the functions that choose among texts written in the template (an
        # ``Fn::If`` branch, a ``Mappings`` entry): the text is located where it is written.
        where: Path = ("Resources", logical, "Properties", "LifecyclePolicy")
        policy, where = self.resolve(properties.get("LifecyclePolicy"), where, only=_CHOOSERS)
        if not isinstance(policy, dict) or is_intrinsic(policy):
            return
        text, path = self.resolve(policy.get("LifecyclePolicyText"), where + ("LifecyclePolicyText",), only=_CHOOSERS)
        if isinstance(text, dict) and len(text) == 1 and isinstance(text.get("Fn::Sub"), str):
            # A policy built with !Sub: its ``${...}`` are unknown values inside JSON strings.
            text, path = text["Fn::Sub"], path + ("Fn::Sub",)
            if not _is_json(text) and _is_json(_SUB_VARIABLE.sub("0", text)):
                return  # JSON only once CloudFormation substitutes (``"countNumber": ${Days}``): unknown
        if not isinstance(text, str):
            return
        parsed = embedded_json(self.file, self.smap, path, text, "LifecyclePolicyText")
        if parsed is None:
            return
        inner, embedded = parsed
        from ecslint.load.source import Locator

        name = repository.data.get("repositoryName")
        known = name if isinstance(name, str) and not _SUB_VARIABLE.search(name) else None
        origin = Origin("cloudformation", self.scope, logical, self.index, repository.origin.construct if repository.origin else None)
        self.file.documents.append(
            Document(
                "lifecycle-policy",
                "policy-text",
                inner,
                self.file,
                Locator(embedded),
                label,
                repository=known,
                text=text,
                origin=origin,
                owner=repository,
            )
        )

    # -- conversion ----------------------------------------------------------------------

    def convert(
        self,
        node: Any,
        fpath: Path,
        apath: Path,
        shape: Shape,
        renames: dict[str, str],
        table: dict[Path, tuple[Path, Path]],
        keep_names: bool,
    ) -> Any:
        """``node`` (at file path ``fpath``) in the API's shape, recorded in ``table``:
        the value where it is written (an ``Fn::If`` branch, a ``Mappings`` entry) and the
        key that holds it."""
        written = fpath
        node, fpath = self.resolve(node, fpath)
        table[apath] = (fpath, written)
        if node is ABSENT or isinstance(node, Unknown):
            return node
        if isinstance(node, dict):
            out: dict[str, Any] = {}
            for key, value in node.items():
                if not isinstance(key, str):
                    continue
                name, child = (key, shape) if keep_names else shape.member(key, renames)
                converted = self.convert(value, fpath + (key,), apath + (name,), child, renames, table, keep_names)
                if converted is ABSENT:
                    table.pop(apath + (name,), None)
                    continue
                out[name] = converted
            return out
        if isinstance(node, list):
            items: list[Any] = []
            child = shape.item()
            for index, value in enumerate(node):
                converted = self.convert(value, fpath + (index,), apath + (len(items),), child, renames, table, keep_names)
                if converted is ABSENT:
                    table.pop(apath + (len(items),), None)
                    continue
                items.append(converted)
            return items
        return shape.coerce(node)

    def resolve(self, node: Any, fpath: Path, only: tuple[str, ...] | None = None) -> tuple[Any, Path]:
        """Follow intrinsic functions as far as the template decides them: the value (or
        :data:`ABSENT`, or an :class:`Unknown`) and the file path where it is written.
        With ``only``, stop at (and return) a function not among those."""
        for _ in range(32):  # FindInMap -> If -> ...: a few steps, never a loop
            if not is_intrinsic(node):
                return node, fpath
            (function, args), = node.items()
            if only is not None and function not in only:
                return node, fpath
            where = fpath + (function,)
            if function == "Ref":
                return self._ref(node, args), fpath
            if function == "Fn::If":
                if not (isinstance(args, list) and len(args) == 3 and isinstance(args[0], str)):
                    return Unknown(node), fpath
                decided = self.scenario.get(args[0])
                if decided is None:
                    decided = self.template.condition(args[0], {})
                if decided is None:
                    return Unknown(node), fpath
                node, fpath = args[1 if decided else 2], where + (1 if decided else 2,)
                continue
            if function == "Fn::FindInMap":
                found = self._find_in_map(args, where)
                if found is None:
                    return Unknown(node), fpath
                node, fpath = found
                continue
            if function == "Fn::Select":
                found = self._select(args, where)
                if found is None:
                    return Unknown(node), fpath
                node, fpath = found
                continue
            if function == "Fn::Sub":
                text = self._sub(args)
                return (text, where if isinstance(args, str) else where + (0,)) if text is not None else (Unknown(node), fpath)
            if function == "Fn::Join":
                text = self._join(args, where)
                return (text, where) if text is not None else (Unknown(node), fpath)
            if function == "Fn::GetAtt":
                return self._get_att(node, args), fpath
            return Unknown(node), fpath
        return Unknown(node), fpath

    def _ref(self, node: dict, name: Any) -> Any:
        if not isinstance(name, str):
            return Unknown(node)
        if name == "AWS::NoValue":
            return ABSENT
        if name in self.template.declared:
            value = self.template.parameters.get(name)
            return value if value is not None else Unknown(node)
        resource = self.template.resources.get(name)
        if resource is None:
            return Unknown(node)  # a pseudo parameter (AWS::Region ...) or a dangling name
        literal = _REF_IS_NAME.get(str(resource.get("Type")))
        if literal:
            properties = resource.get("Properties")
            value = properties.get(literal) if isinstance(properties, dict) else None
            if isinstance(value, str) and not _SUB_VARIABLE.search(value):
                return value
        return Reference(node, self.scope, name)

    def _get_att(self, node: dict, args: Any) -> Any:
        if isinstance(args, str):
            args = args.split(".", 1)
        if not (isinstance(args, list) and len(args) == 2 and all(isinstance(a, str) for a in args)):
            return Unknown(node)
        logical, attribute = args
        resource = self.template.resources.get(logical)
        if resource is None:
            return Unknown(node)
        if resource.get("Type") == "AWS::ECR::Repository" and attribute == "RepositoryUri":
            # The registry and the name (its ``Ref``): the literal name, or the placeholder
            # of a name CloudFormation makes, which the workspace follows to the repository.
            name = self._ref({"Ref": logical}, logical)
            return "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/" + (name if isinstance(name, str) else placeholder(name))
        return Reference(node, self.scope, logical, attribute)

    def _find_in_map(self, args: Any, where: Path) -> tuple[Any, Path] | None:
        if not (isinstance(args, list) and len(args) == 3):
            return None
        keys = []
        for index, arg in enumerate(args):
            value, _ = self.resolve(arg, where + (index,))
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                return None
            keys.append(str(value))
        node: Any = self.template.mappings
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node, ("Mappings", *keys)

    def _select(self, args: Any, where: Path) -> tuple[Any, Path] | None:
        if not (isinstance(args, list) and len(args) == 2):
            return None
        index, _ = self.resolve(args[0], where + (0,))
        if isinstance(index, str) and index.strip().isdigit():
            index = int(index)
        if not isinstance(index, int) or isinstance(index, bool):
            return None
        items, items_path = self.resolve(args[1], where + (1,))
        if not isinstance(items, list) or not 0 <= index < len(items):
            return None
        return items[index], items_path + (index,)

    def _sub(self, args: Any) -> str | None:
        """``Fn::Sub``'s text with what the template decides filled in; every other
        variable stays a ``${...}`` placeholder (unknown, but its neighbours are known)."""
        variables: dict[str, Any] = {}
        if isinstance(args, list) and len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], dict):
            text, variables = args
        elif isinstance(args, str):
            text = args
        else:
            return None

        def fill(m: re.Match[str]) -> str:
            name = m.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                value, _ = self.resolve(variables[name], ())
            elif "." in name:
                value = self._get_att({"Fn::GetAtt": name}, name)
            else:
                value = self._ref({"Ref": name}, name)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                return str(value)
            return placeholder(value) if isinstance(value, Unknown) else m.group(0)

        return _SUB_VARIABLE.sub(fill, text)

    def _join(self, args: Any, where: Path) -> str | None:
        if not (isinstance(args, list) and len(args) == 2 and isinstance(args[0], str)):
            return None
        parts, _ = self.resolve(args[1], where + (1,))
        if not isinstance(parts, list):
            return None
        texts = []
        for index, part in enumerate(parts):
            value, _ = self.resolve(part, where + (1, index))
            if isinstance(value, bool) or isinstance(value, (dict, list)) or value is ABSENT:
                return None
            texts.append(placeholder(value) if isinstance(value, Unknown) else str(value))
        return args[0].join(texts)


def scenario_condition(scenarios: list[dict[str, bool]], indices: set[int]) -> str:
    """How a finding present in the scenarios ``indices`` (not all) is qualified: the
    condition values they share (``when IsProduction is true``), or the alternatives."""
    # Only the conditions that take both values across the readings say anything: one
    # decided by the template or by a --parameter is the same in all of them.
    varying = {k for s in scenarios for k in s if len({r.get(k) for r in scenarios}) > 1}
    scenarios = [{k: v for k, v in s.items() if k in varying} for s in scenarios]
    chosen = [scenarios[i] for i in sorted(indices) if i < len(scenarios)]
    if not chosen:
        return ""
    shared = {k: v for k, v in chosen[0].items() if all(s.get(k) == v for s in chosen)}

    def covered(values: dict[str, bool]) -> int:
        return sum(all(s.get(k) == v for k, v in values.items()) for s in scenarios)

    if shared and covered(shared) == len(chosen):
        # Name only what it takes: a condition implied by the others (IsBuildOrDev when
        # IsDev is true) says nothing more. A condition that holds reads better than one
        # that does not, so those that do not are dropped first.
        for name in sorted(shared, key=lambda k: (shared[k], k)):
            fewer = {k: v for k, v in shared.items() if k != name}
            if fewer and covered(fewer) == len(chosen):
                shared = fewer
        return "when " + " and ".join(f"{k} is {'true' if v else 'false'}" for k, v in sorted(shared.items()))
    options = [" and ".join(f"{k} is {'true' if v else 'false'}" for k, v in sorted(s.items())) for s in chosen]
    return "when " + ", or when ".join(options)


def iter_documents(files: list[SourceFile]) -> Iterator[Document]:
    for file in files:
        yield from file.documents


#: A parameters file holds at most CloudFormation's 200 parameters of 4 KB each.
MAX_PARAMETERS_BYTES = 4 * 1024 * 1024


def parameters_from(pairs: list[str], files: list[str]) -> dict[str, str]:
    """Template parameter values from ``--parameter NAME=VALUE`` and parameter files, in
    the forms CloudFormation's own tools take: ``aws cloudformation create-stack
    --parameters file://...`` (``[{"ParameterKey": ..., "ParameterValue": ...}]``), a
    CodePipeline template configuration (``{"Parameters": {...}}``), ``aws cloudformation
    deploy --parameter-overrides`` (``["Name=Value", ...]``), or a plain object. Later
    values win; a malformed one is a :class:`~ecslint.config.ConfigError`."""
    from ecslint.config import ConfigError

    out: dict[str, str] = {}
    from ecslint.load.files import read_regular

    for path in files:
        try:
            data = json.loads(read_regular(path, MAX_PARAMETERS_BYTES).decode("utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read parameters file {path}: {exc.strerror or exc}") from None
        except (ValueError, RecursionError):  # not UTF-8, not JSON, nested too deep
            raise ConfigError(f"{path}: a parameters file must be JSON") from None
        out.update(_parameters_in(data, path))
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise ConfigError(f"--parameter {pair!r}: expected NAME=VALUE")
        out[name.strip()] = value
    return out


def _parameters_in(data: Any, path: str) -> dict[str, str]:
    from ecslint.config import ConfigError

    if isinstance(data, dict) and isinstance(data.get("Parameters"), dict):
        data = data["Parameters"]
    out: dict[str, str] = {}
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = []
        for entry in data:
            if isinstance(entry, dict) and isinstance(entry.get("ParameterKey"), str) and "ParameterValue" in entry:
                items.append((entry["ParameterKey"], entry["ParameterValue"]))
            elif isinstance(entry, str) and "=" in entry:
                items.append(tuple(entry.split("=", 1)))
            else:
                raise ConfigError(f"{path}: expected ParameterKey/ParameterValue objects or NAME=VALUE strings")
    else:
        raise ConfigError(f"{path}: not a CloudFormation parameters file")
    for name, value in items:
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(name, str) or not isinstance(value, (str, int, float)):
            raise ConfigError(f"{path}: parameter values must be strings")
        out[name] = str(value)
    return out
