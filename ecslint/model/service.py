"""A typed, lenient view of a service definition.

Defaults (botocore ECS model, CreateServiceRequest): ``schedulingStrategy`` REPLICA,
``deploymentController`` ECS, ``maximumPercent`` 200 and ``minimumHealthyPercent`` 100 for
REPLICA services. ``taskDefinition`` may be a family, ``family:revision`` or a full ARN.
"""

from __future__ import annotations

import re

from ecslint.core.finding import Path
from ecslint.core.records import NamedTuple
from ecslint.load.placeholders import PLACEHOLDER
from ecslint.model.base import DocumentView
from ecslint.model.values import Maybe, UNKNOWN, boolean, cached, integer, items, mapping, named, string
from ecslint.sources.references import Reference

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

_TASK_DEFINITION = re.compile(
    r"^(?:arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition/)?(?P<family>[A-Za-z0-9_-]{1,255})(?::(?P<revision>\d+))?$"
)

#: The same ARN with placeholders (each replaced by ``\0``) for its partition, region and account.
_TEMPLATED_ARN = re.compile(
    r"^arn:(?:aws[a-z-]*|\0):ecs:[a-z0-9\0-]+:(?:\d{12}|\0):task-definition/"
    r"(?P<family>[A-Za-z0-9_-]{1,255})(?::(?P<revision>\d+))?$"
)


class TaskDefinitionRef(NamedTuple):
    family: str
    revision: int | None

    def __str__(self) -> str:
        return self.family if self.revision is None else f"{self.family}:{self.revision}"


def task_definition_ref(value: object) -> Maybe[TaskDefinitionRef]:
    """The family and revision a ``taskDefinition`` names. An ARN whose partition, region
    or account is templated (``!Sub arn:${AWS::Partition}:ecs:${AWS::Region}:
    ${AWS::AccountId}:task-definition/api:3``) still names its family and revision; a
    templated family is unknown."""
    text = string(value)
    if text is UNKNOWN and isinstance(value, str):
        m = _TEMPLATED_ARN.match(PLACEHOLDER.sub("\0", value.strip()))
        if m:
            revision = m.group("revision")
            return TaskDefinitionRef(m.group("family"), int(revision) if revision else None)
    if not isinstance(text, str):
        return text
    m = _TASK_DEFINITION.match(text.strip())
    if not m:
        return None
    revision = m.group("revision")
    return TaskDefinitionRef(m.group("family"), int(revision) if revision else None)


class LoadBalancer:
    __slots__ = (
        "index", "path", "data", "target_group_arn", "load_balancer_name", "container_name", "container_port",
        "has_target_group",
    )

    def __init__(self, index: int, data: dict):
        self.index = index
        self.path: Path = ("loadBalancers", index)
        self.data = data
        self.target_group_arn: Maybe[str] = string(data.get("targetGroupArn"))
        self.load_balancer_name: Maybe[str] = string(data.get("loadBalancerName"))
        self.container_name: Maybe[str] = string(data.get("containerName"))
        self.container_port: Maybe[int] = integer(data.get("containerPort"))
        #: A target group is named: an ARN, or a template's target group (``!Ref TG``).
        self.has_target_group: Maybe[bool] = named(data.get("targetGroupArn"))

    @property
    def is_classic(self) -> bool:
        """A Classic Load Balancer is named: a name, or a template's load balancer
        (``!Ref LegacyElb``, whose name is known only once deployed)."""
        return named(self.data.get("loadBalancerName")) is True

    @property
    def classic_name(self) -> str | None:
        """The Classic Load Balancer's name, or the template resource that names it."""
        raw = self.data.get("loadBalancerName")
        if isinstance(raw, Reference):
            return raw.target
        return self.load_balancer_name if self.is_classic else None

    @property
    def label(self) -> str:
        """The target group's name (from its ARN, or the template resource it references)
        or the classic load balancer's name."""
        raw = self.data.get("targetGroupArn")
        if isinstance(raw, Reference):
            return f"target group '{raw.target}'"
        if isinstance(self.target_group_arn, str) and self.target_group_arn:
            name = self.target_group_arn.split(":targetgroup/")[-1].split("/")[0]
            return f"target group '{name}'"
        if self.is_classic:
            return f"load balancer '{self.classic_name}'"
        return f"load balancer #{self.index + 1}"


