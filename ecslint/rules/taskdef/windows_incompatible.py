"""ECS110: parameters that Windows containers do not support."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Path, Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import Container, TaskDefinition
from ecslint.model.values import boolean, mapping, nonempty_list, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Container members Windows rejects when they hold a non-empty list.
_LISTS = ("links", "dnsServers", "dnsSearchDomains", "extraHosts", "ulimits", "systemControls")
#: Container members Windows rejects when true.
_FLAGS = ("privileged", "readonlyRootFilesystem", "disableNetworking")


@rule(
    id="ECS110",
    name="windows-incompatible",
    severity="error",
    kinds=("task-definition",),
    tags=("windows", "correctness"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows_task_definitions.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html",
    ),
)
def windows_incompatible(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A Windows task definition uses a parameter that Windows containers do not support.

    What it does:
        When ``runtimePlatform.operatingSystemFamily`` is a ``WINDOWS_*`` family, reports
        each parameter Windows containers do not support, one finding per offending key:

        - containers: ``linuxParameters``; ``privileged``, ``readonlyRootFilesystem`` or
          ``disableNetworking`` set to true; non-empty ``links``, ``dnsServers``,
          ``dnsSearchDomains``, ``extraHosts``, ``ulimits``, ``systemControls``; FireLens
          (a ``firelensConfiguration``, or the ``awsfirelens`` log driver);
        - the task: ``proxyConfiguration`` (App Mesh), ``ipcMode``, ``pidMode``,
          ``cpuArchitecture: ARM64``, Docker volumes with a driver other than ``local``.

        EFS volumes in a Windows task are ``invalid-volume-configuration``'s (ECS117), which
        reports them once.

        A task without ``runtimePlatform`` is taken as Linux, and a bare container array
        is skipped (its platform is declared elsewhere). Booleans are reported only when
        true and lists only when non-empty; templated values are never judged. Not
        reported, because the sources disagree or are silent: ``user`` (the API says
        unsupported, yet Security Hub ECS.21 asks Windows containers to set a non-admin
        user), ``environmentFiles`` (unverified), and task-level ``cpu`` / ``memory`` (ECS
        ignores them for Windows on EC2 rather than rejecting them).

    Why it matters:
        These parameters configure Linux kernel features (capabilities, namespaces,
        cgroups, sysctls, ulimits) or Docker features Windows does not have, and
        ECS documents them as "not supported for Windows containers". FireLens and App Mesh
        proxies are Linux only, and Windows runs on x86_64 only. At best the setting is
        ignored; usually the registration or the task fails.

    Example:
        Bad:

        ```json
        {"family": "iis", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
         "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
           "cpu": 1024, "memory": 2048, "readonlyRootFilesystem": true}]}
        ```

        Good:

        ```json
        {"family": "iis", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
         "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
           "cpu": 1024, "memory": 2048}]}
        ```

    How to fix:
        Remove the parameter from the Windows task definition. For log routing use the
        ``awslogs`` driver; if the workload needs the Linux feature, run it as a Linux
        container.
    """
    if td.is_windows is not True:
        return
    family = td.os_family
    for container in td.containers:
        for path, what, target in _container_problems(container):
            yield Violation(path, f"{container.label}: {what} is not supported for Windows containers ({family}): remove it", target)
    for path, what, target, fix in _task_problems(td):
        yield Violation(path, f"{what} is not supported for Windows tasks ({family}): {fix}", target)


def _container_problems(c: Container) -> Iterator[tuple[Path, str, str]]:
    data = c.data
    linux = data.get("linuxParameters")
    if isinstance(linux, dict) and linux:
        yield c.field("linuxParameters"), "`linuxParameters`", "key"
    for name in _FLAGS:
        if boolean(data.get(name)) is True:
            yield c.field(name), f"`{name}: true`", "key"
    for name in _LISTS:
        if nonempty_list(data.get(name)):
            yield c.field(name), f"`{name}`", "key"
    if isinstance(data.get("firelensConfiguration"), dict):
        yield c.field("firelensConfiguration"), "FireLens (`firelensConfiguration`)", "key"
    if c.log_driver == "awsfirelens":
        yield c.field("logConfiguration") + ("logDriver",), "the awsfirelens log driver (FireLens)", "value"


def _task_problems(td: TaskDefinition) -> Iterator[tuple[Path, str, str, str]]:
    if isinstance(td.task_field("proxyConfiguration"), dict):
        yield ("proxyConfiguration",), "`proxyConfiguration` (App Mesh proxy)", "key", "remove it"
    for name in ("ipcMode", "pidMode"):
        value = string(td.task_field(name))
        if isinstance(value, str) and value:  # tools such as ecspresso write "" for "not set"
            yield (name,), f"{name} {value}", "key", "remove it"
    if td.cpu_architecture == "ARM64":
        yield (
            ("runtimePlatform", "cpuArchitecture"),
            "cpuArchitecture ARM64",
            "value",
            "Windows containers run on X86_64 only, set it to X86_64",
        )
    for volume in td.volumes:
        label = volume.label
        driver = string(mapping(volume.data.get("dockerVolumeConfiguration")).get("driver"))
        if isinstance(driver, str) and driver and driver != "local":
            yield (
                volume.path + ("dockerVolumeConfiguration", "driver"),
                f"{label}: Docker volume driver {driver}",
                "value",
                "Windows containers support only the `local` driver, use `local` or an FSx volume",
            )
