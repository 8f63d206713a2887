"""ECS504: a load balancer names a container or port the task definition does not have."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN
from ecslint.rules.service.common import label, on_task_definition, port_mappings_known, with_task_definitions
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS504",
    name="load-balancer-container-not-found",
    severity="error",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service", "load-balancing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshoot-service-load-balancers.html",
        "https://github.com/pulumi/pulumi-awsx/issues/1172",
    ),
)
def load_balancer_container_not_found(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A service's `loadBalancers[]` entry names a container, or a container port, that its task definition does not have.

    What it does:
        For each service whose task definition is in sight (by family, ``family:revision``
        or ARN, among the files checked and ``--context``), checks every
        ``loadBalancers[]`` entry: ``containerName`` must be a container of the task
        definition, and ``containerPort`` one of that container's
        ``portMappings[].containerPort`` (or inside one of its ``containerPortRange``). The
        finding is on the service's ``containerName`` or ``containerPort``; when only the
        task definition is being checked (the service comes from ``--context``), it is on
        the task definition's container (or its container list), naming the service.
        Nothing is reported when the task definition is not in sight, or when a name or a
        port is a placeholder.

    Why it matters:
        ECS refuses to create or update the service: "The container web did not have a
        container port 8080 defined." A renamed container or a changed port in a new
        task definition revision breaks the next deployment of every service that routes
        traffic to it.

    Example:
        Bad:

        ```json
        {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2,
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "web", "containerPort": 8080}]}
        ```

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "portMappings": [{"containerPort": 80}]}]}
        ```

        Good:

        ```json
        {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2,
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "web", "containerPort": 80}]}
        ```

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "portMappings": [{"containerPort": 80}]}]}
        ```

    How to fix:
        Make the load balancer entry name the container and the ``containerPort`` the
        task definition really maps, or add the port mapping to the container. The load
        balancer's container name and port cannot change on an existing service: a new
        pair needs a new service.
    """
    for service, td in with_task_definitions(ws):
        for lb in service.load_balancers:
            name, port = lb.container_name, lb.container_port
            if not isinstance(name, str) or not name:
                continue
            container = td.container(name)
            if container is None:
                names = td.container_names
                if names is UNKNOWN or not td.containers or any(c.name is None for c in td.containers):
                    continue  # a placeholder or a missing name might be this one
                listed = ", ".join(sorted(names)) or "none"
                message = (
                    f"{label(service)} sends {lb.label} to container '{name}', but task definition "
                    f"'{td.name}' has no such container (containers: {listed}): ECS rejects the service; "
                    "name an existing container or fix the container's name"
                )
                if on_task_definition(service, td):
                    yield Violation(("containerDefinitions",), message, target="key", document=td.doc)
                else:
                    yield Violation(lb.path + ("containerName",), message, document=service.doc)
                continue
            if not isinstance(port, int):
                continue
            if not port_mappings_known(container):
                continue  # a placeholder or a malformed list: not ours to judge
            mappings = container.port_mappings
            if any("containerPort" in m.data and not isinstance(m.container_port, int) for m in mappings):
                continue  # a placeholder or a wrong-typed port (wrong-type reports that)
            if any(m.container_port == port for m in mappings):
                continue
            ranges = [m.container_port_range for m in mappings if m.has_range]
            if any(r is UNKNOWN or r is None for r in ranges) or any(r[0] <= port <= r[1] for r in ranges):
                continue
            known = sorted({m.container_port for m in mappings if isinstance(m.container_port, int)})
            have = (f"port{'s' if len(known) > 1 else ''} " + ", ".join(str(p) for p in known)) if known else "no ports"
            message = (
                f"{label(service)} sends {lb.label} to {container.label} port {port}, but the container maps "
                f"{have} in task definition '{td.name}': ECS rejects the service "
                f"(\"The container {name} did not have a container port {port} defined.\"); use a mapped port or add "
                f"a portMappings entry with containerPort {port}"
            )
            if on_task_definition(service, td):
                where = container.field("portMappings") if "portMappings" in container.data else container.field("name")
                yield Violation(where, message, target="key", document=td.doc)
            else:
                yield Violation(lb.path + ("containerPort",), message, document=service.doc)
