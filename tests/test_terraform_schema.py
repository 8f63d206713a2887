"""Terraform resource schemas: the generator (its Go reader on its own, the whole run against
the committed files when a provider checkout is given), the committed files, and the check
of a resource block against them, on realistic HCL, with exact positions."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ecslint.load.hcl import parse_hcl
from ecslint.load.text import LineIndex
from ecslint.sources import terraform_schema
from ecslint.sources.terraform_schema import ALIASES, RESOURCE_TYPES, check_resource

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "ecslint" / "schemas" / "terraform"
#: A git directory of hashicorp/terraform-provider-aws holding the generator's COMMIT, and
#: either ``terraform providers schema -json`` of provider 5.100.0 or a filesystem mirror
#: with that provider (plus ``terraform`` on PATH), for the regeneration test.
PROVIDER_GIT = os.environ.get("ECSLINT_TF_PROVIDER_AWS_GIT")
PROVIDER_SCHEMA = os.environ.get("ECSLINT_TF_PROVIDER_SCHEMA")
PLUGIN_DIR = os.environ.get("ECSLINT_TF_PLUGIN_DIR")


def load_generator() -> ModuleType:
    """tools/ is not a package: load the script from its path."""
    spec = importlib.util.spec_from_file_location("_ecslint_gen_tf_schemas", ROOT / "tools" / "gen_tf_schemas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def findings(text: str) -> list[tuple[str, str, str]]:
    """(category, "line:column", path) of every issue of every resource block in ``text``."""
    text = textwrap.dedent(text)
    lines = LineIndex(text)
    out = []
    for block in parse_hcl(text, lines).blocks:
        if block.type == "resource" and len(block.labels) == 2:
            for issue in check_resource(block.labels[0].value, block):
                line, column = lines.position(issue.start)
                out.append((issue.category, f"{line}:{column}", ".".join(issue.path)))
    return out


def messages(text: str) -> list[str]:
    text = textwrap.dedent(text)
    return [i.message for b in parse_hcl(text).blocks for i in check_resource(b.labels[0].value, b)]


# --------------------------------------------------------------------------------------
# The generator


def test_generator_reproduces_committed_files() -> None:
    if not PROVIDER_GIT or not (PROVIDER_SCHEMA or PLUGIN_DIR):
        pytest.skip(
            "set ECSLINT_TF_PROVIDER_AWS_GIT (a git directory of hashicorp/terraform-provider-aws) and "
            "ECSLINT_TF_PROVIDER_SCHEMA (terraform providers schema -json of hashicorp/aws 5.100.0) or "
            "ECSLINT_TF_PLUGIN_DIR (a filesystem mirror holding it)"
        )
    gen = load_generator()
    dump = json.loads(Path(PROVIDER_SCHEMA).read_text()) if PROVIDER_SCHEMA else gen.provider_schema(Path(PLUGIN_DIR))
    generated = gen.generate(Path(PROVIDER_GIT), dump)
    assert sorted(generated) == sorted([*RESOURCE_TYPES, "meta"])
    for stem, document in generated.items():
        assert gen.render(document) == (SCHEMA_DIR / f"{stem}.json").read_text(encoding="utf-8"), stem


def test_generator_resources_are_the_runtime_types() -> None:
    gen = load_generator()
    assert sorted(gen.RESOURCES) == sorted(RESOURCE_TYPES)
    assert gen.ALIASES == ALIASES
    assert sorted(p.stem for p in SCHEMA_DIR.glob("*.json")) == sorted([*RESOURCE_TYPES, "meta"])


def test_committed_files_are_rendered_deterministically() -> None:
    gen = load_generator()
    for path in SCHEMA_DIR.glob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert gen.render(json.loads(text)) == text, path.name


class _Universe:
    """The generator's Universe without git or botocore."""

    botocore_version = "test"

    def names(self) -> dict[str, Any]:
        return {"AttrTags": "tags", "AttrName": "name"}

    def enum_values(self, service: str, shape: str) -> list[str] | None:
        return {("ecs", "LaunchType"): ["EC2", "FARGATE"]}.get((service, shape))

    def enum_constant(self, service: str, member: str) -> str | None:
        return {"LaunchTypeFargate": "FARGATE"}.get(member)


