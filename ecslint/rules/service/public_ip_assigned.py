"""ECS508: a service gives its tasks public IP addresses."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Severity, Violation
from ecslint.core.rule import rule

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service


@rule(
    id="ECS508",
    name="public-ip-assigned",
    severity="warning",
    kinds=("service",),
    tags=("security", "service", "networking"),
    security_severity=7.5,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html",
        "https://github.com/aws/containers-roadmap/issues/450",
    ),
    compliance=(
        "security-hub:ECS.2",
        "control-tower:CT.ECS.PR.9",
    ),
)
def public_ip_assigned(service: Service, ctx: Context) -> Iterator[Violation]:
    """`assignPublicIp: ENABLED` (Security Hub ECS.2); on EC2 it is rejected outright.

    What it does:
        Reports ``networkConfiguration.awsvpcConfiguration.assignPublicIp: ENABLED`` in any
        service shape, describe-services output included (the control evaluates the
        deployed service). When the service's ``launchType`` is ``EC2`` the finding is an
        error, as the catalog grades it, and the message says that ECS rejects the setting
        there (a severity you configure for this rule still applies to both). The botocore text that would forbid
        ``ENABLED`` for every ``ECS``-controller service is not enforced: it contradicts
        documented Fargate usage (the reference marks it unverified).

    Why it matters:
        A task with a public IP address is reachable from the internet wherever its
        security group allows it, bypassing the load balancer and any WAF in front of it
        (Security Hub ECS.2, High). Fargate tasks in private subnets reach ECR and other
        services through a NAT gateway or VPC endpoints instead. On EC2, awsvpc tasks
        cannot have public IPs at all: "Assign public IP is not supported for this launch
        type."

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api:7", "desiredCount": 2, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "assignPublicIp": "ENABLED"}}}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api:7", "desiredCount": 2, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "assignPublicIp": "DISABLED"}}}
        ```

    How to fix:
        Set ``assignPublicIp`` to ``DISABLED`` (the default) and run the tasks in private
        subnets with a NAT gateway or VPC endpoints (ECR, S3, CloudWatch Logs, Secrets
        Manager) for outbound traffic; expose the service through a load balancer.
    """
    if service.assign_public_ip != "ENABLED":
        return
    path = ("networkConfiguration", "awsvpcConfiguration", "assignPublicIp")
    if service.declared_launch_type == "EC2":
        yield Violation(
            path,
            "assignPublicIp is ENABLED with launch type EC2: ECS rejects this (\"Assign public IP is not supported "
            "for this launch type\"), awsvpc tasks on EC2 cannot have public addresses; set it to DISABLED and use "
            "a NAT gateway or VPC endpoints for outbound traffic",
            severity=Severity.ERROR,
        )
        return
    yield Violation(
        path,
        "assignPublicIp is ENABLED: every task gets a public IP address and is reachable from the internet "
        "wherever its security group allows it (Security Hub ECS.2); set it to DISABLED and run the tasks in "
        "private subnets with a NAT gateway or VPC endpoints, behind a load balancer",
    )
