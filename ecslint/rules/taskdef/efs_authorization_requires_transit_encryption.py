"""ECS118: EFS IAM authorization or an access point without transit encryption."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS118",
    name="efs-authorization-requires-transit-encryption",
    severity="error",
    kinds=("task-definition",),
    tags=("storage", "security"),
    security_severity=5.5,
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSAuthorizationConfig.html",
    ),
)
def efs_authorization_requires_transit_encryption(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An EFS volume uses IAM authorization or an access point without `transitEncryption: ENABLED`.

    What it does:
        Reports an ``efsVolumeConfiguration`` whose ``authorizationConfig`` has
        ``iam: ENABLED`` or an ``accessPointId`` while ``transitEncryption`` is
        ``DISABLED`` or omitted (omitted means ``DISABLED``): at the ``transitEncryption``
        value, or on ``efsVolumeConfiguration`` when it is missing. An access point
        created in the same template or module (``!Ref DataAccessPoint``,
        ``aws_efs_access_point.data.id``) is one, though its id is known only once
        deployed; other templated values are not judged.

    Why it matters:
        The EFS mount helper can only present the task's IAM identity or the access
        point over TLS, so the API requires transit encryption with either ("Transit
        encryption must be turned on if Amazon EFS IAM authorization is used", "If an
        access point is used, transit encryption must be on"); ECS rejects the task
        definition otherwise.

    Example:
        Bad:

        ```json
        {"family": "files", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/docker/library/busybox:1.36",
           "mountPoints": [{"sourceVolume": "shared", "containerPath": "/mnt/shared"}]}],
         "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0",
           "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0", "iam": "ENABLED"}}}]}
        ```

        Good:

        ```json
        {"family": "files", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/docker/library/busybox:1.36",
           "mountPoints": [{"sourceVolume": "shared", "containerPath": "/mnt/shared"}]}],
         "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED",
           "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0", "iam": "ENABLED"}}}]}
        ```

    How to fix:
        Set ``"transitEncryption": "ENABLED"`` on the EFS volume (optionally with a
        ``transitEncryptionPort``), or drop the IAM authorization and access point.
    """
    for volume in td.volumes:
        config = volume.efs_configuration
        if config is None:
            continue
        encryption = volume.efs_transit_encryption
        if encryption != "DISABLED":
            continue  # ENABLED, templated, or not a valid value (the schema rules report that)
        iam, point = volume.efs_iam, volume.efs_access_point
        uses = []
        if iam == "ENABLED":
            uses.append("IAM authorization (`iam: ENABLED`)")
        if isinstance(point, str):
            uses.append(f"access point `{point}`")
        if not uses:
            continue
        label = volume.label
        state = "is DISABLED" if "transitEncryption" in config else "is not set (DISABLED by default)"
        base = volume.path + ("efsVolumeConfiguration",)
        yield Violation(
            base + ("transitEncryption",) if "transitEncryption" in config else base,
            f"{label} uses {' and '.join(uses)} but `transitEncryption` {state}; EFS authorization requires "
            'transit encryption: set `"transitEncryption": "ENABLED"`',
            "value" if "transitEncryption" in config else "key",
        )
