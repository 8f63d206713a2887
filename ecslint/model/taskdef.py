"""A typed, lenient view of a task definition, with the defaults AWS applies.

Defaults live here, once (botocore ECS model, ContainerDefinition and
RegisterTaskDefinitionRequest docs): ``essential`` is true when omitted, ``protocol`` is
tcp, the network mode is ``bridge`` on Linux EC2 when omitted, and launch-type
compatibility comes from ``requiresCompatibilities`` (or, in describe output,
``compatibilities``). A bare container array (Terraform) has no task-level fields at all:
those read as UNKNOWN, never as their defaults.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ecslint.core.finding import Path
from ecslint.model.base import DocumentView
from ecslint.model.sizes import cpu_units, memory_mib
from ecslint.model.values import UNKNOWN, Maybe, boolean, integer, items, mapping, string, strings

CONTAINERS = "containerDefinitions"


class PortMapping:
    __slots__ = ("index", "path", "data", "container_port", "host_port", "protocol", "name")

    def __init__(self, container_path: Path, index: int, data: dict):
        self.index = index
        self.path: Path = container_path + ("portMappings", index)
        self.data = data
        self.container_port: Maybe[int] = integer(data.get("containerPort"))
        self.host_port: Maybe[int] = integer(data.get("hostPort"))
        protocol = string(data.get("protocol"))
        self.protocol: Maybe[str] = "tcp" if protocol is None else (protocol.lower() if isinstance(protocol, str) else protocol)
        self.name: Maybe[str] = string(data.get("name"))

    @property
    def has_range(self) -> bool:
        return "containerPortRange" in self.data


class Container:
    def __init__(self, index: int, data: dict):
        self.index = index
        self.path: Path = (CONTAINERS, index)
        self.data = data

    @cached_property
    def name(self) -> Maybe[str]:
        return string(self.data.get("name"))

    @property
    def label(self) -> str:
        """How messages name the container."""
        name = self.name
        return f"container '{name}'" if isinstance(name, str) else f"container #{self.index + 1}"

    @cached_property
    def essential(self) -> Maybe[bool]:
        value = boolean(self.data.get("essential"))
        return True if value is None else value

    @cached_property
    def image(self) -> Maybe[str]:
        return string(self.data.get("image"))

    @cached_property
    def cpu(self) -> Maybe[int]:
        return integer(self.data.get("cpu"))

    @cached_property
    def memory(self) -> Maybe[int]:
        return integer(self.data.get("memory"))

    @cached_property
    def memory_reservation(self) -> Maybe[int]:
        return integer(self.data.get("memoryReservation"))

    @cached_property
    def port_mappings(self) -> list[PortMapping]:
        return [PortMapping(self.path, i, m) for i, m in items(self.data.get("portMappings"))]

    @cached_property
    def log_driver(self) -> Maybe[str]:
        config = self.data.get("logConfiguration")
        if string(config) is UNKNOWN:
            return UNKNOWN
        return string(mapping(config).get("logDriver"))

    @cached_property
    def log_options(self) -> dict:
        return mapping(mapping(self.data.get("logConfiguration")).get("options"))

    @cached_property
    def health_check(self) -> dict | None:
        check = self.data.get("healthCheck")
        return check if isinstance(check, dict) else None

    @cached_property
    def depends_on(self) -> list[tuple[int, Maybe[str], Maybe[str]]]:
        """(index, containerName, condition) of each ``dependsOn`` entry."""
        return [(i, string(d.get("containerName")), string(d.get("condition"))) for i, d in items(self.data.get("dependsOn"))]

    @cached_property
    def linux_parameters(self) -> dict:
        return mapping(self.data.get("linuxParameters"))

    def field(self, name: str) -> Path:
        return self.path + (name,)


class Volume:
    """A task-level volume: its ``name`` and the configuration it carries."""

    __slots__ = ("index", "path", "data", "name")

    def __init__(self, index: int, data: dict):
        self.index = index
        self.path: Path = ("volumes", index)
        self.data = data
        self.name: Maybe[str] = string(data.get("name"))


class TaskDefinition(DocumentView):
    """The model rules read; ``doc`` keeps the way back to the file."""

    kind = "task-definition"

    @property
    def is_bare_array(self) -> bool:
        """Terraform's container_definitions: the task-level fields live elsewhere."""
        return self.doc.shape == "container-definitions"

    def task_field(self, name: str) -> Any:
        """A task-level member, UNKNOWN for a bare container array."""
        return UNKNOWN if self.is_bare_array else self.data.get(name)

    @cached_property
    def containers(self) -> list[Container]:
        return [Container(i, c) for i, c in items(self.data.get(CONTAINERS))]

    @cached_property
    def volumes(self) -> list[Volume]:
        value = self.task_field("volumes")
        return [] if value is UNKNOWN else [Volume(i, v) for i, v in items(value)]

    @cached_property
    def execution_role_arn(self) -> Maybe[str]:
        return string(self.task_field("executionRoleArn"))

    @cached_property
    def task_role_arn(self) -> Maybe[str]:
        return string(self.task_field("taskRoleArn"))

    @cached_property
    def launch_types(self) -> Maybe[frozenset[str]]:
        """Where the definition may run: ``requiresCompatibilities``; in describe output
        without it, the ``compatibilities`` ECS validated; otherwise EC2 (the default)."""
        required = self.requires_compatibilities
        if required is UNKNOWN or required:
            return required
        if self.doc.shape == "describe":
            validated = strings(self.data.get("compatibilities"))
            if isinstance(validated, tuple) and validated:
                return frozenset(v.upper() for v in validated)
        return frozenset({"EC2"})

    @cached_property
    def requires_compatibilities(self) -> Maybe[frozenset[str]]:
        value = strings(self.task_field("requiresCompatibilities"))
        return frozenset(v.upper() for v in value) if isinstance(value, tuple) else value

    @cached_property
    def is_fargate(self) -> Maybe[bool]:
        """FARGATE is required: ECS then validates the definition for Fargate at
        registration, "even if EC2 is also specified" (task-cpu-memory-error.html)."""
        required = self.requires_compatibilities
        if required is UNKNOWN:
            return UNKNOWN
        return required is not None and "FARGATE" in required

    @cached_property
    def may_run_on_ec2(self) -> Maybe[bool]:
        """EC2 is required, or nothing is (then EC2 is where it runs by default)."""
        required = self.requires_compatibilities
        if required is UNKNOWN:
            return UNKNOWN
        return not required or "EC2" in required

    @cached_property
    def os_family(self) -> Maybe[str]:
        platform = self.task_field("runtimePlatform")
        if platform is UNKNOWN:
            return UNKNOWN
        return string(mapping(platform).get("operatingSystemFamily"))

    @cached_property
    def is_windows(self) -> Maybe[bool]:
        family = self.os_family
        if family is UNKNOWN:
            return UNKNOWN
        return isinstance(family, str) and family.upper().startswith("WINDOWS")

    @cached_property
    def cpu_architecture(self) -> Maybe[str]:
        platform = self.task_field("runtimePlatform")
        if platform is UNKNOWN:
            return UNKNOWN
        return string(mapping(platform).get("cpuArchitecture"))

    @cached_property
    def declared_network_mode(self) -> Maybe[str]:
        return string(self.task_field("networkMode"))

    @cached_property
    def network_mode(self) -> Maybe[str]:
        """The mode the task runs with: omitted means ``bridge`` on Linux EC2 (Windows
        uses its ``default`` NAT mode, which maps ports the same way)."""
        declared = self.declared_network_mode
        if declared is not None:
            return declared
        windows = self.is_windows
        if windows is UNKNOWN:
            return UNKNOWN
        return "default" if windows else "bridge"

    @cached_property
    def cpu(self) -> Maybe[int]:
        value = self.task_field("cpu")
        return UNKNOWN if value is UNKNOWN else cpu_units(value)

    @cached_property
    def memory(self) -> Maybe[int]:
        value = self.task_field("memory")
        return UNKNOWN if value is UNKNOWN else memory_mib(value)

    def container(self, name: str) -> Container | None:
        for container in self.containers:
            if container.name == name:
                return container
        return None

    @cached_property
    def placement_expressions(self) -> list[tuple[Path, str]]:
        """``memberOf`` expressions of the task's placement constraints."""
        out = []
        for index, constraint in items(self.task_field("placementConstraints")):
            expression = constraint.get("expression")
            if constraint.get("type") == "memberOf" and isinstance(expression, str):
                out.append((("placementConstraints", index, "expression"), expression))
        return out
