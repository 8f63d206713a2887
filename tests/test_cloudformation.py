"""CloudFormation templates: recognition, the conversion to the API's shape, intrinsic
functions, condition scenarios, links between resources, positions, suppression.

The facts are those of ``shared/reference/iac-sources.md`` §1-2; every case asserts the
exact findings (rule, line, column) on a template written here.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.config import ConfigError
from ecslint.engine import Settings, run
from ecslint.load.reader import read
from ecslint.model import view
from ecslint.sources.cloudformation import parameters_from
from ecslint.sources.references import Reference

DATA = Path(__file__).resolve().parent / "data" / "cloudformation"


def check(tmp_path: Path, text: str, name: str = "template.yaml", **settings) -> list[tuple[str, int, int]]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    report = run([str(path)], Settings(**settings))
    return [(f.rule, f.region.line, f.region.column) for f in report.findings]


def messages(tmp_path: Path, text: str, rule: str, **settings) -> list[str]:
    path = tmp_path / "template.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return [f.message for f in run([str(path)], Settings(select=[rule], **settings)).findings]


def documents(tmp_path: Path, text: str, name: str = "template.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return read(str(path), name).documents


TASK = """
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - Name: web
          Image: public.ecr.aws/nginx/nginx:1.27
          Memory: 256
          Essential: false
