"""A typed, lenient view of a service definition.

Defaults (botocore ECS model, CreateServiceRequest): ``schedulingStrategy`` REPLICA,
``deploymentController`` ECS, ``maximumPercent`` 200 and ``minimumHealthyPercent`` 100 for
REPLICA services. ``taskDefinition`` may be a family, ``family:revision`` or a full ARN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ecslint.core.finding import Path
from ecslint.model.base import DocumentView
from ecslint.model.values import UNKNOWN, Maybe, integer, items, mapping, string

_TASK_DEFINITION = re.compile(
    r"^(?:arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition/)?(?P<family>[A-Za-z0-9_-]{1,255})(?::(?P<revision>\d+))?$"
)


@dataclass(frozen=True)
class TaskDefinitionRef:
    family: str
    revision: int | None

    def __str__(self) -> str:
        return self.family if self.revision is None else f"{self.family}:{self.revision}"


def task_definition_ref(value: object) -> Maybe[TaskDefinitionRef]:
    text = string(value)
    if not isinstance(text, str):
        return text
    m = _TASK_DEFINITION.match(text.strip())
    if not m:
        return None
    revision = m.group("revision")
    return TaskDefinitionRef(m.group("family"), int(revision) if revision else None)


class LoadBalancer:
    __slots__ = ("index", "path", "data", "target_group_arn", "load_balancer_name", "container_name", "container_port")

    def __init__(self, index: int, data: dict):
        self.index = index
        self.path: Path = ("loadBalancers", index)
        self.data = data
        self.target_group_arn: Maybe[str] = string(data.get("targetGroupArn"))
        self.load_balancer_name: Maybe[str] = string(data.get("loadBalancerName"))
        self.container_name: Maybe[str] = string(data.get("containerName"))
        self.container_port: Maybe[int] = integer(data.get("containerPort"))

    @property
    def is_classic(self) -> bool:
        return isinstance(self.load_balancer_name, str) and bool(self.load_balancer_name)

    @property
    def label(self) -> str:
        """The target group's name (from its ARN) or the classic load balancer's name."""
        if isinstance(self.target_group_arn, str) and self.target_group_arn:
            name = self.target_group_arn.split(":targetgroup/")[-1].split("/")[0]
            return f"target group '{name}'"
        if self.is_classic:
            return f"load balancer '{self.load_balancer_name}'"
        return f"load balancer #{self.index + 1}"


class Service(DocumentView):
    kind = "service"

    @cached_property
    def task_definition(self) -> Maybe[TaskDefinitionRef]:
        return task_definition_ref(self.data.get("taskDefinition"))

    @cached_property
    def scheduling_strategy(self) -> Maybe[str]:
        value = string(self.data.get("schedulingStrategy"))
        return "REPLICA" if value is None else value

    @cached_property
    def launch_type(self) -> Maybe[str]:
        return string(self.data.get("launchType"))

    @cached_property
    def desired_count(self) -> Maybe[int]:
        return integer(self.data.get("desiredCount"))

    @cached_property
    def load_balancers(self) -> list[LoadBalancer]:
        return [LoadBalancer(i, lb) for i, lb in items(self.data.get("loadBalancers"))]

    @cached_property
    def platform_version(self) -> Maybe[str]:
        return string(self.data.get("platformVersion"))

    @cached_property
    def deployment_configuration(self) -> dict:
        return mapping(self.data.get("deploymentConfiguration"))

    @cached_property
    def awsvpc_configuration(self) -> dict | None:
        """``networkConfiguration.awsvpcConfiguration`` when present."""
        config = mapping(self.data.get("networkConfiguration")).get("awsvpcConfiguration")
        return config if isinstance(config, dict) else None

    @cached_property
    def capacity_provider_strategy(self) -> list[tuple[int, dict]]:
        return list(items(self.data.get("capacityProviderStrategy")))

    @cached_property
    def deployment_controller(self) -> Maybe[str]:
        controller = self.data.get("deploymentController")
        value = string(mapping(controller).get("type")) if controller is not UNKNOWN else UNKNOWN
        return "ECS" if value is None else value
