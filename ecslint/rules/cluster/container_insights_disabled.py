"""ECS701: a cluster without Container Insights."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.cluster import Cluster
from ecslint.model.values import UNKNOWN


@rule(
    id="ECS701",
    name="container-insights-disabled",
    severity="note",
    kinds=("cluster",),
    tags=("cluster", "observability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ClusterSetting.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-container-insights.html",
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
    ),
    compliance=(
        "security-hub:ECS.12",
        "control-tower:CT.ECS.PR.2",
        "aws-config:ecs-container-insights-enabled",
    ),
)
def container_insights_disabled(cluster: Cluster, ctx: Context) -> Iterator[Violation]:
    """A cluster whose settings do not turn Container Insights on (Security Hub ECS.12).

    What it does:
        Reads the cluster's ``containerInsights`` setting (``settings`` in create-cluster
        input and describe-clusters output, ``ClusterSettings`` in CloudFormation) and
        reports ``disabled``, and a cluster that does not set it. ``enabled`` and
        ``enhanced`` (Container Insights with enhanced observability) both count as on.
        A cluster that does not name the setting takes the account's default
        (``aws ecs put-account-setting-default --name containerInsights``), which the
        file does not show: the message says the file does not turn it on, and the rule
        is a note. describe-clusters output lists settings only with
        ``--include SETTINGS``; without them nothing is judged.

    Why it matters:
        Without Container Insights, CloudWatch has no per-task and per-service CPU,
        memory, network and storage metrics, nor the performance log events behind
        them: right-sizing, alarms on a service's memory and the investigation of a task
        that was stopped for running out of memory have nothing to work from. Security
        Hub control ECS.12 and Control Tower's CT.ECS.PR.2 require it.

    Example:
        Bad:

        ```json
        {"clusterName": "prod", "settings": [{"name": "containerInsights", "value": "disabled"}]}
        ```

        Good:

        ```json
        {"clusterName": "prod", "settings": [{"name": "containerInsights", "value": "enhanced"}]}
        ```

    How to fix:
        Add the setting to the cluster: ``"settings": [{"name": "containerInsights",
        "value": "enabled"}]`` (or ``"enhanced"``); in CloudFormation ``ClusterSettings:
        [{Name: containerInsights, Value: enabled}]``, in Terraform ``setting { name =
        "containerInsights" value = "enabled" }``. For an existing cluster,
        ``aws ecs update-cluster-settings`` changes it in place. Container Insights is
        billed as CloudWatch custom metrics and logs.
    """
    value, path = cluster.container_insights
    if value is UNKNOWN or value in ("enabled", "enhanced"):
        return
    if value == "disabled" and path is not None:
        yield Violation(
            path,
            f"cluster '{cluster.name}' turns Container Insights off: CloudWatch gets no per-task or per-service "
            "CPU, memory, network and storage metrics for it (Security Hub ECS.12); set the `containerInsights` "
            "setting to `enabled` or `enhanced`",
        )
    elif value is None and path is None:
        where = ("settings",) if "settings" in cluster.data else ()
        yield Violation(
            where,
            f"cluster '{cluster.name}' does not turn Container Insights on in this file: unless the account's "
            "default `containerInsights` setting does, CloudWatch gets no per-task or per-service CPU, memory, "
            "network and storage metrics for it (Security Hub ECS.12); add the setting "
            '{"name": "containerInsights", "value": "enabled"} (or "enhanced")',
            target="key",
        )