"""


# -- recognition --------------------------------------------------------------------------


def test_a_template_yields_api_shaped_documents(tmp_path):
    (doc,) = documents(tmp_path, TASK)
    assert (doc.kind, doc.shape, doc.name) == ("task-definition", "register", "web")
    assert doc.data == {
        "family": "web",
        "containerDefinitions": [
            {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256, "essential": False}
        ],
    }


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Resources:\n  B:\n    Type: AWS::S3::Bucket\n", "without ECS, ECR or target group resources"),
        (
            "Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: {MinSize: '1', MaxSize: '1'}\n",
            "without ECS, ECR or target group resources",
        ),
        ("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", "without resources"),
    ],
)
def test_a_template_without_ecs_resources_is_skipped(tmp_path, text, reason):
    path = tmp_path / "t.yaml"
    path.write_text(text)
    file = read(str(path), "t.yaml")
    assert file.documents == [] and reason in (file.skipped or "")


def test_sam_and_cdk_templates_are_read_like_any_template(tmp_path):
    sam = "Transform: AWS::Serverless-2016-10-31\n" + textwrap.dedent(TASK).lstrip("\n")
    assert check(tmp_path, sam, select=["ECS101"]) == [("ECS101", 7, 7)]
    cdk = {
        "Resources": {
            "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:abc"}},
            "TaskDef54694570": {
                "Type": "AWS::ECS::TaskDefinition",
                "Metadata": {"aws:cdk:path": "WebStack/TaskDef/Resource"},
                "Properties": {"ContainerDefinitions": [{"Name": "web", "Image": "nginx:1.27", "Memory": 256, "Essential": False}]},
            },
        }
    }
    path = tmp_path / "WebStack.template.json"
    path.write_text(json.dumps(cdk, indent=1))
    (finding,) = run([str(path)], Settings(select=["ECS101"])).findings
    assert finding.message.endswith("(construct WebStack/TaskDef/Resource)")
    assert (finding.region.line, finding.region.column) == (15, 5)


# -- conversion -----------------------------------------------------------------------------


def test_names_follow_the_api_with_its_exceptions_and_maps_keep_their_keys(tmp_path):
    (doc,) = documents(
        tmp_path,
        """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ProxyConfiguration:
                Type: APPMESH
                ContainerName: envoy
                ProxyConfigurationProperties: [{Name: AppPorts, Value: "8080"}]
              Volumes:
                - Name: data
                  EFSVolumeConfiguration:
                    FilesystemId: fs-1
                    AuthorizationConfig: {IAM: ENABLED}
              ContainerDefinitions:
                - Name: web
                  Image: nginx:1.27
                  DockerLabels: {Com.Example: x}
                  LogConfiguration:
                    LogDriver: awslogs
                    Options: {awslogs-group: /ecs/web, Mode: non-blocking}
        """,
    )
    assert doc.data["proxyConfiguration"] == {"type": "APPMESH", "containerName": "envoy", "properties": [{"name": "AppPorts", "value": "8080"}]}
    assert doc.data["volumes"] == [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "authorizationConfig": {"iam": "ENABLED"}}}]
    container = doc.data["containerDefinitions"][0]
    assert container["dockerLabels"] == {"Com.Example": "x"}
    assert container["logConfiguration"] == {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "Mode": "non-blocking"}}


def test_scalars_take_the_api_type_the_way_cloudformation_converts_them(tmp_path):
    (doc,) = documents(
        tmp_path,
        """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Cpu: 256
              Memory: "512"
              ContainerDefinitions:
                - {Name: web, Image: nginx, Memory: "256", Essential: "true", ReadonlyRootFilesystem: "FALSE", PortMappings: [{ContainerPort: "80"}]}
                - {Name: side, Image: nginx, Memory: lots, Essential: "yes"}
        """,
    )
    web, side = doc.data["containerDefinitions"]
    assert (doc.data["cpu"], doc.data["memory"]) == (256, "512")  # the API takes both
    assert web == {"name": "web", "image": "nginx", "memory": 256, "essential": True, "readonlyRootFilesystem": False, "portMappings": [{"containerPort": 80}]}
    assert (side["memory"], side["essential"]) == ("lots", "yes")  # not convertible: left for the schema pass


def test_other_services_use_their_renames(tmp_path):
    service, cluster = documents(
        tmp_path,
        """
        Resources:
          Service:
            Type: AWS::ECS::Service
            Properties:
              PlacementStrategies: [{Type: spread, Field: "attribute:ecs.availability-zone"}]
              EnableECSManagedTags: "true"
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings: [{Name: containerInsights, Value: enabled}]
        """,
    )
    assert service.data == {"placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}], "enableECSManagedTags": True}
    assert cluster.data == {"settings": [{"name": "containerInsights", "value": "enabled"}]}


# -- intrinsic functions --------------------------------------------------------------------


def test_no_value_removes_the_key_and_computed_values_are_unknown(tmp_path):
    (doc,) = documents(
        tmp_path,
        """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ExecutionRoleArn: !GetAtt Role.Arn
              TaskRoleArn: !Ref AWS::NoValue
              ContainerDefinitions:
                - Name: !Sub "${AWS::StackName}-web"
                  Image: !ImportValue base-image
                  Memory: !Ref Memory
                  User: !Ref AWS::NoValue
        Parameters:
          Memory: {Type: Number, Default: 512}
        """,
    )
    container = doc.data["containerDefinitions"][0]
    assert "taskRoleArn" not in doc.data and "user" not in container
    assert container["name"] == "${AWS::StackName}-web"
    assert type(container["image"]).__name__ == "Unknown" and type(container["memory"]).__name__ == "Unknown"
    assert isinstance(doc.data["executionRoleArn"], Reference) is False  # Role is not a resource of the template


def test_a_parameter_is_unknown_unless_the_user_gives_it(tmp_path):
    text = """
    Parameters:
      Essential: {Type: String, Default: "false"}
    Resources:
      Task:
        Type: AWS::ECS::TaskDefinition
        Properties:
          ContainerDefinitions:
            - {Name: web, Image: nginx, Memory: 256, Essential: !Ref Essential}
    """
    assert check(tmp_path, text, select=["ECS101"]) == []
    assert check(tmp_path, text, select=["ECS101"], parameters={"Essential": "false"}) == [("ECS101", 7, 7)]
    assert check(tmp_path, text, select=["ECS101"], parameters={"Essential": "true"}) == []


def test_sub_and_join_keep_their_literal_parts(tmp_path):
    text = """
    Resources:
      Repo:
        Type: AWS::ECR::Repository
        Properties: {RepositoryName: web}
      Task:
        Type: AWS::ECS::TaskDefinition
        Properties:
          ContainerDefinitions:
            - Name: a
              Image: !Sub '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:latest'
            - Name: b
              Image: !Join ['', [!GetAtt Repo.RepositoryUri, ':latest']]
            - Name: c
              Image: !Sub '${Repo.RepositoryUri}:${Tag}'
    """
    assert check(tmp_path, text, select=["ECS407"]) == [("ECS407", 10, 23), ("ECS407", 12, 18)]
    docs = documents(tmp_path, text)
    images = [c["image"] for c in docs[1].data["containerDefinitions"]]
    assert images[1] == "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/web:latest"
    assert images[2] == "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/web:${Tag}"


def test_find_in_map_is_located_where_the_value_is_written(tmp_path):
    text = """
    Mappings:
      Sizes:
        small: {Cpu: "256", Memory: "4096"}
    Resources:
      Task:
        Type: AWS::ECS::TaskDefinition
        Properties:
          RequiresCompatibilities: [FARGATE]
          NetworkMode: awsvpc
          Cpu: !FindInMap [Sizes, small, Cpu]
          Memory: !FindInMap [Sizes, small, Memory]
          ContainerDefinitions:
            - {Name: web, Image: nginx}
    """
    assert check(tmp_path, text, select=["ECS201"]) == [("ECS201", 3, 33)]


# -- conditions -------------------------------------------------------------------------------


CONDITIONAL = """
Parameters:
  Env: {Type: String, Default: prod}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: web
          Image: nginx:1.27
          Memory: 256
          Privileged: !If [IsProd, !Ref AWS::NoValue, true]
          Essential: !If [IsProd, false, false]
