"""ECS406: a container adds a Linux capability that breaks container isolation."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Capabilities (API values, no ``CAP_`` prefix) that let a container reach beyond itself.
DANGEROUS = {
    "ALL": "it grants every capability, close to privileged",
    "SYS_ADMIN": "it allows mounts, namespace changes and other administration (the classic container escape)",
    "SYS_MODULE": "it allows loading modules into the host's kernel",
    "SYS_RAWIO": "it allows raw I/O on host devices and memory",
    "SYS_BOOT": "it allows rebooting and loading a new kernel (kexec)",
    "SYS_TIME": "it allows setting the clock, which the whole instance shares",
    "DAC_READ_SEARCH": "it bypasses file read permissions and opens host files by handle (a known escape)",
    "MAC_ADMIN": "it allows changing the AppArmor or SELinux policy",
    "MAC_OVERRIDE": "it overrides AppArmor or SELinux confinement",
    "NET_ADMIN": "it allows reconfiguring interfaces, routes and firewall rules (the instance's own in host network mode)",
}
#: Dangerous only with the host's PID namespace: then it can trace host processes.
WITH_HOST_PID = {"SYS_PTRACE": "with pidMode host it can trace and read the memory of the host's processes"}


@rule(
    id="ECS406",
    name="dangerous-capabilities",
    severity="warning",
    kinds=("task-definition",),
    tags=("security",),
    security_severity=7.5,
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html",
    ),
)
def dangerous_capabilities(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container adds a dangerous Linux capability (ALL, SYS_ADMIN, NET_ADMIN, SYS_MODULE, ...).

    What it does:
        Reports entries of ``linuxParameters.capabilities.add`` that let a container
        act beyond itself: ``ALL``, ``SYS_ADMIN``, ``SYS_MODULE``, ``SYS_RAWIO``,
        ``SYS_BOOT``, ``SYS_TIME``, ``DAC_READ_SEARCH``, ``MAC_ADMIN``,
        ``MAC_OVERRIDE``, ``NET_ADMIN``, and ``SYS_PTRACE`` when the task shares the
        host's PID namespace (``pidMode: host``; within the task's own namespace it only
        reaches the task's processes, and it is the one capability Fargate allows, for
        debuggers and APM agents). Values are matched case-insensitively with or
        without the ``CAP_`` prefix Docker accepts; the message gives the API value.
        Placeholders are not judged.

    Why it matters:
        Docker gives containers a small default set of capabilities; each one added to
        it hands the container a piece of root's power over the shared kernel. Most
        of these are documented container escapes (mounting the host's filesystems,
        loading kernel modules, reading raw memory, opening host files by handle); the
        others change state the whole instance shares (its clock, the MAC policy). The
        ECS best-practices guide says to add only the capabilities a container needs and
        to drop the others.

    Example:
        Bad:

        ```json
        {"family": "vpn", "containerDefinitions": [{"name": "vpn", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128,
          "linuxParameters": {"capabilities": {"add": ["SYS_ADMIN"]}}}]}
        ```

        Good:

        ```json
        {"family": "vpn", "containerDefinitions": [{"name": "vpn", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 128,
          "linuxParameters": {"capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}}}]}
        ```

    How to fix:
        Remove the capability, or replace it with the narrow one the application needs
        (``NET_BIND_SERVICE`` to listen below port 1024, ``CHOWN``, ``SETUID`` ...), and
        drop the defaults it does not need (``"drop": ["ALL"]`` then ``add`` the few it
        uses). For a mount, use a task volume instead of ``SYS_ADMIN``. If an agent
        truly needs it, run it on dedicated instances and suppress the finding for it.
    """
    host_pid = td.pid_mode == "host"
    for container in td.containers:
        for index, value in container.added_capabilities:
            if not isinstance(value, str):
                continue
            name = value.strip().upper()
            name = name[4:] if name.startswith("CAP_") else name
            reason = DANGEROUS.get(name) or (WITH_HOST_PID.get(name) if host_pid else None)
            if reason is None:
                continue
            written = "" if value == name else f" (written {value!r}; the API value is {name})"
            yield Violation(
                container.field("linuxParameters") + ("capabilities", "add", index),
                f"{container.label}: adds capability {name}{written}; {reason}: remove it, or grant the narrower "
                "capability the application needs",
            )
