"""Property tests on generated ECS documents, in every source format ecslint reads.

Hypothesis builds task definitions, services and lifecycle policies, valid or near-valid
(a member dropped, a value of the wrong type or out of range), and writes them as the API's
JSON or YAML, a CloudFormation template (YAML or JSON), a Terraform module (the container
definitions and the policy through ``jsonencode``) or a task definition beside the GitHub
workflow that deploys it. On any of them:

1. no exception escapes, no rule fails (ECS008) and the exit code is 0 or 1, never 2;
2. every finding is inside its file (a line of the file, a column within that line);
3. the output is the same under another ``PYTHONHASHSEED`` and
4. under any order of the paths on the command line;
5. a secret planted in an ``AWS_SECRET_ACCESS_KEY`` environment variable (which ECS403
   detects and the excerpt masks, rules/ECS403.md) appears in no output format.

``tools/fuzz.py`` mutates real files the same way (see CONTRIBUTING.md).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ecslint import cli
from ecslint.engine import Registry, Settings, run
from ecslint.load.discover import report_root
from ecslint.load.sourcemap import iter_paths

REGISTRY = Registry.default()
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]

# -- documents -----------------------------------------------------------------------------

FAMILIES = ["web", "api", "worker"]
NAMES = st.sampled_from(["app", "web", "envoy", "log-router", "worker"])
IMAGES = st.sampled_from(
    [
        "nginx:1.25", "public.ecr.aws/docker/library/python:3.12", "redis:latest", "busybox",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.2.3", "ghcr.io/org/app@sha256:" + "a" * 64,
        "${IMAGE}", "amazon/aws-for-fluent-bit:stable",
    ]
)
PORTS = st.sampled_from([80, 443, 3000, 8080, 9901, 0, 65535])
ROLE = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"

environment = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(["MODE", "PORT", "LOG_LEVEL", "DB_HOST", "FEATURE_FLAG", "TZ"]),
            "value": st.sampled_from(["prod", "8080", "debug", "db.internal", "true", "UTC", "", "${X}"]),
        }
    ),
    max_size=3,
)
port_mappings = st.lists(
    st.fixed_dictionaries(
        {"containerPort": PORTS},
        optional={"hostPort": PORTS, "protocol": st.sampled_from(["tcp", "udp"]), "name": st.sampled_from(["http", "grpc"])},
    ),
    max_size=3,
)
log_configuration = st.fixed_dictionaries(
    {"logDriver": st.sampled_from(["awslogs", "awsfirelens", "json-file", "splunk"])},
    optional={
        "options": st.dictionaries(
            st.sampled_from(["awslogs-group", "awslogs-region", "awslogs-stream-prefix", "mode", "max-buffer-size"]),
            st.sampled_from(["/ecs/app", "us-east-1", "ecs", "non-blocking", "25m"]),
            max_size=3,
        )
    },
)
container = st.fixed_dictionaries(
    {"name": NAMES, "image": IMAGES},
    optional={
        "essential": st.booleans(),
        "memory": st.sampled_from([4, 128, 512, 1024, 4096]),
        "memoryReservation": st.sampled_from([64, 256, 2048]),
        "cpu": st.sampled_from([0, 128, 256, 1024, 4096]),
        "portMappings": port_mappings,
        "environment": environment,
        "logConfiguration": log_configuration,
        "command": st.lists(st.sampled_from(["sh", "-c", "echo hi", "serve"]), max_size=3),
        "readonlyRootFilesystem": st.booleans(),
        "privileged": st.booleans(),
        "user": st.sampled_from(["0", "1000", "root", "nobody:nogroup"]),
        "healthCheck": st.fixed_dictionaries(
            {"command": st.just(["CMD-SHELL", "curl -f http://localhost/ || exit 1"])},
            optional={"interval": st.integers(0, 400), "timeout": st.integers(0, 120), "retries": st.integers(0, 20)},
        ),
        "dependsOn": st.lists(
            st.fixed_dictionaries({"containerName": NAMES, "condition": st.sampled_from(["START", "HEALTHY", "COMPLETE", "SUCCESS"])}),
            max_size=2,
        ),
        "links": st.lists(NAMES, max_size=1),
        "firelensConfiguration": st.just({"type": "fluentbit"}),
    },
)


def task_definitions(family: Any = st.sampled_from(FAMILIES)) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"family": family, "containerDefinitions": st.lists(container, min_size=1, max_size=3)},
        optional={
            "networkMode": st.sampled_from(["awsvpc", "bridge", "host", "none"]),
            "requiresCompatibilities": st.lists(st.sampled_from(["FARGATE", "EC2", "EXTERNAL"]), max_size=2, unique=True),
            "cpu": st.sampled_from(["256", "512", "1024", "1 vCPU", "4096", "300"]),
            "memory": st.sampled_from(["512", "1024", "2GB", "3072", "30720", "100"]),
            "executionRoleArn": st.just(ROLE),
            "taskRoleArn": st.just(ROLE.replace("ecsTaskExecutionRole", "app")),
            "pidMode": st.sampled_from(["task", "host"]),
            "runtimePlatform": st.fixed_dictionaries(
                {},
                optional={
                    "operatingSystemFamily": st.sampled_from(["LINUX", "WINDOWS_SERVER_2022_CORE"]),
                    "cpuArchitecture": st.sampled_from(["X86_64", "ARM64"]),
                },
            ),
        },
    )


def services(family: Any = st.sampled_from(FAMILIES)) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"serviceName": st.sampled_from(["web-svc", "api-svc"]), "taskDefinition": family},
        optional={
            "cluster": st.just("prod"),
            "desiredCount": st.integers(-1, 10),
            "launchType": st.sampled_from(["FARGATE", "EC2", "EXTERNAL"]),
            "schedulingStrategy": st.sampled_from(["REPLICA", "DAEMON"]),
            "loadBalancers": st.lists(
                st.fixed_dictionaries({"targetGroupArn": st.just(TARGET_GROUP), "containerName": NAMES, "containerPort": PORTS}),
                max_size=2,
            ),
            "deploymentConfiguration": st.fixed_dictionaries(
                {},
                optional={
                    "maximumPercent": st.integers(0, 400),
                    "minimumHealthyPercent": st.integers(0, 200),
                    "deploymentCircuitBreaker": st.fixed_dictionaries({"enable": st.booleans(), "rollback": st.booleans()}),
                },
            ),
            "networkConfiguration": st.just(
                {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "securityGroups": ["sg-0123456789abcdef0"], "assignPublicIp": "DISABLED"}}
            ),
            "healthCheckGracePeriodSeconds": st.integers(0, 3000),
            "enableExecuteCommand": st.booleans(),
            "propagateTags": st.sampled_from(["SERVICE", "TASK_DEFINITION", "NONE"]),
        },
    )


selection = st.one_of(
    st.fixed_dictionaries(
        {"tagStatus": st.sampled_from(["untagged", "any"]), "countType": st.just("imageCountMoreThan"), "countNumber": st.integers(0, 1000)}
    ),
    st.fixed_dictionaries(
        {"tagStatus": st.just("untagged"), "countType": st.just("sinceImagePushed"), "countUnit": st.just("days"), "countNumber": st.integers(0, 400)}
    ),
    st.fixed_dictionaries(
        {
            "tagStatus": st.just("tagged"),
            "tagPrefixList": st.lists(st.sampled_from(["v", "dev", "prod-", "release"]), min_size=1, max_size=3),
            "countType": st.just("imageCountMoreThan"),
            "countNumber": st.integers(0, 1000),
        }
    ),
    st.fixed_dictionaries(
        {
            "tagStatus": st.just("tagged"),
            "tagPatternList": st.lists(st.sampled_from(["v*", "*-rc*", "prod", "*", "a*b*c*d"]), min_size=1, max_size=3),
            "countType": st.sampled_from(["imageCountMoreThan", "sinceImagePushed"]),
            "countNumber": st.integers(0, 1000),
        }
    ),
)
lifecycle_policies = st.fixed_dictionaries(
    {
        "rules": st.lists(
            st.fixed_dictionaries(
                {"rulePriority": st.integers(0, 1001), "selection": selection, "action": st.just({"type": "expire"})},
                optional={"description": st.sampled_from(["old", "untagged images", ""])},
            ),
            min_size=1,
            max_size=4,
        )
    }
)

#: What a near-valid document gets in place of one of its values.
JUNK = [None, True, -1, 0, 2**31, 1.5, "", "x", "-1", "${X}", [], {}, [None], {"x": 1}, "FARGATE", "bridge"]


@st.composite
def near_valid(draw, documents: st.SearchStrategy[dict]) -> dict:
    """A document from ``documents``, with up to two values replaced or members dropped."""
    doc = copy.deepcopy(draw(documents))
    for _ in range(draw(st.integers(0, 2))):
        paths = [p for p, _ in iter_paths(doc) if p]
        if not paths:
            break  # an earlier step emptied the document
        path = draw(st.sampled_from(paths))
        parent: Any = doc
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(JUNK)))
    return doc


def documents(valid_only: bool = False) -> st.SearchStrategy[tuple[str, dict]]:
    kinds = st.one_of(
        st.tuples(st.just("task-definition"), task_definitions()),
        st.tuples(st.just("service"), services()),
        st.tuples(st.just("lifecycle-policy"), lifecycle_policies),
    )
    if valid_only:
        return kinds
    return kinds.flatmap(lambda pair: st.tuples(st.just(pair[0]), st.one_of(st.just(pair[1]), near_valid(st.just(pair[1])))))


# -- source formats -----------------------------------------------------------------------

FORMATS = ["json", "yaml", "cfn-yaml", "cfn-json", "terraform", "workflow"]
#: Members whose own keys are data (log driver options, labels): kept as written in CloudFormation.
_DATA_MAPS = {"options", "dockerLabels", "systemControls"}


def _pascal(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            (key[:1].upper() + key[1:] if isinstance(key, str) else key): (val if key in _DATA_MAPS else _pascal(val))
            for key, val in value.items()
        }
    if isinstance(value, list):
        return [_pascal(v) for v in value]
    return value


def _cloudformation(kind: str, doc: dict) -> dict:
    if kind == "task-definition":
        resource = {"Type": "AWS::ECS::TaskDefinition", "Properties": _pascal(doc)}
    elif kind == "service":
        resource = {"Type": "AWS::ECS::Service", "Properties": _pascal(doc)}
    else:
        resource = {
            "Type": "AWS::ECR::Repository",
            "Properties": {"RepositoryName": "app", "LifecyclePolicy": {"LifecyclePolicyText": json.dumps(doc, indent=2)}},
        }
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Resource": resource}}


def _hcl(value: Any, depth: int = 1) -> str:
    """``value`` as an HCL expression (what ``jsonencode`` is given)."""
    pad = "  " * depth
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value).replace("${", "$${").replace("%{", "%%{")
    if isinstance(value, list):
        return "[" + ", ".join(_hcl(v, depth) for v in value) + "]"
    members = "".join(f"{pad}  {json.dumps(str(k))} = {_hcl(v, depth + 1)}\n" for k, v in value.items())
    return "{\n" + members + pad + "}"


_TF_TASK = {
    "family": "family", "networkMode": "network_mode", "requiresCompatibilities": "requires_compatibilities",
    "cpu": "cpu", "memory": "memory", "executionRoleArn": "execution_role_arn", "taskRoleArn": "task_role_arn",
    "pidMode": "pid_mode",
}
_TF_SERVICE = {
    "serviceName": "name", "cluster": "cluster", "taskDefinition": "task_definition", "desiredCount": "desired_count",
    "launchType": "launch_type", "schedulingStrategy": "scheduling_strategy",
    "healthCheckGracePeriodSeconds": "health_check_grace_period_seconds", "enableExecuteCommand": "enable_execute_command",
    "propagateTags": "propagate_tags",
}


def _terraform(kind: str, doc: dict, label: str) -> str:
    lines = []
    if kind == "task-definition":
        lines.append(f'resource "aws_ecs_task_definition" "{label}" {{')
        lines += [f"  {_TF_TASK[k]} = {_hcl(v)}" for k, v in doc.items() if k in _TF_TASK]
        platform = doc.get("runtimePlatform")
        if isinstance(platform, dict):
            lines.append("  runtime_platform {")
            lines += [f"    {k} = {_hcl(platform[m])}" for m, k in (("operatingSystemFamily", "operating_system_family"), ("cpuArchitecture", "cpu_architecture")) if m in platform]
            lines.append("  }")
        if "containerDefinitions" in doc:
            lines.append(f"  container_definitions = jsonencode({_hcl(doc['containerDefinitions'])})")
    elif kind == "service":
        lines.append(f'resource "aws_ecs_service" "{label}" {{')
        lines += [f"  {_TF_SERVICE[k]} = {_hcl(v)}" for k, v in doc.items() if k in _TF_SERVICE]
        for lb in doc.get("loadBalancers") or []:
            if isinstance(lb, dict):
                lines.append("  load_balancer {")
                lines += [f"    {k} = {_hcl(lb[m])}" for m, k in (("targetGroupArn", "target_group_arn"), ("containerName", "container_name"), ("containerPort", "container_port")) if m in lb]
                lines.append("  }")
        deployment = doc.get("deploymentConfiguration")
        if isinstance(deployment, dict):
            for member, key in (("maximumPercent", "deployment_maximum_percent"), ("minimumHealthyPercent", "deployment_minimum_healthy_percent")):
                if member in deployment:
                    lines.append(f"  {key} = {_hcl(deployment[member])}")
    else:
        lines.append(f'resource "aws_ecr_lifecycle_policy" "{label}" {{')
        lines.append('  repository = "app"')
        lines.append(f"  policy = jsonencode({_hcl(doc)})")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _workflow(container_name: str) -> str:
    return f"""name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Render
        id: render
        uses: aws-actions/amazon-ecs-render-task-definition@v1
        with:
          task-definition: task-definition.json
          container-name: {json.dumps(container_name)}
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:${{{{ github.sha }}}}
      - name: Deploy
        uses: aws-actions/amazon-ecs-deploy-task-definition@v2
        with:
          task-definition: ${{{{ steps.render.outputs.task-definition }}}}
          service: web
          cluster: production
