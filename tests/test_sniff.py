"""Recognition (ecslint/load/sniff.py): a file is read as ECS only on evidence specific to
ECS, so that other tools' files that share its words (``rules``, ``action``, ``image``,
``command``, ``propagateTags``, ``services``) are skipped, and every real ECS shape of the
corpus is still recognised as what its manifest says it is.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ecslint.engine import Settings, run
from ecslint.load.reader import read

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

GCP_CLEANUP_POLICY = [
    {
        "name": "delete-prerelease",
        "action": {"type": "Delete"},
        "condition": {"tagState": "tagged", "tagPrefixes": ["alpha", "v0"], "olderThan": "30d"},
    },
    {
        "name": "keep-minimum-versions",
        "action": {"type": "Keep"},
        "mostRecentVersions": {"packageNamePrefixes": ["webapp", "mobile"], "keepCount": 5},
    },
]

#: (file name, text, words the skip reason must hold). Each was read as ECS before, or
#: shares enough words with ECS to be worth guarding.
LOOKALIKES = [
    ("cleanup-policy.json", json.dumps(GCP_CLEANUP_POLICY, indent=2), "not of container definitions"),
    (
        "artifact-registry-cleanup.json",
        json.dumps({"rules": [{"id": "delete-untagged", "action": {"type": "DELETE"}, "condition": {"tagState": "UNTAGGED", "olderThan": "2592000s"}}]}),
        "none of them is an ECR lifecycle rule",
    ),
    (
        "s3-lifecycle.json",
        json.dumps(
            {
                "Rules": [
                    {
                        "ID": "archive-logs",
                        "Filter": {"Prefix": "logs/"},
                        "Status": "Enabled",
                        "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}],
                        "Expiration": {"Days": 365},
                        "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                    }
                ]
            },
            indent=2,
        ),
        "S3 bucket lifecycle configuration",
    ),
    (
        "bucket-lifecycle.json",
        json.dumps({"rules": [{"id": "expire-tmp", "status": "Enabled", "filter": {"prefix": "tmp/"}, "expiration": {"days": 7}}]}),
        "S3 bucket lifecycle configuration",
    ),
    (
        "gcs-lifecycle.json",
        json.dumps({"lifecycle": {"rule": [{"action": {"type": "Delete"}, "condition": {"age": 30, "isLive": False}}]}}),
        "no ECS task definition",
    ),
    (
        "cloudflare-ruleset.json",
        json.dumps(
            {
                "name": "default",
                "kind": "zone",
                "phase": "http_request_firewall_custom",
                "rules": [{"action": "block", "expression": '(ip.geoip.country eq "XX")', "description": "block"}],
            }
        ),
        "none of them is an ECR lifecycle rule",
    ),
    (
        "azure-storage-policy.json",
        json.dumps(
            {
                "rules": [
                    {
                        "enabled": True,
                        "name": "move-to-cool",
                        "type": "Lifecycle",
                        "definition": {
                            "actions": {"baseBlob": {"tierToCool": {"daysAfterModificationGreaterThan": 30}}},
                            "filters": {"blobTypes": ["blockBlob"]},
                        },
                    }
                ]
            }
        ),
        "none of them is an ECR lifecycle rule",
    ),
    (
        "github-ruleset.json",
        json.dumps(
            {
                "name": "main",
                "target": "branch",
                "enforcement": "active",
                "rules": [{"type": "deletion"}, {"type": "pull_request", "parameters": {"required_approving_review_count": 1}}],
            }
        ),
        "none of them is an ECR lifecycle rule",
    ),
    ("eslintrc.json", json.dumps({"root": True, "rules": []}), "none of them is an ECR lifecycle rule"),
    (
        "deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n"
        "      containers:\n        - name: web\n          image: nginx:1.27\n          command: [nginx, -g, daemon off;]\n"
        "          ports:\n            - containerPort: 80\n",
        "no ECS task definition",
    ),
    (
        "pod.json",
        json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
                    "spec": {"containers": [{"name": "web", "image": "nginx:1.27", "command": ["nginx"]}]}}),
        "no ECS task definition",
    ),
    (
        "containers.json",
        json.dumps([{"name": "web", "image": "nginx:1.27", "command": ["nginx"], "ports": [{"containerPort": 80}],
                     "env": [{"name": "MODE", "value": "prod"}], "resources": {"limits": {"memory": "256Mi"}}}]),
        "not of container definitions",
    ),
    (
        "ci-jobs.json",
        json.dumps([{"name": "test", "image": "node:20", "command": ["npm", "test"]},
                    {"name": "lint", "image": "node:20", "command": ["npm", "run", "lint"]}]),
        "not of container definitions",
    ),
    (
        "docker-compose.yml",
        "services:\n  web:\n    image: nginx:1.27\n    command: [nginx, -g, daemon off;]\n    ports: ['80:80']\n"
        "    environment:\n      - MODE=prod\n    depends_on: [db]\n  db:\n    image: postgres:16\n"
        "    mem_limit: 512m\nvolumes:\n  data: {}\n",
        "no ECS task definition",
    ),
    (
        "package.json",
        json.dumps({"name": "web", "version": "1.0.0", "scripts": {"deploy": "ecs-deploy"},
                    "dependencies": {"@aws-sdk/client-ecs": "^3.600.0"}}),
        "no ECS task definition",
    ),
    (
        "renovate.json",
        json.dumps({"$schema": "https://docs.renovatebot.com/renovate-schema.json", "extends": ["config:recommended"],
                    "packageRules": [{"matchUpdateTypes": ["minor", "patch"], "automerge": True}]}),
        "no ECS task definition",
    ),
    (
        "openapi.yaml",
        "openapi: 3.0.3\ninfo:\n  title: Deployments\n  version: 1.0.0\npaths:\n  /services:\n    get:\n"
        "      responses:\n        '200':\n          description: ok\ncomponents:\n  schemas:\n    Service:\n"
        "      properties:\n        serviceName: {type: string}\n        desiredCount: {type: integer}\n",
        "no ECS task definition",
    ),
    (
        "batch-job-definition.json",
        json.dumps(
            {
                "jobDefinitionName": "nightly-report",
                "type": "container",
                "platformCapabilities": ["FARGATE"],
                "propagateTags": True,
                "containerProperties": {
                    "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1.2",
                    "command": ["python", "report.py"],
                    "executionRoleArn": "arn:aws:iam::123456789012:role/batch-execution",
                    "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}],
                    "logConfiguration": {"logDriver": "awslogs"},
                    "networkConfiguration": {"assignPublicIp": "DISABLED"},
                },
                "retryStrategy": {"attempts": 2},
                "timeout": {"attemptDurationSeconds": 3600},
            },
            indent=2,
        ),
        "AWS Batch job definition",
    ),
    (
        "run-task-state.json",
        json.dumps(
            {
                "Type": "Task",
                "Resource": "arn:aws:states:::ecs:runTask.sync",
                "Parameters": {
                    "LaunchType": "FARGATE",
                    "Cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/jobs",
                    "TaskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/report:3",
                    "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "AssignPublicIp": "DISABLED"}},
                    "Overrides": {"ContainerOverrides": [{"Name": "report", "Command.$": "$.command"}]},
                },
                "End": True,
            }
        ),
        "no ECS task definition",
    ),
    (
        "consul-services.json",
        json.dumps({"services": [{"name": "web", "port": 80, "tags": ["v1"], "check": {"http": "http://localhost/health", "interval": "10s"}}]}),
        "no ECS task definition",
    ),
    ("inventory.json", json.dumps({"cluster": "prod", "role": "web", "tags": {"team": "a"}}), "no ECS task definition"),
    (
        "run-task.json",
        json.dumps({"cluster": "default", "taskDefinition": "report:4", "launchType": "FARGATE",
                    "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "ENABLED"}}}),
        "run-task input",
    ),
]


@pytest.mark.parametrize(("name", "text", "reason"), LOOKALIKES, ids=[n for n, _, _ in LOOKALIKES])
def test_a_lookalike_is_skipped_with_a_reason(tmp_path, name, text, reason):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    file = read(str(path), name)
    assert file.documents == [] and file.problems == []
    assert reason in (file.skipped or "")


def test_lookalikes_get_no_finding_from_any_rule(tmp_path):
    paths = []
    for name, text, _ in LOOKALIKES:
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    report = run(paths, Settings(select=["ALL"]))
    assert report.findings == [] and len(report.skipped) == len(LOOKALIKES)


#: Minimal real shapes, each recognised on one piece of ECS evidence.
MINIMAL = [
    ("rules-action-only.json", {"rules": [{"action": {"type": "expire"}}]}, "lifecycle-policy", "policy"),
    ("rules-selection-only.json", {"rules": [{"selection": {"tagStatus": "any"}}]}, "lifecycle-policy", "policy"),
    ("rules-empty.json", {"rules": []}, "lifecycle-policy", "policy"),
    ("containers.json", [{"name": "web", "image": "nginx:1.27", "memory": 256}], "task-definition", "container-definitions"),
    ("templated-containers.json", [{"name": "web", "image": "${image}", "cpu": "${cpu}"}], "task-definition", "container-definitions"),
    ("command-only.json", [{"name": "job", "image": "busybox", "command": ["true"], "essential": True}], "task-definition", "container-definitions"),
    ("env-shaped.json", [{"image": "busybox", "environment": [{"name": "A", "value": "1"}]}], "task-definition", "container-definitions"),
    ("daemon.json", {"schedulingStrategy": "DAEMON"}, "service", "definition"),
    ("service-name-count.json", {"serviceName": "api", "desiredCount": 2}, "service", "create"),
    ("update.json", {"service": "api", "desiredCount": 3}, "service", "update"),
    ("force.json", {"cluster": "prod", "service": "api", "forceNewDeployment": True}, "service", "update"),
    ("family-role.json", {"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/web"}, "task-definition", "register"),
    ("describe-arn.json", {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"}},
     "task-definition", "describe"),
    ("describe-services.json", {"services": [{"serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/prod/web"}]}, "service", "describe"),
]


@pytest.mark.parametrize(("name", "data", "kind", "shape"), MINIMAL, ids=[n for n, _, _, _ in MINIMAL])
def test_real_shapes_are_recognised_on_ecs_evidence(tmp_path, name, data, kind, shape):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [(d.kind, d.shape) for d in read(str(path), name).documents] == [(kind, shape)]


def test_the_issue_reproducer_is_still_a_policy_with_one_finding_per_missing_member(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text('{"rules":[{"action":{"type":"expire"}}]}')
    report = run([str(path)], Settings(select=["ECS005"]))
    assert sorted(f.message for f in report.findings) == [
        "`rules[0]` is missing required field `rulePriority`",
        "`rules[0]` is missing required field `selection`",
    ]


#: The corpus manifest's kinds, as (kind, shape) of the documents they hold.
_MANIFEST_SHAPES = {
    "taskdef": {("task-definition", "register")},
    "describe": {("task-definition", "describe")},
    "describe-service": {("service", "describe")},
    "containerdefs": {("task-definition", "container-definitions")},
    "service": {("service", "create"), ("service", "definition"), ("service", "update")},
    "lifecycle": {("lifecycle-policy", "policy"), ("lifecycle-policy", "policy-text")},
    "run-task-input": set(),
    "cloudformation": {
        ("task-definition", "register"),
        ("service", "create"),
        ("cluster", "create"),
        ("repository", "create"),
        ("target-group", "create"),
        ("lifecycle-policy", "policy-text"),
        ("capacity-provider", "create"),
        ("auto-scaling-group", "create"),
        ("launch-template", "create"),
        ("launch-configuration", "create"),
        ("cluster-capacity-providers", "create"),
    },
}


def _manifest() -> list[tuple[str, str]]:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        return []
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        return [(row["file"], row["kind"]) for row in csv.DictReader(handle, delimiter="\t")]


@pytest.mark.skipif(not _manifest(), reason="../shared/corpus is not there")
def test_every_corpus_file_is_recognised_as_its_manifest_says():
    """Every file of the corpus that parses yields documents of the kind its manifest
    names, and only those (a file that does not parse, templates included, yields none)."""
    wrong = []
    for name, kind in _manifest():
        file = read(str(CORPUS / name), name)
        shapes = {(d.kind, d.shape) for d in file.documents}
        if file.problems or kind.startswith("templated-"):
            if shapes:
                wrong.append((name, kind, shapes))
        elif not shapes <= _MANIFEST_SHAPES[kind] or bool(shapes) != bool(_MANIFEST_SHAPES[kind]):
            wrong.append((name, kind, shapes))
    assert wrong == []
