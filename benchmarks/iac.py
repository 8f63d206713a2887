"""Infrastructure-as-code benchmarks: CloudFormation and Terraform, side by side with peers.

Run by ``bench.py`` (``--skip-iac`` to leave it out), or alone::

    .venv/bin/python benchmarks/iac.py [--runs 10] [--cfn-lint PATH] [--checkov PATH]

What it measures, whole process, median of ``--runs`` after a warm-up:

- one CloudFormation template of 200 resources (budget 150 ms), and 200 templates of a
  realistic size (a cluster, three services with their task definitions and target
  groups, a role, a log group) checked in one run (budget 2 s);
- one Terraform file with a task definition and a service (budget 120 ms), and 200
  modules of one ``main.tf`` each, of a realistic size (budget 2 s);
- the ten-problems stacks (``benchmarks/ten-problems``): how many of the ten problems
  ecslint reports, and, when the peer is installed (``cfn-lint`` for the template,
  ``checkov`` for the Terraform), how many the peer reports and how long it takes on the
  200 files. Peers are optional (``pip install cfn-lint checkov`` in any environment and
  pass its path, or have it on PATH); they are never a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEN = HERE / "ten-problems"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

BUDGETS_MS = {
    "template of 200 resources": 150.0,
    "200 templates": 2000.0,
    "one .tf (task definition + service)": 120.0,
    "200 .tf modules": 2000.0,
}
#: The rules of the ten problems, in the order the stacks' comments give them.
TEN_RULES = ("ECS101", "ECS201", "ECS301", "ECS401", "ECS403", "ECS407", "ECS601", "ECR102", "ECR103", "ECS410")


def _service(i: int, s: int) -> dict:
    name = f"svc{s}"
    return {
        f"Task{s}": {
            "Type": "AWS::ECS::TaskDefinition",
            "Properties": {
                "Family": f"{name}-{i}",
                "RequiresCompatibilities": ["FARGATE"],
                "NetworkMode": "awsvpc",
                "Cpu": "512",
                "Memory": "1024",
                "ExecutionRoleArn": {"Fn::GetAtt": ["ExecRole", "Arn"]},
                "ContainerDefinitions": [
                    {
                        "Name": name,
                        "Image": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/" + name + f":1.2.{s}"},
                        "User": "1000",
                        "ReadonlyRootFilesystem": True,
                        "PortMappings": [{"ContainerPort": 8080}],
                        "Environment": [{"Name": "MODE", "Value": "prod"}],
                        "HealthCheck": {"Command": ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"], "Interval": 30},
                        "LogConfiguration": {
                            "LogDriver": "awslogs",
                            "Options": {"awslogs-group": {"Ref": "LogGroup"}, "awslogs-region": {"Ref": "AWS::Region"}, "awslogs-stream-prefix": name},
                        },
                    }
                ],
            },
        },
        f"TG{s}": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"Port": 8080, "Protocol": "HTTP", "TargetType": "ip", "VpcId": "vpc-123"}},
        f"Service{s}": {
            "Type": "AWS::ECS::Service",
            "Properties": {
                "Cluster": {"Ref": "Cluster"},
                "LaunchType": "FARGATE",
                "TaskDefinition": {"Ref": f"Task{s}"},
                "DesiredCount": 2,
                "DeploymentConfiguration": {"DeploymentCircuitBreaker": {"Enable": True, "Rollback": True}},
                "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "SecurityGroups": ["sg-1"]}},
                "LoadBalancers": [{"TargetGroupArn": {"Ref": f"TG{s}"}, "ContainerName": name, "ContainerPort": 8080}],
            },
        },
    }


def template(i: int, services: int = 3) -> dict:
    resources: dict = {
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]}},
        "LogGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}},
        "ExecRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                }
            },
        },
    }
    for s in range(services):
        resources.update(_service(i, s))
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}


def terraform(i: int, services: int = 3) -> str:
    blocks = ['resource "aws_ecs_cluster" "main" {\n  name = "main-%d"\n  setting {\n    name  = "containerInsights"\n    value = "enabled"\n  }\n}\n' % i]
    for s in range(services):
        blocks.append(
            f'''
resource "aws_ecs_task_definition" "svc{s}" {{
  family                   = "svc{s}-{i}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
  container_definitions = jsonencode([
    {{
      name                   = "svc{s}"
      image                  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/svc{s}:1.2.{s}"
      user                   = "1000"
      readonlyRootFilesystem = true
      portMappings           = [{{ containerPort = 8080 }}]
      environment            = [{{ name = "MODE", value = "prod" }}]
      healthCheck = {{
        command  = ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"]
        interval = 30
      }}
      logConfiguration = {{
        logDriver = "awslogs"
        options = {{
          awslogs-group         = "/ecs/svc{s}"
          awslogs-region        = "eu-west-1"
          awslogs-stream-prefix = "svc{s}"
        }}
      }}
    }}
  ])
}}

resource "aws_lb_target_group" "svc{s}" {{
  name        = "svc{s}-{i}"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = "vpc-123"
}}

resource "aws_ecs_service" "svc{s}" {{
  name            = "svc{s}"
  cluster         = aws_ecs_cluster.main.id
  launch_type     = "FARGATE"
  task_definition = aws_ecs_task_definition.svc{s}.arn
  desired_count   = 2
  deployment_circuit_breaker {{
    enable   = true
    rollback = true
  }}
  network_configuration {{
    subnets         = ["subnet-1"]
    security_groups = ["sg-1"]
  }}
  load_balancer {{
    target_group_arn = aws_lb_target_group.svc{s}.arn
    container_name   = "svc{s}"
    container_port   = 8080
  }}
}}
'''
        )
    return "".join(blocks)


def generate(base: Path) -> dict[str, Path]:
    cfn = base / "cloudformation"
    cfn.mkdir(parents=True)
    (base / "big.template.json").write_text(json.dumps(template(0, services=66), indent=2))
    for i in range(200):
        (cfn / f"stack{i}.template.json").write_text(json.dumps(template(i), indent=2))
    tf = base / "terraform"
    for i in range(200):
        (tf / f"m{i}").mkdir(parents=True)
        (tf / f"m{i}" / "main.tf").write_text(terraform(i))
    one = base / "one"
    one.mkdir()
    (one / "main.tf").write_text(terraform(0, services=1))
    return {
        "template of 200 resources": base / "big.template.json",
        "200 templates": cfn,
        "one .tf (task definition + service)": one / "main.tf",
        "200 .tf modules": tf,
    }


def median_ms(cmd: list[str], runs: int, expect: tuple[int, ...] = (0, 1)) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
        samples.append((time.perf_counter() - start) * 1000)
        if proc.returncode not in expect:
            raise SystemExit(f"iac: {' '.join(cmd)} exited {proc.returncode}")
    return statistics.median(samples)


def ten_problems(cli: list[str], path: Path) -> list[str]:
    proc = subprocess.run(cli + ["check", str(path), "--format", "json"], capture_output=True, text=True, cwd=ROOT, env=ENV)
    found = {f["rule"] for f in json.loads(proc.stdout)["findings"]}
    return [rule for rule in TEN_RULES if rule in found]


def peer_findings(cmd: list[str]) -> tuple[int, str]:
    """How many findings a peer prints (its own count), and its output's first lines."""
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    out = proc.stdout + proc.stderr
    return out.count("\n"), out


