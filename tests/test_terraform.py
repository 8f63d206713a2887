"""Terraform configurations: modules, the conversion to the API's shape, JSON arguments in
every form, evaluation (locals, variables, references), positions in the .tf file and in
the files it loads, suppression, and robustness.

The facts are those of ``shared/reference/iac-sources.md`` §3-4.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.engine import Settings, run
from ecslint.sources.references import Reference

TEN = Path(__file__).resolve().parent.parent / "benchmarks" / "ten-problems" / "terraform"


def write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return directory


def found(paths, **options) -> list[tuple[str, str, int, int]]:
    report = run([str(p) for p in paths], Settings(**options))
    return [(f.rule, Path(f.path).name, f.region.line, f.region.column) for f in report.findings]


def documents(path: Path):
    report = run([str(path)], Settings(select=["ECS101"]))
    return [d for f in report.files for d in f.documents]


TASK = """
resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
    }
  ])
}
"""


# -- the conversion --------------------------------------------------------------------------


def test_a_task_definition_in_hcl_is_api_shaped_and_located_in_the_tf_file(tmp_path):
    write(tmp_path, {"main.tf": TASK})
    (doc,) = documents(tmp_path / "main.tf")
    assert (doc.kind, doc.shape, doc.name) == ("task-definition", "register", "web")
    assert doc.data == {
        "family": "web",
        "requiresCompatibilities": ["FARGATE"],
        "networkMode": "awsvpc",
        "cpu": 256,
        "memory": 512,
        "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": False}],
    }
    assert found([tmp_path / "main.tf"], select=["ECS101"]) == [("ECS101", "main.tf", 7, 3)]


def test_blocks_and_the_providers_renames(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            resource "aws_ecs_service" "web" {
              name                               = "web"
              task_definition                    = "web:3"
              desired_count                      = "2"
              iam_role                           = "ecsServiceRole"
              deployment_minimum_healthy_percent = 50
              deployment_circuit_breaker {
                enable   = true
                rollback = true
              }
              network_configuration {
                subnets          = ["subnet-1"]
                assign_public_ip = true
              }
              load_balancer {
                elb_name       = "classic"
                container_name = "web"
                container_port = 80
              }
              ordered_placement_strategy {
                type  = "spread"
                field = "attribute:ecs.availability-zone"
              }
              tags = { team = "web" }
              wait_for_steady_state = true
            }
            """,
        },
    )
    (doc,) = documents(tmp_path / "main.tf")
    assert doc.data == {
        "serviceName": "web",
        "taskDefinition": "web:3",
        "desiredCount": 2,
        "role": "ecsServiceRole",
        "deploymentConfiguration": {"minimumHealthyPercent": 50, "deploymentCircuitBreaker": {"enable": True, "rollback": True}},
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "ENABLED"}},
        "loadBalancers": [{"loadBalancerName": "classic", "containerName": "web", "containerPort": 80}],
        "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
        "tags": [{"key": "team", "value": "web"}],
    }
    assert found([tmp_path / "main.tf"], select=["ECS508"]) == [("ECS508", "main.tf", 13, 24)]


def test_volumes_and_target_groups(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            resource "aws_ecs_task_definition" "web" {
              family                = "web"
              container_definitions = jsonencode([{ name = "web", image = "nginx:1.27", memory = 256 }])
              volume {
                name      = "data"
                host_path = "/var/run/docker.sock"
              }
              volume {
                name = "efs"
                efs_volume_configuration {
                  file_system_id = "fs-1"
                  authorization_config {
                    iam = "ENABLED"
                  }
                }
              }
            }
            resource "aws_lb_target_group" "web" {
              name     = "web"
              port     = 80
              protocol = "HTTP"
              health_check {
                port = "8081"
                path = "/health"
              }
            }
            """,
        },
    )
    td, tg = documents(tmp_path / "main.tf")
    assert td.data["volumes"] == [
        {"name": "data", "host": {"sourcePath": "/var/run/docker.sock"}},
        {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "authorizationConfig": {"iam": "ENABLED"}}},
    ]
    assert tg.data == {"Name": "web", "Port": 80, "Protocol": "HTTP", "HealthCheckPort": "8081", "HealthCheckPath": "/health"}
    assert ("ECS118", "main.tf", 10, 5) in found([tmp_path / "main.tf"], select=["ECS118"])


# -- JSON arguments ---------------------------------------------------------------------------


def test_container_definitions_in_a_heredoc_are_located_inside_it(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            resource "aws_ecs_task_definition" "web" {
              family = "web"
              container_definitions = <<-EOF
                [
                  {"name": "web", "image": "nginx:1.27", "memory": 256, "essential": false}
                ]
              EOF
            }
            """,
        },
    )
    assert found([tmp_path / "main.tf"], select=["ECS101"]) == [("ECS101", "main.tf", 3, 3)]
    # The key in the heredoc: point at the value written there.
    assert found([tmp_path / "main.tf"], select=["ECS211", "ECS407"]) == []


