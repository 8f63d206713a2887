"""The references a task definition makes to secrets and S3 objects, and their grammar.

Facts (../shared/reference/ecs-task-and-service.md §7.1, §7.2):

- ``secrets[].valueFrom`` and ``logConfiguration.secretOptions[].valueFrom``: an SSM
  Parameter Store parameter *name* (same Region) or ARN
  ``arn:<partition>:ssm:<region>:<account>:parameter/<name>``, or a Secrets Manager ARN
  ``arn:<partition>:secretsmanager:<region>:<account>:secret:<name>`` optionally followed by
  ``:<json-key>:<version-stage>:<version-id>`` (all three colons kept, each field may be
  empty; stage and id are mutually exclusive). The ECS agent accepts exactly the secret
  ARN alone or with all three selectors ("an invalid ARN format for the AWS Secrets
  Manager secret was specified", agent/taskresource/asmsecret). Anything that is not an
  ARN is looked up as an SSM parameter name: letters, digits, ``_ . -``, and ``/`` between
  the levels of a hierarchy, which must then start with ``/`` (SSM's validation message:
  "If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path
  can be formed as a mix of letters, numbers and the following 3 symbols .-_").
- ``repositoryCredentials.credentialsParameter``: a Secrets Manager secret ARN, or its name
  in the same Region (secret names: letters, digits and ``/_+=.@-``).
- Secret names: the ones you create hold letters, digits and ``/_+=.@-`` (CreateSecret);
  the ones other AWS services create and manage start with the service and a ``!``
  (``rds!db-<uuid>``, ``rds!cluster-<uuid>`` for RDS master passwords, Secrets Manager
  "secrets managed by other AWS services"), so ``!`` is accepted too, as the AWS APIs that
  take a secret ARN do (AppSync's ``secretArn`` pattern ``secret:[0-9A-Za-z_/+=.@!-]*``).
- ``environmentFiles[].value``: an S3 object ARN ``arn:aws:s3:::<bucket>/<key>.env``
  (partitions aws, aws-cn, aws-us-gov).

Each ``*_problem`` function returns why a value is malformed, or None. Values with a
template token, and ARN Region or account fields written as words (``REGION``,
``region``, ``ACCOUNT_ID``, ``aws_account_id``, ``XXXXXXXXXXXX``), are not judged: ``is_templated`` tells the rules to stay silent.
"""

from __future__ import annotations

from ecslint.core.lazyre import lazy
from ecslint.model.images import TEMPLATE_TOKEN

