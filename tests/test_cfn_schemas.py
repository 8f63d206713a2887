"""CloudFormation resource schemas: the generator, the committed files, CloudFormation's
scalar coercion, intrinsic functions as unknown values, the messages of the schema pass in
the template's own spelling, and every template of the corpus.

The agreement of ``fast_check`` with jsonschema on these schemas (hypothesis, near-valid
instances) runs in tests/test_schemas.py, which covers every name of ``schemas.NAMES``.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ecslint import schemas
from ecslint.load.placeholders import is_intrinsic, is_unknown, is_unknown_in_template
from ecslint.rules.documents.schema import Issue, check
from test_schemas import _with  # a copy of a document with one value replaced

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "ecslint" / "schemas"
CORPUS = ROOT.parent / "shared" / "corpus" / "cloudformation"
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


def verdict(name: str, instance: Any, unknown: Any = never_unknown) -> bool:
    """fast_check's verdict, after asserting that jsonschema (whose errors the schema pass
    filters with the same ``unknown``) reaches the same one."""
    fast = schemas.fast_check(name, instance, unknown)
    plain = schemas.validator(name).is_valid(instance) if unknown is never_unknown else not list(check(name, instance))
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


# --------------------------------------------------------------------------------------
# Intrinsic functions are unknown in templates (iac-sources.md §2.2)


@pytest.mark.parametrize(
    ("value", "intrinsic"),
    [
        ({"Ref": "Memory"}, True),
        ({"Ref": "AWS::NoValue"}, True),
        ({"Fn::GetAtt": ["Repo", "RepositoryUri"]}, True),
        ({"Fn::If": ["IsProd", 1024, 512]}, True),
        ({"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1"}, True),
        ({"Fn::Transform": {"Name": "AWS::Include"}}, True),
        ({"Condition": "IsProd"}, True),
        ({"Ref": "A", "Fn::Sub": "b"}, False),  # two keys: an object, not a call
        ({"ref": "Memory"}, False),
        ({"Fn:If": []}, False),
        ({"GetAtt": ["A", "B"]}, False),
        ({}, False),
        ("Ref", False),
        (["Ref"], False),
        (None, False),
        ({1: "x"}, False),
    ],
)
def test_is_intrinsic(value: Any, intrinsic: bool) -> None:
    assert is_intrinsic(value) is intrinsic
    assert is_unknown_in_template(value) is intrinsic
    assert is_unknown(value) is False  # unchanged for API files: an object there is data


def test_placeholders_stay_unknown_in_templates() -> None:
    assert is_unknown_in_template("{{resolve:ssm:/app/memory}}")
    assert is_unknown_in_template("${MEMORY}")
    assert not is_unknown_in_template("512")


INTRINSIC_PROPERTIES: dict[str, Any] = {
    "Family": {"Fn::Sub": "${AWS::StackName}-web"},
    "Cpu": {"Ref": "Cpu"},
    "Memory": {"Fn::If": ["IsProd", "2048", "512"]},
    "ExecutionRoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
    "RequiresCompatibilities": {"Fn::Split": [",", {"Ref": "Launch"}]},
    "ContainerDefinitions": [
        {
            "Name": "web",
            "Image": {"Fn::Join": [":", [{"Fn::GetAtt": ["Repo", "RepositoryUri"]}, "1.0"]]},
            "Memory": {"Ref": "AWS::NoValue"},
            "Essential": {"Condition": "IsProd"},
            "PortMappings": [{"ContainerPort": {"Ref": "Port"}}, {"Fn::If": ["Tls", {"ContainerPort": 443}, {"Ref": "AWS::NoValue"}]}],
            "LogConfiguration": {"Fn::If": ["Logs", {"LogDriver": "awslogs"}, {"Ref": "AWS::NoValue"}]},
            "Environment": {"Ref": "AWS::NoValue"},
        },
        {"Fn::If": ["Sidecar", {"Name": "proxy", "Image": "envoy"}, {"Ref": "AWS::NoValue"}]},
    ],
}


def test_intrinsics_are_unknown_to_the_check() -> None:
    assert schemas.fast_check(TD, INTRINSIC_PROPERTIES, is_unknown_in_template)
    assert not schemas.fast_check(TD, INTRINSIC_PROPERTIES, never_unknown)
    assert not schemas.fast_check(TD, INTRINSIC_PROPERTIES, is_unknown)  # not for API files
    assert list(check(TD, INTRINSIC_PROPERTIES)) == []
    # a wrong key stays wrong whatever its value
    wrong = _with(INTRINSIC_PROPERTIES, CONTAINER + ("Esential",), {"Ref": "Essential"})
    assert [i.path for i in check(TD, wrong)] == [CONTAINER + ("Esential",)]


# --------------------------------------------------------------------------------------
# Messages of the schema pass, in the template's own spelling


def issues(name: str, doc: Any) -> list[tuple[str, tuple[Any, ...], str]]:
    return [(i.category, i.path, i.message) for i in check(name, doc, ("Resources", "TD", "Properties"))]


BASE = ("Resources", "TD", "Properties")


def test_did_you_mean_in_the_template_spelling() -> None:
    doc = _with(PROPERTIES, CONTAINER + ("Esential",), True)
    doc["ContainerDefinitions"][0]["readonlyRootFilesystem"] = True  # API casing
    assert issues(TD, doc) == [
        ("unknown-field", BASE + CONTAINER + ("Esential",),
         "unknown field `Esential` in `Resources.TD.Properties.ContainerDefinitions[0]` (did you mean `Essential`?); "
         "CloudFormation rejects keys it does not know"),
        ("unknown-field", BASE + CONTAINER + ("readonlyRootFilesystem",),
         "unknown field `readonlyRootFilesystem` in `Resources.TD.Properties.ContainerDefinitions[0]` "
         "(did you mean `ReadonlyRootFilesystem`?); CloudFormation rejects keys it does not know"),
    ]


def test_wrong_types_and_values() -> None:
    doc = _with(PROPERTIES, CONTAINER + ("Memory",), "lots")
    doc = _with(doc, CONTAINER + ("Essential",), "yes")
    doc = _with(doc, CONTAINER + ("PortMappings", 0, "HostPort"), None)
    doc = _with(doc, ("NetworkMode",), "AWSVPC")
    assert issues(TD, doc) == [
        ("wrong-type", BASE + CONTAINER + ("Essential",),
         "`Resources.TD.Properties.ContainerDefinitions[0].Essential` must be a boolean (true or false), "
         "not a string other than true or false"),
        ("wrong-type", BASE + CONTAINER + ("Memory",),
         "`Resources.TD.Properties.ContainerDefinitions[0].Memory` must be an integer, not a string that is not a whole number"),
        ("wrong-type", BASE + CONTAINER + ("PortMappings", 0, "HostPort"),
         "`Resources.TD.Properties.ContainerDefinitions[0].PortMappings[0].HostPort` must be an integer, not null; "
         "CloudFormation rejects it (\"'null' values are not allowed in templates\"): omit the key"),
        ("invalid-value", BASE + ("NetworkMode",),
         "`Resources.TD.Properties.NetworkMode` must be one of awsvpc, bridge, host, none; `AWSVPC` is not "
         "(did you mean `awsvpc`?)"),
    ]


def test_read_only_attribute() -> None:
    doc = {**PROPERTIES, "TaskDefinitionArn": "arn:aws:ecs:eu-west-1:1:task-definition/web:1"}
    assert issues(TD, doc) == [
        ("read-only-field", BASE + ("TaskDefinitionArn",),
         "`TaskDefinitionArn` is an attribute CloudFormation returns (read it with `Fn::GetAtt`), not a property; delete it"),
    ]


def test_long_enums_are_named_not_recited() -> None:
    doc = {"LaunchTemplateData": {"InstanceType": "m5.larg"}}
    [(category, path, message)] = issues("cfn-ec2-launchtemplate", doc)
    assert (category, path) == ("invalid-value", BASE + ("LaunchTemplateData", "InstanceType"))
    assert message == (
        "`Resources.TD.Properties.LaunchTemplateData.InstanceType` must be one of the 1030 values CloudFormation "
        "accepts; `m5.larg` is not (did you mean `m5.large`?)"
    )


ASG = {"MinSize": "1", "MaxSize": "2"}
LT_SPEC = {"LaunchTemplateId": "lt-0abc", "Version": "1"}


def test_exactly_one_of() -> None:
    asg = "cfn-autoscaling-autoscalinggroup"
    assert issues(asg, ASG) == [
        ("missing-required-field", BASE,
         "`Resources.TD.Properties` needs one of `InstanceId`, `LaunchConfigurationName`, `LaunchTemplate`, "
         "`MixedInstancesPolicy`: CloudFormation takes exactly one of them"),
    ]
    both = {**ASG, "LaunchConfigurationName": "lc", "LaunchTemplate": LT_SPEC}
    assert issues(asg, both) == [
        ("invalid-value", BASE + ("LaunchTemplate",),
         "`LaunchTemplate` cannot be set together with `LaunchConfigurationName` in `Resources.TD.Properties`: "
         "CloudFormation takes exactly one of `InstanceId`, `LaunchConfigurationName`, `LaunchTemplate`, "
         "`MixedInstancesPolicy`; keep one"),
    ]
    # a key whose value is unknown may be removed by AWS::NoValue: not "several"
    chosen = {**ASG,
              "LaunchConfigurationName": {"Fn::If": ["UseLc", {"Ref": "Lc"}, {"Ref": "AWS::NoValue"}]},
              "LaunchTemplate": {"Fn::If": ["UseLc", {"Ref": "AWS::NoValue"}, LT_SPEC]}}
    assert issues(asg, chosen) == []
    assert issues(asg, {**chosen, "LaunchTemplate": LT_SPEC}) == []
    name_and_id = {**ASG, "LaunchTemplate": {**LT_SPEC, "LaunchTemplateName": "web"}}
    assert [i[:2] for i in issues(asg, name_and_id)] == [("invalid-value", BASE + ("LaunchTemplate", "LaunchTemplateName"))]


def test_keys_that_go_together_and_keys_that_exclude_each_other() -> None:
    asg = {**ASG, "LaunchTemplate": LT_SPEC, "InstanceMaintenancePolicy": {"MaxHealthyPercentage": 120}}
    assert issues("cfn-autoscaling-autoscalinggroup", asg) == [
        ("missing-required-field", BASE + ("InstanceMaintenancePolicy", "MinHealthyPercentage"),
         "`Resources.TD.Properties.InstanceMaintenancePolicy` sets `MaxHealthyPercentage` but not "
         "`MinHealthyPercentage`: CloudFormation needs both"),
    ]
    unknown = {**asg, "InstanceMaintenancePolicy": {"MaxHealthyPercentage": {"Ref": "AWS::NoValue"}}}
    assert issues("cfn-autoscaling-autoscalinggroup", unknown) == []
    nic = {"NetworkInterfaceId": "eni-1", "AssociatePublicIpAddress": True, "DeviceIndex": 0}
    lt = {"LaunchTemplateData": {"NetworkInterfaces": [nic]}}
    assert issues("cfn-ec2-launchtemplate", lt) == [
        ("invalid-value", BASE + ("LaunchTemplateData", "NetworkInterfaces", 0, "AssociatePublicIpAddress"),
         "`AssociatePublicIpAddress` cannot be set together with `NetworkInterfaceId` in "
         "`Resources.TD.Properties.LaunchTemplateData.NetworkInterfaces[0]`; keep one"),
    ]
    nic["AssociatePublicIpAddress"] = {"Fn::If": ["Public", True, {"Ref": "AWS::NoValue"}]}
    assert issues("cfn-ec2-launchtemplate", lt) == []


def test_api_messages_unchanged() -> None:
    api = {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "esential": True}]}
    [issue] = check("task-definition", api, (), "task-definition")
    assert issue == Issue(
        "unknown-field",
        ("containerDefinitions", 0, "esential"),
        "unknown field `esential` in `containerDefinitions[0]` (did you mean `essential`?); the API rejects keys it does not know",
        "key",
    )
    # an intrinsic function is data in an API file
    assert [i.category for i in check("task-definition", {**api, "containerDefinitions": {"Ref": "X"}})] == ["wrong-type"]


# --------------------------------------------------------------------------------------
# Every CloudFormation template of the corpus


def corpus_resources() -> list[tuple[str, str, str, Any]]:
    from ecslint.load.jsonload import parse_json
    from ecslint.load.yamlload import parse_yaml

    found = []
    for path in sorted(CORPUS.iterdir()):
        text = path.read_text(encoding="utf-8")
        roots = [parse_json(text)] if path.suffix == ".json" or text.lstrip().startswith("{") else parse_yaml(text)
        for data, _ in roots:
            for logical_id, resource in (data.get("Resources") or {}).items():
                name = schemas.cfn_schema(resource.get("Type"))
                if name is not None:
                    found.append((path.name, logical_id, name, resource.get("Properties", {})))
    return found


API_CASED_TASK_DEFINITION = [
    ("unknown-field", key)
    for key in ("containerDefinitions", "cpu", "executionRoleArn", "family", "memory", "networkMode",
                "requiresCompatibilities", "runtimePlatform")
]
#: The corpus resources the schemas reject, and why. Both are real errors: the ECS developer
#: guide's CloudFormation example writes the task definition in the API's camelCase, which
#: CloudFormation rejects ("extraneous key [containerDefinitions] is not permitted").
CORPUS_FINDINGS = {
    ("awsdocs__amazon-ecs-developer-guide__doc_source__creating-resources-with-cloudformation__block00.json",
     "taskdefinition"): API_CASED_TASK_DEFINITION,
    ("awsdocs__amazon-ecs-developer-guide__doc_source__creating-resources-with-cloudformation__block05.yaml",
     "taskdefinition"): API_CASED_TASK_DEFINITION,
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/cloudformation is not there")
def test_corpus_templates() -> None:
    resources = corpus_resources()
    assert len(resources) >= 70
    assert {name for *_, name, _ in resources} >= {TD, "cfn-ecs-service", "cfn-ecs-cluster", "cfn-ecr-repository",
                                                  "cfn-elasticloadbalancingv2-targetgroup",
                                                  "cfn-autoscaling-autoscalinggroup", "cfn-autoscaling-launchconfiguration"}
    found = {}
    for file, logical_id, name, properties in resources:
        # fast_check agrees with jsonschema with no unknowns, and with the schema pass's
        # filtered errors when intrinsic functions are unknown
        verdict(name, properties)
        verdict(name, properties, is_unknown_in_template)
        found_issues = [(i.category, i.path[-1]) for i in check(name, properties)]
        if found_issues:
            found[(file, logical_id)] = found_issues
    assert found == CORPUS_FINDINGS


# --------------------------------------------------------------------------------------
# CLI and start-up


def test_schema_command_takes_a_resource_type() -> None:
    def ecslint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ecslint", *args], capture_output=True, text=True, cwd=ROOT)

    out = ecslint("schema", "AWS::ECS::TaskDefinition")
    assert out.returncode == 0 and json.loads(out.stdout) == schemas.load(TD)
    assert json.loads(ecslint("schema", TD).stdout) == schemas.load(TD)
    bad = ecslint("schema", "AWS::ECS::Nope")
    assert bad.returncode == 2 and "AWS::ECS::TaskDefinition" in bad.stderr and "task-definition," in bad.stderr


def test_nothing_is_loaded_at_import() -> None:
    code = (
        "import sys\n"
        "import ecslint.schemas as s, ecslint.load.placeholders, ecslint.rules.documents.schema\n"
        "assert s.cfn_schema('AWS::ECS::Service') == 'cfn-ecs-service'\n"
        "print(s.load.cache_info().currsize, sorted(m for m in ('jsonschema', 'difflib') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["0", "[]"]