def run(cli: list[str], runs: int, cfn_lint: str | None, checkov: str | None) -> dict:
    base = Path(tempfile.mkdtemp(prefix="ecslint-iac-"))
    result: dict = {"ecslint": {}, "ten_problems": {}, "peers": {}}
    try:
        inputs = generate(base)
        for name, path in inputs.items():
            ms = median_ms(cli + ["check", str(path), "-q"], runs)
            result["ecslint"][name] = {"median_ms": ms, "budget_ms": BUDGETS_MS[name], "pass": ms <= BUDGETS_MS[name]}
        result["ten_problems"]["cloudformation"] = ten_problems(cli, TEN / "template.yaml")
        result["ten_problems"]["terraform"] = ten_problems(cli, TEN / "terraform")
        if cfn_lint:
            files = sorted(str(p) for p in inputs["200 templates"].glob("*.json"))
            result["peers"]["cfn-lint"] = {
                "200 templates ms": median_ms([cfn_lint, *files], 1, expect=(0, 2, 4, 6, 8, 10, 12, 14)),
                "ten problems output": peer_findings([cfn_lint, str(TEN / "template.yaml")])[1].strip().splitlines(),
            }
        if checkov:
            result["peers"]["checkov"] = {
                "200 .tf modules ms": median_ms([checkov, "-d", str(inputs["200 .tf modules"]), "--quiet", "--compact"], 1, expect=(0, 1)),
                "ten problems failed checks": [
                    line.strip() for line in peer_findings([checkov, "-d", str(TEN / "terraform"), "--compact", "--quiet"])[1].splitlines()
                    if line.strip().startswith("Check:")
                ],
            }
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return result


def table(result: dict) -> str:
    lines = [f"{'infrastructure as code (whole process)':<42}{'median':>10}"]
    for name, row in result["ecslint"].items():
        lines.append(f"{name:<42}{row['median_ms']:>8.0f}ms  {'PASS' if row['pass'] else 'FAIL'} (<= {row['budget_ms']:.0f} ms)")
    for source, rules in result["ten_problems"].items():
        lines.append(f"ten problems, {source}: ecslint reports {len(rules)} of 10 ({', '.join(rules)})")
    for peer, row in result["peers"].items():
        for key, value in row.items():
            if isinstance(value, list):
                lines.append(f"{peer}, {key}: {len(value)} lines")
                lines += [f"    {v}" for v in value[:12]]
            else:
                lines.append(f"{peer}, {key}: {value:.0f} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    from bench import ecslint_command

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cfn-lint", default=shutil.which("cfn-lint"), help="cfn-lint to compare with (default: on PATH)")
    parser.add_argument("--checkov", default=shutil.which("checkov"), help="checkov to compare with (default: on PATH)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(ecslint_command(), args.runs, args.cfn_lint, args.checkov)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
