"""ECS509: load balancer entries that mix up target groups and Classic Load Balancers."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import named

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service

#: Target groups per service (ALB/NLB) and Classic Load Balancers per service.
MAX_TARGET_GROUPS = 5
MAX_CLASSIC = 1


@rule(
    id="ECS509",
    name="invalid-load-balancer-configuration",
    severity="error",
    kinds=("service",),
    tags=("service", "load-balancing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html",
        "https://github.com/hashicorp/terraform-provider-aws/issues/4657",
    ),
)
def invalid_load_balancer_configuration(service: Service, ctx: Context) -> Iterator[Violation]:
    """Target group and Classic Load Balancer fields mixed up, too many target groups, a Classic Load Balancer with awsvpc.

    What it does:
        Checks the service's ``loadBalancers``: an entry must name either a target group
        (``targetGroupArn``, for an Application or Network Load Balancer) or a Classic Load
        Balancer (``loadBalancerName``), not both and not neither; a service may have at
        most 5 target groups and 1 Classic Load Balancer; a Classic Load Balancer cannot
        serve awsvpc tasks (a service with ``awsvpcConfiguration`` or on Fargate). It also
        reports ``role`` on a load-balanced service that needs the service-linked role: one
        with ``awsvpcConfiguration`` or with several target groups. Empty strings (as in
        AWS's service definition template) count as unset, placeholders are never judged,
        and a reference to a template's target group, load balancer or role
        (``!Ref WebTargetGroup``, ``!GetAtt ServiceRole.Arn``) counts as set: its ARN or
        name is known only once deployed, but it is never empty. describe-services output
        is not checked (the API accepted it). Several target
        groups with the ``CODE_DEPLOY`` or ``EXTERNAL`` controller are reported by
        ``controller-incompatible-setting``.

    Why it matters:
        ECS rejects each of these when creating or updating the service. ALB/NLB entries
        take ``targetGroupArn`` and must omit ``loadBalancerName``, Classic ones the
        reverse; Classic Load Balancers register instances, not the task IP addresses
        awsvpc uses; services that need the service-linked role fail with "You cannot
        specify an IAM role for services that require a service linked role."

    Example:
        Bad:

        ```json
        {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2,
         "loadBalancers": [{"loadBalancerName": "web-elb", "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "web", "containerPort": 80}]}
        ```

        Good:

        ```json
        {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2,
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "web", "containerPort": 80}]}
        ```

    How to fix:
        For an Application or Network Load Balancer keep ``targetGroupArn`` and delete
        ``loadBalancerName``; for a Classic Load Balancer the reverse (and move awsvpc or
        Fargate services to an ALB/NLB with an ``ip`` target group). Split services with
        more than 5 target groups. Delete ``role`` where ECS uses its service-linked role.
    """
    if service.is_describe:
        return
    balancers = service.load_balancers
    if not balancers:
        return
    awsvpc = service.has_awsvpc_configuration is True or service.runs_on_fargate is True
    target_groups = classic = 0
    for lb in balancers:
        has_tg, has_name = lb.has_target_group is True, lb.is_classic
        if has_tg and has_name:
            yield Violation(
                lb.path + ("loadBalancerName",),
                f"{lb.label} has both targetGroupArn and loadBalancerName: an entry is either an Application/Network "
                "Load Balancer target group (targetGroupArn) or a Classic Load Balancer (loadBalancerName), and ECS "
                "rejects both; delete loadBalancerName for an ALB/NLB, or targetGroupArn for a Classic Load Balancer",
                target="key",
            )
            continue
        if "targetGroupArn" not in lb.data and "loadBalancerName" not in lb.data:
            yield Violation(
                lb.path,
                f"load balancer #{lb.index + 1} has neither targetGroupArn nor loadBalancerName: ECS cannot tell what "
                "to register the tasks with; add the targetGroupArn of an ALB/NLB target group (or a Classic Load "
                "Balancer's loadBalancerName)",
                target="key",
            )
            continue
        if has_tg:
            target_groups += 1
            if target_groups == MAX_TARGET_GROUPS + 1:
                yield Violation(
                    lb.path,
                    f"{lb.label} is target group #{target_groups}: a service can register with at most "
                    f"{MAX_TARGET_GROUPS} target groups; move the extra ones to another service",
                    target="key",
                )
        elif has_name:
            classic += 1
            if classic == MAX_CLASSIC + 1:
                yield Violation(
                    lb.path + ("loadBalancerName",),
                    f"{lb.label} is the second Classic Load Balancer: a service can use only one; use target groups "
                    "of an Application or Network Load Balancer to serve several ports or load balancers",
                    target="key",
                )
            elif awsvpc:
                yield Violation(
                    lb.path + ("loadBalancerName",),
                    f"{lb.label} is a Classic Load Balancer but the service's tasks use awsvpc networking "
                    f"({'Fargate' if service.runs_on_fargate is True else 'awsvpcConfiguration'}): Classic Load "
                    "Balancers cannot route to task IP addresses; use an Application or Network Load Balancer with "
                    "an ip target group (targetGroupArn)",
                    target="key",
                )
    if named(service.data.get("role")) is True and not service.is_update:
        why = None
        if service.has_awsvpc_configuration is True:
            why = "its tasks use awsvpc networking"
        elif target_groups > 1:
            why = f"it registers with {target_groups} target groups"
        if why is not None:
            yield Violation(
                ("role",),
                f"role is set but {why}, so ECS manages the load balancer registration with its service-linked "
                "role and rejects the request (\"You cannot specify an IAM role for services that require a "
                "service linked role\"); delete role",
                target="key",
            )
