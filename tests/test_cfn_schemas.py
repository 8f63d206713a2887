"""CloudFormation resource schemas: the generator, the committed files, CloudFormation's
scalar coercion.

The agreement of ``fast_check`` with jsonschema on these schemas (hypothesis, near-valid
instances) runs in tests/test_schemas.py, which covers every name of ``schemas.NAMES``.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ecslint import schemas
from test_schemas import _with  # a copy of a document with one value replaced

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "ecslint" / "schemas"
TD = "cfn-ecs-taskdefinition"
#: A git directory of aws-cloudformation/cfn-lint (bare or checkout) for the generator test.
CFN_LINT_GIT = os.environ.get("ECSLINT_CFN_LINT_GIT")


def load_generator() -> ModuleType:
    """tools/ is not a package: load the script from its path."""
    spec = importlib.util.spec_from_file_location("_ecslint_gen_cfn_schemas", ROOT / "tools" / "gen_cfn_schemas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def never_unknown(value: Any) -> bool:
    return False


def verdict(name: str, instance: Any) -> bool:
    """fast_check's verdict, after asserting that jsonschema reaches the same one."""
    fast = schemas.fast_check(name, instance, never_unknown)
    plain = schemas.validator(name).is_valid(instance)
    assert fast is plain, (name, instance, [e.message for e in schemas.validator(name).iter_errors(instance)][:5])
    return fast


# --------------------------------------------------------------------------------------
# Generator


def test_generator_reproduces_committed_files() -> None:
    if not CFN_LINT_GIT:
        pytest.skip("set ECSLINT_CFN_LINT_GIT to a git directory of aws-cloudformation/cfn-lint")
    gen = load_generator()
    generated = gen.generate(Path(CFN_LINT_GIT))
    assert sorted(generated) == sorted(schemas.CFN_TYPES.values())
    for name, schema in generated.items():
        text = (SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8")
        assert gen.render(schema) == text, f"{name}: run tools/gen_cfn_schemas.py {CFN_LINT_GIT}"
    assert gen.main([CFN_LINT_GIT, "--check"]) == 0


def test_generator_types_are_the_runtime_types() -> None:
    gen = load_generator()
    assert sorted(gen.TYPES) == sorted(schemas.CFN_TYPES)
    for type_name, name in schemas.CFN_TYPES.items():
        assert gen.schema_name(type_name) == name
    assert gen.source_path("AWS::ECS::TaskDefinition") == (
        "src/cfnlint/data/schemas/providers/us_east_1/aws-ecs-taskdefinition.json"
    )


PROVIDER: dict[str, Any] = {
    "typeName": "AWS::Test::Thing",
    "additionalProperties": False,
    "primaryIdentifier": ["/properties/Arn"],
    "createOnlyProperties": ["/properties/Name"],
    "readOnlyProperties": ["/properties/Arn"],
    "tagging": {"taggable": False},
    "handlers": {"create": {"permissions": []}},
    "requiredXor": ["Name", "Prefix"],
    "definitions": {
        "Limits": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"Low": {"type": "integer", "minimum": 0}, "High": {"type": "integer"}},
            "dependencies": {"Low": ["High"]},
        },
        "Nic": {
            "type": "object",
            "properties": {"Id": {"type": "string"}, "Public": {"type": "boolean"}},
            "dependentExcluded": {"Id": ["Public"], "Public": ["Id"]},
        },
        "Provider": {"anyOf": [{"type": "string", "enum": ["A", "B"]}, {"type": "string", "minLength": 1}], "type": "string"},
        "Unused": {"type": "string"},
    },
    "properties": {
        "Arn": {"type": "string"},
        "Name": {"type": "string", "pattern": "^[\\p{L}\\p{N}]+$", "insertionOrder": False},
        "Prefix": {"type": "string", "format": "AWS::EC2::VPC.Id", "default": "x"},
        "Labels": {"type": "object", "patternProperties": {".{1,}": {"type": "string"}}, "additionalProperties": False},
        "Groups": {"type": "array", "items": {"type": "string"}, "uniqueItems": True, "anyOf": [{"format": "a"}, {"format": "b"}]},
        "Limits": {"$ref": "#/definitions/Limits"},
        "Nics": {"type": "array", "items": {"$ref": "#/definitions/Nic"}, "insertionOrder": True, "arrayType": "AttributeList"},
        "Provider": {"$ref": "#/definitions/Provider"},
    },
}


