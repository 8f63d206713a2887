"""ECS301: a load balancer targets a container bound to a fixed host port."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.fix import Fix, Replace
from ecslint.core.rule import rule
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS301",
    name="fixed-host-port-behind-load-balancer",
    severity="warning",
    scope="workspace",
    kinds=("task-definition", "service"),
    tags=("networking", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/networking-networkmode-bridge.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html",
    ),
    fix="unsafe",
)
def fixed_host_port_behind_load_balancer(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A service's load balancer targets a container port mapped to a fixed host port (bridge or host mode).

    What it does:
        For each REPLICA service with an ALB/NLB target group, finds its task definition
        (by family, ``family:revision`` or ARN, among the files checked and ``--context``),
        the container and port the load balancer targets, and the port mapping behind
        them. In ``bridge`` mode (the default on EC2) a non-zero ``hostPort`` is reported;
        in ``host`` mode every mapped port is fixed. The finding is on the ``hostPort``
        (or, in host mode, the ``containerPort``) of the task definition, naming the
        service and the target group; when only the service is being checked, it is on
        the service's load balancer entry. DAEMON services (one task per instance by
        design) and Classic Load Balancers (which require static ports) are not reported.

    Why it matters:
        A fixed host port can be bound by one container per instance, so the service
        runs at most one task per instance. Placement fails as soon as tasks outnumber
        instances ("unable to place a task ... already using a port required by your
        task"), and a rolling deployment with the default 100%/200% wants to start new
        tasks before stopping old ones, which hold the port: the deployment stalls.
        Dynamic host ports let ECS register ``instance:port`` pairs in the target group.

    Example:
        Bad:

        ```json
        {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2,
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "web", "containerPort": 80}]}
        ```

        ```json
        {"family": "web", "networkMode": "bridge", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "portMappings": [{"containerPort": 80, "hostPort": 80}]}]}
        ```

        Good:

        ```json
        {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2,
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "web", "containerPort": 80}]}
        ```

        ```json
        {"family": "web", "networkMode": "bridge", "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
          "portMappings": [{"containerPort": 80, "hostPort": 0}]}]}
        ```

    How to fix:
        In bridge mode set ``hostPort`` to ``0`` or omit it (dynamic port mapping), keep
        the target group of type ``instance`` with health checks on ``traffic-port``, and
        open the instances' security group to the load balancer for the ephemeral port
        range. Or switch to ``awsvpc`` with an ``ip`` target group.

        ``--fix --unsafe-fixes`` sets ``hostPort`` to ``0`` in bridge mode, when the
        target group is not in sight or health-checks ``traffic-port``. It is unsafe:
        the tasks then listen on ephemeral ports, which the instances' security group must
        open to the load balancer, or the health checks fail.
    """
    from ecslint.rules.service.common import with_task_definitions

    for service, td in with_task_definitions(ws):
        if not service.replica_rules_apply:
            continue
        mode = td.network_mode
        if mode not in ("bridge", "default", "host"):
            continue
        for lb in service.load_balancers:
            if lb.is_classic or not isinstance(lb.container_name, str) or not isinstance(lb.container_port, int):
                continue
            container = td.container(lb.container_name)
            if container is None:
                continue
            mapping = next(
                (m for m in container.port_mappings if m.container_port == lb.container_port and m.protocol == "tcp"),
                None,
            )
            if mapping is None:
                continue
            host = mapping.host_port
            if mode == "host":
                if host is not None and not isinstance(host, int):
                    continue
                fixed = lb.container_port
                path = mapping.path + ("hostPort" if "hostPort" in mapping.data else "containerPort",)
                fix = "use bridge mode with `hostPort` 0 (dynamic ports) or awsvpc with an ip target group"
                how = "in host network mode the container binds the port on the instance itself"
            else:
                if not isinstance(host, int) or host == 0:
                    continue
                fixed = host
                path = mapping.path + ("hostPort",)
                fix = "set `hostPort` to 0 or omit it for dynamic port mapping"
                how = f"in {'bridge' if mode == 'bridge' else 'default (NAT)'} mode a fixed hostPort is bound on the instance"
            message = (
                f"service '{service.name}' sends {lb.label} to {container.label} port {lb.container_port}, "
                f"which is fixed to host port {fixed}: {how}, so only one task fits per instance, placement "
                f"fails once tasks outnumber instances and rolling deployments stall; {fix}"
            )
            if td.doc.context and not service.doc.context:
                yield Violation(lb.path + ("containerPort",), message, document=service.doc)
            else:
                fix = None
                if mode != "host" and _health_checks_traffic_port(ws, lb, service):
                    fix = Fix("set `hostPort` to 0 (dynamic port mapping)", Replace(path, 0))
                yield Violation(path, message, document=td.doc, fix=fix)


def _health_checks_traffic_port(ws: Workspace, lb, service) -> bool:
    """Whether a dynamic host port leaves the target group's health check working: it
    checks ``traffic-port`` (else ECS rejects the service, ECS311), or it is not in sight."""
    group = ws.target_group_for(lb, service)
    return group is None or group.health_check_port == "traffic-port"
