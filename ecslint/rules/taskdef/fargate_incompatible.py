"""ECS109: parameters that Fargate does not support."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Path, Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import Container, TaskDefinition
from ecslint.model.values import UNKNOWN, boolean, integer, items, mapping, nonempty_list, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Fargate's bounds on ``startTimeout`` / ``stopTimeout`` (seconds).
MAX_FARGATE_TIMEOUT = 120
#: The only Linux capability Fargate lets a container add (platform version 1.4.0+).
FARGATE_CAPABILITIES = frozenset({"SYS_PTRACE", "CAP_SYS_PTRACE"})

#: Container members that Fargate rejects when they hold a non-empty list.
_LISTS = ("links", "dnsServers", "dnsSearchDomains", "dockerSecurityOptions", "extraHosts")
#: linuxParameters members that Fargate rejects when they hold a non-empty list / any number.
_LINUX_LISTS = ("devices", "tmpfs")
_LINUX_NUMBERS = ("sharedMemorySize", "maxSwap", "swappiness")


@rule(
    id="ECS109",
    name="fargate-incompatible",
    severity="error",
    kinds=("task-definition",),
    tags=("fargate", "correctness"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Volume.html",
    ),
)
def fargate_incompatible(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A Fargate task definition uses a parameter that Fargate does not support.

    What it does:
        When ``FARGATE`` is in ``requiresCompatibilities`` (ECS then validates the
        definition for Fargate, even if ``EC2`` is listed too), reports each parameter
        Fargate does not support, one finding per offending key:

        - containers: ``privileged: true``, ``disableNetworking: true``, non-empty
          ``links``, ``dnsServers``, ``dnsSearchDomains``, ``dockerSecurityOptions``,
          ``extraHosts``; a ``GPU`` entry of ``resourceRequirements``;
          ``startTimeout`` / ``stopTimeout`` over 120 seconds;
        - ``linuxParameters``: non-empty ``devices`` or ``tmpfs``, ``sharedMemorySize``,
          ``maxSwap``, ``swappiness``, and each ``capabilities.add`` entry other than
          ``SYS_PTRACE``;
        - the task: any ``ipcMode`` (an empty string counts as unset), ``pidMode:
          host``, non-empty ``placementConstraints``, and volumes with
          ``dockerVolumeConfiguration``, ``fsxWindowsFileServerVolumeConfiguration`` or a
          ``host.sourcePath``.

        To avoid false positives, booleans are reported only when true and lists only
        when non-empty (describe output echoes empty ones); templated values are never
        judged. ``pidMode: task`` and ``systemControls`` are accepted (Linux platform
        version 1.4.0+); ``hostname`` and the log driver have rules of their own.

    Why it matters:
        Fargate runs each task on its own AWS-managed microVM: there is no host to share,
        no host devices or paths, no Docker daemon options, no GPUs, and the network mode
        is ``awsvpc``. ECS rejects these parameters for Fargate at registration (for
        example "Tasks using the Fargate launch type do not support ipcMode."), so the
        definition never reaches a running task.

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "privileged": true,
           "linuxParameters": {"capabilities": {"add": ["NET_ADMIN"]}}}]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "linuxParameters": {"capabilities": {"add": ["SYS_PTRACE"], "drop": ["ALL"]}, "initProcessEnabled": true}}]}
        ```

    How to fix:
        Remove the parameter, or run the task on EC2 (take ``FARGATE`` out of
        ``requiresCompatibilities``) if it really needs host-level access. For data
        volumes on Fargate use EFS or the task's ephemeral storage (a ``host`` volume
        without ``sourcePath``); keep ``startTimeout`` and ``stopTimeout`` within 2-120
        seconds.
    """
    if td.is_fargate is not True:
        return
    for container in td.containers:
        for path, message, target in _container_problems(container):
            yield Violation(path, f"{container.label}: {message}", target)
    yield from (Violation(path, message, target) for path, message, target in _task_problems(td))


#: How to fix most of the findings.
FIX = "remove it, or take FARGATE out of requiresCompatibilities to run on EC2"


