"""Sniff what a parsed file holds and extract its documents.

pre-commit hands ecslint every JSON and YAML file of a commit, so most files are not ECS
documents at all. Recognition is by shape, not by file name (names lie: the corpus has a
``service.json`` that holds container definitions). A file that holds nothing ECS-shaped
yields no document and no finding, only a reason that ``--verbose`` shows.
"""

from __future__ import annotations

import os

from ecslint.load.embedded import embedded_json
from ecslint.load.placeholders import is_unknown
from ecslint.load.source import Document, Locator, SourceFile, SourceOptions
from ecslint.load.sourcemap import SourceMap

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

#: Recognition asks for evidence specific to ECS: a member name only the ECS and ECR APIs use,
#: a value only they give (``"schedulingStrategy": "DAEMON"``, ``"action": {"type":
#: "expire"}``), or several of their members together. A key many formats share
#: (``command``, ``image``, ``propagateTags``, ``rules``, ``action``) is never enough on its
#: own: other tools' files (Kubernetes manifests, AWS Batch job definitions, S3 and GCP
#: lifecycle rules) use the same words.

#: Task-level members only a task definition has (``family`` alone is common elsewhere).
_TASK_KEYS = frozenset(
    "networkMode requiresCompatibilities taskRoleArn executionRoleArn runtimePlatform ephemeralStorage "
    "proxyConfiguration inferenceAccelerators pidMode ipcMode".split()
)
#: Service members whose name only an ECS service uses: one is enough.
_SERVICE_ONLY_KEYS = frozenset(
    "serviceConnectConfiguration healthCheckGracePeriodSeconds deploymentController serviceRegistries "
    "availabilityZoneRebalancing forceNewDeployment".split()
)
#: Service members with a value only an ECS service gives them: one is enough.
_SERVICE_VALUES = {
    "schedulingStrategy": frozenset(("REPLICA", "DAEMON")),
    "propagateTags": frozenset(("SERVICE",)),
}
#: Service members whose names other formats use too (``serviceName``, ``desiredCount``).
_SERVICE_KEYS = frozenset("serviceName service desiredCount loadBalancers deploymentConfiguration schedulingStrategy".split())
#: Members a service shares with run-task input (and AWS Batch has a ``propagateTags``).
#: A service is one of ``_SERVICE_KEYS`` with at least one more of either set.
_TASK_LAUNCH_KEYS = frozenset(
    "taskDefinition launchType networkConfiguration capacityProviderStrategy platformVersion placementStrategy "
    "placementConstraints enableExecuteCommand enableECSManagedTags propagateTags".split()
)
#: run-task / start-task input: looks like a service but is not one.
_RUN_TASK_KEYS = frozenset("count overrides startedBy group referenceId containerInstances".split())
#: Container definition members whose name only ECS uses (Kubernetes, Docker Compose and
#: AWS Batch spell theirs otherwise or nest them elsewhere); ``name``, ``image``,
#: ``command``, ``memory`` and ``cpu`` are everybody's.
_CONTAINER_ONLY_KEYS = frozenset(
    "portMappings essential logConfiguration memoryReservation mountPoints volumesFrom dependsOn healthCheck "
    "entryPoint environmentFiles firelensConfiguration repositoryCredentials linuxParameters "
    "readonlyRootFilesystem dockerLabels dockerSecurityOptions systemControls resourceRequirements "
    "startTimeout stopTimeout workingDirectory disableNetworking dnsServers dnsSearchDomains extraHosts "
    "pseudoTerminal credentialSpecs versionConsistency".split()
)
#: A container's sizes, in ECS's units (MiB, CPU units).
_CONTAINER_SIZES = ("memory", "memoryReservation", "cpu")
#: Container members that count when their entries have ECS's shape.
_CONTAINER_ENTRY_KEYS = {"environment": "name", "secrets": "valueFrom", "ulimits": "softLimit"}
#: An ECR lifecycle rule's ``action.type`` values.
_ECR_ACTIONS = frozenset(("expire", "transition"))
#: The actions of an S3 bucket lifecycle rule (any case): ``{"Rules": [{"ID", "Status",
#: "Filter", "Expiration", ...}]}`` is S3's, not ECR's.
_S3_RULE_ACTIONS = frozenset(
    "expiration transitions noncurrentversionexpiration noncurrentversiontransitions "
    "abortincompletemultipartupload".split()
)