GO = """
package ecs

import (
	"math"

	awstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/validation"
	tftags "github.com/hashicorp/terraform-provider-aws/internal/tags"
	"github.com/hashicorp/terraform-provider-aws/names"
)

type mode string

const (
	modeFast mode = "fast"
	modeSlow mode = "slow" // a comment
)

func (mode) Values() []mode {
	return []mode{modeFast, modeSlow}
}

const portMax = 65535

func kinds() []string {
	return []string{"a", `b`}
}

// @SDKResource("aws_x", name="X")
func resourceX() *schema.Resource {
	return &schema.Resource{
		CreateWithoutTimeout: resourceXCreate,
		Timeouts: &schema.ResourceTimeout{
			Create: schema.DefaultTimeout(20 * time.Minute),
		},
		Schema: map[string]*schema.Schema{
			names.AttrName: {
				Type:         schema.TypeString,
				Required:     true,
				ValidateFunc: validation.All(validation.StringLenBetween(1, 255), validation.StringMatch(regexache.MustCompile(`^[a-z]+$`), "lower case")),
			},
			"launch_type": {
				Type:             schema.TypeString,
				Optional:         true,
				Default:          awstypes.LaunchTypeFargate,
				ValidateDiagFunc: enum.Validate[awstypes.LaunchType](),
			},
			"mode": {
				Type:             schema.TypeString,
				Optional:         true,
				ValidateDiagFunc: enum.Validate[mode](),
				DiffSuppressFunc: func(k, old, new string, d *schema.ResourceData) bool {
					return old == new || map[string]int{"x": 1}["x"] > 0
				},
			},
			"kinds": {
				Type:     schema.TypeSet,
				Optional: true,
				Elem: &schema.Schema{
					Type:         schema.TypeString,
					ValidateFunc: validation.StringInSlice(kinds(), false),
				},
			},
			"port": {
				Type:         schema.TypeInt,
				Optional:     true,
				ValidateFunc: validation.IntBetween(0, portMax),
			},
			"big": {
				Type:         schema.TypeInt,
				Computed:     true,
				ValidateFunc: validation.IntBetween(0, math.MaxInt32),
			},
			"load_balancer": {
				Type:     schema.TypeSet,
				Optional: true,
				MaxItems: 5,
				Elem: &schema.Resource{
					Schema: map[string]*schema.Schema{
						"arn": {
							Type:         schema.TypeString,
							Required:     true,
							ValidateFunc: verify.ValidARN,
						},
					},
				},
			},
			names.AttrTags: tftags.TagsSchema(),
		},
	}
}
"""


def test_go_reader_translates_schema_literals() -> None:
    gen = load_generator()
    package = gen.Package({"internal/service/ecs/x.go": GO}, _Universe())
    reader = gen.SchemaReader(package)
    body = reader.resource("resourceX")
    attributes = body["attributes"]
    assert attributes["name"] == {
        "type": "string",
        "required": True,
        "validation": {
            "all": [{"min_length": 1, "max_length": 255}, {"pattern": "^[a-z]+$", "pattern_message": "lower case"}]
        },
    }
    assert attributes["launch_type"]["validation"] == {"enum": ["EC2", "FARGATE"], "ignore_case": False}
    assert attributes["launch_type"]["default"] == "FARGATE"
    assert attributes["mode"]["validation"] == {"enum": ["fast", "slow"], "ignore_case": False}
    assert attributes["kinds"] == {
        "type": ["set", "string"],
        "optional": True,
        "element_validation": {"enum": ["a", "b"], "ignore_case": False},
    }
    assert attributes["port"] == {"type": "number", "optional": True, "integer": True, "validation": {"minimum": 0, "maximum": 65535}}
    assert attributes["big"]["validation"] == {"minimum": 0, "maximum": 2**31 - 1}
    assert attributes["tags"] == {"type": ["map", "string"], "optional": True}
    block = body["blocks"]["load_balancer"]
    assert (block["nesting"], block["max_items"]) == ("set", 5)
    assert block["body"]["attributes"]["arn"]["validation"] == {"arn": True}
    assert body["blocks"]["timeouts"]["body"]["attributes"] == {"create": {"type": "string", "optional": True}}
    assert reader.skipped == []