def _container_problems(c: Container) -> Iterator[tuple[Path, str, str]]:
    data = c.data
    if c.privileged is True:
        yield c.field("privileged"), f"`privileged: true` is not supported on Fargate (no host to grant): {FIX}", "key"
    if boolean(data.get("disableNetworking")) is True:
        yield c.field("disableNetworking"), f"`disableNetworking: true` is not supported on Fargate: {FIX}", "key"
    for name in _LISTS:
        if nonempty_list(data.get(name)):
            yield c.field(name), f"`{name}` is not supported on Fargate: {FIX}", "key"
    for index, requirement in items(data.get("resourceRequirements")):
        if string(requirement.get("type")) == "GPU":
            yield (
                c.path + ("resourceRequirements", index, "type"),
                f"GPU resourceRequirements are not supported on Fargate, which has no GPUs: {FIX}",
                "value",
            )
    for name in ("startTimeout", "stopTimeout"):
        seconds = integer(data.get(name))
        if isinstance(seconds, int) and seconds > MAX_FARGATE_TIMEOUT:
            yield (
                c.field(name),
                f"{name} {seconds} s is above the {MAX_FARGATE_TIMEOUT} s Fargate allows (2-{MAX_FARGATE_TIMEOUT} s): "
                f"lower it to {MAX_FARGATE_TIMEOUT} or less",
                "value",
            )
    linux = c.linux_parameters
    base = c.field("linuxParameters")
    for name in _LINUX_LISTS:
        if nonempty_list(linux.get(name)):
            yield base + (name,), f"linuxParameters.{name} is not supported on Fargate: {FIX}", "key"
    for name in _LINUX_NUMBERS:
        if isinstance(integer(linux.get(name)), int):
            yield base + (name,), f"linuxParameters.{name} is not supported on Fargate: {FIX}", "key"
    for index, name in c.added_capabilities:
        if isinstance(name, str) and name and name.upper() not in FARGATE_CAPABILITIES:
            yield (
                base + ("capabilities", "add", index),
                f"capability {name} cannot be added on Fargate, which only allows adding SYS_PTRACE: remove it from "
                "capabilities.add, or take FARGATE out of requiresCompatibilities to run on EC2",
                "value",
            )


def _task_problems(td: TaskDefinition) -> Iterator[tuple[Path, str, str]]:
    ipc = string(td.task_field("ipcMode"))
    if isinstance(ipc, str) and ipc:  # tools such as ecspresso write "" for "not set"
        yield ("ipcMode",), (
            f"ipcMode {ipc} is not supported on Fargate (\"Tasks using the Fargate launch type do not support "
            f"ipcMode.\"): {FIX}"
        ), "key"
    if string(td.task_field("pidMode")) == "host":
        yield (
            ("pidMode",),
            f"pidMode host is not supported on Fargate (only `task`, platform version 1.4.0+): use `task`, {FIX}",
            "value",
        )
    if nonempty_list(td.task_field("placementConstraints")):
        yield (
            ("placementConstraints",),
            f"task placementConstraints are not supported on Fargate, where AWS places the tasks: {FIX}",
            "key",
        )
    for volume in td.volumes:
        label = volume.label
        for name, what in (
            ("dockerVolumeConfiguration", "Docker volumes are not supported on Fargate (use EFS or a host volume "
             "without sourcePath)"),
            ("fsxWindowsFileServerVolumeConfiguration", "FSx for Windows File Server volumes are not supported on "
             "Fargate (they need EC2 Windows instances)"),
        ):
            value = volume.data.get(name)
            if value is not None and string(value) is not UNKNOWN:
                yield volume.path + (name,), f"{label}: {what}: {FIX}", "key"
        source = string(mapping(volume.data.get("host")).get("sourcePath"))
        if isinstance(source, str) and source:
            yield (
                volume.path + ("host", "sourcePath"),
                f"{label}: host sourcePath is not supported on Fargate (a host volume without sourcePath is a "
                f"task-scoped bind mount on ephemeral storage): {FIX}",
                "key",
            )