class Service(DocumentView):
    kind = "service"

    @cached
    def task_definition(self) -> Maybe[TaskDefinitionRef]:
        return task_definition_ref(self.data.get("taskDefinition"))

    @cached
    def desired_count(self) -> Maybe[int]:
        return integer(self.data.get("desiredCount"))

    @cached
    def load_balancers(self) -> list[LoadBalancer]:
        return [LoadBalancer(i, lb) for i, lb in items(self.data.get("loadBalancers"))]

    @cached
    def platform_version(self) -> Maybe[str]:
        return string(self.data.get("platformVersion"))

    @cached
    def awsvpc_configuration(self) -> dict | None:
        """``networkConfiguration.awsvpcConfiguration`` when present."""
        config = mapping(self.data.get("networkConfiguration")).get("awsvpcConfiguration")
        return config if isinstance(config, dict) else None

    # -- Read by the service rules (ECS5xx) ---------------------------------------------------
    # update-service input changes only what it names: a member it leaves out keeps the
    # service's current value, which the file does not show, so it reads as UNKNOWN there.
    # It does not take ``launchType``, ``schedulingStrategy`` or ``role`` at all.

    @property
    def is_update(self) -> bool:
        return self.doc.shape == "update"

    @property
    def is_describe(self) -> bool:
        """describe-services output: the deployed state, which the API once accepted."""
        return self.doc.shape == "describe"

    def setting(self, name: str) -> Any:
        """A top-level member as written; UNKNOWN when update-service input leaves it out."""
        if name in self.data:
            return self.data[name]
        return UNKNOWN if self.is_update else None

    def _known(self, name: str) -> Any:
        """:meth:`setting`, with a placeholder (``"${X}"``) read as UNKNOWN."""
        value = self.setting(name)
        return UNKNOWN if value is UNKNOWN or string(value) is UNKNOWN else value

    @cached
    def declared_launch_type(self) -> Maybe[str]:
        """``launchType`` as set; None when absent or empty (ecspresso writes ``""`` for
        unset); UNKNOWN in update-service input, which cannot change it."""
        if self.is_update:
            return UNKNOWN
        value = string(self.data.get("launchType"))
        return None if value == "" else value

    @cached
    def has_capacity_provider_strategy(self) -> Maybe[bool]:
        """A non-empty ``capacityProviderStrategy`` (``[]``, and entries whose provider is
        ``""``, count as unset)."""
        value = self._known("capacityProviderStrategy")
        if value is UNKNOWN:
            return UNKNOWN
        if not isinstance(value, list):
            return False
        # An entry whose provider is "" is a blank from a CLI skeleton, not a strategy.
        return any(not (isinstance(e, dict) and e.get("capacityProvider") == "") for e in value)

    @cached
    def capacity_providers(self) -> Maybe[tuple[str, ...]]:
        """The ``capacityProvider`` names of the strategy (empty when unset); UNKNOWN when
        the strategy or a name is a placeholder."""
        value = self._known("capacityProviderStrategy")
        if value is UNKNOWN or (isinstance(value, list) and any(string(v) is UNKNOWN for v in value)):
            return UNKNOWN
        names = []
        for _, entry in items(value):
            name = string(entry.get("capacityProvider"))
            if name is UNKNOWN:
                return UNKNOWN
            if isinstance(name, str):
                names.append(name)
        return tuple(names)

    @cached
    def runs_on_fargate(self) -> Maybe[bool]:
        """Whether the tasks run on Fargate: launch type FARGATE, or a strategy of the
        FARGATE / FARGATE_SPOT providers (custom providers are EC2 Auto Scaling groups or
        Managed Instances). UNKNOWN when neither is set (the cluster's default strategy
        decides), in update-service input without a strategy, and for placeholders."""
        launch_type = self.declared_launch_type
        if launch_type == "FARGATE":
            return True
        if launch_type in ("EC2", "EXTERNAL", "MANAGED_INSTANCES"):
            return False
        if isinstance(launch_type, str):
            return UNKNOWN  # not a launch type: the schema rules report it
        providers = self.capacity_providers
        if providers is UNKNOWN or not providers:
            return UNKNOWN
        fargate = {p in ("FARGATE", "FARGATE_SPOT") for p in providers}
        return fargate.pop() if len(fargate) == 1 else UNKNOWN

    @cached
    def scheduling(self) -> Maybe[str]:
        """``schedulingStrategy``, REPLICA when omitted (or empty); UNKNOWN in update-service
        input, which cannot change it."""
        if self.is_update:
            return UNKNOWN
        value = string(self.data.get("schedulingStrategy"))
        return "REPLICA" if value is None or value == "" else value

    @property
    def replica_rules_apply(self) -> bool:
        """Whether the rules about replica deployments judge this service: REPLICA
        scheduling, or update-service input, which cannot change the strategy and is
        judged as the common case, a replica service."""
        return self.is_update or self.scheduling == "REPLICA"

    @cached
    def controller(self) -> Maybe[str]:
        """``deploymentController.type``, ECS when omitted; UNKNOWN when update-service
        input leaves it out, and for placeholders."""
        raw = self._known("deploymentController")
        if raw is UNKNOWN:
            return UNKNOWN
        value = string(mapping(raw).get("type"))
        return "ECS" if value is None or value == "" else value

    @cached
    def deployment_settings(self) -> Maybe[dict]:
        """``deploymentConfiguration`` (empty when absent); UNKNOWN when it is a placeholder
        or update-service input leaves it out."""
        raw = self._known("deploymentConfiguration")
        return UNKNOWN if raw is UNKNOWN else mapping(raw)

    @cached
    def deployment_strategy(self) -> Maybe[str]:
        """``deploymentConfiguration.strategy``: ROLLING when omitted; UNKNOWN when
        update-service input does not set it."""
        config = self.deployment_settings
        if config is UNKNOWN or (self.is_update and "strategy" not in config):
            return UNKNOWN
        value = string(config.get("strategy"))
        return "ROLLING" if value is None else value

    def _percent(self, name: str, replica: int, daemon: int) -> Maybe[int]:
        config = self.deployment_settings
        if config is UNKNOWN:
            return UNKNOWN
        if name in config:
            return integer(config[name])
        scheduling = self.scheduling
        if scheduling == "REPLICA":
            return replica
        if scheduling == "DAEMON":
            return daemon
        return UNKNOWN if scheduling is UNKNOWN else None

    @cached
    def maximum_percent(self) -> Maybe[int]:
        """``maximumPercent``: 200 when omitted for REPLICA, 100 for DAEMON (botocore
        DeploymentConfiguration); None when malformed."""
        return self._percent("maximumPercent", 200, 100)

    @cached
    def minimum_healthy_percent(self) -> Maybe[int]:
        """``minimumHealthyPercent``: 100 when omitted for REPLICA, 0 for DAEMON (API and
        CLI; the console proposes 50); None when malformed."""
        return self._percent("minimumHealthyPercent", 100, 0)

    @cached
    def circuit_breaker(self) -> Maybe[dict]:
        """``deploymentConfiguration.deploymentCircuitBreaker``; None when absent."""
        config = self.deployment_settings
        if config is UNKNOWN:
            return UNKNOWN
        raw = config.get("deploymentCircuitBreaker")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        return raw if isinstance(raw, dict) else None

    @cached
    def has_awsvpc_configuration(self) -> Maybe[bool]:
        """``networkConfiguration.awsvpcConfiguration`` is present (an object)."""
        raw = self._known("networkConfiguration")
        if raw is UNKNOWN:
            return UNKNOWN
        config = mapping(raw).get("awsvpcConfiguration")
        if string(config) is UNKNOWN:
            return UNKNOWN
        return isinstance(config, dict)

    @cached
    def assign_public_ip(self) -> Maybe[str]:
        """``networkConfiguration.awsvpcConfiguration.assignPublicIp`` (DISABLED when
        omitted: None here)."""
        config = self.awsvpc_configuration
        return string(config.get("assignPublicIp")) if config is not None else None

    def listed(self, name: str) -> Maybe[list]:
        """A top-level array member (placement, load balancers, lattice ...): the list, None
        when absent or not an array, UNKNOWN for a placeholder or a member update-service
        input leaves out."""
        raw = self._known(name)
        if raw is UNKNOWN:
            return UNKNOWN
        return raw if isinstance(raw, list) else None

    @cached
    def grace_period(self) -> Maybe[int]:
        """``healthCheckGracePeriodSeconds``; None when absent (the default is 0)."""
        return integer(self.setting("healthCheckGracePeriodSeconds"))

    @cached
    def execute_command(self) -> Maybe[bool]:
        """``enableExecuteCommand``; None when absent (false)."""
        return boolean(self.setting("enableExecuteCommand"))

    @cached
    def service_connect(self) -> Maybe[dict]:
        """``serviceConnectConfiguration`` when it is enabled; None when absent or
        disabled. describe-services output keeps it in ``deployments[]`` only."""
        raw = self._known("serviceConnectConfiguration")
        if raw is UNKNOWN:
            return UNKNOWN
        if not isinstance(raw, dict):
            return None
        enabled = boolean(raw.get("enabled"))
        if enabled is UNKNOWN:
            return UNKNOWN
        return raw if enabled is True else None

    @cached
    def platform_family(self) -> Maybe[str]:
        """``platformFamily`` (describe output, ecspresso definitions): ``Linux`` or a
        Windows family; None when absent."""
        return string(self.data.get("platformFamily"))

    @cached
    def pinned_platform_version(self) -> Maybe[tuple[int, ...]]:
        """``platformVersion`` as numbers (``"1.3.0"`` -> (1, 3, 0)); None when absent,
        empty, ``LATEST`` or not a version; UNKNOWN for a placeholder."""
        value = self.platform_version
        if not isinstance(value, str):
            return value
        return platform_version_number(value)


def platform_version_number(text: str) -> tuple[int, ...] | None:
    """``"1.4.0"`` -> (1, 4, 0); None for ``LATEST`` and anything that is not a version."""
    m = re.fullmatch(r"\s*v?(\d{1,4}(?:\.\d{1,4}){0,3})\s*", text)
    return tuple(int(p) for p in m.group(1).split(".")) if m else None
