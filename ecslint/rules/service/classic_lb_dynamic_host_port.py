"""ECS510: a Classic Load Balancer in front of a dynamic host port."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.rules.service.common import label, with_task_definitions
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS510",
    name="classic-lb-dynamic-host-port",
    severity="error",
    scope="workspace",
    kinds=("service", "task-definition"),
    tags=("service", "load-balancing", "networking"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html",
        "https://github.com/aws/aws-sdk-go/issues/818",
    ),
)
def classic_lb_dynamic_host_port(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A Classic Load Balancer targets a container port whose host port is dynamic (`hostPort` 0 or omitted).

    What it does:
        For each service entry with ``loadBalancerName`` (a Classic Load Balancer) whose
        task definition is in sight and uses ``bridge`` mode (the default on Linux EC2;
        Windows' default NAT mode too), finds the port mapping of the named container and
        port and reports it when its ``hostPort`` is ``0`` or omitted. The finding is on the
        task definition's mapping (``hostPort``, or the mapping when it has none); when only
        the service is being checked, on the service's ``containerPort``. ``host`` mode
        always binds the container port itself, and awsvpc cannot use a Classic Load
        Balancer at all (``invalid-load-balancer-configuration``); a container or port that
        does not exist is ``load-balancer-container-not-found``.

    Why it matters:
        A Classic Load Balancer forwards to one fixed instance port for all instances; it
        cannot follow the ephemeral ports Docker picks for dynamic mappings. ECS rejects the
        service: "A host port mapping for the container port 80 is required."

    Example:
        Bad:

        ```json
        {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "role": "ecsServiceRole",
         "loadBalancers": [{"loadBalancerName": "web-elb", "containerName": "web", "containerPort": 80}]}
        ```

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "portMappings": [{"containerPort": 80}]}]}
        ```

        Good:

        ```json
        {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "role": "ecsServiceRole",
         "loadBalancers": [{"loadBalancerName": "web-elb", "containerName": "web", "containerPort": 80}]}
        ```

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "portMappings": [{"containerPort": 80, "hostPort": 80}]}]}
        ```

    How to fix:
        Give the mapping the fixed ``hostPort`` the Classic Load Balancer's listener
        forwards to (one task per instance then), or better, move to an Application or
        Network Load Balancer target group, which supports dynamic host ports.
    """
    for service, td in with_task_definitions(ws):
        if td.network_mode not in ("bridge", "default"):
            continue
        for lb in service.load_balancers:
            name, port = lb.container_name, lb.container_port
            if not lb.is_classic or lb.has_target_group is True:
                continue  # a mixed-up entry is invalid-load-balancer-configuration's
            if not isinstance(name, str) or not isinstance(port, int):
                continue
            container = td.container(name)
            if container is None:
                continue
            mapping = next((m for m in container.port_mappings if m.container_port == port and m.protocol == "tcp"), None)
            if mapping is None:
                continue
            host = mapping.host_port
            if "hostPort" in mapping.data and host != 0:
                continue  # fixed, a placeholder, or malformed
            shown = "0" if "hostPort" in mapping.data else "omitted"
            message = (
                f"{label(service)} puts Classic Load Balancer '{lb.classic_name}' in front of {container.label} "
                f"port {port}, whose hostPort is {shown} (dynamic): a Classic Load Balancer needs a fixed instance "
                f"port and ECS rejects the service (\"A host port mapping for the container port {port} is "
                "required.\"); set a fixed hostPort, or move to an ALB/NLB target group, which supports dynamic ports"
            )
            if td.doc.context:
                yield Violation(lb.path + ("containerPort",), message, document=service.doc)
            elif "hostPort" in mapping.data:
                yield Violation(mapping.path + ("hostPort",), message, document=td.doc)
            else:
                yield Violation(mapping.path, message, target="key", document=td.doc)
