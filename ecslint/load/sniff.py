"""Sniff what a parsed file holds and extract its documents.

pre-commit hands ecslint every JSON and YAML file of a commit, so most files are not ECS
documents at all. Recognition is by shape, not by file name (names lie: the corpus has a
``service.json`` that holds container definitions). A file that holds nothing ECS-shaped
yields no document and no finding, only a reason that ``--verbose`` shows.
"""

from __future__ import annotations

import os
from typing import Any

from ecslint.load.embedded import EmbeddedSourceMap, string_offsets
from ecslint.load.errors import LoadError
from ecslint.load.jsonload import parse_json
from ecslint.load.source import Document, Locator, SourceFile
from ecslint.load.sourcemap import SourceMap
from ecslint.load.text import LineIndex

#: Keys only a task definition has (besides ``family``, which other formats use too).
_TASK_KEYS = frozenset(
    "containerDefinitions networkMode requiresCompatibilities taskRoleArn executionRoleArn "
    "volumes placementConstraints runtimePlatform ephemeralStorage proxyConfiguration "
    "inferenceAccelerators pidMode ipcMode".split()
)
#: Keys that make an object a service definition (create-service input, ecspresso files).
_SERVICE_KEYS = frozenset(
    "serviceName desiredCount schedulingStrategy deploymentConfiguration loadBalancers "
    "serviceRegistries deploymentController serviceConnectConfiguration placementStrategy "
    "healthCheckGracePeriodSeconds enableExecuteCommand propagateTags".split()
)
#: run-task / start-task input: looks like a service but is not one.
_RUN_TASK_KEYS = frozenset("count overrides startedBy group referenceId containerInstances".split())
#: Keys of a container definition, to recognise a bare (Terraform-style) array of them.
_CONTAINER_KEYS = frozenset(
    "image essential portMappings memory memoryReservation logConfiguration environment "
    "secrets command entryPoint mountPoints healthCheck dependsOn".split()
)
_LIFECYCLE_RULE_KEYS = frozenset(("rulePriority", "selection", "action"))


def extract(file: SourceFile, data: Any, smap: SourceMap, parameters: dict[str, str] | None = None) -> str | None:
    """Add the documents found in one parsed root to ``file``; return why none, if none.
    ``parameters`` are the values of CloudFormation template parameters the user gave."""
    stem = os.path.basename(file.display)

    def add(kind: str, shape: str, body: Any, locator: Locator, name: str | None, **extra: Any) -> None:
        label = name if isinstance(name, str) and name else stem
        file.documents.append(Document(kind, shape, body, file, locator, label, **extra))

    if isinstance(data, list):
        if data and all(isinstance(x, dict) for x in data) and any(_CONTAINER_KEYS & x.keys() for x in data):
            add("task-definition", "container-definitions", {"containerDefinitions": data}, Locator(smap, strip=1), None)
            return None
        return "an array, but not of container definitions"
    if not isinstance(data, dict):
        return "not an object or array"
    from ecslint.sources import cloudformation

    if cloudformation.is_template(data):
        return cloudformation.extract(file, data, smap, parameters)
    if isinstance(data.get("Resources"), dict) or "AWSTemplateFormatVersion" in data:
        return "a CloudFormation template without resources"
    if "containerDefinitions" in data or ("family" in data and _TASK_KEYS & data.keys()):
        add("task-definition", "register", data, Locator(smap), data.get("family"))
        return None
    if isinstance(data.get("taskDefinition"), dict):
        body = data["taskDefinition"]
        add("task-definition", "describe", body, Locator(smap, ("taskDefinition",)), body.get("family"))
        return None
    if isinstance(data.get("services"), list) and any(isinstance(s, dict) for s in data["services"]):
        for index, body in enumerate(data["services"]):
            if isinstance(body, dict):
                add("service", "describe", body, Locator(smap, ("services", index)), body.get("serviceName"))
        return None
    if isinstance(data.get("service"), dict):
        body = data["service"]
        add("service", "describe", body, Locator(smap, ("service",)), body.get("serviceName"))
        return None
    rules = data.get("rules")
    if isinstance(rules, list) and (not rules or any(isinstance(r, dict) and _LIFECYCLE_RULE_KEYS & r.keys() for r in rules)):
        add("lifecycle-policy", "policy", data, Locator(smap), None)
        return None
    if isinstance(data.get("lifecyclePolicyText"), str):
        return _embedded_policy(file, data, smap, add)
    if _SERVICE_KEYS & data.keys() and not _RUN_TASK_KEYS & data.keys():
        if "serviceName" in data:
            add("service", "create", data, Locator(smap), data.get("serviceName"))
        elif isinstance(data.get("service"), str):
            add("service", "update", data, Locator(smap), data["service"])
        else:
            # A service definition whose name (and usually task definition) the deploying
            # tool supplies: ecspresso's ecs-service-def.json, CodeDeploy-style templates.
            add("service", "definition", data, Locator(smap), None)
        return None
    if _RUN_TASK_KEYS & data.keys() and "taskDefinition" in data:
        return "a run-task input (not a service definition)"
    if _stack_resource(data, smap, add):
        return None
    return "no ECS task definition, service or ECR lifecycle policy in it"


