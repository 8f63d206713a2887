"""A typed, lenient view of a load balancer target group (CreateTargetGroup input,
``AWS::ElasticLoadBalancingV2::TargetGroup``, ``aws_lb_target_group``).

The Elastic Load Balancing API is PascalCase, and so is this document. Defaults
(botocore elbv2 model; iac-sources.md §4, the same in every source): ``TargetType``
instance; ``HealthCheckPort`` ``traffic-port``.
"""

from __future__ import annotations

from ecslint.model.base import DocumentView
from ecslint.model.values import Maybe, cached, integer, string


class TargetGroup(DocumentView):
    kind = "target-group"

    @cached
    def target_group_name(self) -> Maybe[str]:
        """``Name`` (CreateTargetGroup input, templates), or ``TargetGroupName`` (describe
        output)."""
        return string(self.data.get("Name", self.data.get("TargetGroupName")))

    @cached
    def arn(self) -> Maybe[str]:
        """``TargetGroupArn`` (describe output only)."""
        return string(self.data.get("TargetGroupArn"))

    @cached
    def target_type(self) -> Maybe[str]:
        value = string(self.data.get("TargetType"))
        return "instance" if value is None else value

    @cached
    def health_check_port(self) -> Maybe[str]:
        """``HealthCheckPort`` as text (``traffic-port`` when omitted)."""
        raw = self.data.get("HealthCheckPort")
        number = integer(raw)
        if isinstance(number, int):
            return str(number)
        value = string(raw)
        return "traffic-port" if value is None else value

    @cached
    def port(self) -> Maybe[int]:
        return integer(self.data.get("Port"))

    @cached
    def protocol(self) -> Maybe[str]:
        return string(self.data.get("Protocol"))
