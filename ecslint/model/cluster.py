"""A typed, lenient view of a cluster (CreateCluster input, ``AWS::ECS::Cluster``,
``aws_ecs_cluster``).

Defaults (botocore ECS model, CreateCluster): Container Insights follows the account
setting ``containerInsights`` when the cluster's ``settings`` do not name it; ECS Exec
logging is ``DEFAULT`` (the awslogs configuration of the task) when
``executeCommandConfiguration`` is absent.

describe-clusters output holds ``settings`` only when asked for (``--include SETTINGS``)
and ``configuration`` only with ``--include CONFIGURATIONS``: there, an absent member is
unknown, not unset.
"""

from __future__ import annotations

from ecslint.core.finding import Path
from ecslint.model.base import DocumentView
from ecslint.model.values import Maybe, UNKNOWN, cached, items, mapping, string


class Cluster(DocumentView):
    kind = "cluster"

    @property
    def is_describe(self) -> bool:
        """describe-clusters (or create-cluster) output: members are listed on request."""
        return self.doc.shape == "describe"

    @cached
    def cluster_name(self) -> Maybe[str]:
        return string(self.data.get("clusterName"))

    @cached
    def container_insights(self) -> tuple[Maybe[str], Path | None]:
        """The ``containerInsights`` setting's value (``enabled``, ``enhanced``,
        ``disabled``; None when the cluster does not set it) and its path."""
        raw = self.data.get("settings")
        if string(raw) is UNKNOWN or (raw is None and self.is_describe):
            return UNKNOWN, ("settings",)
        for index, entry in items(raw):
            name = string(entry.get("name"))
            if name is UNKNOWN:
                return UNKNOWN, ("settings", index)
            if name == "containerInsights":
                value = string(entry.get("value"))
                return (value.lower() if isinstance(value, str) else value), ("settings", index, "value")
        return None, None

    @cached
    def execute_command_configuration(self) -> Maybe[dict]:
        """``configuration.executeCommandConfiguration``; None when absent."""
        configuration = self.data.get("configuration")
        if string(configuration) is UNKNOWN or (configuration is None and self.is_describe):
            return UNKNOWN
        raw = mapping(configuration).get("executeCommandConfiguration")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        return raw if isinstance(raw, dict) else None

    @cached
    def capacity_providers(self) -> Maybe[tuple[str, ...]]:
        """``capacityProviders`` by name (empty when absent); UNKNOWN for placeholders."""
        raw = self.data.get("capacityProviders")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        names = []
        for value in raw if isinstance(raw, list) else ():
            name = string(value)
            if name is UNKNOWN:
                return UNKNOWN
            if isinstance(name, str):
                names.append(name)
        return tuple(names)
