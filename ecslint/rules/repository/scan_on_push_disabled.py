"""ECR402: a repository that does not scan images on push."""

from __future__ import annotations

from typing import Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.repository import Repository


@rule(
    id="ECR402",
    name="scan-on-push-disabled",
    severity="note",
    kinds=("repository",),
    tags=("ecr", "security", "supply-chain"),
    security_severity=4.0,
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageScanningConfiguration.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html",
    ),
    compliance=(
        "security-hub:ECR.1",
        "control-tower:CT.ECR.PR.2",
        "aws-config:ecr-private-image-scanning-enabled",
    ),
)
def scan_on_push_disabled(repository: Repository, ctx: Context) -> Iterator[Violation]:
    """A repository whose image scanning on push is off, the default (Security Hub ECR.1).

    What it does:
        Reports a repository whose ``imageScanningConfiguration.scanOnPush`` is false or
        not set (false is the default of the API, CloudFormation and Terraform). The
        registry's scanning configuration (basic scanning with scan-on-push filters, or
        enhanced scanning) can scan the repository anyway and is not in the repository's
        file: the message says so, and the rule is a note. A templated value is not
        judged.

    Why it matters:
        Without a scan when an image is pushed, nothing reports the known
        vulnerabilities of its operating system packages (and, with enhanced scanning,
        of its language packages) before tasks run it; a scan must be started by hand.
        Security Hub control ECR.1 requires scan on push or continuous scanning.

    Example:
        Bad:

        ```json
        {"repositoryName": "web", "imageTagMutability": "IMMUTABLE", "imageScanningConfiguration": {"scanOnPush": false}}
        ```

        Good:

        ```json
        {"repositoryName": "web", "imageTagMutability": "IMMUTABLE", "imageScanningConfiguration": {"scanOnPush": true}}
        ```

    How to fix:
        Set ``imageScanningConfiguration.scanOnPush`` to true (CloudFormation
        ``ImageScanningConfiguration: {ScanOnPush: true}``, Terraform
        ``image_scanning_configuration { scan_on_push = true }``), or, as AWS now
        recommends, configure scanning for the whole registry
        (``aws ecr put-registry-scanning-configuration``, enhanced scanning for
        continuous scans) with a filter that covers this repository.
    """
    if repository.scan_on_push is not False:
        return
    config = repository.data.get("imageScanningConfiguration")
    state = "is false" if isinstance(config, dict) and "scanOnPush" in config else "is not set, and false by default"
    # When the member is missing, the finding lands on its nearest written parent.
    yield Violation(
        ("imageScanningConfiguration", "scanOnPush"),
        f"repository '{repository.name}' does not scan images on push (`scanOnPush` {state}): unless the "
        "registry's scanning configuration covers it, known vulnerabilities of its images go unreported before "
        "tasks run them (Security Hub ECR.1); set `imageScanningConfiguration.scanOnPush` to true, or scan it "
        "with a registry scanning filter",
    )