"""


def test_fn_if_reports_what_every_branch_has_and_qualifies_the_rest(tmp_path):
    assert check(tmp_path, CONDITIONAL, select=["ECS101", "ECS401"]) == [("ECS101", 9, 7), ("ECS401", 13, 55)]
    (privileged,) = messages(tmp_path, CONDITIONAL, "ECS401")
    assert privileged.endswith("(when IsProd is false)")
    (essential,) = messages(tmp_path, CONDITIONAL, "ECS101")
    assert "when" not in essential


def test_a_condition_the_user_decides_is_not_enumerated(tmp_path):
    assert check(tmp_path, CONDITIONAL, select=["ECS401"], parameters={"Env": "prod"}) == []
    (privileged,) = messages(tmp_path, CONDITIONAL, "ECS401", parameters={"Env": "dev"})
    assert "when" not in privileged


def test_a_conditional_resource_exists_only_where_its_condition_holds(tmp_path):
    text = """
    Conditions:
      WithWorker: !Equals [!Ref Workers, "yes"]
    Parameters:
      Workers: {Type: String}
    Resources:
      Worker:
        Type: AWS::ECS::TaskDefinition
        Condition: WithWorker
        Properties:
          ContainerDefinitions:
            - {Name: w, Image: nginx:1.27, Memory: 256, Essential: false}
    """
    (message,) = messages(tmp_path, text, "ECS101")
    assert message.endswith("(when WithWorker is true)")


def test_exclusive_comparisons_of_one_parameter_are_not_combined(tmp_path):
    text = """
    Parameters:
      Env: {Type: String}
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
      IsDev: !Equals [!Ref Env, dev]
    Resources:
      Task:
        Type: AWS::ECS::TaskDefinition
        Properties:
          ContainerDefinitions:
            - Name: web
              Image: nginx:1.27
              Memory: 256
              Essential: !If [IsProd, false, !If [IsDev, false, true]]
    """
    (message,) = messages(tmp_path, text, "ECS101")
    assert "IsProd is true" in message and "IsDev is true" in message and "IsProd is true and IsDev is true" not in message


# -- links -------------------------------------------------------------------------------------


STACK = (DATA / "stack.yaml").read_text()


def test_a_service_is_judged_against_its_task_definition_and_target_group(tmp_path):
    assert check(tmp_path, STACK, select=["ECS301"]) == [("ECS301", 44, 25)]
    (message,) = messages(tmp_path, STACK, "ECS301")
    assert "target group 'TG'" in message


def test_the_capacity_chain_gives_the_instance_types_without_configuration(tmp_path):
    (message,) = messages(tmp_path, STACK, "ECS206")
    assert "t3.medium" in message and "capacity providers' launch templates" in message
    assert message.endswith("(when IsProd is true)")
    # configured instance types win over the stack's
    (configured,) = messages(tmp_path, STACK, "ECS206", instance_types=["m5.large"])
    assert "m5.large" in configured


CHAIN = """
Conditions:
  IsProduction: !Equals [!Ref AWS::StackName, production]