"""


def render(kind: str, doc: dict, fmt: str, label: str = "main", one_line: bool = False) -> dict[str, str]:
    """The files (relative path -> text) that hold ``doc`` written in ``fmt``."""
    indent = None if one_line else 2
    if fmt == "json":
        return {f"{kind}.json": json.dumps(doc, indent=indent)}
    if fmt == "yaml":
        return {f"{kind}.yaml": yaml.safe_dump(doc, sort_keys=False)}
    if fmt == "cfn-yaml":
        return {"template.yaml": yaml.safe_dump(_cloudformation(kind, doc), sort_keys=False)}
    if fmt == "cfn-json":
        return {"template.json": json.dumps(_cloudformation(kind, doc), indent=indent)}
    if fmt == "terraform":
        return {"main.tf": _terraform(kind, doc, label)}
    files = {f"{kind}.json": json.dumps(doc, indent=indent)}
    if kind == "task-definition":
        containers = doc.get("containerDefinitions")
        first = containers[0] if isinstance(containers, list) and containers and isinstance(containers[0], dict) else {}
        files = {"task-definition.json": files.pop(f"{kind}.json"), ".github/workflows/deploy.yml": _workflow(str(first.get("name", "app")))}
    return files


def _write(directory: str, files: dict[str, str]) -> list[str]:
    paths = []
    for name, text in files.items():
        path = os.path.join(directory, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        paths.append(path)
    return paths


def _check(argv: list[str], output: str) -> tuple[int, dict]:
    """``ecslint check --format json`` in this process: (exit code, report)."""
    code = cli.main(["check", "--select", "ALL", "--format", "json", "--output", output, *argv])
    with open(output, encoding="utf-8") as handle:
        return code, json.load(handle)


rendered = st.tuples(documents(), st.sampled_from(FORMATS), st.booleans())


@pytest.mark.parametrize("kind", ["task-definition", "service", "lifecycle-policy"])
def test_every_format_holds_the_document_and_gets_its_findings(kind):
    """The renderers write what ecslint reads as that document in every format (else the
    properties below would test skipped files), and each gets the findings of the API JSON."""
    doc = {
        "task-definition": {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.25", "memory": 512}]},
        "service": {"serviceName": "web-svc", "taskDefinition": "web", "desiredCount": 2,
                    "loadBalancers": [{"targetGroupArn": TARGET_GROUP, "containerName": "app", "containerPort": 80}]},
        "lifecycle-policy": {"rules": [{"rulePriority": 1, "action": {"type": "expire"},
                                        "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 5}}]},
    }[kind]
    found = {}
    for fmt in FORMATS:
        with tempfile.TemporaryDirectory() as directory:
            report = run(_write(directory, render(kind, doc, fmt)), Settings(select=["ALL"]), REGISTRY)
        assert kind in {d.kind for f in report.files for d in f.documents}, fmt
        # The repository around a CloudFormation policy and the workflow have rules of their own.
        found[fmt] = sorted({f.rule for f in report.findings} - {"ECR401", "ECR402", "ECR404", "ECS804"})
    assert all(rules == found["json"] for rules in found.values()), found

# -- 1 and 2: no crash, every finding inside its file --------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(rendered)
def test_generated_documents_never_crash_and_every_finding_is_inside_its_file(case):
    (kind, doc), fmt, one_line = case
    with tempfile.TemporaryDirectory() as directory:
        paths = _write(directory, render(kind, doc, fmt, one_line=one_line))
        code, report = _check(paths, os.path.join(directory, "out.json"))
        assert code in (0, 1), report
        assert [f for f in report["findings"] if f["rule"] == "ECS008"] == []
        texts = {}
        for f in report["findings"]:
            path = os.path.join(report_root(), f["path"])  # the JSON report's paths are relative to it
            if path not in texts:
                with open(path, encoding="utf-8", newline="") as handle:
                    texts[path] = handle.read().split("\n")
            lines = texts[path]
            where = (f["rule"], f["line"], f["column"], f["message"])
            assert 1 <= f["line"] <= len(lines), where
            assert 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1, where
            assert (f["line"], f["column"]) <= (f["endLine"], f["endColumn"]) and f["endLine"] <= len(lines), where


# -- 3 and 4: the same output whatever the hash seed or the order of the paths --------------


@st.composite
def workspaces(draw, shared_family: bool = False) -> list[dict[str, str]]:
    """Two to five valid documents, each written in its own directory in any format: task
    definitions of distinct families (or two of one family) and services of those families."""
    count = draw(st.integers(1, 3))
    families = draw(st.lists(st.sampled_from(FAMILIES), min_size=count, max_size=count, unique=True))
    if shared_family:
        families.append(families[0])
    out = []
    for index, family in enumerate(families):
        fmt = draw(st.sampled_from(FORMATS))
        out.append(render("task-definition", draw(task_definitions(st.just(family))), fmt, label=f"t{index}"))
    for index in range(draw(st.integers(0, 2))):
        fmt = draw(st.sampled_from(FORMATS[:-1]))
        out.append(render("service", draw(services(st.sampled_from(families))), fmt, label=f"s{index}"))
    if draw(st.booleans()):
        out.append(render("lifecycle-policy", draw(lifecycle_policies), draw(st.sampled_from(FORMATS[:-1]))))
    return out


def _write_workspace(directory: str, workspace: list[dict[str, str]]) -> list[str]:
    paths = []
    for index, files in enumerate(workspace):
        paths += _write(os.path.join(directory, f"d{index}"), files)
    return paths


def _shuffled_runs_agree(workspace: list[dict[str, str]], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as directory:
        paths = _write_workspace(directory, workspace)
        shuffled = data.draw(st.permutations(paths))
        first = _check(paths, os.path.join(directory, "a.json"))
        second = _check(shuffled, os.path.join(directory, "b.json"))
        assert first == second


@settings(max_examples=20, deadline=None, suppress_health_check=SLOW)
@given(workspaces(), st.data())
def test_output_does_not_depend_on_the_order_of_the_paths(workspace, data):
    _shuffled_runs_agree(workspace, data)


@settings(max_examples=25, deadline=None, suppress_health_check=SLOW, phases=[Phase.explicit, Phase.generate])
@given(workspaces(shared_family=True), st.data())
def test_output_does_not_depend_on_the_order_of_task_definitions_sharing_a_family(workspace, data):
    _shuffled_runs_agree(workspace, data)


@settings(max_examples=3, deadline=None, suppress_health_check=SLOW)
@given(workspaces(), st.sampled_from(["json", "text", "sarif"]))
def test_output_does_not_depend_on_the_hash_seed(workspace, fmt):
    with tempfile.TemporaryDirectory() as directory:
        _write_workspace(directory, workspace)
        outputs = set()
        for seed in ("0", "4242"):
            env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
            done = subprocess.run(
                [sys.executable, "-m", "ecslint", "check", "--select", "ALL", "--format", fmt, "."],
                cwd=directory, env=env, capture_output=True, timeout=120,
            )
            assert done.returncode in (0, 1), done.stderr
            outputs.add((done.stdout, done.stderr))
        assert len(outputs) == 1


# -- 5: a planted secret appears in no output ----------------------------------------------

#: 30 bytes in base64, 40 characters: the shape of an AWS secret access key. The bytes
#: come from a hash, so that shrinking keeps them random-looking (an all-A value is a
#: placeholder, rightly not reported).
secret_keys = st.integers(0, 2**32).map(lambda n: base64.b64encode(hashlib.sha256(str(n).encode()).digest()[:30]).decode())


@st.composite
def with_planted_secret(draw) -> tuple[dict, str]:
    doc = draw(task_definitions())
    secret = draw(secret_keys)
    containers = doc["containerDefinitions"]
    target = containers[draw(st.integers(0, len(containers) - 1))]
    variables = list(target.get("environment", []))
    variables.insert(draw(st.integers(0, len(variables))), {"name": "AWS_SECRET_ACCESS_KEY", "value": secret})
    target["environment"] = variables
    return doc, secret


def _every_output(paths: list[str]) -> list[str]:
    from ecslint.output import github, sarif, text
    from ecslint.output import json as json_output

    report = run(paths, Settings(select=["ALL"]), REGISTRY)
    assert "ECS403" in {f.rule for f in report.findings}
    outputs = []
    for write in (
        lambda out: json_output.write(report, out),
        lambda out: sarif.write(report, out),
        lambda out: github.write(report, out),
        lambda out: text.write(report, out, excerpt=False, color=False),
        lambda out: text.write(report, out, excerpt=True, color=True, verbose=True),
        lambda out: text.write(report, out, excerpt=True, color=False, statistics=True),
    ):
        stream = io.StringIO()
        write(stream)
        outputs.append(stream.getvalue())
    return outputs


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW)
@given(with_planted_secret(), st.sampled_from(FORMATS), st.booleans())
def test_a_planted_secret_appears_in_no_output_format(planted, fmt, one_line):
    doc, secret = planted
    with tempfile.TemporaryDirectory() as directory:
        paths = _write(directory, render("task-definition", doc, fmt, one_line=one_line))
        for output in _every_output(paths):
            assert secret not in output
