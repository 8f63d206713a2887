"""ECR405: a repository policy that lets anyone pull or push."""

from __future__ import annotations

import re
from typing import Any, Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Path, Violation
from ecslint.core.rule import rule
from ecslint.load.placeholders import is_unknown
from ecslint.model.repository import Repository
from ecslint.model.values import UNKNOWN

#: The ECR actions a pull needs (the layer check is also a push step, and alone reads nothing).
PULL = ("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")
#: The ECR actions a push needs.
PUSH = ("ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload")


@rule(
    id="ECR405",
    name="public-repository-policy",
    severity="warning",
    kinds=("repository",),
    tags=("ecr", "security", "iam"),
    security_severity=8.0,
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
    ),
)
def public_repository_policy(repository: Repository, ctx: Context) -> Iterator[Violation]:
    """A repository policy statement that lets any principal (`"*"`) pull or push images without a condition.

    What it does:
        Reads the repository's policy (CloudFormation's ``RepositoryPolicyText``, an
        object or a JSON string; the API's repository files, create-repository input and
        describe-repositories output, carry none) and reports each statement with ``Effect: Allow``, a ``Principal`` of ``"*"`` or
        ``{"AWS": "*"}`` (or a list holding ``"*"``), no ``Condition``, and actions that
        pull (``ecr:BatchGetImage``, ``ecr:GetDownloadUrlForLayer``) or push
        (``ecr:PutImage`` and the layer upload actions), written out or through
        wildcards (``ecr:*``, ``ecr:Get*``, ``*``) or ``NotAction``. Actions match
        without regard to case, as in IAM. A statement with any condition
        (``aws:PrincipalOrgID``, ``aws:SourceAccount`` ...) is not judged, nor is a
        policy with a ``Deny`` statement that may cover those actions, nor anything
        templated.

    Why it matters:
        ``"*"`` is every AWS account, not only yours: anyone with AWS credentials can
        pull the images, with whatever they contain (code, configuration, credentials
        left in a layer), and with push actions anyone can replace the images your
        tasks run. Repository policies grant access across accounts without any IAM
        policy on the caller's side.

    Example:
        Bad:

        ```yaml
        Resources:
          Web:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: web
              RepositoryPolicyText:
                Version: "2012-10-17"
                Statement:
                  - Sid: AllowPull
                    Effect: Allow
                    Principal: "*"
                    Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
        ```

        Good:

        ```yaml
        Resources:
          Web:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: web
              RepositoryPolicyText:
                Version: "2012-10-17"
                Statement:
                  - Sid: AllowPullFromOrganization
                    Effect: Allow
                    Principal: "*"
                    Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
                    Condition:
                      StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}
        ```

    How to fix:
        Name the accounts or roles that may pull in ``Principal``
        (``{"AWS": "arn:aws:iam::123456789012:root"}``), or keep ``"*"`` and add a
        condition that limits it to your organization (``aws:PrincipalOrgID``). Grant
        push actions only to the roles of your build pipeline. For images meant for
        everyone, use an ECR Public repository.
    """
    statements = repository.policy_statements
    if statements is UNKNOWN or not statements:
        return
    denied = [s for _, s in statements if s.get("Effect") != "Allow"]
    for number, (path, statement) in enumerate(statements, 1):
        star = _anyone(statement)
        if statement.get("Effect") != "Allow" or star is None or not _unconditional(statement):
            continue
        pull = _granted(statement, PULL)
        push = _granted(statement, PUSH)
        if not (pull or push) or any(_may_deny(d, PULL + PUSH) for d in denied):
            continue
        what = "pull and push" if pull and push else "pull" if pull else "push"
        risk = (
            "anyone can read the images and replace the images your tasks run"
            if push
            else "anyone can read the images and whatever their layers hold"
        )
        sid = statement.get("Sid")
        name = f"statement '{sid}'" if isinstance(sid, str) and sid and not is_unknown(sid) else f"statement #{number}"
        located = path != ("policyText",)
        yield Violation(
            path + star if located else path,
            f"repository '{repository.name}': policy {name} lets any AWS principal (`Principal` \"*\") {what} "
            f"images without a condition: {risk}; name the accounts or roles in `Principal`, or add a condition "
            "such as `aws:PrincipalOrgID`",
        )


def _anyone(statement: dict) -> Path | None:
    """Where the statement's ``Principal`` names everyone (``"*"``, ``{"AWS": "*"}``, or
    ``"*"`` in the list of ``AWS`` principals); None when it does not."""
    principal = statement.get("Principal")
    if principal == "*":
        return ("Principal",)
    aws = principal.get("AWS") if isinstance(principal, dict) else None
    if aws == "*":
        return ("Principal", "AWS")
    if isinstance(aws, list) and "*" in aws:
        return ("Principal", "AWS", aws.index("*"))
    return None


def _unconditional(statement: dict) -> bool:
    condition = statement.get("Condition", {})
    return isinstance(condition, dict) and not condition


def _listed(value: Any) -> list | None:
    """An action list: a string or a list of strings; None when any of it is unknown."""
    values = value if isinstance(value, list) else [value]
    if any(is_unknown(v) or not isinstance(v, str) for v in values):
        return None
    return values


def _matches(pattern: str, action: str) -> bool:
    """IAM action matching: case-insensitive, ``*`` any run of characters, ``?`` one."""
    from ecslint.core.glob import translate

    regex = translate([None if c == "*" else "." if c == "?" else re.escape(c) for c in pattern.lower()], ".")
    return re.fullmatch(regex, action.lower(), re.DOTALL) is not None


def _granted(statement: dict, actions: tuple[str, ...]) -> bool:
    """Whether the statement grants every one of ``actions`` (all of a pull, or a push)."""
    if "Action" in statement:
        patterns = _listed(statement["Action"])
        return patterns is not None and all(any(_matches(p, a) for p in patterns) for a in actions)
    if "NotAction" in statement:
        excluded = _listed(statement["NotAction"])
        return excluded is not None and not any(_matches(p, a) for p in excluded for a in actions)
    return False


def _may_deny(statement: dict, actions: tuple[str, ...]) -> bool:
    """A statement that is not a plain Allow and may cover some of ``actions``."""
    if "Action" in statement:
        patterns = _listed(statement["Action"])
        return patterns is None or any(_matches(p, a) for p in patterns for a in actions)
    return True
