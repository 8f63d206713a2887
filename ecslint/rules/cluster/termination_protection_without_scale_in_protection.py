"""ECS703: managed termination protection on an Auto Scaling group that does not protect new instances."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.capacity import new_instances_protected
from ecslint.workspace import Workspace


@rule(
    id="ECS703",
    name="termination-protection-without-scale-in-protection",
    severity="warning",
    scope="workspace",
    kinds=("capacity-provider",),
    tags=("cluster", "capacity", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-termination-protection.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AutoScalingGroupProvider.html",
        "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html",
    ),
)
def termination_protection_without_scale_in_protection(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A capacity provider with managed termination protection whose Auto Scaling group does not protect new instances from scale in.

    What it does:
        For each capacity provider with ``managedTerminationProtection: ENABLED``, finds
        its Auto Scaling group (the template's own group, or by the name in
        ``autoScalingGroupArn`` among the files checked and ``--context``:
        create-auto-scaling-group input, describe-auto-scaling-groups output) and reports
        when the group's ``NewInstancesProtectedFromScaleIn`` is false or not set (its
        default). When the group is not in sight, nothing is reported. The finding is on
        the group's ``NewInstancesProtectedFromScaleIn`` when it is written, else on the
        capacity provider's ``managedTerminationProtection``.

    Why it matters:
        ECS documents instance scale-in protection on the Auto Scaling group as required
        for managed termination protection ("You must turn on Auto Scaling instance
        scale-in protection on the Auto Scaling group"), and CreateCapacityProvider used
        to reject the combination ("To enable managed termination protection for a
        capacity provider, the Auto Scaling group must have instance protection from
        scale in enabled"). AWS has since said that ECS turns protection on for the
        instances itself; whether the API still rejects an unprotected group is not
        confirmed, so this is a warning, not an error. Either way, instances the group
        launches unprotected can be terminated by a scale-in before ECS protects them.

    Example:
        Bad:

        ```yaml
        Resources:
          Nodes:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "10"
              VPCZoneIdentifier: [subnet-0123456789abcdef0]
              LaunchTemplate:
                LaunchTemplateId: lt-0123456789abcdef0
                Version: "1"
          Capacity:
            Type: AWS::ECS::CapacityProvider
            Properties:
              AutoScalingGroupProvider:
                AutoScalingGroupArn: !Ref Nodes
                ManagedScaling: {Status: ENABLED, TargetCapacity: 90}
                ManagedTerminationProtection: ENABLED
        ```

        Good:

        ```yaml
        Resources:
          Nodes:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "1"
              MaxSize: "10"
              NewInstancesProtectedFromScaleIn: true
              VPCZoneIdentifier: [subnet-0123456789abcdef0]
              LaunchTemplate:
                LaunchTemplateId: lt-0123456789abcdef0
                Version: "1"
          Capacity:
            Type: AWS::ECS::CapacityProvider
            Properties:
              AutoScalingGroupProvider:
                AutoScalingGroupArn: !Ref Nodes
                ManagedScaling: {Status: ENABLED, TargetCapacity: 90}
                ManagedTerminationProtection: ENABLED
        ```

    How to fix:
        Turn on scale-in protection for new instances on the Auto Scaling group:
        ``NewInstancesProtectedFromScaleIn: true`` (CloudFormation, API),
        ``protect_from_scale_in = true`` (Terraform); CDK's ``AsgCapacityProvider`` does
        it for you. Instances already running keep their setting: protect them with
        ``aws autoscaling set-instance-protection``.
    """
    for provider in ws.capacity_providers:
        if provider.managed_termination_protection != "ENABLED":
            continue
        group = ws.auto_scaling_group(provider)
        if group is None or new_instances_protected(group) is not False:
            continue
        written = isinstance(group.data, dict) and "NewInstancesProtectedFromScaleIn" in group.data
        state = "is false" if written else "is not set, and false by default"
        message = (
            f"capacity provider '{provider.name}' turns on managed termination protection, but its Auto Scaling "
            f"group '{group.name}' does not protect new instances from scale in (`NewInstancesProtectedFromScaleIn` "
            f"{state}): ECS documents that protection as required (CreateCapacityProvider used to reject this), and "
            "instances launched unprotected can be terminated by a scale-in while they run tasks; set "
            "`NewInstancesProtectedFromScaleIn: true` on the group"
        )
        places = [(provider.doc, ("autoScalingGroupProvider", "managedTerminationProtection"), "value")]
        if written:
            places.insert(0, (group, ("NewInstancesProtectedFromScaleIn",), "value"))
        for doc, path, target in places:
            if not doc.context:
                yield Violation(path, message, target=target, document=doc)
                break
