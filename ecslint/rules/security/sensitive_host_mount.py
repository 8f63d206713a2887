"""ECS408: a container mounts a sensitive host path or gets a host device."""

from __future__ import annotations

import posixpath
import re

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import boolean, items, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Host paths that are sensitive themselves (their subdirectories are not all: ``/etc/localtime``).
EXACT = {
    "/": "the host's whole filesystem",
    "/etc": "the host's configuration (users, passwords, sudoers, SSH)",
    "/var": "the host's variable data, Docker's included",
    "/var/lib": "the host's state, Docker's included",
    "/run": "the host's runtime directory, with the container runtime's sockets",
    "/var/run": "the host's runtime directory, with the container runtime's sockets",
}
#: Host paths sensitive with everything under them.
TREES = {
    "/var/run/docker.sock": "the Docker socket, and with it every container on the host (root on the host)",
    "/run/docker.sock": "the Docker socket, and with it every container on the host (root on the host)",
    "/var/run/docker": "the Docker runtime state",
    "/run/docker": "the Docker runtime state",
    "/var/run/containerd": "the containerd socket and state (root on the host)",
    "/run/containerd": "the containerd socket and state (root on the host)",
    "/var/lib/docker": "Docker's storage: every container's filesystem and volumes",
    "/proc": "the host's process information (other tasks' environments and command lines included) and kernel settings",
    "/root": "the root user's home (SSH keys, credentials)",
    "/boot": "the host's kernel and boot loader",
}


#: Host devices that give away the host: raw memory and I/O ports, whole disks and partitions.
#: Accelerators (GPUs, Inferentia, FPGA, video) are what ``devices`` is for and are not reported.
#: Patterns are compiled on first use (by ``sensitive_device``): few tasks list devices.
DEVICES = (
    (r"^/dev/?$", "every host device"),
    (r"^/dev/(mem|kmem|port)$", "the host's physical memory or I/O ports"),
    (
        r"^/dev/(sd[a-z]+|xvd[a-z]+|hd[a-z]+|vd[a-z]+|nvme\d+(n\d+)?|dm-\d+|md\d+|loop\d+|root|mapper/.+|disk/.+)(p?\d+)?$",
        "a host disk, and with it the host's files",
    ),
)


def _absolute(path: str) -> str | None:
    """``path`` normalised (``//etc/``, ``/var/run/../run`` -> ``/etc``, ``/run``); None for
    relative and Windows paths, which are never sensitive here."""
    return "/" + posixpath.normpath(path).lstrip("/") if path.startswith("/") else None


def sensitive_device(path: str) -> str | None:
    """What a host device exposes, or None for the ones ``devices`` is meant for."""
    norm = _absolute(path)
    if norm is None:
        return None
    return next((what for pattern, what in DEVICES if re.match(pattern, norm)), None)


def sensitive(path: str) -> str | None:
    """What a host path exposes, or None when it is not one of the sensitive ones."""
    norm = _absolute(path)
    if norm is None:
        return None
    if norm in EXACT:
        return EXACT[norm]
    for tree, what in TREES.items():
        if norm == tree or norm.startswith(tree + "/"):
            return what
    return None


def writable_sensitive(path: str) -> str | None:
    """Host paths that only matter when mounted writable: ``/sys`` (kernel settings, the
    cgroup ``release_agent`` escape); read-only, monitoring agents read metrics there."""
    norm = _absolute(path)
    if norm == "/sys" or norm is not None and norm.startswith("/sys/"):
        return "the host's kernel and cgroup settings"
    return None