def test_go_reader_reports_validators_it_does_not_translate() -> None:
    gen = load_generator()
    source = GO.replace("verify.ValidARN", "validation.IsIPv4Address")
    reader = gen.SchemaReader(gen.Package({"x.go": source}, _Universe()))
    body = reader.resource("resourceX")
    assert "validation" not in body["blocks"]["load_balancer"]["body"]["attributes"]["arn"]
    assert reader.skipped == ["resourceX.load_balancer.arn: validation.IsIPv4Address"]


def test_merge_takes_the_binary_structure_and_the_source_validation() -> None:
    gen = load_generator()
    binary = {
        "attributes": {"a": {"type": "string", "optional": True}, "new": {"type": "bool", "optional": True}},
        "blocks": {},
    }
    source = {
        "attributes": {
            "a": {"type": "string", "required": True, "validation": {"min_length": 1}},
            "gone": {"type": "string", "optional": True},
        },
        "blocks": {},
    }
    notes: list[str] = []
    merged = gen.merge(binary, source, "r", notes)
    assert merged["attributes"] == {
        "a": {"type": "string", "optional": True, "validation": {"min_length": 1}},
        "new": {"type": "bool", "optional": True},
    }
    assert notes == [
        f"r.a: required True at {gen.COMMIT_VERSION}, False in {gen.BINARY_VERSION}",
        f"r.a: optional False at {gen.COMMIT_VERSION}, True in {gen.BINARY_VERSION}",
        f"r.new: added after {gen.COMMIT_VERSION} (no validation known)",
        f"r.gone: an attribute at {gen.COMMIT_VERSION}, gone in {gen.BINARY_VERSION}",
    ]


# --------------------------------------------------------------------------------------
# The committed schemas


def test_committed_schemas_hold_what_the_check_relies_on() -> None:
    service = terraform_schema.schema("aws_ecs_service")
    assert service is not None
    assert service["blocks"]["load_balancer"]["nesting"] == "set"
    assert service["blocks"]["network_configuration"]["max_items"] == 1
    assert service["attributes"]["launch_type"]["validation"]["enum"][:3] == ["EC2", "FARGATE", "EXTERNAL"]
    task = terraform_schema.schema("aws_ecs_task_definition")
    assert task is not None
    assert task["attributes"]["container_definitions"] == {"type": "string", "required": True}
    assert task["blocks"]["ephemeral_storage"]["body"]["attributes"]["size_in_gib"]["validation"] == {"minimum": 21, "maximum": 200}
    assert terraform_schema.schema("aws_alb_target_group") is terraform_schema.schema("aws_lb_target_group")
    assert terraform_schema.schema("aws_s3_bucket") is None


# --------------------------------------------------------------------------------------
# The check

CLEAN = """
resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  container_definitions = jsonencode([{
    name      = "app"
    image     = "${var.repository_url}:${var.tag}"
    essential = true
  }])
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.data.id
      transit_encryption = "ENABLED"
    }
  }
  tags = { Name = "app", Team = var.team }
}

resource "aws_ecs_service" "app" {
  count           = var.enabled ? 1 : 0
  name            = "app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = "2"
  launch_type     = "FARGATE"
  enable_execute_command = "true"
  propagate_tags  = var.propagate

  network_configuration {
    subnets          = var.private_subnets
    security_groups  = [aws_security_group.app.id, "sg-0123456789abcdef0"]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = var.target_groups
    iterator = tg
    content {
      target_group_arn = tg.value.arn
      container_name   = "app"
      container_port   = tg.value.port
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  depends_on = [aws_lb_listener.http]
  provider   = aws.west

  lifecycle {
    ignore_changes        = [desired_count, task_definition]
    create_before_destroy = true
    precondition {
      condition     = var.enabled
      error_message = "disabled"
    }
  }

  provisioner "local-exec" {
    command = "echo ${self.name}"
  }

  timeouts {
    create = "30m"
  }
}
"""


def test_a_realistic_task_definition_and_service_have_no_issues() -> None:
    assert findings(CLEAN) == []


