"""Tests for the generated ECS schemas and for ``ecslint.schemas.fast_check``.

``fast_check`` replaces jsonschema on the hot path, so its verdict must be *exactly*
jsonschema's: the property tests below generate near-valid documents from each schema (the
interesting branches are one wrong value away from valid) and compare both answers.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from ecslint import schemas

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "ecslint" / "schemas"
GENERATOR = ROOT / "tools" / "gen_schemas.py"
GENERATED = (
    "capacity-provider",
    "cluster",
    "container-definitions",
    "repository",
    "service",
    "service-describe",
    "service-update",
    "task-definition",
    "task-definition-describe",
    "target-group",
)
AVAILABLE = tuple(n for n in schemas.NAMES if (SCHEMA_DIR / f"{n}.json").exists())
COMMITTED = sorted(p.stem for p in SCHEMA_DIR.glob("*.json"))


def never_unknown(value: Any) -> bool:
    return False


def placeholder(value: Any) -> bool:
    return isinstance(value, str) and "${" in value


def agree(name: str, instance: Any) -> bool:
    """Assert fast_check and jsonschema agree on ``instance``; return the verdict."""
    expected = schemas.validator(name).is_valid(instance)
    assert schemas.fast_check(name, instance, never_unknown) is expected, (
        name,
        instance,
        [e.message for e in schemas.validator(name).iter_errors(instance)][:5],
    )
    return expected


# --------------------------------------------------------------------------------------
# Generation


def load_generator() -> ModuleType:
    """tools/ is not a package: load the script from its path."""
    spec = importlib.util.spec_from_file_location("_ecslint_gen_schemas", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_generated_schemas_match_botocore() -> None:
    botocore = pytest.importorskip("botocore", reason="botocore (dev dependency) not installed")
    recorded = {schemas.load(n)["x-ecslint-source"]["botocore"] for n in GENERATED}
    if recorded != {botocore.__version__}:
        pytest.skip(
            f"committed schemas come from botocore {sorted(recorded)}, installed is "
            f"{botocore.__version__}: run tools/gen_schemas.py and review the diff"
        )
    gen = load_generator()
    generated = gen.generate()
    assert sorted(generated) == sorted(GENERATED)
    for name in GENERATED:
        assert generated[name] == schemas.load(name), f"{name}: run tools/gen_schemas.py"
        text = (SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8")
        assert gen.render(generated[name]) == text, f"{name}: formatting drifted"


def test_generator_pattern_translation() -> None:
    gen = load_generator()
    pattern, note = gen.translate_pattern(r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)")
    assert pattern is not None and "anchored" in note
    ok = re.compile(pattern)
    for value in ("", "env", "Name 1", "café:ünï/=+-@_.", "名前", "a\u00a0b", "٣"):
        assert ok.search(value), value
    for value in ("a,b", "a\tb", "a\nb", "emoji😀", "x!"):
        assert not ok.search(value), value
    assert gen.translate_pattern("[a-z]+")[0] == "^(?:[a-z]+)$"
    dropped, note = gen.translate_pattern(r"[\p{Lu}]+")
    assert dropped is None and "dropped" in note


def test_first_sentence() -> None:
    gen = load_generator()
    doc = "<p>The <code>cpu</code> units, e.g. <b>1024</b>. More text.</p><p>Second.</p>"
    assert gen.first_sentence(doc) == "The cpu units, e.g. 1024."
    long_doc = "<p>" + "word " * 200 + "</p>"
    assert len(gen.first_sentence(long_doc)) <= 300
    assert gen.first_sentence("") == ""


# --------------------------------------------------------------------------------------
# Committed schema files


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"


def test_names_cover_committed_files() -> None:
    assert set(COMMITTED) <= set(schemas.NAMES)
    assert set(GENERATED) <= set(COMMITTED)
    with pytest.raises(KeyError):
        schemas.load("nope")


def _walk(node: Any) -> Iterator[Any]:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


@pytest.mark.parametrize("name", GENERATED)
def test_generated_schema_shape(name: str) -> None:
    schema = schemas.load(name)
    uid = {"repository": "ecr-2015-09-21", "target-group": "elasticloadbalancingv2-2015-12-01"}.get(name, "ecs-2014-11-13")
    assert schema["x-ecslint-source"]["uid"] == uid
    assert "$comment" in schema and "Deviations" in schema["$comment"]
    nullable = any(
        isinstance(n, dict) and (n.get("type") == "null" or "null" in n.get("type", []))
        for n in _walk(schema)
    )
    assert nullable is name.endswith("-describe")
    for node in _walk(schema):
        if isinstance(node, dict) and node.get("type") == "object" and "properties" in node:
            # describe-services output is written by AWS and may be newer than the model
            assert node["additionalProperties"] is (name == "service-describe")
        if isinstance(node, dict) and isinstance(node.get("description"), str):
            assert len(node["description"]) <= 300 and "<" not in node["description"]


def test_read_only_lists() -> None:
    td = schemas.load("task-definition")["x-ecslint-read-only"]
    assert td == sorted(td)
    assert {
        "taskDefinitionArn",
        "revision",
        "status",
        "requiresAttributes",
        "compatibilities",
        "registeredAt",
        "registeredBy",
        "deregisteredAt",
        "deleteRequestedAt",
    } <= set(td)
    svc = set(schemas.load("service")["x-ecslint-read-only"])
    assert {"serviceArn", "clusterArn", "runningCount", "deployments", "events"} <= svc
    assert "serviceName" not in svc
    update = set(schemas.load("service-update")["x-ecslint-read-only"])
    assert {"serviceArn", "runningCount"} <= update
    # settable at creation, not accepted by UpdateService: unknown there, but not read-only
    assert not {"serviceName", "launchType", "schedulingStrategy"} & update
    for name in ("task-definition-describe", "service-describe", "container-definitions"):
        assert "x-ecslint-read-only" not in schemas.load(name)


# --------------------------------------------------------------------------------------
# Deviations and hand-written documents

FARGATE_TASK: dict[str, Any] = {
    "family": "web-app",
    "networkMode": "awsvpc",
    "requiresCompatibilities": ["FARGATE"],
    "cpu": "256",
    "memory": 512,
    "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
    "containerDefinitions": [
        {
            "name": "web",
            "image": "public.ecr.aws/nginx/nginx:1.27",
            "essential": True,
            "portMappings": [{"containerPort": 80, "protocol": "tcp", "appProtocol": "http"}],
            "environment": [{"name": "MODE", "value": "prod"}],
            "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:1:parameter/db"}],
            "logConfiguration": {
                "logDriver": "awslogs",
                "options": {"awslogs-group": "/ecs/web", "awslogs-stream-prefix": "web"},
            },
            "healthCheck": {"command": ["CMD-SHELL", "curl -f localhost"], "interval": 30},
            "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}],
            "linuxParameters": {"capabilities": {"drop": ["ALL"]}, "initProcessEnabled": True},
            "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}],
        },
        {"name": "init", "image": "busybox", "essential": False, "command": ["true"]},
    ],
    "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1"}}],
    "tags": [{"key": "team", "value": "platform"}],
}

DESCRIBED_TASK: dict[str, Any] = {
    "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web-app:3",
    "family": "web-app",
    "revision": 3,
    "status": "ACTIVE",
    "cpu": "256",
    "memory": "512",
    "networkMode": "awsvpc",
    "compatibilities": ["EC2", "FARGATE"],
    "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"}],
    "registeredAt": "2024-05-01T10:00:00.123000+00:00",
    "deregisteredAt": 1714557600.5,
    "registeredBy": "arn:aws:iam::123456789012:user/dev",
    "taskRoleArn": None,
    "containerDefinitions": [
        {
            "name": "web",
            "image": "nginx",
            "cpu": 0,
            "essential": True,
            "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}],
            "environment": [],
            "mountPoints": [],
            "volumesFrom": [],
            "systemControls": [],
            "memory": None,
        }
    ],
    "volumes": [],
    "placementConstraints": [],
}

SERVICE: dict[str, Any] = {
    "cluster": "prod",
    "serviceName": "web",
    "taskDefinition": "web-app:3",
    "desiredCount": 2,
    "launchType": "FARGATE",
    "networkConfiguration": {
        "awsvpcConfiguration": {
            "subnets": ["subnet-1", "subnet-2"],
            "securityGroups": ["sg-1"],
            "assignPublicIp": "DISABLED",
        }
    },
    "loadBalancers": [
        {"targetGroupArn": "arn:aws:elasticloadbalancing:tg", "containerName": "web",
         "containerPort": 80}
    ],
    "deploymentConfiguration": {
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
        "deploymentCircuitBreaker": {"enable": True, "rollback": True},
    },
    "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}],
    "enableExecuteCommand": False,
    "propagateTags": "SERVICE",
    "tags": [{"key": "team", "value": "platform"}],
}

SERVICE_UPDATE: dict[str, Any] = {
    "cluster": "prod",
    "service": "web",
    "taskDefinition": "web-app:4",
    "forceNewDeployment": True,
    "desiredCount": 3,
}

DESCRIBED_SERVICE: dict[str, Any] = {
    "serviceArn": "arn:aws:ecs:eu-west-1:123456789012:service/prod/web",
    "serviceName": "web",
    "clusterArn": "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
    "status": "ACTIVE",
    "desiredCount": 2,
    "runningCount": 2,
    "pendingCount": 0,
    "launchType": "FARGATE",
    "platformVersion": "LATEST",
    "taskDefinition": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web-app:3",
    "roleArn": None,
    "createdAt": 1714557600,
    "events": [{"id": "e1", "createdAt": "2024-05-01T10:00:00Z", "message": "steady state"}],
    "deployments": [
        {"id": "ecs-svc/1", "status": "PRIMARY", "desiredCount": 2, "rolloutState": "COMPLETED"}
    ],
}

VALID_DOCUMENTS = [
    ("task-definition", FARGATE_TASK),
    ("container-definitions", FARGATE_TASK["containerDefinitions"]),
    ("task-definition-describe", DESCRIBED_TASK),
    ("service", SERVICE),
    ("service-update", SERVICE_UPDATE),
    ("service-describe", DESCRIBED_SERVICE),
]


def _with(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


CD = "containerDefinitions"
INVALID_DOCUMENTS = [
    # read-only member fed back to RegisterTaskDefinition
    ("task-definition", _with(FARGATE_TASK, ("taskDefinitionArn",), "arn:x")),
    # null is not accepted by the input API
    ("task-definition", _with(FARGATE_TASK, ("memory",), None)),
    ("task-definition", _with(FARGATE_TASK, ("networkMode",), "AWSVPC")),
    ("task-definition", _with(FARGATE_TASK, ("family",), "my app")),
    ("task-definition", _with(FARGATE_TASK, ("family",), "x" * 256)),
    ("task-definition", _with(FARGATE_TASK, ("cpu",), 0.5)),
    ("task-definition", _with(FARGATE_TASK, (CD, 0, "name"), "web.1")),
    ("task-definition", _with(FARGATE_TASK, (CD, 0, "memory"), "512")),
    ("task-definition", _with(FARGATE_TASK, (CD, 0, "essential"), "true")),
    ("task-definition", _with(FARGATE_TASK, (CD, 0, "ulimits", 0, "name"), "NOFILE")),
    ("task-definition", _with(FARGATE_TASK, ("volumes", 0, "name"), "my volume")),
    ("task-definition", _with(FARGATE_TASK, ("tags", 0, "key"), "")),
    ("task-definition", _with(FARGATE_TASK, ("tags", 0, "value"), "a,b")),
    ("task-definition", _with(FARGATE_TASK, ("tags", 0, "value"), "v" * 257)),
    ("task-definition", {"containerDefinitions": []}),
    ("container-definitions", FARGATE_TASK),
    ("task-definition-describe", _with(DESCRIBED_TASK, ("revision",), "3")),
    ("task-definition-describe", _with(DESCRIBED_TASK, ("registeredAt",), True)),
    ("service", _with(SERVICE, ("launchType",), "fargate")),
    ("service", _with(SERVICE, ("serviceName",), "web/1")),
    ("service", _with(SERVICE, ("capacityProviderStrategy", 0, "weight"), 1001)),
    ("service", _with(SERVICE, ("runningCount",), 2)),
    ("service-update", _with(SERVICE_UPDATE, ("serviceName",), "web")),
    ("service-describe", _with(DESCRIBED_SERVICE, ("desiredCount",), "2")),
]

DEVIATION_DOCUMENTS = [
    # (1) task cpu/memory: strings or integers
    ("task-definition", _with(FARGATE_TASK, ("cpu",), 1024)),
    ("task-definition", _with(FARGATE_TASK, ("memory",), "2 GB")),
    ("task-definition", _with(FARGATE_TASK, ("cpu",), "1 vCPU")),
    # (2) unknown transport protocol is treated as tcp by the API
    ("task-definition", _with(FARGATE_TASK, (CD, 0, "portMappings", 0, "protocol"), "sctp")),
    # describe output: any member may be null
    ("task-definition-describe", _with(DESCRIBED_TASK, ("family",), None)),
    ("service-describe", _with(DESCRIBED_SERVICE, ("deployments",), None)),
]


def test_integral_float_is_not_an_api_integer() -> None:
    """botocore rejects 80.0 for an integer member, although JSON Schema accepts it."""
    doc = _with(FARGATE_TASK, (CD, 0, "portMappings", 0, "containerPort"), 80.0)
    assert agree("task-definition", doc) is False


@pytest.mark.parametrize(("name", "doc"), VALID_DOCUMENTS + DEVIATION_DOCUMENTS)
def test_hand_written_valid(name: str, doc: Any) -> None:
    assert agree(name, doc)


@pytest.mark.parametrize(("name", "doc"), INVALID_DOCUMENTS)
def test_hand_written_invalid(name: str, doc: Any) -> None:
    assert not agree(name, doc)


def botocore_examples() -> list[tuple[str, Any]]:
    loaders = pytest.importorskip("botocore.loaders")
    examples = loaders.Loader().load_service_model("ecs", "examples-1")["examples"]
    cases: list[tuple[str, Any]] = []
    for ex in examples.get("RegisterTaskDefinition", []):
        cases.append(("task-definition", ex["input"]))
        cases.append(("container-definitions", ex["input"]["containerDefinitions"]))
        cases.append(("task-definition-describe", ex["output"]["taskDefinition"]))
    for ex in examples.get("DescribeTaskDefinition", []):
        cases.append(("task-definition-describe", ex["output"]["taskDefinition"]))
    for ex in examples.get("CreateService", []):
        cases.append(("service", ex["input"]))
        cases.append(("service-describe", ex["output"]["service"]))
    for ex in examples.get("UpdateService", []):
        cases.append(("service-update", ex["input"]))
    for ex in examples.get("DescribeServices", []):
        cases.extend(("service-describe", s) for s in ex["output"]["services"])
    return cases


def test_botocore_examples() -> None:
    cases = botocore_examples()
    assert len(cases) >= 8
    for name, doc in cases:
        assert agree(name, json.loads(json.dumps(doc))), name  # AWS's own examples are valid


def test_unknown_values_are_valid() -> None:
    doc = {"family": "x", "containerDefinitions": [{"name": "a", "image": "b", "memory": "${MEM}"}]}
    assert schemas.fast_check("task-definition", doc, placeholder)
    assert not schemas.fast_check("task-definition", doc, never_unknown)
    assert not schemas.fast_check("task-definition", doc)

    def intrinsic(value: Any) -> bool:
        return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in {"Ref"}

    cfn = _with(FARGATE_TASK, (CD, 0, "portMappings"), {"Ref": "Ports"})
    assert schemas.fast_check("task-definition", cfn, intrinsic)
    assert not schemas.fast_check("task-definition", cfn, never_unknown)
    # a wrong key stays wrong whatever its value
    extra = _with(FARGATE_TASK, ("taskDefinitionArn",), "${ARN}")
    assert not schemas.fast_check("task-definition", extra, placeholder)
    # the whole document may be unknown
    assert schemas.fast_check("service", "${SERVICE}", placeholder)


def test_package_import_stays_light() -> None:
    code = (
        "import sys, ecslint.schemas as s\n"
        "assert s.fast_check('service', {'serviceName': 'web'})\n"
        "heavy = sorted(m for m in ('jsonschema', 'botocore', 'referencing')"
        " if m in sys.modules)\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------
# Property tests: fast_check == jsonschema on near-valid instances

SMALL_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)
JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | SMALL_TEXT
    | st.sampled_from(["", "tcp", "ENABLED", "${X}", "a b", "1 vCPU", "awsvpc"])
)
ANY_JSON = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SMALL_TEXT, inner, max_size=3),
    max_leaves=6,
)
VALIDATION_KEYWORDS = {
    "$ref", "type", "enum", "const", "properties", "patternProperties", "required",
    "dependentRequired", "additionalProperties",
    "propertyNames", "minProperties", "maxProperties", "items", "minItems", "maxItems",
    "minLength", "maxLength", "pattern", "minimum", "maximum", "not", "allOf", "anyOf",
    "oneOf", "if", "then", "else",
}


class Gen:
    """Draws instances shaped by a schema, then plants a chosen number of mistakes.

    A valid instance is drawn first while every placed value is recorded as a site; then
    ``errors`` sites, chosen uniformly, are overwritten by a value that is wrong in one
    specific way (a bound off by one, a wrong enum value, a missing required or an extra
    key, a wrong type). With ``errors=0`` the instance is valid; with 1 it is exactly one
    mistake away, which is where a hand-written validator goes wrong. ``chaos`` also
    replaces random values by arbitrary JSON while drawing.
    """

    def __init__(self, draw: Any, root: Any, errors: int = 0, chaos: int = 0) -> None:
        self.draw = draw
        self.root = root
        self.errors = errors
        self.chaos = chaos
        self.sites: list[tuple[Any, Any, Any, int]] = []
        # CloudFormation schemas also take scalars in their converted spelling ("512").
        self.coerced = schemas.is_coerced(root)

    def instance(self) -> Any:
        return self.value_at("#")

    def value_at(self, ref: str) -> Any:
        """An instance of the subschema at ``ref`` (``#`` or ``#/$defs/...``)."""
        box = [None]
        self.place(box, 0, {"$ref": ref}, 0)
        sites, self.sites = self.sites, []
        bounded = [site for site in sites if BOUND_KEYWORDS & set(self.flat(site[2]))]
        for _ in range(self.errors):
            # Half of the mistakes go to sites with bounds: they are rare but subtle.
            pool = bounded if bounded and self.one_in(2) else sites
            if not pool:
                break
            container, key, schema, depth = pool[self.draw(st.integers(0, len(pool) - 1))]
            container[key] = self.wrong(schema, depth)
        return box[0]

    def flat(self, schema: Any) -> dict[str, Any]:
        """The keywords of ``schema`` and of its anyOf/oneOf branches, refs resolved."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return {}
        out = dict(schema)
        for key in ("anyOf", "oneOf"):
            for branch in schema.get(key, []):
                out.update(self.flat(branch))
        return out

    def place(self, container: Any, key: Any, schema: Any, depth: int) -> None:
        container[key] = self.value(schema, depth)
        self.sites.append((container, key, schema, depth))

    def one_in(self, n: int) -> bool:
        return bool(self.draw(st.integers(0, n - 1)) == 0)

    def pick(self, options: Any) -> Any:
        return self.draw(st.sampled_from(list(options)))

    def resolve(self, schema: Any) -> Any:
        while isinstance(schema, dict) and set(schema) & VALIDATION_KEYWORDS == {"$ref"}:
            node = self.root
            for token in schema["$ref"][2:].split("/") if schema["$ref"] != "#" else []:
                node = node[token.replace("~1", "/").replace("~0", "~")]
            schema = node
        return schema

    def fold(self, schema: Any) -> Any:
        """``schema`` with its presence constraints folded into the object it sits on: a
        ``oneOf`` of single ``required`` lists (exactly one of these keys) adds one branch's
        key to ``required``; ``not: {required: [a, b]}`` pairs are left to chance."""
        if not isinstance(schema, dict) or "properties" not in schema:
            return schema
        out = dict(schema)
        if all(set(b) == {"required"} for b in out.get("oneOf", [{}])):
            branch = self.pick(out.pop("oneOf"))
            out["required"] = [*out.get("required", []), *branch["required"]]
        if all(set(b) == {"not"} for b in out.get("allOf", [{}])):
            out.pop("allOf", None)
        return out

    def value(self, schema: Any, depth: int = 0) -> Any:
        schema = self.fold(self.resolve(schema))
        if not isinstance(schema, dict) or (self.chaos and self.one_in(self.chaos)):
            return self.draw(ANY_JSON)
        for key in ("anyOf", "oneOf", "allOf"):
            if key in schema:
                return self.value(self.pick(schema[key]), depth)
        if "if" in schema:
            branches = [schema[k] for k in ("if", "then", "else") if k in schema]
            return self.value(self.pick(branches), depth)
        if "const" in schema:
            return copy.deepcopy(schema["const"])
        if "enum" in schema:
            return copy.deepcopy(self.pick(schema["enum"]))
        kind = self.kind(schema)
        if kind == "object":
            return self.object(schema, depth)
        if kind == "array":
            low = schema.get("minItems", 0)
            high = min(schema.get("maxItems", 10**6), low + (3 if depth < 6 else 1))
            out: list[Any] = [None] * self.draw(st.integers(low, high))
            for i in range(len(out)):
                self.place(out, i, schema.get("items", True), depth + 1)
            return out
        if kind == "string":
            return self.string(schema)
        if kind == "integer":
            value = self.draw(st.integers(schema.get("minimum", -(10**6)),
                                          schema.get("maximum", 10**6)))
            if self.coerced and self.one_in(4):
                return str(value)
            return float(value) if self.one_in(8) else value  # 14.0 is not an API integer
        if kind == "number":
            low, high = schema.get("minimum", -1e6), schema.get("maximum", 1e6)
            number = self.draw(st.floats(low, high) | st.integers(int(low), int(high)))
            return str(number) if self.coerced and self.one_in(4) else number
        if kind == "boolean":
            if self.coerced and self.one_in(4):
                return self.pick(["true", "True", "TRUE", "false", "False", "FALSE"])
            return self.draw(st.booleans())
        if kind == "null":
            return None
        return self.draw(ANY_JSON)

    def kind(self, schema: dict[str, Any]) -> str | None:
        types = schema.get("type")
        if types is None:
            if {"properties", "additionalProperties", "required"} & set(schema):
                return "object"
            return "array" if "items" in schema else None
        return str(self.pick(types)) if isinstance(types, list) else str(types)

    def object(self, schema: dict[str, Any], depth: int) -> dict[Any, Any]:
        props = schema.get("properties", {})
        out: dict[Any, Any] = {}
        for key in schema.get("required", []):
            self.place(out, key, props.get(key, True), depth + 1)
        names = sorted(set(props) - set(out))
        if names:
            most = min(4 if depth < 4 else 2, len(names))
            for key in self.draw(st.lists(st.sampled_from(names), max_size=most, unique=True)):
                self.place(out, key, props[key], depth + 1)
        for pattern, sub in schema.get("patternProperties", {}).items():  # maps: DockerLabels
            for _ in range(self.draw(st.integers(0, 2))):
                self.place(out, self.draw(st.from_regex(pattern).filter(lambda k: len(k) < 20)), sub,
                           depth + 1)
        extra = schema.get("additionalProperties", True)
        if isinstance(extra, dict):
            for _ in range(self.draw(st.integers(0, 2))):
                self.place(out, self.draw(SMALL_TEXT), extra, depth + 1)
        return out

    def string(self, schema: dict[str, Any]) -> str:
        low = schema.get("minLength", 0)
        high = schema.get("maxLength", low + 12)
        if "pattern" in schema:
            return str(self.draw(
                st.from_regex(schema["pattern"], fullmatch=True).filter(
                    lambda s: low <= len(s) <= high)))
        if self.one_in(4):
            return "x" * self.pick({low, high})
        return str(self.draw(st.text(min_size=low, max_size=min(high, low + 12))))

    def wrong(self, schema: Any, depth: int) -> Any:
        """A value that is probably invalid for ``schema`` in one specific way."""
        schema = self.fold(self.resolve(schema))
        if not isinstance(schema, dict):
            return self.draw(ANY_JSON)
        for key in ("anyOf", "oneOf"):
            if key in schema:  # e.g. describe's [null, X]: be wrong for X
                branches = [b for b in schema[key] if self.resolve(b) != {"type": "null"}]
                return self.wrong(self.pick(branches or schema[key]), depth)
        # Off-by-one bounds first (they are subtle), then generic mistakes.
        bounds: list[Any] = []
        generic: list[Any] = [lambda: self.draw(ANY_JSON), lambda: None]
        if "enum" in schema:
            generic.append(lambda: str(self.pick(schema["enum"])).upper() + "x")
            generic.append(lambda: str(self.pick(schema["enum"])).lower())
        kind = self.kind(schema) if "enum" not in schema else None
        if kind == "object":
            required = schema.get("required", [])
            if required:
                def drop() -> Any:
                    out = self.object(schema, depth)
                    out.pop(self.pick(required), None)
                    return out
                bounds.append(drop)
            if schema.get("additionalProperties") is False:
                def extra() -> Any:
                    out = self.object(schema, depth)
                    key = self.draw(SMALL_TEXT.filter(lambda k: k not in schema.get("properties", {})))
                    out[key] = self.draw(ANY_JSON)
                    return out
                bounds.append(extra)
            for key, needed in schema.get("dependentRequired", {}).items():
                if not needed:
                    continue

                def lonely(key: str = key, needed: list[str] = needed) -> Any:
                    out = self.object(schema, depth)
                    out[key] = self.value(schema["properties"].get(key, True), depth + 1)
                    out.pop(self.pick(needed), None)
                    return out
                bounds.append(lonely)
            if "maxProperties" in schema:
                def too_many() -> Any:
                    out = self.object(schema, depth)
                    for i in range(schema["maxProperties"] + 1 - len(out)):
                        out[f"k{'z' * i}"] = self.value(schema.get("additionalProperties", True))
                    return out
                bounds.append(too_many)
            if schema.get("minProperties", 0) > 0:
                bounds.append(lambda: {})
            generic.append(lambda: [self.object(schema, depth)])
        elif kind == "array":
            items = schema.get("items", True)
            if "maxItems" in schema:
                bounds.append(lambda: [self.value(items, depth + 1)
                                       for _ in range(schema["maxItems"] + 1)])
            if schema.get("minItems", 0) > 0:
                bounds.append(lambda: [self.value(items, depth + 1)
                                       for _ in range(schema["minItems"] - 1)])
            generic.append(lambda: {"0": self.value(items, depth + 1)})
        elif kind == "string":
            if schema.get("minLength", 0) > 0:
                bounds.append(lambda: "y" * (schema["minLength"] - 1))
            if "maxLength" in schema:
                bounds.append(lambda: "y" * (schema["maxLength"] + 1))
            if "pattern" in schema:
                bounds.append(lambda: self.pick(["my app", "a,b", "a/b", "", "x" * 256, "é"]))
            generic.extend([lambda: self.draw(st.integers(-5, 5)), lambda: True])
        elif kind in ("integer", "number"):
            if "minimum" in schema:
                bounds.append(lambda: schema["minimum"] - 1)
                bounds.append(lambda: str(schema["minimum"] - 1))  # CloudFormation converts it
            if "maximum" in schema:
                bounds.append(lambda: schema["maximum"] + 1)
                bounds.append(lambda: f" {schema['maximum'] + 0.5} ")
            generic.extend([lambda: True, lambda: "5", lambda: 2.5, lambda: "5x", lambda: "2.5",
                            lambda: float("inf")])
        elif kind == "boolean":
            generic.extend([lambda: "true", lambda: 1, lambda: 0, lambda: "yes", lambda: "tRUE"])
        elif kind == "null":
            generic.extend([lambda: "null", lambda: 0, lambda: False])
        choices = bounds if bounds and not self.one_in(3) else generic
        return choices[self.draw(st.integers(0, len(choices) - 1))]()


BOUND_KEYWORDS = {
    "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems",
    "minProperties", "maxProperties",
}
# (errors, chaos): valid documents, one or two planted mistakes, or arbitrary noise.
ERROR_MODES = [(0, 0), (1, 0), (1, 0), (2, 0), (0, 25)]


@st.composite
def near_valid(draw: Any, name: str) -> Any:
    errors, chaos = draw(st.sampled_from(ERROR_MODES))
    return Gen(draw, schemas.load(name), errors, chaos).instance()


PROPERTY_SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("name", AVAILABLE)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_fast_check_agrees_with_jsonschema(name: str, data: st.DataObject) -> None:
    agree(name, data.draw(near_valid(name), label="instance"))


def constrained_definitions(name: str) -> list[str]:
    """``$defs`` entries carrying bounds or required keys: the branches worth aiming at.

    Entries with numeric/length bounds come first and are listed twice, so the draw below
    favours them over the (many) structures that only have ``required``.
    """
    defs = schemas.load(name).get("$defs", {})
    bounded = sorted(k for k, sub in defs.items() if BOUND_KEYWORDS & set(sub))
    required = sorted(
        k for k, sub in defs.items() if {"required", "oneOf"} & set(sub) and k not in bounded
    )
    return bounded * 2 + required


@functools.cache
def definition_checkers(name: str, definition: str) -> tuple[Any, Draft202012Validator]:
    root = schemas.load(name)
    sub = {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{definition}"}
    return schemas.compile_predicate(sub), schemas.make_validator(sub)


@pytest.mark.parametrize("name", [n for n in AVAILABLE if constrained_definitions(n)])
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_fast_check_agrees_per_definition(name: str, data: st.DataObject) -> None:
    """Aim straight at each constrained shape: whole documents reach deep ones rarely."""
    definition = data.draw(st.sampled_from(constrained_definitions(name)), label="definition")
    check, validator = definition_checkers(name, definition)
    root = schemas.load(name)
    errors, chaos = data.draw(st.sampled_from(ERROR_MODES))
    instance = Gen(data.draw, root, errors, chaos).value_at(f"#/$defs/{definition}")
    assert check(instance, never_unknown) is validator.is_valid(instance), instance


def minimal(root: Any, schema: Any) -> Any:
    """A small, usually valid instance of ``schema`` (deterministic; for boundary tests)."""
    schema = Gen(None, root).resolve(schema)
    if not isinstance(schema, dict):
        return None
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return minimal(root, schema[key][-1])
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    types = schema.get("type")
    kind = types[0] if isinstance(types, list) else types
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: minimal(root, props.get(k, True)) for k in schema.get("required", [])}
    if kind == "array":
        return [minimal(root, schema.get("items", True)) for _ in range(schema.get("minItems", 0))]
    if kind == "string":
        return "a" * max(schema.get("minLength", 0), 1 if "pattern" in schema else 0)
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    return {"boolean": True, "null": None}.get(kind)


def boundary_cases(root: Any, schema: Any) -> list[Any]:
    """Valid minimal instance plus values at and just past every bound of ``schema``."""
    schema = Gen(None, root).resolve(schema)
    base = minimal(root, schema)
    cases = [base, None, True, 0, 1.0, 2.5, "", "x", [], {}]
    if not isinstance(schema, dict):
        return cases
    for key in ("minLength", "maxLength"):
        if key in schema:
            cases += ["y" * n for n in (schema[key] - 1, schema[key], schema[key] + 1) if n >= 0]
    if "pattern" in schema:
        cases += ["a", "A-b_9", "my app", "a,b", "x" * 255, "x" * 256, "é", "名前", "a\tb"]
    for key in ("minimum", "maximum"):
        if key in schema:
            bound = schema[key]
            cases += [bound - 1, bound, bound + 1, bound - 0.5, bound + 0.5, float(bound)]
    items = minimal(root, schema.get("items", True))
    for key in ("minItems", "maxItems"):
        if key in schema:
            cases += [[items] * n for n in (schema[key] - 1, schema[key], schema[key] + 1)
                      if n >= 0]
    if isinstance(base, dict):
        for key in schema.get("required", []):
            cases.append({k: v for k, v in base.items() if k != key})
        cases.append({**base, "notAMember": 1})
        for key in schema.get("properties", {}):
            cases.append({**base, key: None})
    if "enum" in schema:
        cases += [str(v).upper() + "x" for v in schema["enum"]]
    return cases


@pytest.mark.parametrize("name", AVAILABLE)
def test_fast_check_agrees_on_every_definition_boundary(name: str) -> None:
    """Deterministic sweep: every ``$defs`` entry at and around each of its bounds."""
    root = schemas.load(name)
    count = 0
    for definition in sorted(root.get("$defs", {})):
        check, validator = definition_checkers(name, definition)
        for case in boundary_cases(root, root["$defs"][definition]):
            assert check(case, never_unknown) is validator.is_valid(case), (definition, case)
            count += 1
    assert count > 0


@pytest.mark.parametrize("name", AVAILABLE)
@settings(max_examples=40, deadline=None)
@given(instance=ANY_JSON)
def test_fast_check_agrees_on_arbitrary_json(name: str, instance: Any) -> None:
    agree(name, instance)


@pytest.mark.parametrize("name", AVAILABLE)
def test_near_valid_strategy_reaches_both_verdicts(name: str) -> None:
    """Guard the generator itself: it must produce valid *and* invalid documents."""
    verdicts: set[bool] = set()

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        verdicts.add(agree(name, data.draw(near_valid(name))))

    run()
    assert verdicts == {True, False}


# --------------------------------------------------------------------------------------
# compile_predicate on the keywords the generated schemas do not exercise

KEYWORD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "node": {
            "type": "object",
            "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node"},
                                    "maxItems": 2}},
            "additionalProperties": {"type": ["integer", "null"], "minimum": 0, "maximum": 5},
            "propertyNames": {"pattern": "^[a-z]+$", "maxLength": 4},
            "maxProperties": 3,
        },
        "map": {  # CloudFormation shapes: a map, and keys that go together
            "type": "object",
            "properties": {"xb": {"type": "boolean"}},
            "patternProperties": {"^a": {"type": "string", "maxLength": 2}, "b$": {"minimum": 1}},
            "additionalProperties": False,
            "dependentRequired": {"xb": ["cb"], "cb": []},
        },
    },
    "anyOf": [
        {"$ref": "#/$defs/node"},
        {"$ref": "#/$defs/map"},
        {"enum": [1, True, "a", None, [1], {"k": 1.0}]},
        {"const": [False]},
        {"type": "number", "not": {"type": "integer"}},
        {"type": "string", "minLength": 2, "pattern": "b", "x-note": "ignored"},
    ],
    "oneOf": [{"type": "object"}, {"type": ["string", "number", "boolean", "array", "null"]},
              {"type": "string", "minLength": 3}],
    "if": {"type": "object", "required": ["kids"]},
    "then": {"minProperties": 2, "allOf": [{"not": {"required": ["stop"]}}]},
    "else": {"not": {"const": "bbb"}},
}
KEYWORD_CHECK = schemas.compile_predicate(KEYWORD_SCHEMA)
KEYWORD_VALIDATOR = schemas.make_validator(KEYWORD_SCHEMA)
# The same keywords under CloudFormation's scalar coercion.
COERCED_SCHEMA = {**KEYWORD_SCHEMA, "x-ecslint-coercion": "cloudformation"}
COERCED_CHECK = schemas.compile_predicate(COERCED_SCHEMA)
COERCED_VALIDATOR = schemas.make_validator(COERCED_SCHEMA)


@st.composite
def keyword_instances(draw: Any, schema: Any = KEYWORD_SCHEMA) -> Any:
    errors, chaos = draw(st.sampled_from(ERROR_MODES))
    return Gen(draw, schema, errors, chaos).instance()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=ANY_JSON | keyword_instances())
def test_compile_predicate_keywords(instance: Any) -> None:
    assert KEYWORD_CHECK(instance) is KEYWORD_VALIDATOR.is_valid(instance), instance


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=ANY_JSON | keyword_instances(COERCED_SCHEMA))
def test_compile_predicate_keywords_coerced(instance: Any) -> None:
    assert COERCED_CHECK(instance) is COERCED_VALIDATOR.is_valid(instance), instance


@pytest.mark.parametrize(
    "instance",
    [1, 1.0, True, False, 0, "a", "bb", "bbb", "abc", None, [1], [True], [1.0], [False], [0],
     {"k": 1}, {"k": True}, {"kids": []}, {"kids": [], "stop": 1}, {"ab": 5}, {"ab": 6},
     {"ab": 2.0}, {"abcde": 1}, {"A": 1}, {"kids": [{"kids": [{}]}]}, {}, 2.5, 3],
)
def test_compile_predicate_edge_cases(instance: Any) -> None:
    assert KEYWORD_CHECK(instance) is KEYWORD_VALIDATOR.is_valid(instance), instance
    assert COERCED_CHECK(instance) is COERCED_VALIDATOR.is_valid(instance), instance


@pytest.mark.parametrize(
    ("instance", "valid"),
    [
        ({"xb": True, "cb": 1}, True),
        ({"xb": "TRUE", "cb": "1"}, True),  # coerced: a boolean string, a numeric string
        ({"xb": "yes", "cb": 1}, False),
        ({"xb": True}, False),  # xb needs cb
        ({"cb": 0}, False),  # "b$" keys: minimum 1 (xb is one too)
        ({"cb": "0.5"}, False),  # ... also on a numeric string
        ({"cb": "lots"}, True),  # no type: minimum does not judge text that is no number
        ({"a1": "xy"}, True),
        ({"a1": "xyz"}, False),  # "^a" keys: at most 2 characters
        ({"a1": 12}, True),  # a number is a string to CloudFormation (no length)
        ({"ab": "x"}, True),  # both patterns judge "ab"
        ({"ab": 0}, False),  # ... and "b$" rejects it
        ({"zz": "x"}, False),  # matches no pattern: additionalProperties false
        ({"xb": True, "cb": 1, "ca": None}, False),
    ],
)
def test_compile_predicate_map_keywords(instance: Any, valid: bool) -> None:
    """patternProperties and dependentRequired, the CloudFormation schemas' extra keywords."""
    map_schema = {"$defs": KEYWORD_SCHEMA["$defs"], "$ref": "#/$defs/map",
                  "x-ecslint-coercion": "cloudformation"}
    assert schemas.compile_predicate(map_schema)(instance) is valid
    assert schemas.make_validator(map_schema).is_valid(instance) is valid


@pytest.mark.parametrize(
    "schema",
    [
        {"uniqueItems": True},
        {"patternProperties": {"(": {}}},
        {"dependentSchemas": {"a": {}}},
        {"x-ecslint-coercion": "terraform"},
        {"properties": {"a": {"prefixItems": [{}]}}},
        {"$ref": "https://example.com/schema.json"},
        {"$ref": "#/$defs/missing"},
        {"type": "any"},
        {"pattern": "("},
    ],
)
def test_compile_predicate_rejects_unsupported(schema: dict[str, Any]) -> None:
    with pytest.raises(schemas.SchemaCompileError):
        schemas.compile_predicate(schema)


def test_deep_instances_do_not_overflow() -> None:
    check = schemas.compile_predicate(
        {"$defs": {"a": {"type": "array", "items": {"$ref": "#/$defs/a"}}}, "$ref": "#/$defs/a"}
    )
    shallow: list[Any] = []
    deep: list[Any] = []
    node = deep
    for _ in range(100_000):
        node.append([])
        node = node[0]
    assert check(shallow) and check([[[]]])
    assert check(deep) is False  # not proven valid: the caller falls back to jsonschema
    # non-recursive schemas never descend deeper than the schema, whatever the instance
    deep_map: dict[str, Any] = {}
    node_map = deep_map
    for _ in range(100_000):
        node_map["a"] = {}
        node_map = node_map["a"]
    labels = [{"name": "a", "image": "b", "dockerLabels": deep_map}]
    # (jsonschema itself overflows here building its error message: fast_check only)
    assert schemas.fast_check("container-definitions", labels) is False
    hook = {"hookTargetArn": "arn:aws:lambda:x", "roleArn": "arn:aws:iam::1:role/r",
            "lifecycleStages": ["PRE_SCALE_UP"], "hookDetails": deep_map}
    service = {"serviceName": "web", "deploymentConfiguration": {"lifecycleHooks": [hook]}}
    assert agree("service", service)  # hookDetails is a free-form document
