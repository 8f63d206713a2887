"""ECS307: a port mapping ECS rejects: range misuse, bad port name, port out of range."""

from __future__ import annotations

import re

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import PortMapping, TaskDefinition
from ecslint.model.values import UNKNOWN, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

_NAME = re.compile(r"[a-z0-9_][a-z0-9_-]*")
MAX_RANGES = 100
MAX_NAME = 64


@rule(
    id="ECS307",
    name="invalid-port-mapping",
    severity="error",
    kinds=("task-definition",),
    tags=("networking",),
    sources=("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",),
)
def invalid_port_mapping(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A port mapping ECS rejects: `containerPortRange` misuse, an invalid port `name`, a port outside 1-65535.

    What it does:
        For each port mapping, reports:

        - a ``containerPortRange`` that is not ``first-last`` with ``first`` below
          ``last``, both within 1-65535; one in a ``host`` network mode task (ranges work
          in ``bridge`` and ``awsvpc`` only); one next to a ``hostPort`` (the host range is
          chosen by ECS); more than 100 ranges in one container;
        - a ``name`` longer than 64 characters or not made of lowercase letters, digits,
          ``_`` and ``-`` (not first);
        - a ``containerPort`` outside 1-65535, a ``hostPort`` outside 0-65535 (``0``
          asks for a dynamic port).

        Placeholders are not judged. Overlapping ranges are ``duplicate-port-mapping``'s;
        mappings in ``none`` mode are ``port-mappings-in-none-mode``'s.

    Why it matters:
        ECS validates these when the task definition is registered; the deployment fails
        before any task starts. Port names are what Service Connect, VPC Lattice and
        gateway connectors refer to, so they follow DNS-label-like rules.

    Example:
        Bad:

        ```json
        {"family": "media", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "rtp", "image": "public.ecr.aws/docker/library/alpine:3.20",
           "portMappings": [{"name": "RTP Ports", "containerPortRange": "20000-10000", "hostPort": 20000, "protocol": "udp"}]}]}
        ```

        Good:

        ```json
        {"family": "media", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "rtp", "image": "public.ecr.aws/docker/library/alpine:3.20",
           "portMappings": [{"name": "rtp-ports", "containerPortRange": "10000-20000", "protocol": "udp"}]}]}
        ```

    How to fix:
        Write ranges as ``first-last`` (``"10000-20000"``) without a ``hostPort``, in a
        ``bridge`` or ``awsvpc`` task; name ports like ``http`` or ``grpc-api``; keep
        ports within 1-65535 (``hostPort`` 0 or omitted for a dynamic host port).
    """
    mode = td.declared_network_mode
    for container in td.containers:
        ranges = 0
        for mapping in container.port_mappings:
            data = mapping.data
            if mapping.has_range:
                ranges += 1
                if ranges == MAX_RANGES + 1:
                    yield Violation(
                        mapping.path + ("containerPortRange",),
                        f"{container.label}: more than {MAX_RANGES} containerPortRange mappings; ECS allows at most "
                        f"{MAX_RANGES} port ranges per container: merge adjacent ranges",
                        "key",
                    )
                yield from _check_range(container.label, mapping, mode)
                well_formed = isinstance(string(data.get("containerPortRange")), str)
                if well_formed and data.get("hostPort") is not None and string(data["hostPort"]) is not UNKNOWN:
                    yield Violation(
                        mapping.path + ("hostPort",),
                        f"{container.label}: hostPort is set next to containerPortRange; with a range ECS picks the "
                        "host ports itself (the same range in awsvpc, dynamic ports in bridge): remove hostPort",
                        "key",
                    )
            else:
                port = mapping.container_port
                if isinstance(port, int) and not 1 <= port <= 65535:
                    yield Violation(
                        mapping.path + ("containerPort",),
                        f"{container.label}: containerPort {port} is outside 1-65535: use a valid port number",
                    )
            host = mapping.host_port
            if isinstance(host, int) and not 0 <= host <= 65535:
                yield Violation(
                    mapping.path + ("hostPort",),
                    f"{container.label}: hostPort {host} is outside 0-65535: use a valid port, or 0 (or omit it) "
                    "for a dynamic host port",
                )
            name = mapping.name
            if isinstance(name, str) and (len(name) > MAX_NAME or not _NAME.fullmatch(name)):
                shown = name if len(name) <= 40 else name[:37] + "..."
                why = (
                    f"is {len(name)} characters long (at most {MAX_NAME})"
                    if len(name) > MAX_NAME
                    else "starts with '-'"
                    if name.startswith("-")
                    else "may only hold lowercase letters, digits, '_' and '-'"
                )
                suggestion = _suggest(name)
                fix = f"rename it, e.g. {suggestion!r}" if suggestion else "rename it"
                yield Violation(mapping.path + ("name",), f"{container.label}: port name {shown!r} {why}: {fix}")


def _check_range(label: str, mapping: PortMapping, mode: object) -> Iterator[Violation]:
    raw = string(mapping.data.get("containerPortRange"))
    if not isinstance(raw, str):
        return  # a placeholder, or the wrong type (wrong-type reports it)
    path = mapping.path + ("containerPortRange",)
    if mode == "host":
        yield Violation(
            path,
            f"{label}: containerPortRange works in bridge and awsvpc network mode only, not host: map single ports "
            "or change the network mode",
            "key",
        )
    span = mapping.container_port_range
    if span is None:
        yield Violation(
            path,
            f"{label}: containerPortRange {raw[:40]!r} is not of the form first-last (e.g. \"8000-8010\"): fix its format",
        )
        return
    first, last = span
    if not (1 <= first <= 65535 and 1 <= last <= 65535):
        yield Violation(path, f"{label}: containerPortRange {first}-{last} goes outside 1-65535: use valid port numbers")
    elif first >= last:
        yield Violation(
            path,
            f"{label}: containerPortRange {first}-{last} must start below where it ends"
            + (f": write {last}-{first}" if first > last else f": map the single port with containerPort {first}"),
        )


def _suggest(name: str) -> str:
    """A valid name close to ``name``: lowercase, other characters as ``-``."""
    out = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).lstrip("-")[:MAX_NAME].rstrip("-")
    return out if out and _NAME.fullmatch(out) else ""
