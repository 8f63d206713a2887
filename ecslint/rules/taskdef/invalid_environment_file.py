"""ECS116: an environment file ECS cannot load."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: Environment files per container (API ContainerDefinition.environmentFiles).
MAX_FILES = 10


@rule(
    id="ECS116",
    name="invalid-environment-file",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EnvironmentFile.html",
    ),
)
def invalid_environment_file(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An environment file that is not an S3 object ARN ending in `.env`, has a type other than `s3`, or one file too many.

    What it does:
        For each ``environmentFiles`` entry, reports a ``value`` that is not an S3 object
        ARN ``arn:<partition>:s3:::<bucket>/<key>.env`` (partitions ``aws``, ``aws-cn``,
        ``aws-us-gov``): an ``s3://`` URL, an ARN with a Region or account, a bucket
        without a key, a key without the ``.env`` extension; and a ``type`` other than
        ``s3`` (the only type; an empty one reads as unset). More than 10 files in one
        container are reported on ``environmentFiles``. Templated values are not judged.
        The message quotes the value with what looks secret masked: a presigned URL's
        ``X-Amz-Credential``, ``X-Amz-Signature`` and ``X-Amz-Security-Token``.

    Why it matters:
        ECS downloads the files from S3 with the execution role when the task starts. A
        value it cannot read as an S3 object ARN, or without the ``.env`` extension the
        feature requires, is refused, and so are more than 10 files per container.

    Example:
        Bad:

        ```json
        {"family": "api", "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "environmentFiles": [{"value": "s3://my-config-bucket/api/prod.env", "type": "s3"}]}]}
        ```

        Good:

        ```json
        {"family": "api", "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "environmentFiles": [{"value": "arn:aws:s3:::my-config-bucket/api/prod.env", "type": "s3"}]}]}
        ```

    How to fix:
        Write ``"value": "arn:aws:s3:::<bucket>/<key>.env"`` and ``"type": "s3"``; name
        the file with the ``.env`` extension; merge files so that a container loads at
        most 10.
    """
    from ecslint.model import arns

    for container in td.containers:
        label = container.label
        raw = container.data.get("environmentFiles")
        if isinstance(raw, list) and len(raw) > MAX_FILES:
            yield Violation(
                container.field("environmentFiles"),
                f"{label} lists {len(raw)} environment files; ECS allows at most {MAX_FILES} per container: "
                "merge some of them",
                "key",
            )
        for path, value, kind in container.environment_files:
            if isinstance(kind, str) and kind and kind != "s3":
                yield Violation(
                    path + ("type",),
                    f'{label}: environment file type `{kind}` is not supported; the only type is "s3"',
                )
            if not isinstance(value, str) or arns.is_templated(value):
                continue
            problem = arns.s3_object_arn_problem(value)
            if problem:
                from ecslint.rules.security.secret_in_environment import mask_secrets

                shown = mask_secrets(value)  # a presigned URL's credential and signature are never quoted
                shown = shown if len(shown) <= 100 else shown[:97] + "..."
                yield Violation(
                    path + ("value",),
                    f"{label}: environment file `{shown}` is not an S3 object ARN ECS can load: {problem}",
                )