def test_file_and_templatefile_put_findings_in_the_loaded_file(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            resource "aws_ecs_task_definition" "a" {
              family                = "a"
              container_definitions = file("${path.module}/a.json")
            }
            resource "aws_ecs_task_definition" "b" {
              family                = "b"
              container_definitions = templatefile("${path.module}/b.json.tpl", { image = "nginx:latest", port = 80 })
            }
            """,
            "a.json": '[\n  {"name": "a", "image": "nginx:1.27", "memory": 256, "essential": false}\n]\n',
            "b.json.tpl": '[\n  {"name": "b", "image": "${image}", "memory": 256,\n   "portMappings": [{"containerPort": ${port}}]}\n]\n',
        },
    )
    result = found([tmp_path], select=["ECS101", "ECS407"])
    # the whole of a.json has no essential container: reported on the argument that loads it
    assert sorted(result) == [("ECS101", "main.tf", 3, 3), ("ECS407", "b.json.tpl", 2, 26)]
    # the loaded files are not read a second time on their own
    report = run([str(tmp_path)], Settings(select=["ECS101"]))
    (loaded,) = [f for f in report.files if f.display.endswith("a.json")]
    assert loaded.documents == [] and loaded.skipped.startswith("read as part of `aws_ecs_task_definition` in ")


def test_a_template_that_is_json_only_once_rendered_is_unknown_not_an_error(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            variable "cpu" {}
            resource "aws_ecs_task_definition" "b" {
              family                = "b"
              container_definitions = templatefile("${path.module}/b.json.tpl", { cpu = var.cpu })
            }
            """,
            "b.json.tpl": '[{"name": "b", "image": "nginx:1.27", "cpu": ${cpu}, "essential": false}]\n',
        },
    )
    assert found([tmp_path]) == []


# -- evaluation ----------------------------------------------------------------------------------


def test_locals_in_another_file_are_known_and_located_where_written(tmp_path):
    write(
        tmp_path,
        {
            "locals.tf": """
            locals {
              essential = false
            }
            """,
            "main.tf": """
            resource "aws_ecs_task_definition" "web" {
              family = "web"
              container_definitions = jsonencode([{ name = "web", image = "nginx:1.27", memory = 256, essential = local.essential }])
            }
            """,
        },
    )
    assert found([tmp_path / "main.tf"], select=["ECS101"]) == [("ECS101", "main.tf", 3, 3)]