Resources:
  Cluster:
    Type: AWS::ECS::Cluster
    Properties: {ClusterName: workers}
  Instances:
    Type: AWS::EC2::LaunchTemplate
    Properties: {LaunchTemplateName: workers, LaunchTemplateData: {InstanceType: TYPE}}
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      AutoScalingGroupName: workers
      MinSize: "0"
      MaxSize: "4"
      LaunchTemplate: {LaunchTemplateName: workers, Version: !GetAtt Instances.LatestVersionNumber}
  Provider:
    Type: AWS::ECS::CapacityProvider
    Properties:
      Name: workers
      AutoScalingGroupProvider: {AutoScalingGroupArn: !Ref Group}
  Associations:
    Type: AWS::ECS::ClusterCapacityProviderAssociations
    Properties:
      Cluster: !Ref Cluster
      CapacityProviders: [FARGATE, !Ref Provider]
      DefaultCapacityProviderStrategy: DEFAULT
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [EC2, FARGATE, EXTERNAL]
      NetworkMode: awsvpc
      Cpu: "1024"
      Memory: "MEMORY"
      ContainerDefinitions: [{Name: worker, Image: "public.ecr.aws/docker/library/python:3.12"}]
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !Ref Cluster
      TaskDefinition: !Ref Task
      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1]}}
      PLACEMENT
