"""ECS409: an EFS volume without encryption in transit."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS409",
    name="efs-transit-encryption-disabled",
    severity="warning",
    kinds=("task-definition",),
    tags=("security",),
    security_severity=5.5,
    sources=(
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html",
    ),
    compliance=(
        "security-hub:ECS.18",
        "aws-config:ecs-task-definition-efs-encryption-enabled",
    ),
)
def efs_transit_encryption_disabled(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An EFS volume without `transitEncryption: ENABLED` (Security Hub ECS.18).

    What it does:
        Reports each volume with an ``efsVolumeConfiguration`` whose
        ``transitEncryption`` is ``DISABLED`` (at the value) or omitted, which means
        ``DISABLED`` (at ``efsVolumeConfiguration``). Placeholders are not judged; a
        value outside the enum is ``invalid-value``'s.

    Why it matters:
        Without transit encryption the task reads and writes the file system over
        plain NFS: anyone who can observe the traffic in the VPC sees the data.
        Security Hub control ECS.18 (Medium) fails such task definitions. Encryption
        also is a prerequisite for EFS IAM authorization and access points.

    Example:
        Bad:

        ```json
        {"family": "app", "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0"}}],
         "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}]}
        ```

        Good:

        ```json
        {"family": "app", "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}],
         "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}]}
        ```

    How to fix:
        Set ``"transitEncryption": "ENABLED"`` (optionally ``transitEncryptionPort``),
        and preferably ``authorizationConfig`` with ``iam: ENABLED`` and an access
        point. The EFS mount helper then uses TLS; on EC2 the ECS-optimized AMI has it.
    """
    for volume in td.volumes:
        config = volume.efs_configuration
        if config is None:
            continue
        value = volume.efs_transit_encryption
        if value != "DISABLED":
            continue
        label = volume.label
        if "transitEncryption" in config:
            yield Violation(
                volume.path + ("efsVolumeConfiguration", "transitEncryption"),
                f"EFS {label}: transitEncryption is DISABLED, so file data crosses the network unencrypted: "
                "set it to ENABLED",
            )
        else:
            yield Violation(
                volume.path + ("efsVolumeConfiguration", "transitEncryption"),
                f"EFS {label}: transitEncryption is not set, and the default is DISABLED, so file data crosses "
                "the network unencrypted: add \"transitEncryption\": \"ENABLED\"",
                "key",
            )
