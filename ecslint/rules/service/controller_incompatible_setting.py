"""ECS517: settings the CODE_DEPLOY or EXTERNAL deployment controller rejects."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN, boolean

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service


@rule(
    id="ECS517",
    name="controller-incompatible-setting",
    severity="error",
    kinds=("service",),
    tags=("service", "deployment"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-bluegreen.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html",
    ),
)
def controller_incompatible_setting(service: Service, ctx: Context) -> Iterator[Violation]:
    """Settings the `CODE_DEPLOY` or `EXTERNAL` deployment controller rejects.

    What it does:
        For a service whose ``deploymentController.type`` is ``CODE_DEPLOY`` or
        ``EXTERNAL``, reports a deployment circuit breaker with ``enable: true``, more
        than one ``loadBalancers`` entry (several target groups), and a Classic Load
        Balancer (``loadBalancerName``); for ``CODE_DEPLOY`` also a service without any
        load balancer, unless it names no ``taskDefinition`` either: then the deployment
        supplies the task set, load balancer included (the appspec's ``LoadBalancerInfo``),
        as in templates that hand the service to a CodeDeploy stack and leave
        ``TaskDefinition``, ``LoadBalancers`` and ``NetworkConfiguration`` out. Not reported: custom ``minimumHealthyPercent``/``maximumPercent``
        (ECS replaces or ignores them for these controllers rather than rejecting them),
        ``enable: false`` breakers (tools export them for every service), and Service
        Connect (its restriction to rolling deployments comes from older documentation the
        reference could not confirm). DAEMON services are ``daemon-misconfiguration``'s.
        describe-services output (accepted by the API) is not checked, and update-service
        input only for what it names.

    Why it matters:
        These controllers deploy through CodeDeploy or task sets: the circuit breaker
        only watches rolling (``ECS``) deployments, several target groups are only
        supported by the ``ECS`` controller, and both work with Application and Network
        Load Balancers only. A CodeDeploy blue/green deployment shifts traffic between two
        target groups, so the service needs a load balancer from the start.

    Example:
        Bad:

        ```json
        {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2, "deploymentController": {"type": "CODE_DEPLOY"},
         "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}},
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-blue/0123456789abcdef", "containerName": "web", "containerPort": 80}]}
        ```

        Good:

        ```json
        {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2, "deploymentController": {"type": "CODE_DEPLOY"},
         "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-blue/0123456789abcdef", "containerName": "web", "containerPort": 80}]}
        ```

    How to fix:
        Remove the circuit breaker (CodeDeploy rolls back through its deployment group's
        auto-rollback settings), keep one ALB/NLB target group on the service (CodeDeploy
        holds the second one), or switch to the ``ECS`` controller, whose blue/green,
        linear and canary strategies support these features.
    """
    controller = service.controller
    if service.is_describe or controller not in ("CODE_DEPLOY", "EXTERNAL"):
        return
    breaker = service.circuit_breaker
    if isinstance(breaker, dict) and boolean(breaker.get("enable")) is True:
        yield Violation(
            ("deploymentConfiguration", "deploymentCircuitBreaker", "enable"),
            f"the deployment circuit breaker is enabled but the service uses the {controller} deployment controller: "
            "the circuit breaker only works with rolling (ECS) deployments; remove deploymentCircuitBreaker (use the "
            "deployment's own rollback settings) or switch the controller to ECS",
        )
    balancers = service.listed("loadBalancers")
    if balancers is UNKNOWN:
        return
    if isinstance(balancers, list) and len(balancers) > 1:
        yield Violation(
            ("loadBalancers",),
            f"{len(balancers)} load balancer entries with the {controller} deployment controller: several target "
            "groups are only supported by the ECS controller; keep one target group"
            + (" (the deployment group holds the second)" if controller == "CODE_DEPLOY" else "")
            + " or switch the controller to ECS",
            target="key",
        )
    for lb in service.load_balancers:
        if lb.is_classic:
            yield Violation(
                lb.path + ("loadBalancerName",),
                f"{lb.label} is a Classic Load Balancer, but the {controller} deployment controller works only with "
                "Application and Network Load Balancers; use a target group (targetGroupArn)",
                target="key",
            )
    if controller == "CODE_DEPLOY" and not balancers and not service.is_update and "taskDefinition" in service.data:
        where = ("loadBalancers",) if "loadBalancers" in service.data else ("deploymentController",)
        yield Violation(
            where,
            "the CODE_DEPLOY deployment controller needs an Application or Network Load Balancer: blue/green "
            "deployments shift traffic between two target groups; add a loadBalancers entry with the production "
            "target group",
            target="key",
        )