"""


def chain(kind: str = "t3.medium", memory: str = "6144", default: str = "[]", placement: str = "DesiredCount: 1") -> str:
    """A stack whose service reaches its instance types through a cluster, its capacity
    provider associations, an Auto Scaling group and a launch template, every name literal."""
    text = textwrap.dedent(CHAIN)
    for token, value in (("TYPE", kind), ("MEMORY", memory), ("DEFAULT", default), ("PLACEMENT", placement)):
        text = text.replace(token, value)
    return text


def test_a_cluster_named_literally_keeps_its_capacity_providers_to_its_own_reading(tmp_path):
    # Cluster: !Ref Cluster reads as the literal ClusterName, which every reading of the
    # template shares: the association of each reading must still only lend its own
    # capacity provider (and so its own launch template's instance type).
    text = chain("!If [IsProduction, m5.large, t3.medium]", "3900", "[{CapacityProvider: !Ref Provider}]")
    text = text.replace("      Name: workers\n", "")  # the provider's Ref stays a link into each reading
    from ecslint.workspace import Workspace

    ws = Workspace(documents(tmp_path, text))
    by_reading = {td.doc.scenario: ws.instance_types_for(td) for td in ws.task_definitions}
    assert by_reading == {0: ("m5.large",), 1: ("t3.medium",)}
    (message,) = messages(tmp_path, text, "ECS207")
    assert "t3.medium" in message and message.endswith("(when IsProduction is false)")


@pytest.mark.parametrize("only_launch_template", [False, True])
def test_templates_that_define_the_same_names_each_keep_their_own_capacity_chain(tmp_path, only_launch_template):
    # One template per environment, with the same literal names (their Refs read as those
    # names): each chain stays in its own template, where several templates of the run
    # would otherwise make a name ambiguous (no stack fact) or lend one template the other's
    # instance type (production's task judged against staging's t3.medium: an ECS206 error).
    sizes = {"production.yaml": ("m5.2xlarge", "12288"), "a-staging.yaml": ("t3.medium", "2048")}
    for name, (kind, memory) in sizes.items():
        text = chain(kind, memory)
        if only_launch_template:
            for literal, bare in (("{ClusterName: workers}", "{}"), ("      AutoScalingGroupName: workers\n", ""), ("      Name: workers\n", "")):
                text = text.replace(literal, bare)
        (tmp_path / name).write_text(text)
    paths = [str(tmp_path / n) for n in sorted(sizes)]
    assert run(paths, Settings(select=["ECS206", "ECS207", "ECS208"])).findings == []
    from ecslint.workspace import Workspace

    ws = Workspace(d for p in paths for d in read(p, p).documents)
    found = {Path(td.doc.file.path).name: ws.instance_types_for(td) for td in ws.task_definitions}
    assert found == {"production.yaml": ("m5.2xlarge",), "a-staging.yaml": ("t3.medium",)}


@pytest.mark.parametrize(
    "default, placement, fires",
    [
        ("[]", "LaunchType: EC2", True),
        ("[]", "LaunchType: FARGATE", False),  # the tasks never land on the stack's instances
        ("[]", "LaunchType: EXTERNAL", False),  # on external instances, of types not in sight
        ("[{CapacityProvider: !Ref Provider}]", "DesiredCount: 1", True),
        ("[{CapacityProvider: FARGATE}]", "DesiredCount: 1", False),  # the cluster's default is Fargate
        ("[{CapacityProvider: FARGATE}]", "CapacityProviderStrategy: [{CapacityProvider: !Ref Provider}]", True),
    ],
)
def test_the_capacity_chain_follows_where_the_service_places_its_tasks(tmp_path, default, placement, fires):
    text = chain(default=default, placement=placement)
    line = text.lstrip("\n").split("\n").index('      Memory: "6144"') + 1
    assert check(tmp_path, text, select=["ECS206"]) == ([("ECS206", line, 15)] if fires else [])


def test_links_are_references_the_workspace_resolves(tmp_path):
    docs = documents(tmp_path, STACK)
    service = next(d for d in docs if d.kind == "service")
    assert isinstance(service.data["taskDefinition"], Reference) and service.data["taskDefinition"].target == "TaskDef"
    from ecslint.workspace import Workspace

    ws = Workspace(docs)
    (svc,) = [s for s in ws.services if s.doc.scenario == 0]
    assert ws.task_definitions_for(svc)[0].doc.origin.resource == "TaskDef"
    assert ws.task_definitions_for(svc)[0].doc.scenario == svc.doc.scenario


# -- embedded lifecycle policies, positions -----------------------------------------------------


def test_lifecycle_policies_are_located_inside_block_scalars_and_json_strings(tmp_path):
    assert check(tmp_path, STACK, select=["ECR102"]) == [("ECR102", 22, 32)]
    report = run([str(DATA / "stack.json")], Settings(select=["ECR103", "ECS201"]))
    assert [(f.rule, f.region.line, f.region.column) for f in report.findings] == [("ECR103", 8, 101), ("ECS201", 32, 46)]


POLICY_ANY_FIRST = (
    '{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 9}, '
    '"action": {"type": "expire"}}, {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", '
    '"countNumber": 1}, "action": {"type": "expire"}}]}'
)


def test_a_lifecycle_policy_chosen_by_fn_if_or_a_mapping_is_read_where_it_is_written(tmp_path):
    template = f"""
        Parameters:
          Env:
            Type: String
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Mappings:
          Policies:
            shared:
              Text: '{POLICY_ANY_FIRST}'
        Resources:
          Api:
            Type: AWS::ECR::Repository
            Properties:
              LifecyclePolicy:
                LifecyclePolicyText: !If
                  - IsProd
                  - '{POLICY_ANY_FIRST}'
                  - '{{"rules": []}}'
          Worker:
            Type: AWS::ECR::Repository
            Properties:
              LifecyclePolicy: !If
                - IsProd
                - LifecyclePolicyText: !FindInMap [Policies, shared, Text]
                - !Ref AWS::NoValue
    """
    # Each text starts on column 14 of its line; the finding is on the `"any"` inside it.
    column = 14 + POLICY_ANY_FIRST.index('"any"')
    assert check(tmp_path, template, select=["ECR101", "ECR103"]) == [
        ("ECR103", 9, column),
        ("ECR103", 17, column),
        ("ECR101", 18, 24),
    ]
    assert [m.rsplit("(", 1)[1] for m in messages(tmp_path, template, "ECR103")] == ["when IsProd is true)"] * 2


def test_attributes_written_as_properties_are_reported_for_every_kind(tmp_path):
    """An attribute CloudFormation returns is neither an unknown field nor silently fine,
    whatever the resource (ECS007 took only task definitions and services)."""
    text = """
        Resources:
          Repository:
            Type: AWS::ECR::Repository
            Properties:
              Arn: arn:aws:ecr:us-east-1:123456789012:repository/api
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              Arn: arn:aws:ecs:us-east-1:123456789012:cluster/api
          TargetGroup:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties:
              TargetGroupName: api
              Port: 80
              Protocol: HTTP
    """
    assert check(tmp_path, text, select=["ECS002", "ECS007"]) == [("ECS007", 5, 7), ("ECS007", 9, 7), ("ECS007", 13, 7)]


def test_a_duplicate_key_inside_a_templates_policy_is_named_in_the_templates_spelling(tmp_path):
    text = """
        Conditions:
          IsProd: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Repository:
            Type: AWS::ECR::Repository
            Properties:
              ImageTagMutability: !If [IsProd, IMMUTABLE, MUTABLE]
              LifecyclePolicy:
                LifecyclePolicyText: '{"rules": [{"rulePriority": 1, "rulePriority": 2, "selection": {"tagStatus": "any"}}]}'
    """
    assert check(tmp_path, text, select=["ECS006"]) == [("ECS006", 9, 62)]  # once, though read twice
    assert messages(tmp_path, text, "ECS006") == [
        "`rulePriority` appears more than once in LifecyclePolicyText (first at 9:43); only the last value is used"
    ]


def test_a_repository_lifecycle_policy_knows_its_repository(tmp_path):
    docs = documents(tmp_path, STACK)
    policy = next(d for d in docs if d.kind == "lifecycle-policy")
    assert policy.repository == "web" and policy.owner.kind == "repository"


UNNAMED_REPOSITORY = """
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      LifecyclePolicy:
        LifecyclePolicyText: '{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 10}, "action": {"type": "expire"}}]}'
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - Name: a
          Image: !GetAtt Repo.RepositoryUri
          Memory: 256
        - Name: b
          Image: !Sub '${Repo.RepositoryUri}:stable'
          Memory: 256
        - Name: c
          Image: !Join ['', [!Ref AWS::AccountId, .dkr.ecr., !Ref AWS::Region, ., !Ref AWS::URLSuffix, /, !Ref Repo, ':v1']]
          Memory: 256
        - Name: d
          Image: !Sub '${Repo.RepositoryUri}:${Tag}'
          Memory: 256