def test_every_category_at_its_node() -> None:
    text = """
    resource "aws_ecs_task_definition" "app" {
      family                = "app family"
      contianer_definitions = "[]"
      cpu                   = [256]
      execution_role_arn    = "ecsTaskExecutionRole"
      ephemeral_storage {
        size_in_gib = 10
      }
    }

    resource "aws_ecs_service" "app" {
      name          = "app"
      desired_count = "two"
      launch_type   = "FARGATEX"
      load_balancer = {
        container_name = "app"
        container_port = 80
      }
      iam_role {
      }
      network_configuration {
        subnets = ["subnet-1"]
      }
      network_configuration {
        subnets = ["subnet-2", {}]
      }
      deployment_circuit_breaker {
        enable = true
      }
    }
    """
    assert findings(text) == [
        ("missing-required-field", "2:1", "container_definitions"),
        ("invalid-value", "3:27", "family"),
        ("unknown-field", "4:3", "contianer_definitions"),
        ("wrong-type", "5:27", "cpu"),
        ("invalid-value", "6:27", "execution_role_arn"),
        ("invalid-value", "8:19", "ephemeral_storage.size_in_gib"),
        ("wrong-type", "14:19", "desired_count"),
        ("invalid-value", "15:19", "launch_type"),
        ("wrong-type", "16:3", "load_balancer"),
        ("wrong-type", "20:3", "iam_role"),
        ("invalid-value", "25:3", "network_configuration"),
        ("wrong-type", "26:28", "network_configuration.subnets"),
        ("missing-required-field", "28:3", "deployment_circuit_breaker.rollback"),
    ]


def test_messages_speak_terraform_and_the_provider() -> None:
    text = """
    resource "aws_ecs_task_definition" "app" {
      family                = "app"
      contianer_definitions = "[]"
      container_definitions = "[]"
      network_mode          = "awsvcp"
    }
    resource "aws_ecs_service" "app" {
      name          = "app"
      load_balancer = {}
      desired_count = true
    }
    """
    assert messages(text) == [
        "unknown argument `contianer_definitions` in aws_ecs_task_definition (did you mean `container_definitions`?); "
        'Terraform rejects it ("An argument named "contianer_definitions" is not expected here")',
        "`network_mode` must be one of `bridge`, `host`, `awsvpc`, `none`, not `awsvcp` (did you mean `awsvpc`?); the "
        'AWS provider rejects it at plan: expected network_mode to be one of ["bridge" "host" "awsvpc" "none"], got awsvcp',
        "`load_balancer` is a block of aws_ecs_service, not an argument: write `load_balancer { ... }` without `=` (one "
        'block per item); Terraform rejects it ("An argument named "load_balancer" is not expected here. Did you mean '
        'to define a block of type "load_balancer"?")',
        "`desired_count` must be a number, not the bool `true`; Terraform rejects it (\"Inappropriate value for "
        'attribute "desired_count": number required.")',
    ]


@pytest.mark.parametrize(
    "value",
    [
        "var.launch_type",
        "local.settings.launch_type",
        'lookup(var.types, "web")',
        '"${var.prefix}EC2"',
        'var.fargate ? "FARGATE" : "EC2"',
        "upper(var.x)",
        "module.m.type",
        "data.aws_ssm_parameter.x.value",
        "each.value.launch_type",
    ],
)
def test_values_that_are_not_literals_are_never_judged(value: str) -> None:
    text = f"""
    resource "aws_ecs_service" "app" {{
      name           = "app"
      launch_type    = {value}
      desired_count  = {value}
      propagate_tags = {value}
      network_configuration {{
        subnets = [{value}, "subnet-1"]
      }}
    }}
    """
    assert findings(text) == []


def test_terraform_converts_scalars() -> None:
    text = """
    resource "aws_ecs_service" "app" {
      name                   = 123
      desired_count          = "3"
      enable_execute_command = "false"
      wait_for_steady_state  = "1"
      health_check_grace_period_seconds = "60"
    }
    """
    assert findings(text) == []
    bad = """
    resource "aws_ecs_service" "app" {
      name                   = "app"
      enable_execute_command = "yes"
      wait_for_steady_state  = 1
      health_check_grace_period_seconds = "-1"
    }
    """
    assert findings(bad) == [
        ("wrong-type", "4:28", "enable_execute_command"),
        ("wrong-type", "5:28", "wait_for_steady_state"),
        ("invalid-value", "6:39", "health_check_grace_period_seconds"),
    ]