def test_generator_translation() -> None:
    gen = load_generator()
    out = gen.translate("AWS::Test::Thing", copy.deepcopy(PROVIDER), gen.COMMIT, gen._gen_schemas())
    assert out["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert out["type"] == "object" and out["additionalProperties"] is False
    # read-only attributes are not properties
    assert "Arn" not in out["properties"] and out["x-ecslint-read-only"] == ["Arn"]
    # definitions -> $defs, refs rewritten, unreachable definitions dropped
    assert sorted(out["$defs"]) == ["Limits", "Nic", "Provider"]
    assert out["properties"]["Limits"] == {"$ref": "#/$defs/Limits"}
    # cfn-lint keywords in standard terms
    assert out["oneOf"] == [{"required": ["Name"]}, {"required": ["Prefix"]}]
    assert out["$defs"]["Limits"]["dependentRequired"] == {"Low": ["High"]}
    assert out["$defs"]["Nic"]["allOf"] == [{"not": {"required": ["Id", "Public"]}}]
    # annotations and duplicate checks dropped; maps kept
    assert out["properties"]["Prefix"] == {"type": "string"}
    assert out["properties"]["Groups"] == {"type": "array", "items": {"type": "string"}}
    assert out["properties"]["Nics"] == {"type": "array", "items": {"$ref": "#/$defs/Nic"}}
    assert out["properties"]["Labels"]["patternProperties"] == {".{1,}": {"type": "string"}}
    # an enum branch another branch accepts anyway is merged away
    assert out["$defs"]["Provider"] == {"type": "string", "minLength": 1}
    # Unicode classes translated, ECMAScript search semantics kept (no extra anchors)
    assert out["properties"]["Name"]["pattern"] == "^[^\\W_]+$"
    assert out["x-ecslint-coercion"] == "cloudformation"
    assert out["x-ecslint-source"] == {
        "repository": "aws-cloudformation/cfn-lint",
        "commit": gen.COMMIT,
        "path": "src/cfnlint/data/schemas/providers/us_east_1/aws-test-thing.json",
    }
    for word in ("readOnlyProperties", "requiredXor", "dependentExcluded", "uniqueItems", "do not edit"):
        assert word in out["$comment"]
    schemas.compile_predicate(out)  # the runtime supports every keyword the translation writes


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"properties": {"A": {"type": "string", "contains": {}}}}, "contains"),
        ({"properties": {"A": {"enum": ["1", "2"]}}}, "coerced comparison"),
        ({"properties": {"A": {"enum": [True]}}}, "coerced comparison"),
        ({"properties": {"A": {"$ref": "#/definitions/Missing"}}}, "unresolvable"),
        ({"properties": {"A": {"type": "string", "pattern": "[\\p{Lu}]"}}}, "does not translate"),
        ({"readOnlyProperties": ["/properties/A/B"]}, "nested read-only"),
        ({"replacementStrategy": "x", "somethingNew": 1}, "somethingNew"),
        ({"properties": {"A": {"dependencies": {"B": {"required": ["C"]}}}}}, "dependencies with schemas"),
    ],
)
def test_generator_stops_on_what_it_does_not_handle(change: dict[str, Any], message: str) -> None:
    gen = load_generator()
    provider = {"typeName": "AWS::Test::Thing", "properties": {}, **change}
    with pytest.raises(gen.GenerationError, match=message):
        gen.translate("AWS::Test::Thing", provider, gen.COMMIT, gen._gen_schemas())


def test_generator_needs_a_cfn_lint_git_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gen = load_generator()
    assert gen.main([str(tmp_path), "--check"]) == 2
    assert "cannot read" in capsys.readouterr().err


# --------------------------------------------------------------------------------------
# Committed files and names