"""


def test_an_image_in_cloudformations_uri_form_is_judged_against_its_repositorys_policy(tmp_path):
    """``!GetAtt Repo.RepositoryUri`` reads ``${AWS::AccountId}.dkr.ecr.${AWS::Region}.
    ${AWS::URLSuffix}/web``: a private ECR registry whatever the suffix holds."""
    text = UNNAMED_REPOSITORY.replace("      LifecyclePolicy:", "      RepositoryName: web\n      LifecyclePolicy:", 1)
    (message,) = messages(tmp_path, text, "ECR301")
    assert "tagged `latest`, `stable` and `v1`, which task definition 'web' (containers 'a', 'b' and 'c') deploys from repository 'web'" in message


def test_a_repository_without_a_name_is_the_one_its_templates_images_reach(tmp_path):
    """CloudFormation names a repository without RepositoryName (CDK's usual case): the
    template's images reach it through its URI or its Ref, and its policy is theirs."""
    text = UNNAMED_REPOSITORY.replace("Resources:", "Parameters:\n  Tag:\n    Type: String\nResources:")
    docs = documents(tmp_path, text)
    images = [c["image"] for c in docs[2].data["containerDefinitions"]]
    assert images[:2] == [
        "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${Repo}",
        "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${Repo}:stable",
    ]
    from ecslint.lifecycle import deployed
    from ecslint.workspace import Workspace

    found = deployed.deployments(Workspace(docs))
    assert list(found) == [docs[0]]  # the repository's document: it has no name
    assert [(u.container.name, u.tag) for u in found[docs[0]]] == [("a", "latest"), ("b", "stable"), ("c", "v1")]
    (message,) = messages(tmp_path, text, "ECR301")
    assert "tagged `latest`, `stable` and `v1`, which task definition 'web' (containers 'a', 'b' and 'c') deploys from the stack's repository 'Repo'" in message


def test_a_repository_without_a_name_is_reached_only_from_its_own_template(tmp_path):
    """Another template's `${Repo}` is a parameter, or a repository of its own."""
    (tmp_path / "a.yaml").write_text(textwrap.dedent(UNNAMED_REPOSITORY).replace("Task:", "Other:").replace("Family: web", "Family: other"))
    protected = textwrap.dedent(UNNAMED_REPOSITORY).replace('"tagStatus": "any"', '"tagStatus": "tagged", "tagPatternList": ["*"]').replace(
        '"countNumber": 10', '"countNumber": 9999'
    )
    (tmp_path / "b.yaml").write_text(protected)
    (tmp_path / "c.yaml").write_text(
        "Parameters:\n  Repo:\n    Type: String\nResources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
        "      ContainerDefinitions:\n        - Name: c\n          Image: !Sub '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/${Repo}:v2'\n"
        "          Memory: 256\n"
    )
    report = run([str(tmp_path)], Settings(select=["ECR301"]))
    assert [(Path(f.path).name, f.region.line) for f in report.findings] == [("a.yaml", 7)]
    assert "task definition 'other' (containers 'a', 'b' and 'c')" in report.findings[0].message


def test_a_repository_without_a_name_is_matched_in_each_reading_of_the_template(tmp_path):
    text = UNNAMED_REPOSITORY.replace("Resources:", "Conditions:\n  Big: !Equals [!Ref AWS::Region, us-east-1]\nResources:")
    text = text.replace("Memory: 256", "Memory: !If [Big, 512, 256]")
    docs = documents(tmp_path, text)
    from ecslint.workspace import Workspace

    ws = Workspace(docs)
    assert len(ws.task_definitions) == 2
    for td in ws.task_definitions:
        repository, rest = ws.image_repository(td.containers[0].image_reference, td.doc)
        assert repository.kind == "repository" and repository.scenario == td.doc.scenario and rest == ""
    (message,) = messages(tmp_path, text, "ECR301")  # one finding, true in both readings
    assert message.endswith("or keep more images")


# -- suppression ----------------------------------------------------------------------------------


def test_resource_metadata_suppresses_findings_inside_the_resource(tmp_path):
    found = {rule for rule, _, _ in check(tmp_path, STACK)}
    assert "ECS402" not in found and "ECS410" not in found and "ECS401" in found


# -- parameters -----------------------------------------------------------------------------------


def test_parameter_files_in_cloudformations_own_forms(tmp_path):
    create_stack = tmp_path / "a.json"
    create_stack.write_text(json.dumps([{"ParameterKey": "Env", "ParameterValue": "prod"}, {"ParameterKey": "N", "ParameterValue": 2}]))
    pipeline = tmp_path / "b.json"
    pipeline.write_text(json.dumps({"Parameters": {"Size": "small"}, "Tags": {"team": "x"}}))
    overrides = tmp_path / "c.json"
    overrides.write_text(json.dumps(["Env=dev", "Url=a=b"]))
    assert parameters_from(["Size=large"], [str(create_stack), str(pipeline), str(overrides)]) == {
        "Env": "dev",
        "N": "2",
        "Size": "large",
        "Url": "a=b",
    }
    with pytest.raises(ConfigError, match="NAME=VALUE"):
        parameters_from(["novalue"], [])
    bad = tmp_path / "d.json"
    bad.write_text("[1, 2]")
    with pytest.raises(ConfigError, match="ParameterKey"):
        parameters_from([], [str(bad)])


def test_cli_parameter_option(tmp_path):
    from ecslint.cli import main

    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent(CONDITIONAL).lstrip("\n"))
    assert main(["check", "--select", "ECS401", "--parameter", "Env=prod", str(path)]) == 0
    assert main(["check", "--select", "ECS401", "--parameter", "Env=dev", str(path)]) == 1