_PARTITION = lazy(r"^aws(?:-[a-z]+)*$")
_REGION = lazy(r"^[a-z]{2,}(?:-[a-z]+)+-\d+$")
_ACCOUNT = lazy(r"^\d{12}$")
_SSM_LEVEL = r"[A-Za-z0-9_.-]+"
_SSM_NAME = lazy(rf"^/?{_SSM_LEVEL}(?:/{_SSM_LEVEL})*$")
_SSM_SELECTOR = lazy(r"^[A-Za-z0-9_.-]+$")  # GetParameters' name:version / name:label
_SECRET_NAME = lazy(r"^[A-Za-z0-9/_+=.@!-]+$")
#: Bucket names today are 3-63 of ``[a-z0-9.-]``; legacy us-east-1 buckets may also hold
#: upper case and ``_`` and be up to 255 long, so only other characters are judged.
_BUCKET = lazy(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$")
S3_PARTITIONS = ("aws", "aws-cn", "aws-us-gov")


def _stand_in(field: str) -> bool:
    """A Region or account field written as a word: real Regions end in a digit and real
    accounts are digits, so ``REGION``, ``region``, ``aws_account_id``, ``XXXXXXXXXXXX`` are
    placeholders to be substituted, not mistakes."""
    return field != "" and not any(ch.isdigit() for ch in field)


def is_templated(value: str) -> bool:
    """A template token anywhere, or an ARN whose region or account is a stand-in."""
    if TEMPLATE_TOKEN.search(value):
        return True
    if value.startswith("arn:"):
        parts = value.split(":", 5)
        return any(_stand_in(p) for p in parts[3:5])
    return False


def _arn_fields(value: str) -> tuple[list[str] | None, str | None]:
    """The six ARN fields, or the reason the value is not an ARN of that shape."""
    parts = value.split(":", 5)
    if len(parts) < 6:
        return None, "it starts with `arn:` but is not a complete ARN (`arn:partition:service:region:account:resource`)"
    if not _PARTITION.match(parts[1]):
        return None, f"its partition `{parts[1]}` is not an AWS partition (`aws`, `aws-cn`, `aws-us-gov`, ...)"
    return parts, None


def _region_account_problem(parts: list[str]) -> str | None:
    region, account = parts[3], parts[4]
    if not _REGION.match(region):
        return f"its Region field `{region}` is not a Region code such as `us-east-1`" if region else "its Region field is empty"
    if not _ACCOUNT.match(account):
        return f"its account field `{account}` is not a 12-digit account ID" if account else "its account field is empty"
    return None


def _ssm_name_problem(name: str, what: str) -> str | None:
    base, colon, selector = name.partition(":")
    if colon and not _SSM_SELECTOR.match(selector):
        return f"{what} has more than one `:` selector or an invalid one; a parameter name takes at most one `:version` or `:label`"
    if not _SSM_NAME.match(base):
        if "//" in base or base.endswith("/"):
            return f"{what} has an empty level (`//` or a trailing `/`)"
        return f"{what} may only hold letters, digits, `_`, `.`, `-` and `/` between hierarchy levels"
    if "/" in base and not base.startswith("/"):
        return (
            f"{what} is a hierarchy but does not start with `/` (SSM requires fully qualified names such as "
            "`/prod/db/password`; a Secrets Manager secret needs its full ARN)"
        )
    return None


def _secretsmanager_problem(parts: list[str], selectors: bool) -> str | None:
    resource = parts[5]
    if not resource.startswith("secret:"):
        return "a Secrets Manager ARN's resource must be `secret:<name>`"
    fields = resource[len("secret:"):].split(":")
    name = fields[0]
    if not name:
        return "the secret name after `secret:` is empty"
    if not _SECRET_NAME.match(name):
        return "the secret name may only hold letters, digits and `/_+=.@-` (and `!` in a secret AWS manages)"
    if len(fields) == 1:
        return None
    if not selectors:
        return "it adds `:`-separated selectors after the secret name; give the secret's ARN alone"
    if len(fields) != 4:
        return (
            f"it has {len(fields) - 1} `:` field(s) after the secret name; ECS takes either none or exactly three "
            "(`:json-key:version-stage:version-id`, each may be empty, e.g. `...:password::`)"
        )
    if fields[2] and fields[3]:
        return "it sets both a version stage and a version id; they are mutually exclusive: keep one"
    return None


def secret_reference_problem(value: str) -> str | None:
    """``secrets[].valueFrom`` / ``secretOptions[].valueFrom``."""
    if value == "":
        return "it is empty"
    if any(ch.isspace() for ch in value):
        return "it contains whitespace"
    if not value.startswith("arn:"):
        return _ssm_name_problem(value, "as an SSM parameter name, it")
    parts, problem = _arn_fields(value)
    if parts is None:
        return problem
    service = parts[2]
    if service not in ("ssm", "secretsmanager"):
        return f"it is an ARN of `{service}`; secrets come from SSM Parameter Store (`ssm`) or Secrets Manager (`secretsmanager`)"
    problem = _region_account_problem(parts)
    if problem:
        return problem
    if service == "ssm":
        resource = parts[5]
        if not resource.startswith("parameter/"):
            return "an SSM parameter ARN's resource must be `parameter/<name>`"
        name = resource[len("parameter/"):]
        if name.startswith("/"):
            name = name[1:]  # `parameter//prod/db`: not documented either way, so not judged
        return _ssm_name_problem("/" + name if "/" in name else name, "the parameter name")
    return _secretsmanager_problem(parts, selectors=True)


def credentials_parameter_problem(value: str) -> str | None:
    """``repositoryCredentials.credentialsParameter``: a Secrets Manager ARN or name."""
    if any(ch.isspace() for ch in value):
        return "it contains whitespace"
    if not value.startswith("arn:"):
        if not _SECRET_NAME.match(value):
            return "as a Secrets Manager secret name, it may only hold letters, digits and `/_+=.@-` (and `!` in a secret AWS manages)"
        return None
    parts, problem = _arn_fields(value)
    if parts is None:
        return problem
    if parts[2] != "secretsmanager":
        return f"it is an ARN of `{parts[2]}`; private registry credentials must be a Secrets Manager secret"
    return _region_account_problem(parts) or _secretsmanager_problem(parts, selectors=False)


def s3_object_arn_problem(value: str) -> str | None:
    """``environmentFiles[].value``: ``arn:aws:s3:::bucket/key.env``."""
    if value == "":
        return "it is empty"
    if value != value.strip():
        return "it starts or ends with whitespace"
    if value.lower().startswith("s3://"):
        return f"it is an S3 URL; ECS takes the object ARN `arn:aws:s3:::{value[5:]}`"
    if not value.startswith("arn:"):
        return "it is not an ARN; ECS takes the S3 object ARN `arn:aws:s3:::<bucket>/<key>.env`"
    parts, problem = _arn_fields(value)
    if parts is None:
        return problem
    if parts[1] not in S3_PARTITIONS:
        return f"its partition `{parts[1]}` is not one of {', '.join(S3_PARTITIONS)}"
    if parts[2] != "s3":
        return f"it is an ARN of `{parts[2]}`, not of an S3 object"
    if parts[3] or parts[4]:
        return "an S3 object ARN has empty Region and account fields (`arn:aws:s3:::<bucket>/<key>`)"
    bucket, slash, key = parts[5].partition("/")
    if not slash or not key:
        return "it names a bucket, not an object; add the object key (`arn:aws:s3:::<bucket>/<key>.env`)"
    if not _BUCKET.match(bucket):
        return f"`{bucket}` is not a valid bucket name (letters, digits, `.`, `-` and `_`)"
    if not key.endswith(".env"):
        return "the object key does not end in `.env`; ECS requires the `.env` file extension"
    return None
