"""A typed, lenient view of a task definition, with the defaults AWS applies.

Defaults live here, once (botocore ECS model, ContainerDefinition and
RegisterTaskDefinitionRequest docs): ``essential`` is true when omitted, ``protocol`` is
tcp, the network mode is ``bridge`` on Linux EC2 when omitted, and launch-type
compatibility comes from ``requiresCompatibilities`` (or, in describe output,
``compatibilities``). A bare container array (Terraform) has no task-level fields at all:
those read as UNKNOWN, never as their defaults.
"""

from __future__ import annotations

from ecslint.core.finding import Path
from ecslint.core.lazyre import lazy
from ecslint.load.placeholders import is_unknown
from ecslint.model.base import DocumentView
from ecslint.model.sizes import cpu_units, memory_mib
from ecslint.model.values import Maybe, UNKNOWN, boolean, cached, integer, items, mapping, string, strings

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

CONTAINERS = "containerDefinitions"


#: Signs of a Windows container (Container.looks_windows): image name parts of
#: Microsoft's Windows base images, Windows shells, drive-letter paths.
_WINDOWS_IMAGES = ("windows", "servercore", "nanoserver", "dotnet/framework")
_WINDOWS_SHELLS = ("powershell", "powershell.exe", "cmd", "cmd.exe")
_DRIVE = lazy(r"^[A-Za-z]:[\\/]")


def port_range(value: Any) -> Maybe[tuple[int, int]]:
    """A ``containerPortRange`` as (first, last) when it reads ``first-last`` (digits);
    None when absent or of another form (a bound of more than 30 digits included: no
    port is that long, and ``int()`` refuses thousands); UNKNOWN for a placeholder.
    Bounds and order are not checked here."""
    text = string(value)
    if not isinstance(text, str):
        return text
    first, dash, last = text.strip().partition("-")
    bounds = first.strip(), last.strip()
    if dash and all(b.isascii() and b.isdigit() and len(b) <= 30 for b in bounds):
        return int(bounds[0]), int(bounds[1])
    return None


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

    @property
    def container_port_range(self) -> Maybe[tuple[int, int]]:
        """``containerPortRange`` read by :func:`port_range`."""
        return port_range(self.data.get("containerPortRange"))


