"""ECS702: a capacity provider scales its Auto Scaling group without termination protection."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.capacity import CapacityProvider


# Not mapped to security-hub:ECS.19 / aws-config:ecs-capacity-provider-termination-check: they fail
# every provider without termination protection, this rule only those with managed scaling
# (without it the protection does not work), so it covers part of the control.
@rule(
    id="ECS702",
    name="managed-termination-protection-disabled",
    severity="note",
    kinds=("capacity-provider",),
    tags=("cluster", "capacity", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AutoScalingGroupProvider.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-termination-protection.html",
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
    ),
)
def managed_termination_protection_disabled(provider: CapacityProvider, ctx: Context) -> Iterator[Violation]:
    """A capacity provider with managed scaling but without managed termination protection.

    What it does:
        Reports an Auto Scaling group capacity provider whose ``managedScaling.status``
        is ``ENABLED`` and whose ``managedTerminationProtection`` is ``DISABLED`` or not
        set (the API's default is off; CDK's ``AsgCapacityProvider`` turns it on). The
        finding is on ``managedTerminationProtection``, or on
        ``autoScalingGroupProvider`` when it is not set. Without managed scaling,
        termination protection does not work at all, so such a provider is not
        reported; nor is one whose managed scaling status is not written (the API
        documents no default for it).

    Why it matters:
        With managed scaling, ECS scales the Auto Scaling group in when the cluster has
        spare capacity, and the group then terminates instances of its choosing, also
        instances that still run tasks: those tasks stop without draining. Managed
        termination protection makes ECS keep scale-in protection on every instance
        that runs tasks (other than daemon tasks), so only empty instances go. Security
        Hub control ECS.19 requires it.

    Example:
        Bad:

        ```json
        {"name": "ec2-capacity", "autoScalingGroupProvider": {
          "autoScalingGroupArn": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d:autoScalingGroupName/ecs-nodes",
          "managedScaling": {"status": "ENABLED", "targetCapacity": 90},
          "managedTerminationProtection": "DISABLED"}}
        ```

        Good:

        ```json
        {"name": "ec2-capacity", "autoScalingGroupProvider": {
          "autoScalingGroupArn": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d:autoScalingGroupName/ecs-nodes",
          "managedScaling": {"status": "ENABLED", "targetCapacity": 90},
          "managedTerminationProtection": "ENABLED"}}
        ```

    How to fix:
        Set ``managedTerminationProtection`` to ``ENABLED`` (CloudFormation
        ``ManagedTerminationProtection: ENABLED``, Terraform
        ``managed_termination_protection = "ENABLED"``) and turn on scale-in protection
        for new instances on the Auto Scaling group (``NewInstancesProtectedFromScaleIn:
        true``, Terraform ``protect_from_scale_in = true``), which ECS documents as
        required for it (ECS703).
    """
    group_provider = provider.auto_scaling_group_provider
    if not isinstance(group_provider, dict) or provider.managed_scaling_status != "ENABLED":
        return
    if provider.managed_termination_protection != "DISABLED":
        return
    written = "managedTerminationProtection" in group_provider
    state = "is DISABLED" if written else "is not set (off by default)"
    yield Violation(
        ("autoScalingGroupProvider", "managedTerminationProtection"),  # not written: on its parent
        f"capacity provider '{provider.name}' scales its Auto Scaling group in (managed scaling is ENABLED) but "
        f"managed termination protection {state}: scale-in can terminate instances that still run tasks, which "
        "then stop without draining (Security Hub ECS.19); set `managedTerminationProtection` to ENABLED, with "
        "scale-in protection for new instances on the Auto Scaling group",
    )