def _embedded_policy(file: SourceFile, data: dict, smap: SourceMap, add: Any) -> str | None:
    """A put/get-lifecycle-policy document: parse the policy from its JSON string."""
    text = data["lifecyclePolicyText"]
    path = ("lifecyclePolicyText",)
    assert file.lines is not None
    span = smap.span(path)
    if span is None:
        # Merged in by a YAML ``<<`` key: no literal of its own here, so point at the
        # nearest thing that is (never an AssertionError, which became ECS008).
        span = smap.nearest(path)[1]
        offsets = None
    else:
        raw = file.lines.text[span.start : span.end]
        offsets = string_offsets(raw, span.start, text)
    try:
        inner, inner_map = parse_json(text)
    except LoadError as exc:
        offset = LineIndex(text).offset(exc.line, exc.column)
        outer = offsets[offset] if offsets else span.start
        line, column = file.lines.position(outer)
        file.problems.append(LoadError(f"lifecyclePolicyText: {exc.message}", line, column))
        return None
    if isinstance(inner, str):
        line, column = file.lines.position(span.start)
        file.problems.append(
            LoadError(
                "lifecyclePolicyText holds a JSON string, not a policy object: the policy was encoded twice",
                line,
                column,
            )
        )
        return None
    # The parser's flag, not ``inner_map.duplicates``: that would scan the policy text once
    # here and once more in the embedded map.
    embedded = EmbeddedSourceMap(file.lines, text, offsets, span, has_duplicates=inner_map.has_duplicates)
    repository = data.get("repositoryName")
    add(
        "lifecycle-policy",
        "policy-text",
        inner,
        Locator(embedded),
        repository if isinstance(repository, str) else None,
        repository=repository if isinstance(repository, str) else None,
        text=text,
    )
    return None


# -- clusters, capacity providers, repositories, target groups, Auto Scaling groups ---------
# The API's own files for the kinds a stack also holds (botocore's ECS, ECR, ELBv2 and Auto
# Scaling models). Each shape is recognised by members no other ECS file has; a bare name
# (``{"repositoryName": "web"}`` is also get-lifecycle-policy input) is not enough.

#: CreateCluster members besides ``clusterName`` and ``tags``.
_CLUSTER_KEYS = frozenset("settings configuration capacityProviders defaultCapacityProviderStrategy serviceConnectDefaults".split())
#: CreateRepository members that only it takes.
_REPOSITORY_KEYS = frozenset(
    "imageTagMutability imageScanningConfiguration encryptionConfiguration imageTagMutabilityExclusionFilters".split()
)
#: CreateTargetGroup members that only a target group has (``Name``, ``Port`` are everywhere).
_TARGET_GROUP_KEYS = frozenset(
    "TargetType HealthCheckProtocol HealthCheckPort HealthCheckEnabled HealthCheckPath HealthCheckIntervalSeconds "
    "HealthCheckTimeoutSeconds HealthyThresholdCount UnhealthyThresholdCount Matcher".split()
)
#: Output wrappers: member -> (kind, a member every described item has, its name member).
#: describe-clusters, describe-capacity-providers, describe-repositories, describe- and
#: create-target-groups, describe-auto-scaling-groups list them; create-cluster,
#: create-capacity-provider and create-repository return one.
_DESCRIBED = {
    "clusters": ("cluster", "clusterArn", "clusterName"),
    "capacityProviders": ("capacity-provider", "capacityProviderArn", "name"),
    "repositories": ("repository", "repositoryArn", "repositoryName"),
    "TargetGroups": ("target-group", "TargetGroupArn", "TargetGroupName"),
    "AutoScalingGroups": ("auto-scaling-group", "AutoScalingGroupARN", "AutoScalingGroupName"),
}
_CREATED = {
    "cluster": ("cluster", "clusterArn", "clusterName"),
    "capacityProvider": ("capacity-provider", "capacityProviderArn", "name"),
    "repository": ("repository", "repositoryArn", "repositoryName"),
}


def _stack_resource(data: dict, smap: SourceMap, add: Any) -> bool:
    """Add the cluster, capacity provider, repository, target group or Auto Scaling group
    documents of an API file (input or output); False when it holds none."""
    for member, (kind, mark, name) in _DESCRIBED.items():
        listed = data.get(member)
        if isinstance(listed, list) and any(isinstance(item, dict) and mark in item for item in listed):
            for index, body in enumerate(listed):
                if isinstance(body, dict):
                    add(kind, "describe", body, Locator(smap, (member, index)), body.get(name))
            return True
    for member, (kind, mark, name) in _CREATED.items():
        body = data.get(member)
        if isinstance(body, dict) and mark in body:
            add(kind, "describe", body, Locator(smap, (member,)), body.get(name))
            return True
    keys = data.keys()
    if isinstance(data.get("clusterName"), str) and _CLUSTER_KEYS & keys:
        kind, name = "cluster", data["clusterName"]
    elif "name" in data and ("autoScalingGroupProvider" in data or "managedInstancesProvider" in data):
        kind, name = "capacity-provider", data["name"]
    elif "repositoryName" in data and _REPOSITORY_KEYS & keys:
        kind, name = "repository", data["repositoryName"]
    elif "Name" in data and _TARGET_GROUP_KEYS & keys:
        kind, name = "target-group", data["Name"]
    elif "AutoScalingGroupName" in data and "MinSize" in data and "MaxSize" in data:
        kind, name = "auto-scaling-group", data["AutoScalingGroupName"]
    else:
        return False
    add(kind, "create", data, Locator(smap), name)
    return True
