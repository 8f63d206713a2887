"""References a task definition makes: secret ARNs (ECS114's grammar in
ecslint/model/arns.py) and container names (ECS104), on the forms real files use."""

from __future__ import annotations

import json

import pytest

from ecslint.engine import Settings, run
from ecslint.model.arns import credentials_parameter_problem, secret_reference_problem

SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:"


@pytest.mark.parametrize(
    "value",
    [
        # Master passwords RDS manages in Secrets Manager: `rds!` names.
        SECRET + "rds!cluster-3f0e5c8a-1b2d-4e6f-9a7b-8c9d0e1f2a3b-AbCdEf",
        SECRET + "rds!db-7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d-GhIjKl:password::",
        SECRET + "rds!cluster-3f0e5c8a-1b2d-4e6f-9a7b-8c9d0e1f2a3b-AbCdEf:username:AWSCURRENT:",
        SECRET + "prod/db-AbCdEf",
    ],
)
def test_secrets_manager_arns_of_managed_secrets_are_valid(value):
    assert secret_reference_problem(value) is None


def test_a_managed_secret_name_is_valid_registry_credentials():
    assert credentials_parameter_problem(SECRET + "rds!db-7a6b5c4d-GhIjKl") is None
    assert credentials_parameter_problem("rds!db-7a6b5c4d") is None


@pytest.mark.parametrize("name", ["db#password-AbCdEf", "db password", "db?x"])
def test_other_punctuation_in_a_secret_name_is_still_reported(name):
    assert secret_reference_problem(SECRET + name) is not None


def _td(tmp_path, containers, **task):
    path = tmp_path / "td.json"
    path.write_text(json.dumps({"family": "web", **task, "containerDefinitions": containers}, indent=2))
    return run([str(path)], Settings(select=["ECS104"])).findings


def test_an_empty_container_name_in_any_reference_is_reported(tmp_path):
    app = {
        "name": "app",
        "image": "nginx:1.27",
        "memory": 256,
        "dependsOn": [{"containerName": "", "condition": "START"}],
        "links": [""],
        "volumesFrom": [{"sourceContainer": ""}],
    }
    proxy = {"type": "APPMESH", "containerName": "", "properties": []}
    findings = _td(tmp_path, [app], proxyConfiguration=proxy)
    assert sorted(f.pointer for f in findings) == [
        "/containerDefinitions/0/dependsOn/0/containerName",
        "/containerDefinitions/0/links/0",
        "/containerDefinitions/0/volumesFrom/0/sourceContainer",
        "/proxyConfiguration/containerName",
    ]
    assert all("the name is empty" in f.message for f in findings)


ACCESS_POINT_TEMPLATE = """
Parameters:
  AccessPointParameter:
    Type: String
Resources:
  DataAccessPoint:
    Type: AWS::EFS::AccessPoint
    Properties:
      FileSystemId: fs-0123456789abcdef0
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: files
      ContainerDefinitions:
        - {Name: app, Image: "public.ecr.aws/docker/library/busybox:1.36", Memory: 128}
      Volumes:
        - Name: created-here
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            RootDirectory: /data
            AuthorizationConfig:
              AccessPointId: !Ref DataAccessPoint
        - Name: from-a-parameter
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            RootDirectory: /data
            AuthorizationConfig:
              AccessPointId: !Ref AccessPointParameter
"""


def test_an_access_point_the_stack_creates_is_one_though_its_id_is_unknown(tmp_path):
    """`!Ref DataAccessPoint` (or `aws_efs_access_point.x.id`) is never empty: its volume
    mounts through an access point; a parameter may be empty and stays unjudged."""
    path = tmp_path / "template.yaml"
    path.write_text(ACCESS_POINT_TEMPLATE)
    findings = run([str(path)], Settings(select=["ECS117", "ECS118"])).findings
    assert [(f.rule, f.region.line, f.pointer) for f in findings] == [
        ("ECS118", 18, "/volumes/0/efsVolumeConfiguration"),
        ("ECS117", 20, "/volumes/0/efsVolumeConfiguration/rootDirectory"),
    ]
    assert "access point `DataAccessPoint`" in findings[0].message
