"""A typed, lenient view of a capacity provider (CreateCapacityProvider input,
``AWS::ECS::CapacityProvider``, ``aws_ecs_capacity_provider``).

Defaults (botocore ECS model, AutoScalingGroupProvider): ``managedTerminationProtection``
"The default is off"; ``managedScaling.status`` has no documented default when the block is
omitted (iac-sources.md §5.6: unverified), so it reads as UNKNOWN then, never as a value.
"""

from __future__ import annotations

from ecslint.load.source import Document
from ecslint.model.base import DocumentView
from ecslint.model.values import Maybe, UNKNOWN, boolean, cached, mapping, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any


class CapacityProvider(DocumentView):
    kind = "capacity-provider"

    @cached
    def provider_name(self) -> Maybe[str]:
        return string(self.data.get("name"))

    @cached
    def auto_scaling_group_provider(self) -> Maybe[dict]:
        raw = self.data.get("autoScalingGroupProvider")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        return raw if isinstance(raw, dict) else None

    @property
    def auto_scaling_group(self) -> Any:
        """``autoScalingGroupArn`` as written: an ARN or name, or a reference to the
        template's own group (which the workspace resolves)."""
        provider = self.auto_scaling_group_provider
        return mapping(provider).get("autoScalingGroupArn") if isinstance(provider, dict) else None

    @cached
    def managed_scaling_status(self) -> Maybe[str]:
        """``managedScaling.status`` (ENABLED/DISABLED); UNKNOWN when the block or the
        status is omitted (no documented default) or templated."""
        provider = self.auto_scaling_group_provider
        if not isinstance(provider, dict):
            return provider
        scaling = provider.get("managedScaling")
        if not isinstance(scaling, dict):
            return UNKNOWN
        status = string(scaling.get("status"))
        return UNKNOWN if status is None else status

    @cached
    def managed_termination_protection(self) -> Maybe[str]:
        """``managedTerminationProtection``: DISABLED when omitted (the API's default)."""
        provider = self.auto_scaling_group_provider
        if not isinstance(provider, dict):
            return provider
        value = string(provider.get("managedTerminationProtection"))
        return "DISABLED" if value is None else value


def new_instances_protected(group: Document) -> Maybe[bool]:
    """An Auto Scaling group's ``NewInstancesProtectedFromScaleIn`` (CreateAutoScalingGroup
    input, describe output, ``AWS::AutoScaling::AutoScalingGroup``): false when omitted
    (the Auto Scaling default); a template may write the boolean as ``"true"``."""
    raw = group.data.get("NewInstancesProtectedFromScaleIn") if isinstance(group.data, dict) else None
    if isinstance(raw, str) and raw in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return raw.lower() == "true"
    value = boolean(raw)
    return False if raw is None else value