def test_variables_are_unknown_unless_a_variable_file_applies(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            variable "essential" {
              default = false
            }
            resource "aws_ecs_task_definition" "web" {
              family = "web"
              container_definitions = jsonencode([{ name = "web", image = "nginx:1.27", memory = 256, essential = var.essential }])
            }
            """,
            "prod.tfvars": "essential = true\n",
        },
    )
    main = tmp_path / "main.tf"
    assert found([main], select=["ECS101"]) == []
    assert found([main], select=["ECS101"], var_files=[str(tmp_path / "prod.tfvars")]) == []
    (tmp_path / "prod.tfvars").write_text("other = 1\n")
    assert found([main], select=["ECS101"], var_files=[str(tmp_path / "prod.tfvars")]) == [("ECS101", "main.tf", 6, 3)]
    (tmp_path / "terraform.tfvars").write_text("essential = false\n")
    assert found([main], select=["ECS101"]) == [("ECS101", "main.tf", 6, 3)]


def test_references_link_a_service_checked_alone_to_its_module(tmp_path):
    write(
        tmp_path,
        {
            "task.tf": """
            resource "aws_ecs_task_definition" "web" {
              family       = "web"
              network_mode = "bridge"
              container_definitions = jsonencode([{ name = "web", image = "nginx:1.27", memory = 256, portMappings = [{ containerPort = 80, hostPort = 80 }] }])
            }
            resource "aws_lb_target_group" "web" {
              port     = 80
              protocol = "HTTP"
            }
            """,
            "service.tf": """
            resource "aws_ecs_service" "web" {
              name            = "web"
              task_definition = aws_ecs_task_definition.web.arn
              desired_count   = 2
              load_balancer {
                target_group_arn = aws_lb_target_group.web.arn
                container_name   = "web"
                container_port   = 80
              }
            }
            """,
        },
    )
    (service,) = documents(tmp_path / "service.tf")
    assert isinstance(service.data["taskDefinition"], Reference)
    # pre-commit names only service.tf: the rest of the module is context, so the finding
    # on the unchanged task definition is not reported, but on the service it is.
    assert found([tmp_path / "service.tf"], select=["ECS301"]) == [("ECS301", "service.tf", 8, 24)]
    assert found([tmp_path], select=["ECS301"]) == [("ECS301", "task.tf", 4, 140)]


def test_the_capacity_chain_reaches_the_launch_templates_instance_type(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            resource "aws_launch_template" "ecs" {
              name          = "ecs"
              instance_type = "t3.medium"
            }
            resource "aws_autoscaling_group" "ecs" {
              name     = "ecs"
              min_size = 1
              max_size = 2
              launch_template {
                id      = aws_launch_template.ecs.id
                version = "$Latest"
              }
            }
            resource "aws_ecs_capacity_provider" "ec2" {
              name = "ec2"
              auto_scaling_group_provider {
                auto_scaling_group_arn = aws_autoscaling_group.ecs.arn
              }
            }
            resource "aws_ecs_cluster" "main" {
              name = "main"
            }
            resource "aws_ecs_cluster_capacity_providers" "main" {
              cluster_name       = aws_ecs_cluster.main.name
              capacity_providers = [aws_ecs_capacity_provider.ec2.name]
            }
            resource "aws_ecs_task_definition" "big" {
              family                   = "big"
              requires_compatibilities = ["EC2"]
              memory                   = 120000
              container_definitions    = jsonencode([{ name = "big", image = "nginx:1.27" }])
            }
            resource "aws_ecs_service" "big" {
              name            = "big"
              cluster         = aws_ecs_cluster.main.id
              task_definition = aws_ecs_task_definition.big.arn
              desired_count   = 1
              capacity_provider_strategy {
                capacity_provider = aws_ecs_capacity_provider.ec2.name
                weight            = 1
              }
            }
            """,
        },
    )
    report = run([str(tmp_path)], Settings(select=["ECS206"]))
    (finding,) = report.findings
    assert "t3.medium" in finding.message and (finding.region.line, finding.region.column) == (30, 30)


def test_unknown_values_are_never_judged(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            variable "memory" {}
            data "aws_ssm_parameter" "image" { name = "/app/image" }
            resource "aws_ecs_task_definition" "web" {
              family                   = "web"
              requires_compatibilities = ["FARGATE"]
              network_mode             = "awsvpc"
              cpu                      = 256
              memory                   = var.memory
              container_definitions = jsonencode([
                {
                  name      = "web"
                  image     = data.aws_ssm_parameter.image.value
                  essential = each.value.essential
                  memory    = count.index
                }
              ])
            }
            """,
        },
    )
    assert found([tmp_path], select=["ECS101", "ECS201", "ECS407", "ECS119", "ECS003", "ECS211"]) == []


# -- suppression, duplicates, errors --------------------------------------------------------


def test_a_comment_above_a_resource_suppresses_in_the_whole_block(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            # ecslint: ignore=ECS101 the worker is a one-off job
            resource "aws_ecs_task_definition" "a" {
              family                = "a"
              container_definitions = jsonencode([{ name = "a", image = "nginx:1.27", memory = 256, essential = false }])
            }
            resource "aws_ecs_task_definition" "b" {
              family                = "b"
              container_definitions = jsonencode([{ name = "b", image = "nginx:1.27", memory = 256, essential = false }]) # ecslint: ignore=ECS101
            }
            resource "aws_ecs_task_definition" "c" {
              family                = "c"
              container_definitions = jsonencode([{ name = "c", image = "nginx:1.27", memory = 256, essential = false }])
            }
            """,
        },
    )
    assert found([tmp_path], select=["ECS101"]) == [("ECS101", "main.tf", 12, 3)]