@pytest.mark.parametrize("type_name", sorted(schemas.CFN_TYPES))
def test_committed_cfn_schema(type_name: str) -> None:
    name = schemas.cfn_schema(type_name)
    assert name is not None and name in schemas.NAMES
    schema = schemas.load(name)
    assert schema["title"].startswith(type_name)
    assert schema["x-ecslint-coercion"] == "cloudformation" and schemas.is_coerced(schema)
    source = schema["x-ecslint-source"]
    assert source["repository"] == "aws-cloudformation/cfn-lint"
    assert source["commit"].startswith("0340f2a0e") and len(source["commit"]) == 40
    assert source["path"].endswith(type_name.lower().replace("::", "-") + ".json")
    assert "do not edit by hand" in schema["$comment"]
    refs = re.findall(r'"\$ref": "([^"]*)"', (SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert refs and all(ref.startswith("#/$defs/") and ref[len("#/$defs/"):] in schema["$defs"] for ref in refs)


def test_dropped_keywords_are_gone() -> None:
    for name in schemas.CFN_TYPES.values():
        text = (SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8")
        for word in ('"insertionOrder"', '"uniqueItems"', '"definitions"', '"requiredXor"', '"format"',
                     '"createOnlyProperties"', '"handlers"', '"tagging"', '"primaryIdentifier"'):
            assert word not in text, (name, word)


def test_read_only_attributes() -> None:
    assert schemas.load(TD)["x-ecslint-read-only"] == ["TaskDefinitionArn"]
    assert schemas.load("cfn-ecr-repository")["x-ecslint-read-only"] == ["Arn", "RepositoryUri"]
    assert schemas.load("cfn-ecs-service")["x-ecslint-read-only"] == ["Name", "ServiceArn"]
    assert "x-ecslint-read-only" not in schemas.load("cfn-ecs-capacityprovider")
    for name in schemas.CFN_TYPES.values():
        schema = schemas.load(name)
        assert not set(schema.get("x-ecslint-read-only", ())) & set(schema["properties"])


def test_cfn_schema_names() -> None:
    assert schemas.cfn_schema("AWS::ECS::TaskDefinition") == TD
    assert schemas.cfn_schema("AWS::ElasticLoadBalancingV2::TargetGroup") == "cfn-elasticloadbalancingv2-targetgroup"
    # resource types are case-sensitive in CloudFormation
    for other in ("aws::ecs::taskdefinition", "AWS::ECS::Task", "AWS::ECS::TaskSet", "", None, 1, ["AWS::ECS::Service"]):
        assert schemas.cfn_schema(other) is None  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# CloudFormation's scalar coercion (iac-sources.md §2.1)

PROPERTIES: dict[str, Any] = {
    "Family": "web",
    "Cpu": "256",
    "Memory": 512,
    "NetworkMode": "awsvpc",
    "RequiresCompatibilities": ["FARGATE"],
    "ContainerDefinitions": [
        {
            "Name": "web",
            "Image": "nginx:1.27",
            "Essential": True,
            "Memory": 512,
            "PortMappings": [{"ContainerPort": 80, "Protocol": "tcp"}],
            "Environment": [{"Name": "MODE", "Value": "prod"}],
            "DockerLabels": {"team": "web"},
            "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "/ecs/web"}},
        }
    ],
}
CONTAINER = ("ContainerDefinitions", 0)


@pytest.mark.parametrize(
    ("path", "value", "valid"),
    [
        # the brief's cases
        (CONTAINER + ("Memory",), "512", True),
        (CONTAINER + ("PortMappings", 0, "ContainerPort"), "80", True),
        (CONTAINER + ("Essential",), "true", True),
        (CONTAINER + ("Essential",), "yes", False),
        (CONTAINER + ("Memory",), "lots", False),
        # integers: whatever int() converts, booleans excepted
        (CONTAINER + ("Memory",), " 512 ", True),
        (CONTAINER + ("Memory",), 512.5, True),  # int(512.5) converts: cfn-lint accepts it too
        (CONTAINER + ("Memory",), "512.5", False),
        (CONTAINER + ("Memory",), "0x200", False),
        (CONTAINER + ("Memory",), True, False),
        (CONTAINER + ("Memory",), float("inf"), False),
        (CONTAINER + ("Memory",), None, False),
        (CONTAINER + ("Memory",), [512], False),  # objects and arrays are never converted
        # booleans: true/false and three spellings of each as strings
        (CONTAINER + ("Essential",), "FALSE", True),
        (CONTAINER + ("Essential",), "False", True),
        (CONTAINER + ("Essential",), "tRUE", False),
        (CONTAINER + ("Essential",), 1, False),
        (CONTAINER + ("Essential",), {"a": 1}, False),
        # strings: any scalar
        (("Cpu",), 256, True),
        (CONTAINER + ("Environment", 0, "Value"), 8080, True),
        (CONTAINER + ("Environment", 0, "Value"), True, True),
        (CONTAINER + ("Environment", 0, "Value"), 1.5, True),
        (CONTAINER + ("Environment", 0, "Value"), None, False),
        (CONTAINER + ("Environment", 0, "Value"), ["a"], False),
        (CONTAINER + ("DockerLabels",), {"team": 7}, True),  # map values are strings too
        (CONTAINER + ("DockerLabels",), {"": "x"}, False),  # a key the map's pattern rejects
        (CONTAINER + ("DockerLabels",), {"team": {"a": 1}}, False),
        # enums compare strictly: no scalar prints as one of these values
        (CONTAINER + ("PortMappings", 0, "Protocol"), "TCP", False),
        (("NetworkMode",), 1, False),
    ],
)
def test_coercion(path: tuple[Any, ...], value: Any, valid: bool) -> None:
    assert verdict(TD, _with(PROPERTIES, path, value)) is valid


@pytest.mark.parametrize(
    ("name", "doc", "valid"),
    [
        # minimum/maximum also judge numeric strings, as CloudFormation converts them first
        ("cfn-ecs-capacityprovider", {"AutoScalingGroupProvider": {"AutoScalingGroupArn": "asg", "ManagedScaling": {"TargetCapacity": "100"}}}, True),
        ("cfn-ecs-capacityprovider", {"AutoScalingGroupProvider": {"AutoScalingGroupArn": "asg", "ManagedScaling": {"TargetCapacity": "150"}}}, False),
        ("cfn-ecs-capacityprovider", {"AutoScalingGroupProvider": {"AutoScalingGroupArn": "asg", "ManagedScaling": {"TargetCapacity": 0}}}, False),
        ("cfn-ecs-clustercapacityproviderassociations", {"Cluster": "c", "CapacityProviders": ["FARGATE"], "DefaultCapacityProviderStrategy": [{"CapacityProvider": "FARGATE", "Weight": "1000"}]}, True),
        ("cfn-ecs-clustercapacityproviderassociations", {"Cluster": "c", "CapacityProviders": ["FARGATE"], "DefaultCapacityProviderStrategy": [{"CapacityProvider": "FARGATE", "Weight": " 1000.5 "}]}, False),
        ("cfn-ecs-clustercapacityproviderassociations", {"Cluster": "c", "CapacityProviders": [""], "DefaultCapacityProviderStrategy": []}, False),
        # ASG sizes are strings of digits; a number is a string to CloudFormation
        ("cfn-autoscaling-autoscalinggroup", {"MinSize": 1, "MaxSize": "2", "LaunchConfigurationName": "lc"}, True),
        ("cfn-autoscaling-autoscalinggroup", {"MinSize": "one", "MaxSize": "2", "LaunchConfigurationName": "lc"}, False),
    ],
)
def test_coercion_other_resources(name: str, doc: Any, valid: bool) -> None:
    assert verdict(name, doc) is valid


def test_api_schemas_keep_the_api_types() -> None:
    """Coercion is CloudFormation's only: the API still rejects "512" for an integer."""
    api = {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": "512"}]}
    assert not schemas.fast_check("task-definition", api)
    assert not schemas.validator("task-definition").is_valid(api)
    assert not schemas.is_coerced(schemas.load("task-definition"))