class Container:
    def __init__(self, index: int, data: dict):
        self.index = index
        self.path: Path = (CONTAINERS, index)
        self.data = data

    @cached
    def name(self) -> Maybe[str]:
        return string(self.data.get("name"))

    @property
    def label(self) -> str:
        """How messages name the container."""
        name = self.name
        return f"container '{name}'" if isinstance(name, str) and name else f"container #{self.index + 1}"

    @cached
    def essential(self) -> Maybe[bool]:
        value = boolean(self.data.get("essential"))
        return True if value is None else value

    @cached
    def image(self) -> Maybe[str]:
        return string(self.data.get("image"))

    @cached
    def image_text(self) -> Maybe[str]:
        """``image`` as written, placeholders included (``${AWS::AccountId}.dkr.ecr.
        ${AWS::Region}.amazonaws.com/app:${Tag}``), for rules that judge its literal parts;
        None when absent or not a string; UNKNOWN when computed as a whole."""
        value = self.data.get("image")
        if isinstance(value, str):
            return value
        return UNKNOWN if is_unknown(value) else None

    @cached
    def cpu(self) -> Maybe[int]:
        return integer(self.data.get("cpu"))

    @cached
    def memory(self) -> Maybe[int]:
        return integer(self.data.get("memory"))

    @cached
    def memory_reservation(self) -> Maybe[int]:
        return integer(self.data.get("memoryReservation"))

    @cached
    def placement_memory(self) -> Maybe[int]:
        """What placement reserves for the container: ``memoryReservation`` when set, else
        ``memory`` (None when neither is readable)."""
        soft = self.memory_reservation
        return self.memory if soft is None else soft

    @cached
    def port_mappings(self) -> list[PortMapping]:
        return [PortMapping(self.path, i, m) for i, m in items(self.data.get("portMappings"))]

    @cached
    def log_driver(self) -> Maybe[str]:
        config = self.data.get("logConfiguration")
        if string(config) is UNKNOWN:
            return UNKNOWN
        return string(mapping(config).get("logDriver"))

    def has(self, name: str) -> bool:
        """Whether the member is written at all, whatever its value (a missing member is
        judged by the rule that needs it; a malformed one by the schema rules). A member
        written as ``null`` is not: the model reads it as absent."""
        return name in self.data

    @cached
    def log_configuration(self) -> Maybe[dict]:
        """``logConfiguration``: the object; None when absent or malformed; UNKNOWN for a
        placeholder."""
        config = self.data.get("logConfiguration")
        if isinstance(config, dict):
            return config
        return UNKNOWN if string(config) is UNKNOWN else None

    @cached
    def log_option_map(self) -> Maybe[dict]:
        """``logConfiguration.options``: the object (empty when absent); None when there is
        no readable ``logConfiguration`` or the options are malformed; UNKNOWN when either
        is a placeholder, so that "option X is missing" is never concluded from it."""
        config = self.log_configuration
        if not isinstance(config, dict):
            return config
        if "options" not in config:
            return {}
        options = config["options"]
        if isinstance(options, dict):
            return options
        return UNKNOWN if string(options) is UNKNOWN else None

    @cached
    def log_secret_option_names(self) -> Maybe[frozenset[str]]:
        """The ``name`` of each ``logConfiguration.secretOptions`` entry (empty when there
        are none); None without a readable ``logConfiguration``; UNKNOWN when the list, an
        entry or a name is a placeholder."""
        config = self.log_configuration
        if not isinstance(config, dict):
            return config
        raw = config.get("secretOptions")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        names = set()
        for entry in raw if isinstance(raw, list) else ():
            name = string(entry.get("name")) if isinstance(entry, dict) else string(entry)
            if name is UNKNOWN:
                return UNKNOWN
            if isinstance(entry, dict) and isinstance(name, str):
                names.add(name)
        return frozenset(names)

    @cached
    def user(self) -> Maybe[str]:
        return string(self.data.get("user"))

    @cached
    def privileged(self) -> Maybe[bool]:
        """``privileged``; None when absent (which means false)."""
        return boolean(self.data.get("privileged"))

    @cached
    def readonly_root_filesystem(self) -> Maybe[bool]:
        """``readonlyRootFilesystem``; None when absent (which means writable)."""
        return boolean(self.data.get("readonlyRootFilesystem"))

    @cached
    def added_capabilities(self) -> list[tuple[int, Maybe[str]]]:
        """(index, value) of each ``linuxParameters.capabilities.add`` entry."""
        add = mapping(self.linux_parameters.get("capabilities")).get("add")
        return [(i, string(v)) for i, v in enumerate(add)] if isinstance(add, list) else []

    @cached
    def devices(self) -> list[tuple[int, Maybe[str]]]:
        """(index, hostPath) of each ``linuxParameters.devices`` entry."""
        return [(i, string(d.get("hostPath"))) for i, d in items(self.linux_parameters.get("devices"))]

    @cached
    def looks_windows(self) -> bool:
        """Evidence that the container is a Windows one, for tasks that do not declare
        their operating system: a Windows image (``mcr.microsoft.com/windows/...``,
        ``servercore``, ``nanoserver``, ``windows`` in the name), a ``powershell`` or
        ``cmd`` entry point or command, or a drive-letter path (``C:\\``)."""
        image = self.image
        if isinstance(image, str) and any(w in image.lower() for w in _WINDOWS_IMAGES):
            return True
        for key in ("entryPoint", "command"):
            value = self.data.get(key)
            first = value[0] if isinstance(value, list) and value else None
            if isinstance(first, str) and first.strip().lower().split(" ")[0] in _WINDOWS_SHELLS:
                return True
        paths = [self.data.get("workingDirectory")] + [m.get("containerPath") for _, m in items(self.data.get("mountPoints"))]
        return any(isinstance(p, str) and _DRIVE.match(p) is not None for p in paths)

    @cached
    def health_check(self) -> dict | None:
        check = self.data.get("healthCheck")
        return check if isinstance(check, dict) else None

    @cached
    def depends_on(self) -> list[tuple[int, Maybe[str], Maybe[str]]]:
        """(index, containerName, condition) of each ``dependsOn`` entry."""
        return [(i, string(d.get("containerName")), string(d.get("condition"))) for i, d in items(self.data.get("dependsOn"))]

    @cached
    def linux_parameters(self) -> dict:
        return mapping(self.data.get("linuxParameters"))

    @cached
    def version_consistency(self) -> Maybe[str]:
        """``versionConsistency``: ``enabled`` when omitted (the API default: a service's
        deployment resolves a tag to a digest once, and its tasks keep that digest)."""
        value = string(self.data.get("versionConsistency"))
        return "enabled" if value is None else value

    @cached
    def image_reference(self) -> Any:
        """``image`` split into registry, repository, tag and digest
        (:class:`ecslint.model.images.ImageReference`, whose parts a template placeholder
        makes UNKNOWN); None when absent or not a reference; UNKNOWN when computed."""
        from ecslint.model.images import parse

        return parse(self.data.get("image"))

    @cached
    def environment(self) -> list[tuple[int, Maybe[str], Any]]:
        """(index, name, raw value) of each ``environment`` entry. The value is the raw
        data, placeholders included, for rules that read the literal parts of a
        partly templated value; read it with ``values.string`` otherwise."""
        return [(i, string(e.get("name")), e.get("value")) for i, e in items(self.data.get("environment"))]

    @cached
    def links(self) -> list[tuple[int, Maybe[str]]]:
        """(index, linked container name) of each ``links`` entry: the part of
        ``name:alias`` before the colon (the whole entry when it has no alias)."""
        links = self.data.get("links")
        out = []
        for index, link in enumerate(links if isinstance(links, list) else ()):
            value = string(link)
            out.append((index, value.split(":", 1)[0] if isinstance(value, str) else value))
        return out

    @cached
    def volumes_from(self) -> list[tuple[int, Maybe[str]]]:
        """(index, sourceContainer) of each ``volumesFrom`` entry."""
        return [(i, string(v.get("sourceContainer"))) for i, v in items(self.data.get("volumesFrom"))]

    @cached
    def mount_points(self) -> list[tuple[int, Maybe[str]]]:
        """(index, sourceVolume) of each ``mountPoints`` entry."""
        return [(i, string(m.get("sourceVolume"))) for i, m in items(self.data.get("mountPoints"))]

    @cached
    def writable_mount_paths(self) -> Maybe[tuple[str, ...]]:
        """``containerPath`` of each ``mountPoints`` entry that is not ``readOnly`` (false
        when omitted); UNKNOWN when a path, a flag or the list is a placeholder."""
        raw = self.data.get("mountPoints")
        if string(raw) is UNKNOWN or (isinstance(raw, list) and any(string(m) is UNKNOWN for m in raw)):
            return UNKNOWN
        out = []
        for _, m in items(raw):
            path, read_only = string(m.get("containerPath")), boolean(m.get("readOnly"))
            if path is UNKNOWN or read_only is UNKNOWN:
                return UNKNOWN
            if isinstance(path, str) and read_only is not True:
                out.append(path)
        return tuple(out)

    @cached
    def secrets(self) -> list[tuple[Path, Maybe[str], Maybe[str]]]:
        """(path, name, valueFrom) of each ``secrets`` entry."""
        return [
            (self.path + ("secrets", i), string(s.get("name")), string(s.get("valueFrom")))
            for i, s in items(self.data.get("secrets"))
        ]

    @cached
    def secret_option_refs(self) -> list[tuple[Path, Maybe[str], Maybe[str]]]:
        """(path, name, valueFrom) of each ``logConfiguration.secretOptions`` entry."""
        options = mapping(self.data.get("logConfiguration")).get("secretOptions")
        return [
            (self.path + ("logConfiguration", "secretOptions", i), string(s.get("name")), string(s.get("valueFrom")))
            for i, s in items(options)
        ]

    @cached
    def environment_names(self) -> list[tuple[Path, Maybe[str]]]:
        """(path, name) of each ``environment`` entry (values are not read: they may be secret)."""
        return [(self.path + ("environment", i), string(e.get("name"))) for i, e in items(self.data.get("environment"))]

    @cached
    def environment_files(self) -> list[tuple[Path, Maybe[str], Maybe[str]]]:
        """(path, value, type) of each ``environmentFiles`` entry."""
        return [
            (self.path + ("environmentFiles", i), string(f.get("value")), string(f.get("type")))
            for i, f in items(self.data.get("environmentFiles"))
        ]

    @cached
    def repository_credentials(self) -> Maybe[str]:
        """``repositoryCredentials.credentialsParameter``; None when absent or malformed,
        UNKNOWN when it (or the whole object) is a placeholder."""
        creds = self.data.get("repositoryCredentials")
        if string(creds) is UNKNOWN:
            return UNKNOWN
        return string(mapping(creds).get("credentialsParameter"))

    @cached
    def ulimits(self) -> list[tuple[Path, Maybe[str], Maybe[int], Maybe[int]]]:
        """(path, name, softLimit, hardLimit) of each ``ulimits`` entry."""
        return [
            (self.path + ("ulimits", i), string(u.get("name")), integer(u.get("softLimit")), integer(u.get("hardLimit")))
            for i, u in items(self.data.get("ulimits"))
        ]

    @cached
    def firelens_configuration(self) -> Maybe[dict]:
        """``firelensConfiguration`` (this container is a FireLens log router); None when
        absent or malformed, UNKNOWN for a placeholder."""
        config = self.data.get("firelensConfiguration")
        if isinstance(config, dict):
            return config
        return UNKNOWN if string(config) is UNKNOWN else None

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

    @property
    def label(self) -> str:
        """How messages name the volume."""
        return f"volume '{self.name}'" if isinstance(self.name, str) else f"volume #{self.index + 1}"

    @property
    def host_source_path(self) -> Maybe[str]:
        """``host.sourcePath``: the instance path bind-mounted (None without one)."""
        host = self.data.get("host")
        return string(host.get("sourcePath")) if isinstance(host, dict) else None

    @property
    def efs_configuration(self) -> dict | None:
        config = self.data.get("efsVolumeConfiguration")
        return config if isinstance(config, dict) else None

    @property
    def efs_transit_encryption(self) -> Maybe[str]:
        """EFS volumes: ``transitEncryption``, DISABLED when omitted (the API default);
        None for other volumes."""
        config = self.efs_configuration
        if config is None:
            return None
        value = string(config.get("transitEncryption"))
        return "DISABLED" if value is None and "transitEncryption" not in config else value

    @property
    def efs_iam(self) -> Maybe[str]:
        """EFS volumes: ``authorizationConfig.iam``, DISABLED when omitted (the API
        default); None for other volumes."""
        config = self.efs_configuration
        if config is None:
            return None
        auth = config.get("authorizationConfig")
        if string(auth) is UNKNOWN:
            return UNKNOWN
        auth = mapping(auth)
        value = string(auth.get("iam"))
        return "DISABLED" if value is None and "iam" not in auth else value

    @property
    def efs_access_point(self) -> Maybe[str]:
        """EFS volumes: ``authorizationConfig.accessPointId``, as :meth:`access_point`."""
        return self.access_point("efsVolumeConfiguration")

    def access_point(self, member: str) -> Maybe[str]:
        """The access point the ``member`` configuration mounts through (EFS's
        ``authorizationConfig.accessPointId``, S3 Files' ``accessPointArn``), as a message
        names it: its id or ARN, or the resource of the template or module that creates it
        (``!Ref DataAccessPoint``, ``aws_efs_access_point.data.id``), whose id is never
        empty though known only once deployed. None when it names none (absent, empty,
        malformed, another kind of volume); UNKNOWN for another placeholder (a parameter
        may be empty)."""
        from ecslint.sources.references import Reference

        config = self.data.get(member)
        if not isinstance(config, dict):
            return None
        if member == "efsVolumeConfiguration":
            auth = config.get("authorizationConfig")
            if string(auth) is UNKNOWN:
                return UNKNOWN
            raw = mapping(auth).get("accessPointId")
        else:
            raw = config.get("accessPointArn")
        if isinstance(raw, Reference):
            return raw.target
        value = string(raw)
        return value if value is UNKNOWN or value else None

    @property
    def docker_scope(self) -> Maybe[str]:
        """Docker volumes: ``dockerVolumeConfiguration.scope``, ``task`` when omitted (the
        API default); None for other volumes."""
        config = self.data.get("dockerVolumeConfiguration")
        if not isinstance(config, dict):
            return None
        value = string(config.get("scope"))
        return "task" if value is None and "scope" not in config else value




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

    @cached
    def containers(self) -> list[Container]:
        return [Container(i, c) for i, c in items(self.data.get(CONTAINERS))]

    @cached
    def volumes(self) -> list[Volume]:
        value = self.task_field("volumes")
        return [] if value is UNKNOWN else [Volume(i, v) for i, v in items(value)]

    @cached
    def execution_role_arn(self) -> Maybe[str]:
        return string(self.task_field("executionRoleArn"))

    @cached
    def task_role_arn(self) -> Maybe[str]:
        return string(self.task_field("taskRoleArn"))

    def role_resource(self, name: str) -> str | None:
        """The role resource of the template or module that ``taskRoleArn`` or
        ``executionRoleArn`` (``name``) refers to, whose ARN is known only once it is
        deployed: ``!GetAtt TaskRole.Arn`` and ``!Ref TaskRole`` (its name) both name the
        role ``TaskRole``. None for any other value."""
        from ecslint.sources.references import Reference

        value = self.task_field(name)
        if isinstance(value, Reference) and value.attribute in (None, "Arn", "arn", "name", "id"):
            return value.target
        return None

    @cached
    def requires_compatibilities(self) -> Maybe[frozenset[str]]:
        value = strings(self.task_field("requiresCompatibilities"))
        return frozenset(v.upper() for v in value) if isinstance(value, tuple) else value

    @cached
    def validated_compatibilities(self) -> Maybe[frozenset[str]]:
        """describe-task-definition output: the launch types ECS validated the revision for
        (``compatibilities``, which ECS fills in even without ``requiresCompatibilities``);
        None in other shapes or when absent."""
        if self.doc.shape != "describe":
            return None
        value = strings(self.data.get("compatibilities"))
        if value is UNKNOWN:
            return UNKNOWN
        return frozenset(v.upper() for v in value) if value else None

    @cached
    def is_fargate(self) -> Maybe[bool]:
        """FARGATE is required: ECS then validates the definition for Fargate at
        registration, "even if EC2 is also specified" (task-cpu-memory-error.html)."""
        required = self.requires_compatibilities
        if required is UNKNOWN:
            return UNKNOWN
        return required is not None and "FARGATE" in required

    @cached
    def may_run_on_ec2(self) -> Maybe[bool]:
        """EC2 is required, or nothing is (then EC2 is where it runs by default)."""
        required = self.requires_compatibilities
        if required is UNKNOWN:
            return UNKNOWN
        return not required or "EC2" in required

    @cached
    def os_family(self) -> Maybe[str]:
        platform = self.task_field("runtimePlatform")
        if platform is UNKNOWN:
            return UNKNOWN
        return string(mapping(platform).get("operatingSystemFamily"))

    @cached
    def is_windows(self) -> Maybe[bool]:
        family = self.os_family
        if family is UNKNOWN:
            return UNKNOWN
        return isinstance(family, str) and family.upper().startswith("WINDOWS")

    @cached
    def cpu_architecture(self) -> Maybe[str]:
        platform = self.task_field("runtimePlatform")
        if platform is UNKNOWN:
            return UNKNOWN
        return string(mapping(platform).get("cpuArchitecture"))

    @cached
    def declared_network_mode(self) -> Maybe[str]:
        return string(self.task_field("networkMode"))

    @cached
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

    @cached
    def cpu(self) -> Maybe[int]:
        value = self.task_field("cpu")
        return UNKNOWN if value is UNKNOWN else cpu_units(value)

    @cached
    def memory(self) -> Maybe[int]:
        value = self.task_field("memory")
        return UNKNOWN if value is UNKNOWN else memory_mib(value)

    @cached
    def ephemeral_storage(self) -> Maybe[int]:
        """``ephemeralStorage.sizeInGiB``; None when absent or malformed; UNKNOWN when it
        (or the whole object, or a bare container array's task) is templated."""
        value = self.task_field("ephemeralStorage")
        if isinstance(value, dict):
            return integer(value.get("sizeInGiB"))
        return UNKNOWN if value is UNKNOWN or string(value) is UNKNOWN else None

    @cached
    def container_names(self) -> Maybe[frozenset[str]]:
        """The containers' names; UNKNOWN when a name or a whole container is a
        placeholder, so that "no such container" is never concluded from a partial view."""
        raw = self.data.get(CONTAINERS)
        if string(raw) is UNKNOWN or (isinstance(raw, list) and any(string(c) is UNKNOWN for c in raw)):
            return UNKNOWN
        names = [c.name for c in self.containers]
        if any(n is UNKNOWN for n in names):
            return UNKNOWN
        return frozenset(n for n in names if isinstance(n, str))

    @cached
    def volume_names(self) -> Maybe[frozenset[str]]:
        """The task volumes' names; UNKNOWN for a bare container array (its volumes live
        elsewhere) and when the list, a volume or a name is a placeholder."""
        raw = self.task_field("volumes")
        if raw is UNKNOWN or string(raw) is UNKNOWN:
            return UNKNOWN
        if isinstance(raw, list) and any(string(v) is UNKNOWN for v in raw):
            return UNKNOWN
        names = [v.name for v in self.volumes]
        if any(n is UNKNOWN for n in names):
            return UNKNOWN
        return frozenset(n for n in names if isinstance(n, str))

    @cached
    def pid_mode(self) -> Maybe[str]:
        value = self.task_field("pidMode")
        return UNKNOWN if value is UNKNOWN else string(value)

    @cached
    def ipc_mode(self) -> Maybe[str]:
        value = self.task_field("ipcMode")
        return UNKNOWN if value is UNKNOWN else string(value)

    def is_linux_container(self, container: Container) -> bool:
        """Whether ``container`` runs Linux. A declared ``operatingSystemFamily`` decides.
        Without one (EC2 Windows tasks need none; a bare container array or a
        placeholder hides it) the container counts as Linux, as Security Hub reads an
        unset family, unless it shows it is a Windows one (:attr:`Container.looks_windows`)."""
        windows = self.is_windows
        if windows is True:
            return False
        if windows is False and isinstance(self.os_family, str):
            return True
        return not container.looks_windows

    def is_windows_container(self, container: Container) -> bool:
        """Whether ``container`` runs Windows: a declared ``WINDOWS_SERVER_*`` family or,
        without a declared family, a container that shows it (:attr:`Container.looks_windows`)."""
        return not self.is_linux_container(container)

    def container(self, name: str) -> Container | None:
        for container in self.containers:
            if container.name == name:
                return container
        return None

    @cached
    def dependencies(self) -> list[tuple[Container, int, Maybe[str], Container]]:
        """(dependant, ``dependsOn`` index, condition, dependency) of each ``dependsOn``
        entry that names another container of the task: the one container with exactly
        that name. Entries naming no container, a templated or missing name, the container
        itself, or a name several containers share are left out."""
        by_name: dict[str, Container | None] = {}
        for c in self.containers:
            if isinstance(c.name, str):
                by_name[c.name] = None if c.name in by_name else c
        out = []
        for c in self.containers:
            for index, target, condition in c.depends_on:
                dependency = by_name.get(target) if isinstance(target, str) else None
                if dependency is not None and dependency is not c:
                    out.append((c, index, condition, dependency))
        return out

    @cached
    def placement_expressions(self) -> list[tuple[Path, Maybe[str]]]:
        """``memberOf`` expressions of the task's placement constraints; UNKNOWN for one
        that is templated (where the task may run is then not known)."""
        out = []
        for index, constraint in items(self.task_field("placementConstraints")):
            expression = string(constraint.get("expression"))
            if constraint.get("type") == "memberOf" and expression is not None:
                out.append((("placementConstraints", index, "expression"), expression))
        return out