# -- robustness -----------------------------------------------------------------------------------

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 70000), st.text(max_size=12), st.sampled_from(["true", "256", "AWS::NoValue"]))
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["Name", "Image", "Memory", "Essential", "PortMappings", "Options", "x"]), inner, max_size=4),
        st.builds(lambda v: {"Ref": v}, st.one_of(st.sampled_from(["AWS::NoValue", "P", "Task", "Repo", "AWS::Region"]), inner)),
        st.builds(lambda a, b, c: {"Fn::If": [a, b, c]}, st.sampled_from(["C", "D", "Missing"]), inner, inner),
        st.builds(lambda v: {"Fn::Sub": v}, inner),
        st.builds(lambda v: {"Fn::Join": v}, inner),
        st.builds(lambda v: {"Fn::Select": v}, inner),
        st.builds(lambda v: {"Fn::FindInMap": v}, inner),
        st.builds(lambda v: {"Fn::GetAtt": v}, inner),
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(properties=st.dictionaries(st.sampled_from(["ContainerDefinitions", "Cpu", "Memory", "Volumes", "Family", "Tags"]), _values, max_size=4))
def test_any_properties_never_crash_and_every_finding_is_located(tmp_path, properties):
    template = {
        "Parameters": {"P": {"Type": "String"}},
        "Conditions": {"C": {"Fn::Equals": [{"Ref": "P"}, "a"]}, "D": {"Fn::Not": [{"Condition": "C"}]}},
        "Mappings": {"M": {"a": {"b": 1}}},
        "Resources": {
            "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": properties},
            "Repo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "r"}},
            "Service": {"Type": "AWS::ECS::Service", "Properties": {"TaskDefinition": {"Ref": "Task"}, "LoadBalancers": properties.get("Tags", [])}},
        },
    }
    path = tmp_path / "fuzz.json"
    text = json.dumps(template, indent=1)
    path.write_text(text)
    report = run([str(path)], Settings(select=["ALL"]))
    lines = text.count("\n") + 1
    for finding in report.findings:
        assert finding.rule != "ECS008", finding.message
        assert 1 <= finding.region.line <= lines and finding.region.column >= 1


