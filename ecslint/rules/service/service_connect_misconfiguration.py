"""ECS511: Service Connect settings its task definition or launch type cannot satisfy."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.lazyre import lazy
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN, items, string
from ecslint.rules.service.common import label, on_task_definition, port_mappings_known, with_task_definitions
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

SC = "serviceConnectConfiguration"
#: ServiceConnectService.discoveryName (API reference): up to 64 characters.
_DISCOVERY_NAME = lazy(r"[a-z0-9_][a-z0-9_-]{0,63}")


@rule(
    id="ECS511",
    name="service-connect-misconfiguration",
    severity="error",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service", "service-connect"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectConfiguration.html",
    ),
)
def service_connect_misconfiguration(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """Service Connect `portName` values missing from the task definition, and its other requirements.

    What it does:
        For a service with ``serviceConnectConfiguration.enabled: true``: reports
        ``accessLogConfiguration`` without ``logConfiguration``, a ``discoveryName`` that is
        not up to 64 lowercase letters, digits, ``_`` and ``-`` (not starting with ``-``),
        and the ``EXTERNAL`` launch type (ECS Anywhere). When its task definition is in sight, also reports each
        ``services[].portName`` that is not the ``name`` of a port mapping in the task
        definition, a task definition without task-level ``memory``, a Windows task
        definition, and network modes other than ``bridge`` and ``awsvpc``. Findings are on
        the service; when only the task definition is being checked, on the task
        definition. describe-services output keeps Service Connect inside
        ``deployments[]`` and is not checked; placeholders are never judged.

    Why it matters:
        ECS resolves ``portName`` against the task definition's named port mappings to
        configure the Service Connect proxy, and rejects a name it cannot find. The proxy
        container takes its memory from what the task has left over, so the task needs a
        task-level memory limit; Service Connect does not run Windows tasks, ``host`` or
        ``none`` network modes, or ECS Anywhere; access logs are written through the
        proxy's log configuration.

    Example:
        Bad:

        ```json
        {"serviceName": "orders", "taskDefinition": "orders", "desiredCount": 2, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}},
         "serviceConnectConfiguration": {"enabled": true, "namespace": "shop",
           "services": [{"portName": "http", "clientAliases": [{"port": 80}]}]}}
        ```

        ```json
        {"family": "orders", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "orders", "image": "public.ecr.aws/nginx/nginx:1.27",
           "portMappings": [{"containerPort": 8080, "name": "orders-http"}]}]}
        ```

        Good:

        ```json
        {"serviceName": "orders", "taskDefinition": "orders", "desiredCount": 2, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}},
         "serviceConnectConfiguration": {"enabled": true, "namespace": "shop",
           "services": [{"portName": "orders-http", "clientAliases": [{"port": 80}]}]}}
        ```

        ```json
        {"family": "orders", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "orders", "image": "public.ecr.aws/nginx/nginx:1.27",
           "portMappings": [{"containerPort": 8080, "name": "orders-http"}]}]}
        ```

    How to fix:
        Name the port mapping in the task definition (``portMappings[].name``) and use that
        name as ``portName``; give the task definition a task-level ``memory``; use
        ``awsvpc`` or ``bridge`` on Linux; add a ``logConfiguration`` when access logs are
        on.
    """
    for service in ws.services:
        config = service.service_connect
        if service.is_describe or not isinstance(config, dict):
            continue
        if "accessLogConfiguration" in config and "logConfiguration" not in config:
            yield Violation(
                (SC, "accessLogConfiguration"),
                f"{label(service)} turns on Service Connect access logs without a logConfiguration: the proxy writes "
                "access logs through its log configuration; add serviceConnectConfiguration.logConfiguration",
                target="key",
                document=service.doc,
            )
        for index, entry in items(config.get("services")):
            discovery = string(entry.get("discoveryName"))
            if isinstance(discovery, str) and not _DISCOVERY_NAME.fullmatch(discovery):
                yield Violation(
                    (SC, "services", index, "discoveryName"),
                    f"{label(service)} uses Service Connect discoveryName '{discovery[:80]}', which Cloud Map does not "
                    "accept: at most 64 lowercase letters, digits, '_' and '-', not starting with '-'; rename it",
                    document=service.doc,
                )
        if service.declared_launch_type == "EXTERNAL":
            yield Violation(
                ("launchType",),
                f"{label(service)} enables Service Connect on launch type EXTERNAL: Service Connect does not "
                "support ECS Anywhere; use service discovery or an external proxy instead",
                document=service.doc,
            )
    for service, td in with_task_definitions(ws):
        config = service.service_connect
        if service.is_describe or not isinstance(config, dict):
            continue
        on_td = on_task_definition(service, td)
        names = _port_names(td)
        if names is not UNKNOWN:
            for index, entry in items(config.get("services")):
                port_name = string(entry.get("portName"))
                if not isinstance(port_name, str) or port_name in names:
                    continue
                listed = ", ".join(sorted(names)) if names else "no named port mappings"
                message = (
                    f"{label(service)} exposes Service Connect portName '{port_name}', but task definition "
                    f"'{td.name}' has no port mapping of that name ({listed}); ECS rejects the service: name the "
                    "container's port mapping (portMappings[].name) and use that name"
                )
                if on_td:
                    yield Violation(("containerDefinitions",), message, target="key", document=td.doc)
                else:
                    yield Violation((SC, "services", index, "portName"), message, document=service.doc)
        problems = []
        if td.task_field("memory") is None:
            problems.append((("memory",), "has no task-level memory (the Service Connect proxy is sized from the "
                             "task's memory left over by the containers); set the task's memory"))
        if td.is_windows is True:
            problems.append((("runtimePlatform",), "runs Windows containers, which Service Connect does not support"))
        else:
            mode = td.network_mode
            if isinstance(mode, str) and mode not in ("awsvpc", "bridge"):
                problems.append((("networkMode",), f"uses network mode {mode}; Service Connect needs awsvpc or bridge"))
        for path, why in problems:
            message = f"{label(service)} enables Service Connect but task definition '{td.name}' {why}"
            if on_td:
                yield Violation(path, message, document=td.doc)
            else:
                yield Violation((SC,), message, target="key", document=service.doc)


def _port_names(td) -> object:
    """The names of the task's port mappings; UNKNOWN when a name or a list is a placeholder."""
    names = set()
    for container in td.containers:
        if not port_mappings_known(container):
            return UNKNOWN
        for mapping in container.port_mappings:
            if mapping.name is UNKNOWN:
                return UNKNOWN
            if isinstance(mapping.name, str):
                names.add(mapping.name)
    if td.container_names is UNKNOWN:
        return UNKNOWN
    return names