@rule(
    id="ECS408",
    name="sensitive-host-mount",
    severity="warning",
    kinds=("task-definition",),
    tags=("security",),
    security_severity=7.5,
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HostVolumeProperties.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Device.html",
    ),
)
def sensitive_host_mount(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container mounts a sensitive host path (`/`, `/var/run/docker.sock`, `/proc`, `/etc`, ...) or gets a host device.

    What it does:
        Finds task volumes with a ``host.sourcePath`` and reports each container that
        mounts one (at its ``mountPoints`` entry) when the path is ``/``, ``/etc``,
        ``/var``, ``/var/lib``, ``/run`` or ``/var/run``, or is or lies under the Docker
        socket (``/var/run/docker.sock``), ``/var/run/docker``, ``/var/run/containerd``,
        ``/var/lib/docker``, ``/proc``, ``/root`` or ``/boot``, even read-only (a socket
        works read-only, and reading is the harm: other tasks' environment variables,
        credentials); and when it is or lies under ``/sys`` and is mounted writable
        (read-only, monitoring agents read cgroup metrics there). Paths such as
        ``/etc/localtime``, ``/var/log`` or ``/dev`` (device access is granted per
        device, below) are not reported.

        Also reports ``linuxParameters.devices`` entries (at their ``hostPath``) that
        give away the host: ``/dev`` itself, raw memory and I/O ports (``/dev/mem``,
        ``/dev/kmem``, ``/dev/port``) and disks or partitions (``/dev/sda1``,
        ``/dev/xvda``, ``/dev/nvme0n1``, ``/dev/mapper/...``); accelerators such as GPUs,
        Inferentia or video devices are what the parameter is for and are not reported.
        A volume no container mounts, placeholders, and the volumes of a bare container
        array (declared elsewhere) are not judged.

    Why it matters:
        These paths hand the container control over the host: the Docker or containerd
        socket starts privileged containers (even when mounted read-only), ``/proc``
        exposes every process on the instance (other tasks' environment variables,
        secrets included), a writable ``/sys`` the kernel's settings, ``/`` and ``/etc``
        the host's files and credentials. A host disk or ``/dev/mem`` gives raw access
        to everything on the instance. Any compromise of the application becomes a
        compromise of the instance and of every task on it.

    Example:
        Bad:

        ```json
        {"family": "ci", "volumes": [{"name": "docker", "host": {"sourcePath": "/var/run/docker.sock"}}],
         "containerDefinitions": [{"name": "runner", "image": "public.ecr.aws/docker/library/docker:27", "memory": 512,
           "mountPoints": [{"sourceVolume": "docker", "containerPath": "/var/run/docker.sock"}]}]}
        ```

        Good:

        ```json
        {"family": "ci", "volumes": [{"name": "work"}],
         "containerDefinitions": [{"name": "runner", "image": "public.ecr.aws/docker/library/docker:27", "memory": 512,
           "mountPoints": [{"sourceVolume": "work", "containerPath": "/work"}]}]}
        ```

    How to fix:
        Mount only the narrow path the application needs, read-only; use task-scoped
        volumes (no ``sourcePath``), EFS or Docker volumes for data. Build images with a
        remote builder (CodeBuild, BuildKit) instead of the host's Docker socket. For
        host monitoring agents that need these paths, run them as a DAEMON service on
        instances they own and suppress the finding for them.
    """
    exposed: dict[str, tuple[str, str | None, str | None]] = {}
    for volume in td.volumes:
        source = volume.host_source_path
        if isinstance(volume.name, str) and isinstance(source, str):
            always, writable = sensitive(source), writable_sensitive(source)
            if always is not None or writable is not None:
                exposed[volume.name] = (source, always, writable)
    for container in td.containers:
        if exposed:
            for index, mount in items(container.data.get("mountPoints")):
                volume = string(mount.get("sourceVolume"))
                if not isinstance(volume, str) or volume not in exposed:
                    continue
                source, always, writable = exposed[volume]
                read_only = boolean(mount.get("readOnly")) is True
                what = always if always is not None or read_only else writable
                if what is None:
                    continue
                yield Violation(
                    container.field("mountPoints") + (index, "sourceVolume"),
                    f"{container.label}: mounts host path {source} (volume '{volume}'{', read-only' if read_only else ''}), "
                    f"exposing {what}: remove the mount, or mount only the path the application needs"
                    + ("" if read_only else ", read-only"),
                )
        for index, host_path in container.devices:
            what = sensitive_device(host_path) if isinstance(host_path, str) else None
            if what is not None:
                yield Violation(
                    container.field("linuxParameters") + ("devices", index, "hostPath"),
                    f"{container.label}: gets host device {host_path}, exposing {what}: remove it, or mount the data "
                    "it needs as a volume",
                )
