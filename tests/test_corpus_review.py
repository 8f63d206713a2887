"""False findings found by reviewing every error and warning on real files (the shared corpus
and real CloudFormation templates), each reduced to the smallest document that shows it.

Each test names the file it came from; the review and its table are in the lead's notes.
"""

from __future__ import annotations

import json
from pathlib import Path

from ecslint.engine import Settings, run


def check(tmp_path: Path, name: str, data, **settings):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))
    return run([str(path)], Settings(**settings)).findings


def test_an_efs_volume_on_windows_is_reported_once(tmp_path):
    """awsdocs task-definition-template: ECS110 and ECS117 both said "EFS is not supported on
    Windows" at the same key; the volume rule owns it."""
    td = {
        "family": "iis",
        "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
        "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:ltsc2022", "memory": 2048}],
        "volumes": [{"name": "content", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}],
    }
    findings = check(tmp_path, "td.json", td, select=["ECS1"])
    at_efs = [f.rule for f in findings if f.pointer == "/volumes/0/efsVolumeConfiguration"]
    assert at_efs == ["ECS117"]


def test_percent_names_are_placeholders(tmp_path):
    """Cloud-Sharks/aline-bank-microservice: `"family": "%CLUSTER_NAME%-%CONTAINER_NAME%"` is
    filled in by the pipeline; ECS004 reported the family and the container name as invalid."""
    td = {
        "family": "%CLUSTER_NAME%-%CONTAINER_NAME%",
        "containerDefinitions": [{"name": "%CONTAINER_NAME%", "image": "%AWS_ID%.dkr.ecr.us-east-1.amazonaws.com/%APP_NAME%:%COMMIT_HASH%", "memory": 256}],
    }
    assert [f.rule for f in check(tmp_path, "td.json", td, select=["ECS0"])] == []


def test_percent_encoding_is_not_a_placeholder():
    from ecslint.load.placeholders import is_unknown

    assert is_unknown("%BUILD_NUMBER%") and is_unknown("web-%ENV%")
    # Percent-encoded bytes, strftime formats and percentages stay literal text.
    for text in ("https://example.com/a%E2%80%99b", "%Y-%m-%dT%H:%M:%S", "50% off, 20%", "%dT%"):
        assert not is_unknown(text), text


def test_an_image_in_capitals_with_hyphens_is_a_stand_in(tmp_path):
    """govuk-one-login/ipv-cri-kbv-front: `Image: CONTAINER-IMAGE-PLACEHOLDER`, replaced by the
    pipeline, got ECS119 (upper-case repository) and ECS407 (no tag) like a real image."""
    template = """\
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: CONTAINER-IMAGE-PLACEHOLDER
          Memory: 512
"""
    assert [f.rule for f in check(tmp_path, "template.yaml", template, select=["ECS119", "ECS407"])] == []
    # A real reference with an upper-case path component is still reported.
    template = template.replace("CONTAINER-IMAGE-PLACEHOLDER", "registry.example.com/Team-App:1.0")
    assert [f.rule for f in check(tmp_path, "template.yaml", template, select=["ECS119", "ECS407"])] == ["ECS119"]


LAUNCH_TYPES = """\
Parameters:
  LaunchType:
    Type: String
    AllowedValues: [Fargate, EC2]
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
Conditions:
  Fargate: !Equals [!Ref LaunchType, Fargate]
  EC2: !Equals [!Ref LaunchType, EC2]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      RequiresCompatibilities: [!If [Fargate, FARGATE, EC2]]
      NetworkMode: !If [Fargate, awsvpc, !If [EC2, bridge, host]]
      Cpu: 256
      Memory: 512
      ContainerDefinitions:
        - Name: web
          Image: public.ecr.aws/nginx/nginx:1.27
  FargateService:
    Type: AWS::ECS::Service
    Condition: Fargate
    Properties:
      TaskDefinition: !Ref Task
      LaunchType: FARGATE
      DesiredCount: 1
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          Subnets: !Ref Subnets
"""


def test_a_qualifier_names_only_the_conditions_it_needs(tmp_path):
    """awslabs/ecs-refarch-continuous-deployment: "(when EC2 is false and Fargate is true)",
    where LaunchType is Fargate or EC2, so Fargate alone says it."""
    findings = check(tmp_path, "service.yaml", LAUNCH_TYPES, select=["ECS508"])
    assert [f.message[f.message.rindex("(when"):] for f in findings] == ["(when Fargate is true)"]


def test_a_parameter_holds_one_of_its_allowed_values(tmp_path):
    """LaunchType is Fargate or EC2: no reading may take both conditions false, so the host
    network mode of the innermost branch is never deployed and never reported."""
    assert check(tmp_path, "service.yaml", LAUNCH_TYPES, select=["ECS405"]) == []
    # Without AllowedValues the parameter may be anything else, and that reading counts.
    open_ended = LAUNCH_TYPES.replace("    AllowedValues: [Fargate, EC2]\n", "")
    findings = check(tmp_path, "service.yaml", open_ended, select=["ECS405"])
    assert [f.message[f.message.rindex("(when"):] for f in findings] == ["(when EC2 is false and Fargate is false)"]


def test_a_line_pasted_above_the_json_is_named(tmp_path):
    """gcanales75/sqs-sns-demo: a shell prompt and command above describe output gave
    "invalid JSON: Extra data" at 1:3; 1CloudHub/Jenkins-ecs: a `# sed` comment gave "this looks
    like a template" about a placeholder in a string that parses. The cause is the pasted line."""
    document = json.dumps({"taskDefinition": {"family": "demo", "containerDefinitions": [{"name": "app", "image": "app:1", "memory": 256}]}}, indent=2)
    findings = check(tmp_path, "describe-task-definition.json", "host:demo user$ aws ecs describe-task-definition --task-definition demo\n" + document)
    assert [(f.rule, f.region.line, f.region.column) for f in findings] == [("ECS001", 1, 1)]
    assert "the document starts at line 2; line 1 above it" in findings[0].message
    findings = check(tmp_path, "task-definition.json", '# sed -e "s;%BUILD%;0;g" a.json > b.json\n# aws ecs register-task-definition\n' + document.replace("app:1", "repo/app:<TAG>"))
    assert "the document starts at line 3; lines 1-2 above it" in findings[0].message
    # A document broken further down gets no such hint.
    findings = check(tmp_path, "task-definition.json", "# notes\n" + document.replace('"memory": 256', '"memory": 256,'))
    assert [f.rule for f in findings] == ["ECS001"] and "starts at line" not in findings[0].message