def test_dynamic_blocks_are_read_as_the_blocks_they_make() -> None:
    text = """
    resource "aws_autoscaling_group" "ecs" {
      max_size = 2
      min_size = 0
      mixed_instances_policy {
        dynamic "launch_template" {
          for_each = [1]
          content {
            launch_template_specification {
              launch_template_id = aws_launch_template.ecs.id
              verison            = "$Latest"
            }
            dynamic "override" {
              for_each = var.instance_types
              content {
                instance_type = override.value
              }
            }
          }
        }
      }
      dynamic "tag" {
        for_each = var.tags
        content {
          key   = tag.key
          value = tag.value
        }
      }
      dynamic "tags" {
        for_each = var.tags
        content {}
      }
      dynamic "max_size" {
        for_each = [1]
        content {}
      }
    }
    """
    assert findings(text) == [
        ("unknown-field", "11:11", "mixed_instances_policy.launch_template.launch_template_specification.verison"),
        ("missing-required-field", "24:5", "tag.propagate_at_launch"),
        ("unknown-field", "29:11", "tags"),
        ("wrong-type", "33:11", "max_size"),
    ]


def test_a_dynamic_block_needs_for_each_and_content() -> None:
    text = """
    resource "aws_ecs_service" "app" {
      name = "app"
      dynamic "ordered_placement_strategy" {
        type = "spread"
      }
    }
    """
    assert findings(text) == [
        ("missing-required-field", "4:3", "ordered_placement_strategy.for_each"),
        ("missing-required-field", "4:3", "ordered_placement_strategy.content"),
        ("unknown-field", "5:5", "ordered_placement_strategy.type"),
    ]


def test_a_required_block_missing() -> None:
    text = """
    resource "aws_autoscaling_group" "ecs" {
      max_size = 2
      min_size = 0
      mixed_instances_policy {
      }
    }
    """
    assert findings(text) == [("missing-required-field", "5:3", "mixed_instances_policy.launch_template")]
    assert "At least 1 \"launch_template\" blocks are required." in messages(text)[0]


def test_meta_arguments_and_computed_attributes() -> None:
    text = """
    resource "aws_ecs_cluster" "main" {
      for_each = toset(["a"])
      name     = each.key
      arn      = "arn:aws:ecs:us-east-1:123456789012:cluster/a"
      count    = -1
      lifecycle {
        prevent_destory = true
      }
      setting {
        name  = "containerInsights"
        value = "enabled"
      }
    }
    """
    assert findings(text) == [
        ("read-only-field", "5:3", "arn"),
        ("invalid-value", "6:14", "count"),
        ("unknown-field", "8:5", "lifecycle.prevent_destory"),
    ]
    found = messages(text)
    assert "computes" in found[0]
    assert found[1].startswith("`count` must be at least 0, not -1; Terraform rejects it")
    assert "(did you mean `prevent_destroy`?)" in found[2]


def test_a_null_required_argument_is_missing() -> None:
    text = """
    resource "aws_ecs_cluster" "main" {
      name = null
    }
    """
    assert findings(text) == [("missing-required-field", "3:10", "name")]


def test_arguments_removed_by_a_major_version_say_so() -> None:
    text = """
    resource "aws_ecs_cluster" "main" {
      name               = "main"
      capacity_providers = ["FARGATE"]
    }
    """
    assert findings(text) == [("unknown-field", "4:3", "capacity_providers")]
    assert "(removed in AWS provider 5.0.0)" in messages(text)[0]


def test_the_alb_alias_is_the_lb_target_group() -> None:
    text = """
    resource "aws_alb_target_group" "web" {
      port        = 80
      protocol    = "HTTP"
      target_type = "ipv4"
      name        = "-web"
      health_check {
        interval = 400
      }
    }
    """
    assert findings(text) == [
        ("invalid-value", "5:17", "target_type"),
        ("invalid-value", "6:17", "name"),
        ("invalid-value", "8:16", "health_check.interval"),
    ]
    assert messages(text)[1] == "`name` does not match `^[^-]` (cannot begin with a hyphen); the AWS provider rejects it"


def test_resource_types_without_a_schema_have_no_issues() -> None:
    text = """
    resource "aws_s3_bucket" "b" {
      nonsense = 1
    }
    """
    assert findings(text) == []


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data" / "terraform").glob("*.tf")), ids=lambda p: p.name)
def test_real_configurations_use_only_known_arguments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert [f for f in findings(text) if f[0] == "unknown-field"] == []