def test_a_resource_type_that_is_not_a_string_is_not_a_crash(tmp_path):
    text = """
    Resources:
      Role:
        Type: [AWS::IAM::Role]
      Task:
        Type: AWS::ECS::TaskDefinition
        Properties:
          ContainerDefinitions:
            - {Name: web, Image: nginx:1.27, Memory: 256, Essential: false}
    """
    assert check(tmp_path, text, select=["ECS101", "ECS008"]) == [("ECS101", 7, 7)]


BRANCHES = """
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: !If [IsProd, awsvpc, brigde]
      ContainerDefinitions:
        - Name: web
          Image: !If [IsProd, !Ref AWS::NoValue, nginx:1.27]
          Memory: !If [IsProd, 512, "512 MiB"]
          LogConfiguration: !If
            - IsProd
            - LogDriver: awslogs
              Option: {awslogs-group: /ecs/web}
            - !Ref AWS::NoValue
"""


def test_the_schema_checks_the_branch_of_fn_if_each_reading_takes(tmp_path):
    """Like any other value, a value written in an Fn::If branch is checked against the
    resource's schema, in the reading that takes the branch (and the finding says which)."""
    found = check(tmp_path, BRANCHES, select=["ECS002", "ECS003", "ECS004", "ECS005"])
    assert found == [("ECS004", 10, 41), ("ECS005", 13, 11), ("ECS003", 14, 37), ("ECS002", 18, 15)]
    assert [m.rsplit(" (", 1)[1] for m in messages(tmp_path, BRANCHES, "ECS004")] == ["when IsProd is false)"]
    assert [m.rsplit(" (", 1)[1] for m in messages(tmp_path, BRANCHES, "ECS002")] == ["when IsProd is true)"]
    assert messages(tmp_path, BRANCHES, "ECS005") == [
        "`Resources.Task.Properties.ContainerDefinitions[0]` is missing required field `Image` (when IsProd is true)"
    ]
    # A branch the user's parameters decide is the only one read.
    assert check(tmp_path, BRANCHES, select=["ECS002", "ECS003", "ECS004", "ECS005"], parameters={"Env": "prod"}) == [
        ("ECS005", 13, 11),
        ("ECS002", 18, 15),
    ]


def test_one_problem_in_every_reading_is_one_finding_whatever_its_message(tmp_path):
    text = """
    Parameters: {LaunchType: {Type: String}}
    Conditions: {OnEc2: !Equals [!Ref LaunchType, EC2]}
    Resources:
      Task:
        Type: AWS::ECS::TaskDefinition
        Properties:
          NetworkMode: !If [OnEc2, host, awsvpc]
          ContainerDefinitions:
            - {Name: x, Image: "quay.io/x/y:1.2", Memory: 128, PortMappings: [{ContainerPort: 9100, HostPort: 19100}]}
    """
    (message,) = messages(tmp_path, text, "ECS302")
    assert "when" not in message  # wrong in both readings (host and awsvpc mode)


def test_a_qualifier_names_only_the_conditions_that_vary(tmp_path):
    text = """
    Parameters: {Size: {Type: String}, Env: {Type: String}}
    Conditions:
      Big: !Equals [!Ref Size, big]
      IsProd: !Equals [!Ref Env, prod]
      Never: !Equals [prod, dev]
    Resources:
      Task:
        Type: AWS::ECS::TaskDefinition
        Properties:
          ContainerDefinitions:
            - Name: web
              Image: nginx:1.27
              Memory: 256
              Privileged: !If [Big, !If [IsProd, true, !If [Never, false, true]], false]
    """
    (message,) = messages(tmp_path, text, "ECS401", parameters={"Env": "prod"})
    assert message.endswith("(when Big is true)")


def test_nested_short_forms_get_cloudformations_hint_not_a_template_engines(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text('Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      X: !Base64 !Sub "a${AWS::Region}"\n')
    (finding,) = run([str(path)], Settings()).findings
    assert finding.rule == "ECS001" and "write the full function name" in finding.message
    assert "looks like a template" not in finding.message


def test_a_syntax_hint_never_quotes_a_placeholders_default_value(tmp_path):
    path = tmp_path / "taskdef.json"
    path.write_text('{"family": "x", "containerDefinitions": [{"name": "a", "environment": [{"name": "DB_PASSWORD", "value": ${DB_PASSWORD:-Xk9mQ2vLp7Rt}}]}]}')
    (finding,) = run([str(path)], Settings()).findings
    assert "Xk9mQ2vLp7Rt" not in finding.message and "${DB_PASSWORD..." in finding.message