def is_task_definition(data: dict) -> bool:
    """A task definition: its ``containerDefinitions``, or a ``family`` with a member only
    task definitions have."""
    return "containerDefinitions" in data or ("family" in data and not _TASK_KEYS.isdisjoint(data))


def is_service(data: dict) -> bool:
    """A service definition: a member only services have, a member with a value only
    services give it, or a service member with at least one more service or launch member
    (``serviceName`` with ``taskDefinition``, ``desiredCount`` with ``loadBalancers``)."""
    if not _SERVICE_ONLY_KEYS.isdisjoint(data):
        return True
    if any(isinstance(data.get(k), str) and data[k] in values for k, values in _SERVICE_VALUES.items()):
        return True
    service = {k for k in _SERVICE_KEYS.intersection(data) if k != "service" or isinstance(data[k], str)}
    return bool(service) and len(service) + len(_TASK_LAUNCH_KEYS.intersection(data)) >= 2


def is_container_definition(data: dict) -> bool:
    """A container definition: a member only ECS names so, ``environment``, ``secrets``
    or ``ulimits`` entries of ECS's shape, or a ``name`` and an ``image`` with ECS's
    container sizes beside them (``memory``, ``memoryReservation`` or ``cpu`` as a
    number: Kubernetes and Compose nest or spell theirs otherwise)."""
    if not _CONTAINER_ONLY_KEYS.isdisjoint(data):
        return True
    for key, member in _CONTAINER_ENTRY_KEYS.items():
        entries = data.get(key)
        if isinstance(entries, list) and any(isinstance(e, dict) and member in e for e in entries):
            return True
    if isinstance(data.get("name"), str) and isinstance(data.get("image"), str):
        return any(_is_size(data.get(key)) for key in _CONTAINER_SIZES)
    return False