def test_a_duplicate_argument_is_ecs006_and_bad_hcl_is_ecs001(tmp_path):
    write(
        tmp_path,
        {
            "dup.tf": """
            resource "aws_ecs_task_definition" "a" {
              family = "a"
              family = "b"
              container_definitions = jsonencode([{ name = "a", image = "nginx:1.27", memory = 256 }])
            }
            """,
            "bad.tf": 'resource "aws_ecs_task_definition" "a" {\n  family = \n}\n',
            "other.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n',
        },
    )
    result = found([tmp_path], select=["ECS001", "ECS006"])
    assert result == [("ECS001", "bad.tf", 2, 12), ("ECS006", "dup.tf", 3, 3)]


def test_a_module_without_ecs_resources_is_skipped_silently(tmp_path):
    write(tmp_path, {"main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'})
    report = run([str(tmp_path)], Settings())
    assert report.findings == [] and report.nothing_checked


def test_the_ten_problems_stack(tmp_path):
    report = run([str(TEN)], Settings())
    rules = sorted({f.rule for f in report.findings})
    for rule in ("ECS101", "ECS201", "ECS301", "ECS401", "ECS403", "ECS407", "ECS601", "ECR102", "ECR103", "ECS410"):
        assert rule in rules


# -- robustness --------------------------------------------------------------------------------

_hcl_values = st.recursive(
    st.one_of(
        st.integers(-3, 70000).map(str),
        st.sampled_from(['"x"', '"nginx:latest"', "true", "null", "var.v", "local.l", "aws_ecs_cluster.c.id", "each.value", '"${var.v}-x"']),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.dictionaries(st.sampled_from(["name", "image", "memory", "essential", "portMappings", "x"]), inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k} = {v}" for k, v in d.items()) + "}"
        ),
        inner.map(lambda v: f"jsonencode({v})"),
    ),
    max_leaves=12,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    arguments=st.dictionaries(
        st.sampled_from(["family", "cpu", "memory", "network_mode", "container_definitions", "requires_compatibilities", "tags"]),
        _hcl_values,
        max_size=5,
    )
)
def test_any_arguments_never_crash_and_every_finding_is_located(tmp_path, arguments):
    body = "\n".join(f"  {k} = {v}" for k, v in arguments.items())
    text = f'locals {{\n  l = 1\n}}\nresource "aws_ecs_task_definition" "t" {{\n{body}\n}}\nresource "aws_ecs_service" "s" {{\n  task_definition = aws_ecs_task_definition.t.arn\n}}\n'
    path = tmp_path / "fuzz.tf"
    path.write_text(text)
    report = run([str(path)], Settings(select=["ALL"]))
    lines = text.count("\n") + 1
    for finding in report.findings:
        assert finding.rule != "ECS008", finding.message
        assert 1 <= finding.region.line <= lines and finding.region.column >= 1


# -- plan JSON ----------------------------------------------------------------------------------

PLAN = Path(__file__).resolve().parent / "data" / "terraform" / "plan.json"


