"""ECS704: a cluster's ECS Exec configuration without logging or without a KMS key."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.cluster import Cluster
from ecslint.model.values import string


@rule(
    id="ECS704",
    name="exec-logging-not-configured",
    severity="note",
    enabled=False,
    kinds=("cluster",),
    tags=("cluster", "logging", "security"),
    security_severity=3.0,
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html",
    ),
)
def exec_logging_not_configured(cluster: Cluster, ctx: Context) -> Iterator[Violation]:
    """A cluster's ECS Exec configuration that turns session logging off, or sets no KMS key (off by default).

    What it does:
        Reads the cluster's ``configuration.executeCommandConfiguration`` and reports
        ``logging: NONE`` (sessions are not logged), and a configuration without
        ``kmsKeyId`` (the session data between the client and the container is not
        encrypted with a key of yours). A cluster without an ECS Exec configuration is
        not reported: its sessions are logged through the task's awslogs configuration
        (``DEFAULT``), and it may not use ECS Exec at all. These are checkov's
        CKV_AWS_223 and CKV_AWS_224 (which also wants the log destination encrypted).
        Off by default: select it with ``--extend-select ECS704``.

    Why it matters:
        ECS Exec opens an interactive shell in a running container, usually as root.
        Without session logging there is no record of the commands people ran in
        production containers; without a KMS key, access to the session cannot be
        governed (and audited) through a key policy.

    Example:
        Bad:

        ```json
        {"clusterName": "prod", "configuration": {"executeCommandConfiguration": {"logging": "NONE"}}}
        ```

        Good:

        ```json
        {"clusterName": "prod", "configuration": {"executeCommandConfiguration": {
          "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "logging": "OVERRIDE",
          "logConfiguration": {"cloudWatchLogGroupName": "/ecs/exec", "cloudWatchEncryptionEnabled": true}}}}
        ```

    How to fix:
        Set ``logging`` to ``DEFAULT`` (the task's awslogs configuration) or
        ``OVERRIDE`` with a ``logConfiguration`` (a CloudWatch Logs group or an S3
        bucket, with encryption enabled), and ``kmsKeyId`` to a KMS key whose policy
        lets the people who may use ECS Exec use it.
    """
    config = cluster.execute_command_configuration
    if not isinstance(config, dict):
        return
    base = ("configuration", "executeCommandConfiguration")
    if string(config.get("logging")) == "NONE":
        yield Violation(
            base + ("logging",),
            f"cluster '{cluster.name}' does not log ECS Exec sessions (`logging` is NONE): there is no record of "
            "the commands run in its containers; set `logging` to DEFAULT (the task's awslogs configuration) or "
            "OVERRIDE with a `logConfiguration`",
        )
    if "kmsKeyId" not in config:
        yield Violation(
            base + ("kmsKeyId",),  # missing: on its parent's key
            f"cluster '{cluster.name}' configures ECS Exec without `kmsKeyId`: the session data between client and "
            "container is not encrypted with a key of yours, whose policy could govern and audit who opens "
            "sessions; set `kmsKeyId` to a KMS key",
        )
