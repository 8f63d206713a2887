"""ECR404: a repository encrypted with AES256 rather than a KMS key."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.repository import Repository


# Not mapped to aws-config:ecr-repository-cmk-encryption-enabled (nor security-hub:ECR.5, whose use of
# it is unverified): it also fails KMS with the AWS managed key, which this rule does not report.
@rule(
    id="ECR404",
    name="repository-not-kms-encrypted",
    severity="note",
    enabled=False,
    kinds=("repository",),
    tags=("ecr", "security", "encryption"),
    security_severity=3.0,
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EncryptionConfiguration.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html",
        "https://docs.aws.amazon.com/config/latest/developerguide/ecr-repository-cmk-encryption-enabled.html",
    ),
)
def repository_not_kms_encrypted(repository: Repository, ctx: Context) -> Iterator[Violation]:
    """A repository encrypted with AES256, the default, rather than a KMS key (off by default).

    What it does:
        Reports a repository whose ``encryptionConfiguration.encryptionType`` is
        ``AES256``, written or left out (AES256 is the default of the API,
        CloudFormation and Terraform). ``KMS`` and ``KMS_DSSE`` are not reported, also
        without a ``kmsKey`` (the AWS managed key ``aws/ecr``), although the AWS Config
        rule ``ecr-repository-cmk-encryption-enabled`` wants a customer managed key.
        Off by default: select it with ``--extend-select ECR404``.

    Why it matters:
        AES256 encrypts images with keys Amazon S3 manages: nobody can restrict,
        audit or revoke the use of the key. A KMS key puts every image read under a key
        policy and in CloudTrail. Encryption is set when the repository is created and
        cannot be changed afterwards. Security Hub control ECR.5 asks for a customer
        managed KMS key.

    Example:
        Bad:

        ```json
        {"repositoryName": "web", "imageTagMutability": "IMMUTABLE", "encryptionConfiguration": {"encryptionType": "AES256"}}
        ```

        Good:

        ```json
        {"repositoryName": "web", "imageTagMutability": "IMMUTABLE",
         "encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}
        ```

    How to fix:
        Create the repository with ``encryptionConfiguration: {"encryptionType": "KMS",
        "kmsKey": "<key ARN>"}`` (CloudFormation ``EncryptionConfiguration``, Terraform
        ``encryption_configuration``). An existing repository cannot be re-encrypted:
        create a new one and copy the images.
    """
    if repository.encryption_type != "AES256":
        return
    config = repository.data.get("encryptionConfiguration")
    state = "is AES256" if isinstance(config, dict) and "encryptionType" in config else "is not set, and AES256 by default"
    # When the member is missing, the finding lands on its nearest written parent.
    yield Violation(
        ("encryptionConfiguration", "encryptionType"),
        f"repository '{repository.name}' is not encrypted with a KMS key (`encryptionType` {state}): the use of "
        "its key cannot be restricted or audited through a key policy (Security Hub ECR.5); create it with "
        "`encryptionType` KMS and a `kmsKey` of yours (encryption cannot change after creation)",
    )
