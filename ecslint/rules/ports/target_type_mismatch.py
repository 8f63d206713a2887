"""ECS310: a service's target group registers targets of the wrong type for its tasks."""

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
    id="ECS310",
    name="target-type-mismatch",
    severity="error",
    scope="workspace",
    kinds=("task-definition", "service", "target-group"),
    tags=("networking", "load-balancing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/nlb.html",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
    ),
)
def target_type_mismatch(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A service's target group has `instance` targets for awsvpc tasks, or `ip` targets for bridge tasks.

    What it does:
        Follows each service to its task definition and to the target group of each of
        its load balancer entries (in the same template, or by the name in
        ``targetGroupArn`` among the files checked and ``--context``), and compares the
        target group's ``TargetType`` (``instance`` when omitted, in the API,
        CloudFormation and Terraform alike) with the task's network mode: awsvpc tasks
        need ``ip`` targets, bridge tasks (the default network mode on EC2) need
        ``instance`` targets. The finding is on the target group's ``TargetType``; when
        the target group does not set it, or is only context, it is on the service's
        ``targetGroupArn``. ``host`` mode with ``ip`` targets, and the ``lambda`` and
        ``alb`` target types, are not judged: no rejection has been observed for them.

    Why it matters:
        ECS refuses to create the service: "The provided target group ... has target type
        instance, which is incompatible with the awsvpc network mode specified in the task
        definition" (and likewise "target type ip is incompatible with the bridge network
        mode"). An awsvpc task has its own network interface and address, not an instance
        and port; a bridge task is reached through its instance. Forgetting ``TargetType``
        on the target group of a Fargate service is the common case.

    Example:
        Bad:

        ```yaml
        Resources:
          Web:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              NetworkMode: awsvpc
              RequiresCompatibilities: [FARGATE]
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:1.27
                  PortMappings: [{ContainerPort: 80}]
          WebTargets:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties:
              Port: 80
              Protocol: HTTP
              VpcId: vpc-0123456789abcdef0
          Service:
            Type: AWS::ECS::Service
            Properties:
              TaskDefinition: !Ref Web
              LaunchType: FARGATE
              DesiredCount: 2
              NetworkConfiguration:
                AwsvpcConfiguration: {Subnets: [subnet-0123456789abcdef0]}
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
              NetworkMode: awsvpc
              RequiresCompatibilities: [FARGATE]
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:1.27
                  PortMappings: [{ContainerPort: 80}]
          WebTargets:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties:
              Port: 80
              Protocol: HTTP
              TargetType: ip
              VpcId: vpc-0123456789abcdef0
          Service:
            Type: AWS::ECS::Service
            Properties:
              TaskDefinition: !Ref Web
              LaunchType: FARGATE
              DesiredCount: 2
              NetworkConfiguration:
                AwsvpcConfiguration: {Subnets: [subnet-0123456789abcdef0]}
              LoadBalancers:
                - TargetGroupArn: !Ref WebTargets
                  ContainerName: web
                  ContainerPort: 80
        ```

    How to fix:
        For awsvpc tasks (all Fargate tasks) set ``TargetType: ip`` on the target group
        (``target_type = "ip"`` in Terraform); for bridge tasks use ``instance`` (or omit
        it). The target type cannot change in place: CloudFormation and Terraform replace
        the target group, so the listener rules that forward to it are updated with it.
    """
    for r in registrations(ws):
        target_type = r.group.target_type
        if not isinstance(target_type, str):
            continue
        stated = "TargetType" in r.group.data
        if r.mode == "awsvpc" and target_type == "instance":
            why = (
                "an awsvpc task has its own network interface and address, not an instance: ECS rejects the "
                "service (\"target type instance ... is incompatible with the awsvpc network mode\"); set the "
                "target group's `TargetType` to `ip`"
            )
        elif r.mode == "bridge" and target_type == "ip":
            why = (
                "a bridge task is reached through its instance and host port: ECS rejects the service (\"target "
                "type ip is incompatible with the bridge network mode\"); set the target group's `TargetType` "
                "to `instance`, or give the task the awsvpc network mode"
            )
        else:
            continue
        mode = r.mode if r.td.declared_network_mode is not None else f"{r.mode} (the default: `networkMode` is not set)"
        kind = f"`{target_type}`" if stated else f"`{target_type}` (the default: `TargetType` is not set)"
        message = (
            f"service '{r.service.name}' registers {r.container} with target group '{r.group.name}', whose target "
            f"type is {kind}, but task definition '{r.td.name}' uses the {mode} network mode: {why}"
        )
        td_path = ("networkMode",) if r.td.declared_network_mode is not None else ()
        found = violation(
            [
                *([(r.group.doc, ("TargetType",), "value")] if stated else []),
                (r.service.doc, r.lb.path + ("targetGroupArn",), "value"),
                (r.group.doc, (), "key"),
                (r.td.doc, td_path, "value" if td_path else "key"),
            ],
            message,
        )
        if found is not None:
            yield found
