"""ECS114: a secret reference that is neither an SSM parameter nor a Secrets Manager secret."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS114",
    name="invalid-secret-reference",
    severity="error",
    kinds=("task-definition",),
    tags=("secrets", "correctness"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Secret.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RepositoryCredentials.html",
    ),
)
def invalid_secret_reference(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A `valueFrom` (or `credentialsParameter`) that is not a valid SSM parameter name/ARN or Secrets Manager ARN.

    What it does:
        Checks ``secrets[].valueFrom`` and ``logConfiguration.secretOptions[].valueFrom``
        against the forms ECS accepts, and ``repositoryCredentials.credentialsParameter``
        (a Secrets Manager secret ARN, or its name in the same Region):

        - an SSM parameter name (same Region): letters, digits, ``_ . -``, with ``/``
          between hierarchy levels, and then a leading ``/`` (``/prod/db/password``);
        - an SSM parameter ARN ``arn:aws:ssm:<region>:<account>:parameter/<name>``;
        - a Secrets Manager ARN ``arn:aws:secretsmanager:<region>:<account>:secret:<name>``,
          alone or followed by exactly three fields ``:json-key:version-stage:version-id``
          (each may be empty, e.g. ``...:password::``), with stage and id not both set.
          The name holds letters, digits and ``/_+=.@-``, and ``!`` in the secrets other
          AWS services manage (``secret:rds!db-<uuid>-AbCdEf``, the master password RDS
          keeps in Secrets Manager).

        Other ARNs (KMS, S3, ...), malformed ARNs (missing fields, a Region or account
        that is not one) and stray colons or spaces are reported at the value. To stay
        free of false positives, any other plain name is accepted as an SSM parameter
        name in the task's Region (ECS looks it up there; whether it exists is not
        checked), a Secrets Manager ARN need not carry its six-character suffix, and an
        extra ``/`` after ``parameter/`` is not judged. Templated values, and ARNs whose
        Region or account is a stand-in such as ``REGION`` or ``ACCOUNT_ID``, are not
        judged; an empty ``credentialsParameter`` (console exports write one) means no
        credentials. The value itself is never quoted in the message.

    Why it matters:
        ECS resolves the reference only when a task starts: the task stops with
        ``ResourceInitializationError`` ("an invalid ARN format for the AWS Secrets
        Manager secret was specified", SSM ``ValidationException``), and a service keeps
        launching tasks that fail. A Secrets Manager ARN with one selector
        (``...:secret:db-AbCdEf:password``) is a common slip: ECS needs all three colons.

    Example:
        Bad:

        ```json
        {"family": "api", "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password"}]}]}
        ```

        Good:

        ```json
        {"family": "api", "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::"}]}]}
        ```

    How to fix:
        Use the parameter's name (``/prod/db/password``) or ARN, or the secret's full ARN
        as the Secrets Manager console shows it, adding ``:json-key:version-stage:version-id``
        with all three colons to select a JSON key or version. Registry credentials take
        the secret's ARN without selectors.
    """
    from ecslint.model import arns

    for container in td.containers:
        label = container.label
        refs = [(path, name, value, "secret") for path, name, value in container.secrets]
        refs += [(path, name, value, "log secret option") for path, name, value in container.secret_option_refs]
        for path, name, value, what in refs:
            if not isinstance(value, str) or arns.is_templated(value):
                continue
            problem = arns.secret_reference_problem(value)
            if problem:
                named = f" `{name}`" if isinstance(name, str) and name else ""
                yield Violation(
                    path + ("valueFrom",),
                    f"{label}: {what}{named} has a `valueFrom` ECS cannot resolve: {problem}; use an SSM parameter "
                    "name or ARN, or a Secrets Manager secret ARN",
                )
        credentials = container.repository_credentials
        if isinstance(credentials, str) and credentials.strip() and not arns.is_templated(credentials):
            problem = arns.credentials_parameter_problem(credentials)
            if problem:
                yield Violation(
                    container.field("repositoryCredentials") + ("credentialsParameter",),
                    f"{label}: `repositoryCredentials.credentialsParameter` is not a Secrets Manager secret: {problem}; "
                    "use the ARN (or, in the same Region, the name) of the secret holding the registry credentials",
                )