def _is_size(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or is_unknown(value)


def is_lifecycle_rule(rule: Any) -> bool:
    """An ECR lifecycle rule: ``rulePriority``, a ``selection`` with ``tagStatus`` or
    ``countType``, or an ``action`` whose ``type`` is one of ECR's."""
    if not isinstance(rule, dict):
        return False
    if "rulePriority" in rule:
        return True
    selection, action = rule.get("selection"), rule.get("action")
    if isinstance(selection, dict) and ("tagStatus" in selection or "countType" in selection):
        return True
    return isinstance(action, dict) and action.get("type") in _ECR_ACTIONS


def is_lifecycle_policy(data: dict) -> bool:
    """An ECR lifecycle policy: ``rules`` holding an ECR rule, or ``{"rules": []}`` alone
    (ECR's envelope, with nothing in it that another format would add)."""
    rules = data.get("rules")
    if not isinstance(rules, list):
        return False
    if not rules:
        return data.keys() == {"rules"}
    return any(is_lifecycle_rule(r) for r in rules)


def extract(file: SourceFile, data: Any, smap: SourceMap, options: SourceOptions | None = None) -> str | None:
    """Add the documents found in one parsed root to ``file``; return why none, if none.
    ``options`` carry what the run gives the sources (template parameter values)."""
    stem = os.path.basename(file.display)

    def add(kind: str, shape: str, body: Any, locator: Locator, name: str | None, **extra: Any) -> None:
        label = name if isinstance(name, str) and name else stem
        file.documents.append(Document(kind, shape, body, file, locator, label, **extra))

    if isinstance(data, list):
        if data and all(isinstance(x, dict) for x in data) and any(is_container_definition(x) for x in data):
            add("task-definition", "container-definitions", {"containerDefinitions": data}, Locator(smap, strip=1), None)
            return None
        return "an array, but not of container definitions"
    if not isinstance(data, dict):
        return "not an object or array"
    if "jobs" in data and "on" in data:
        from ecslint.sources import workflow

        if workflow.is_workflow(data):
            return workflow.extract(file, data, smap, options)
    # A plan has ``format_version``, a template ``Resources``: the sources (~5 ms to import)
    # only for a file that may be one.
    if "format_version" in data:
        from ecslint.sources import terraform_plan

        if terraform_plan.is_plan(data):
            return terraform_plan.extract(file, data, smap, options)
    if "Resources" in data:
        from ecslint.sources import cloudformation

        if cloudformation.is_template(data):
            return cloudformation.extract(file, data, smap, options.parameters if options else None)
    if isinstance(data.get("Resources"), dict) or "AWSTemplateFormatVersion" in data:
        return "a CloudFormation template without resources"
    if is_task_definition(data):
        add("task-definition", "register", data, Locator(smap), data.get("family"))
        return None
    body = data.get("taskDefinition")
    if isinstance(body, dict) and (is_task_definition(body) or "taskDefinitionArn" in body):
        add("task-definition", "describe", body, Locator(smap, ("taskDefinition",)), body.get("family"))
        return None
    services = data.get("services")
    if isinstance(services, list) and any(isinstance(s, dict) and _is_described_service(s) for s in services):
        for index, body in enumerate(services):
            if isinstance(body, dict):
                add("service", "describe", body, Locator(smap, ("services", index)), body.get("serviceName"))
        return None
    body = data.get("service")
    if isinstance(body, dict) and _is_described_service(body):
        add("service", "describe", body, Locator(smap, ("service",)), body.get("serviceName"))
        return None
    if is_lifecycle_policy(data):
        add("lifecycle-policy", "policy", data, Locator(smap), None)
        return None
    if isinstance(data.get("lifecyclePolicyText"), str):
        return _embedded_policy(file, data, smap, add)
    if _RUN_TASK_KEYS.isdisjoint(data) and is_service(data):
        if "serviceName" in data:
            add("service", "create", data, Locator(smap), data.get("serviceName"))
        elif isinstance(data.get("service"), str):
            add("service", "update", data, Locator(smap), data["service"])
        else:
            # A service definition whose name (and usually task definition) the deploying
            # tool supplies: ecspresso's ecs-service-def.json, CodeDeploy-style templates.
            add("service", "definition", data, Locator(smap), None)
        return None
    if isinstance(data.get("taskDefinition"), str):
        return "a run-task input (not a service definition)"
    if _stack_resource(data, smap, add):
        return None
    return _other_format(data) or "no ECS task definition, service or ECR lifecycle policy in it"


def _is_described_service(data: dict) -> bool:
    """A service in describe-services output (which always carries its ARN)."""
    arn = data.get("serviceArn")
    return (isinstance(arn, str) and ":ecs:" in arn) or is_service(data)


def _other_format(data: dict) -> str | None:
    """Why a lookalike that shares words with ECS is not ECS (for ``--verbose``)."""
    rules = data.get("Rules", data.get("rules"))
    if isinstance(rules, list) and any(
        isinstance(r, dict) and any(k.lower() in _S3_RULE_ACTIONS for k in r) for r in rules
    ):
        return "an S3 bucket lifecycle configuration (ECR lifecycle rules have `rulePriority` and `selection`)"
    if isinstance(rules, list):
        return "`rules`, but none of them is an ECR lifecycle rule (`rulePriority`, `selection.tagStatus`, `action.type`)"
    if "jobDefinitionName" in data or "containerProperties" in data or "ecsProperties" in data:
        return "an AWS Batch job definition"
    return None


def _embedded_policy(file: SourceFile, data: dict, smap: SourceMap, add: Any) -> str | None:
    """A put/get-lifecycle-policy document: parse the policy from its JSON string."""
    assert file.lines is not None
    text = data["lifecyclePolicyText"]
    parsed = embedded_json(file, smap, ("lifecyclePolicyText",), text, "lifecyclePolicyText")
    if parsed is None:
        return None
    inner, embedded = parsed
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
