"""ECS311: a dynamic host port behind a target group that health-checks a fixed port."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.rules.ports.targets import registrations, violation
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS311",
    name="health-check-port-not-traffic-port",
    severity="error",
    scope="workspace",
    kinds=("task-definition", "service", "target-group"),
    tags=("networking", "load-balancing", "health"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html",
    ),
)
def health_check_port_not_traffic_port(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A container with a dynamic host port behind a target group whose `HealthCheckPort` is a fixed port.

    What it does:
        Follows each service to its task definition and to the target group of each of
        its load balancer entries, finds the port mapping of the container and port the
        entry names, and reports when the task uses the bridge network mode with a
        dynamic host port (``hostPort`` 0 or omitted) while the target group sets
        ``HealthCheckPort`` to a port number. An omitted ``HealthCheckPort`` is
        ``traffic-port`` (the default of the API, CloudFormation and Terraform) and is
        fine. The finding is on the target group's ``HealthCheckPort``, or on the
        service's ``targetGroupArn`` when the target group is only context. Other network
        modes map fixed ports (awsvpc and host) and are not judged; neither is Windows'
        ``default`` mode, for which no rejection has been observed.

    Why it matters:
        ECS rejects the service: "The task definition is configured to use a dynamic host
        port, but the target group with targetGroupArn ... has a health check port
        specified." Each task listens on a port Docker picks when it starts, so a fixed
        health check port reaches no task (or a wrong one); ``traffic-port`` checks each
        target on the port it is registered with.

    Example:
        Bad:

        ```yaml
        Resources:
          Web:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:1.27
                  Memory: 256
                  PortMappings: [{ContainerPort: 80, HostPort: 0}]
          WebTargets:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties:
              Port: 80
              Protocol: HTTP
              HealthCheckPort: "80"
              VpcId: vpc-0123456789abcdef0
          Service:
            Type: AWS::ECS::Service
            Properties:
              TaskDefinition: !Ref Web
              DesiredCount: 2
              LoadBalancers:
                - TargetGroupArn: !Ref WebTargets
                  ContainerName: web
                  ContainerPort: 80
        ```

        Good:

        ```yaml
        Resources:
          Web:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:1.27
                  Memory: 256
                  PortMappings: [{ContainerPort: 80, HostPort: 0}]
          WebTargets:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties:
              Port: 80
              Protocol: HTTP
              HealthCheckPort: traffic-port
              VpcId: vpc-0123456789abcdef0
          Service:
            Type: AWS::ECS::Service
            Properties:
              TaskDefinition: !Ref Web
              DesiredCount: 2
              LoadBalancers:
                - TargetGroupArn: !Ref WebTargets
                  ContainerName: web
                  ContainerPort: 80
        ```

    How to fix:
        Remove ``HealthCheckPort`` from the target group or set it to ``traffic-port``
        (Terraform: ``health_check { port = "traffic-port" }``, its default). To check
        health on another port of the container, map that port too and point a second
        target group at it, or use a container health check.
    """
    for r in registrations(ws):
        if r.mode != "bridge":
            continue
        port = r.group.health_check_port
        if not (isinstance(port, str) and port.strip().isdigit()):
            continue  # traffic-port (or omitted), unknown, or malformed (the schema rules)
        container = r.td.container(r.lb.container_name) if isinstance(r.lb.container_name, str) else None
        if container is None or not isinstance(r.lb.container_port, int):
            continue
        mapping = next((m for m in container.port_mappings if m.container_port == r.lb.container_port), None)
        if mapping is None:
            continue
        written = "hostPort" in mapping.data
        if written and mapping.host_port != 0:
            continue  # a fixed host port (ECS301's concern), unknown, or malformed
        host = "`hostPort` 0" if written else "`hostPort` omitted"
        mode = "bridge mode" if r.td.declared_network_mode is not None else "bridge mode by default"
        message = (
            f"service '{r.service.name}' sends target group '{r.group.name}' to {container.label} port "
            f"{r.lb.container_port}, which gets a dynamic host port ({mode}, {host}), but the target group checks "
            f"health on the fixed port {port.strip()}: ECS rejects the service (\"configured to use a dynamic host "
            "port, but the target group ... has a health check port specified\"); remove `HealthCheckPort` or set "
            "it to `traffic-port`, so that each task is checked on the port it is registered with"
        )
        found = violation(
            [
                (r.group.doc, ("HealthCheckPort",), "value"),
                (r.service.doc, r.lb.path + ("targetGroupArn",), "value"),
                (r.td.doc, mapping.path + ("hostPort" if written else "containerPort",), "value"),
            ],
            message,
        )
        if found is not None:
            yield found
