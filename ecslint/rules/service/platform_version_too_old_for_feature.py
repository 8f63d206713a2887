"""ECS519: the pinned Fargate platform version is older than a feature the task uses needs."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Path, Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN, string
from ecslint.rules.service.common import label, on_task_definition
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service
    from ecslint.model.taskdef import TaskDefinition

V130 = (1, 3, 0)
V140 = (1, 4, 0)


@rule(
    id="ECS519",
    name="platform-version-too-old-for-feature",
    severity="error",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service", "fargate"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html",
    ),
)
def platform_version_too_old_for_feature(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A Fargate service pins a platform version older than a feature its task definition (or the service) uses needs.

    What it does:
        For a service pinned to a Linux Fargate platform version (``platformVersion`` such
        as ``1.3.0``; ``LATEST`` and an omitted version are always new enough), lists the
        features that need a newer one: from 1.3.0 ``dependsOn``, ``startTimeout``,
        ``stopTimeout`` and ``secrets``; from 1.4.0 Secrets Manager JSON-key or version
        selectors, EFS volumes, ``ephemeralStorage``, ``environmentFiles``, adding
        ``SYS_PTRACE``, ``pidMode: task``, ``systemControls``, 8 and 16 vCPU task sizes,
        Service Connect, and UDP ports behind a load balancer. Features of the task
        definition are only seen when it is in sight; the service's own (Service Connect,
        load balancer protocol) always are. The finding is on the service's
        ``platformVersion``; when only the task definition is being checked, on each
        feature in it. Windows tasks (whose only version, 1.0.0, has all their features),
        services not on Fargate, a ``1.0.0`` whose platform family is not in sight, and
        placeholders are not judged.

    Why it matters:
        Tasks of the service fail to start on the old platform version (ECS reports that
        the feature requires a newer platform version), so the deployment never
        completes.

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api", "desiredCount": 2, "launchType": "FARGATE", "platformVersion": "1.3.0",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}}
        ```

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "environmentFiles": [{"value": "arn:aws:s3:::config-bucket/api.env", "type": "s3"}]}]}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api", "desiredCount": 2, "launchType": "FARGATE", "platformVersion": "1.4.0",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}}
        ```

        ```json
        {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "environmentFiles": [{"value": "arn:aws:s3:::config-bucket/api.env", "type": "s3"}]}]}
        ```

    How to fix:
        Set ``platformVersion`` to ``LATEST`` (or delete it), or pin at least the version
        the message names.
    """
    for service in ws.services:
        if service.runs_on_fargate is False:
            continue
        version = service.pinned_platform_version
        if not isinstance(version, tuple) or version >= V140:
            continue
        family = service.platform_family
        if isinstance(family, str) and family.upper().startswith("WINDOWS"):
            continue
        for td in ws.task_definitions_for(service) or [None]:
            windows = td.is_windows if td is not None else UNKNOWN
            if windows is True:
                continue
            linux = windows is False or isinstance(family, str) and family.upper() == "LINUX"
            if version[:2] == (1, 0) and not linux:
                continue  # 1.0.0 is also Windows' latest, and the platform family is not in sight
            needs = [f for f in _service_features(service) + (_task_features(td, service) if td else []) if version < f[0]]
            if not needs:
                continue
            shown = _text(version)
            if td is not None and on_task_definition(service, td):
                for minimum, what, path in needs:
                    if path is not None:
                        yield Violation(
                            path,
                            f"{what} needs Fargate platform version {_text(minimum)} or later, but {label(service)} pins "
                            f"{shown}: its tasks cannot start; raise the service's platformVersion (LATEST or "
                            f"{_text(minimum)})",
                            target="key",
                            document=td.doc,
                        )
                continue
            highest = max(f[0] for f in needs)
            listed = "; ".join(f"{what} ({_text(minimum)})" for minimum, what, _ in needs[:6])
            more = f"; and {len(needs) - 6} more" if len(needs) > 6 else ""
            yield Violation(
                ("platformVersion",),
                f"platformVersion {shown} is older than what this service needs: {listed}{more}; tasks cannot start on "
                f"{shown}: set platformVersion to LATEST or at least {_text(highest)}",
                document=service.doc,
            )


def _text(version: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in version)


Feature = tuple[tuple[int, ...], str, "Path | None"]


def _service_features(service: Service) -> list[Feature]:
    out: list[Feature] = []
    if isinstance(service.service_connect, dict) and not service.is_describe:
        out.append((V140, "Service Connect", None))
    return out


def _task_features(td: TaskDefinition, service: Service) -> list[Feature]:
    out: list[Feature] = []
    for c in td.containers:
        data = c.data
        if isinstance(data.get("dependsOn"), list) and data["dependsOn"]:
            out.append((V130, f"dependsOn in {c.label}", c.field("dependsOn")))
        for key in ("startTimeout", "stopTimeout"):
            if data.get(key) is not None and string(data[key]) is not UNKNOWN:
                out.append((V130, f"{key} in {c.label}", c.field(key)))
        if c.secrets:
            out.append((V130, f"secrets in {c.label}", c.field("secrets")))
        for path, _, value_from in c.secrets:
            if _has_selector(value_from):
                out.append((V140, f"a Secrets Manager JSON-key or version selector in {c.label}", path + ("valueFrom",)))
        if isinstance(data.get("environmentFiles"), list) and data["environmentFiles"]:
            out.append((V140, f"environmentFiles in {c.label}", c.field("environmentFiles")))
        for index, capability in c.added_capabilities:
            if isinstance(capability, str) and capability.upper() in ("SYS_PTRACE", "CAP_SYS_PTRACE"):
                out.append((V140, f"adding SYS_PTRACE in {c.label}",
                            c.field("linuxParameters") + ("capabilities", "add", index)))
        if isinstance(data.get("systemControls"), list) and data["systemControls"]:
            out.append((V140, f"systemControls in {c.label}", c.field("systemControls")))
        for lb in service.load_balancers:
            if lb.container_name != c.name or not isinstance(lb.container_port, int):
                continue
            protocols = {m.protocol for m in c.port_mappings if m.container_port == lb.container_port}
            if protocols == {"udp"}:
                out.append((V140, f"UDP port {lb.container_port} of {c.label} behind a load balancer", None))
    for volume in td.volumes:
        if volume.efs_configuration is not None:
            name = f"'{volume.name}'" if isinstance(volume.name, str) else f"#{volume.index + 1}"
            out.append((V140, f"EFS volume {name}", volume.path + ("efsVolumeConfiguration",)))
    if isinstance(td.ephemeral_storage, int):
        out.append((V140, "ephemeralStorage", ("ephemeralStorage",)))
    if td.pid_mode == "task":
        out.append((V140, "pidMode task", ("pidMode",)))
    cpu = td.cpu
    if isinstance(cpu, int) and cpu >= 8192:
        out.append((V140, f"task cpu {cpu} ({cpu // 1024} vCPU)", ("cpu",)))
    return out


def _has_selector(text: object) -> bool:
    """A Secrets Manager ARN followed by ``:json-key:version-stage:version-id`` with any
    part set (``arn:aws:secretsmanager:region:account:secret:name`` has 7 fields)."""
    if not isinstance(text, str) or ":secretsmanager:" not in text:
        return False
    parts = text.split(":")
    return len(parts) > 7 and any(p for p in parts[7:])
