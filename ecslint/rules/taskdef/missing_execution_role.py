"""ECS111: the task needs an execution role it does not have."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Path, Target, Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import Container, TaskDefinition
from ecslint.model.values import UNKNOWN, nonempty_list, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

_SECRETS_ERROR = "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'."
_AWSLOGS_ERROR = "Fargate requires task definition to have execution role ARN to support log driver awslogs."
_ECR_ERROR = "Fargate requires task definition to have execution role ARN to support ECR images."
#: Members whose contents the role must also be allowed to read.
_READS = ("secrets", "secretOptions", "repositoryCredentials", "environmentFiles")


@rule(
    id="ECS111",
    name="missing-execution-role",
    severity="error",
    kinds=("task-definition",),
    tags=("iam", "correctness"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html",
        "https://github.com/fabfuel/ecs-deploy/issues/87",
        "https://github.com/virtual-kubelet/virtual-kubelet/issues/193",
        "https://github.com/jenkinsci/amazon-ecs-plugin/issues/53",
    ),
)
def missing_execution_role(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The task uses secrets, registry credentials, environment files, or (Fargate, ECS Anywhere) awslogs or private ECR images, but has no `executionRoleArn`.

    What it does:
        Without a task-level ``executionRoleArn`` (absent, ``null`` or empty), reports the
        first thing that needs one, and lists the others in the message:

        - on any launch type: container ``secrets``, ``logConfiguration.secretOptions``,
          ``repositoryCredentials`` and ``environmentFiles`` (non-empty);
        - when ``requiresCompatibilities`` names ``FARGATE`` or ``EXTERNAL``: the
          ``awslogs`` log driver, and images from a private ECR registry
          (``<account>.dkr.ecr.<region>.amazonaws.com/...``, also with the account,
          Region or domain left to a template, as in CloudFormation's
          ``${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}``; a registry
          templated otherwise is not judged). On EC2 the container instance role does
          these two jobs.

        A Terraform container array is skipped (the role is set on the resource, not in
        the array), and so is a templated role. An empty ``credentialsParameter`` (as
        console exports write it) counts as no registry credentials. Managed Instances
        are not judged for ``awslogs`` and ECR images: only Fargate and ECS Anywhere are
        documented to need the execution role for them.

    Why it matters:
        The execution role is what the ECS agent (not your application) uses to pull
        from ECR, create log streams, read secrets and download environment files.
        Registration is refused ("When you are specifying container secrets, you must
        also specify a value for 'executionRoleArn'.", "Fargate requires task definition
        to have execution role ARN to support log driver awslogs.", "Fargate requires task
        definition to have execution role ARN to support ECR images."), or the task fails
        to start when the agent cannot fetch the credentials or files.

    Example:
        Bad:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password"}]}]}
        ```

        Good:

        ```json
        {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
         "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
           "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password"}]}]}
        ```

    How to fix:
        Add ``"executionRoleArn"`` with a role ECS tasks can assume
        (``ecs-tasks.amazonaws.com``) that has ``AmazonECSTaskExecutionRolePolicy`` (ECR
        pulls, CloudWatch Logs) plus what the task reads: ``ssm:GetParameters`` or
        ``secretsmanager:GetSecretValue`` (and ``kms:Decrypt`` for a customer key) for
        secrets and registry credentials, ``s3:GetObject`` and ``s3:GetBucketLocation``
        for environment files.
    """
    if td.is_bare_array:
        return
    raw = td.data.get("executionRoleArn")
    role = string(raw)
    if role is UNKNOWN or (isinstance(role, str) and role.strip()):
        return
    if raw is not None and role is None:
        return  # malformed (a number, an object): the schema rules report it
    required = td.requires_compatibilities
    pulls = "" if required is UNKNOWN or not required else next((lt for lt in ("FARGATE", "EXTERNAL") if lt in required), "")
    needs: list[tuple[Path, Target, str, str]] = []
    for container in td.containers:
        needs.extend(_needs(container, pulls))
    if not needs:
        return
    path, target, first, error = needs[0]
    others = [what for _, _, what, _ in needs[1:]]
    also = ""
    if others:
        shown = "; ".join(others[:4]) + ("; ..." if len(others) > 4 else "")
        also = f" (also needed by: {shown})"
    quoted = f' ("{error}")' if error else ""
    reads = any(p[-1] in _READS for p, _, _, _ in needs)
    yield Violation(
        path,
        f"{first} but the task definition has no `executionRoleArn`{quoted}{also}: add an `executionRoleArn` "
        "whose role has AmazonECSTaskExecutionRolePolicy"
        + (" and read access to the secrets and files referenced" if reads else ""),
        target,
    )


def _needs(container: Container, pulls: str) -> Iterator[tuple[Path, Target, str, str]]:
    label = container.label
    data = container.data
    if nonempty_list(data.get("secrets")):
        yield container.field("secrets"), "key", f"{label} injects `secrets`", _SECRETS_ERROR
    config = data.get("logConfiguration")
    if isinstance(config, dict) and nonempty_list(config.get("secretOptions")):
        yield (
            container.field("logConfiguration") + ("secretOptions",),
            "key",
            f"{label} passes log driver `secretOptions`",
            _SECRETS_ERROR,
        )
    credentials = container.repository_credentials
    if credentials is UNKNOWN or (isinstance(credentials, str) and credentials.strip()):
        yield (
            container.field("repositoryCredentials"),
            "key",
            f"{label} pulls with `repositoryCredentials` (read from Secrets Manager by the execution role)",
            "",
        )
    if nonempty_list(data.get("environmentFiles")):
        yield (
            container.field("environmentFiles"),
            "key",
            f"{label} loads `environmentFiles` from S3 (downloaded with the execution role)",
            "",
        )
    if not pulls:
        return
    where = "on Fargate" if pulls == "FARGATE" else "on ECS Anywhere (EXTERNAL)"
    if container.log_driver == "awslogs":
        yield (
            container.field("logConfiguration") + ("logDriver",),
            "value",
            f"{label} uses the `awslogs` log driver {where}",
            _AWSLOGS_ERROR if pulls == "FARGATE" else "",
        )
    image = container.image_reference
    if image is not None and image is not UNKNOWN and image.is_ecr_private is True:
        yield (
            container.field("image"),
            "value",
            f"{label} pulls a private ECR image {where}",
            _ECR_ERROR if pulls == "FARGATE" else "",
        )