def test_a_plan_is_read_with_child_modules_links_and_unknowns():
    report = run([str(PLAN)], Settings(select=["ECS101", "ECS301", "ECS407", "ECS509"]))
    assert [(f.rule, f.region.line, f.region.column) for f in report.findings] == [
        ("ECS101", 26, 17),  # on container_definitions, as the plan writes it
        ("ECS407", 26, 75),  # inside the JSON string
        ("ECS301", 26, 189),  # the service is linked to its task definition by configuration's references
    ]
    # ECS509 is silent: the target group's ARN is known only after apply
    (td, service) = [d for f in report.files for d in f.documents]
    assert td.name == "web (module.web.aws_ecs_task_definition.app)"
    assert isinstance(service.data["taskDefinition"], Reference)


def test_a_missing_variable_file_is_a_usage_error(tmp_path):
    from ecslint.config import ConfigError

    write(tmp_path, {"main.tf": TASK})
    with pytest.raises(ConfigError, match="variable file not found"):
        run([str(tmp_path)], Settings(var_files=[str(tmp_path / "nope.tfvars")]))


# -- the provider's schema and the JSON it decodes ------------------------------------------------


def test_arguments_against_the_providers_schema_and_container_json_against_the_apis(tmp_path):
    write(
        tmp_path,
        {
            "main.tf": """
            resource "aws_ecs_task_definition" "a" {
              family                = "a"
              contianer_definitions = "[]"
              network_mode          = "bridged"
            }
            resource "aws_ecs_task_definition" "b" {
              family                = "b"
              container_definitions = jsonencode([{ name = "b", image = "nginx:1.27", memory = "256", esential = true }])
            }
            """,
        },
    )
    report = run([str(tmp_path)], Settings(select=["ECS002", "ECS003", "ECS004", "ECS005"]))
    assert [(f.rule, f.region.line, f.region.column) for f in report.findings] == [
        ("ECS005", 1, 1),  # container_definitions is required
        ("ECS002", 3, 3),  # contianer_definitions: did you mean container_definitions
        ("ECS004", 4, 27),  # bridged
        ("ECS003", 8, 84),  # "256" where the provider decodes an integer
        ("ECS002", 8, 91),  # esential: the provider drops it without a word
    ]
    messages = [f.message for f in report.findings]
    assert "did you mean `container_definitions`" in messages[1] and "did you mean `essential`" in messages[4]
    assert "drops keys it does not know" in messages[4]


@pytest.mark.parametrize(("constraint", "reported"), [(None, True), ('"~> 4.0"', False), ('">= 4.0, < 6.0"', True), ('"~> 6.0"', False)])
def test_the_modules_provider_version_decides_what_an_unknown_argument_means(tmp_path, constraint, reported):
    pin = f'terraform {{\n  required_providers {{\n    aws = {{\n      source  = "hashicorp/aws"\n      version = {constraint}\n    }}\n  }}\n}}\n' if constraint else ""
    write(
        tmp_path,
        {
            "main.tf": pin
            + 'resource "aws_ecs_cluster" "c" {\n  name               = "c"\n  capacity_providers = ["FARGATE"]\n}\n',
        },
    )
    report = run([str(tmp_path)], Settings(select=["ECS002"]))
    assert bool(report.findings) is reported


def test_a_dynamic_block_makes_what_it_contributes_unknown(tmp_path):
    """dynamic "x" makes as many blocks as its collection has elements, perhaps none: a
    volume with dynamic docker, EFS and FSx configurations has none of them for certain."""
    write(
        tmp_path,
        {
            "main.tf": """
            resource "aws_ecs_task_definition" "t" {
              family                = "t"
              container_definitions = jsonencode([{ name = "t", image = "nginx:1.27", memory = 256 }])
              volume {
                name = "data"
                dynamic "docker_volume_configuration" {
                  for_each = var.docker
                  content {
                    scope = "shared"
                  }
                }
                dynamic "efs_volume_configuration" {
                  for_each = var.efs
                  content {
                    file_system_id = "fs-1"
                  }
                }
              }
              dynamic "volume" {
                for_each = var.more
                content {
                  name = volume.value
                }
              }
            }
            """,
        },
    )
    (doc,) = documents(tmp_path / "main.tf")
    assert type(doc.data["volumes"]).__name__ == "Unknown"
    assert found([tmp_path], select=["ECS117"]) == []
