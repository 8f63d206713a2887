"""A typed, lenient view of an ECR repository (CreateRepository input,
``AWS::ECR::Repository``, ``aws_ecr_repository``), with its repository policy.

Defaults (botocore ECR model, CreateRepository; iac-sources.md §4, the same in every
source): ``imageTagMutability`` MUTABLE, ``imageScanningConfiguration.scanOnPush`` false,
``encryptionConfiguration.encryptionType`` AES256. The repository policy (``policyText``,
as SetRepositoryPolicy takes it) is JSON text or, in CloudFormation, an object.
"""

from __future__ import annotations

import json

from ecslint.core.finding import Path
from ecslint.model.base import DocumentView
from ecslint.model.values import Maybe, UNKNOWN, boolean, cached, mapping, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any


class Repository(DocumentView):
    kind = "repository"

    @cached
    def repository_name(self) -> Maybe[str]:
        return string(self.data.get("repositoryName"))

    @cached
    def tag_mutability(self) -> Maybe[str]:
        value = string(self.data.get("imageTagMutability"))
        return "MUTABLE" if value is None else value

    @cached
    def scan_on_push(self) -> Maybe[bool]:
        raw = self.data.get("imageScanningConfiguration")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        value = boolean(mapping(raw).get("scanOnPush"))
        return False if value is None else value

    @cached
    def encryption_type(self) -> Maybe[str]:
        raw = self.data.get("encryptionConfiguration")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        value = string(mapping(raw).get("encryptionType"))
        return "AES256" if value is None else value

    @cached
    def states_lifecycle_policy(self) -> bool:
        """The repository is given a lifecycle policy with it (a template's
        ``LifecyclePolicy``), whether or not its text can be read."""
        return self.data.get("lifecyclePolicy") is not None

    @cached
    def policy(self) -> Maybe[dict]:
        """The repository policy document; None when there is none or it is not JSON."""
        raw: Any = self.data.get("policyText")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except (ValueError, RecursionError):  # nested past the parser's limit: no policy IAM takes
                return None
        return raw if isinstance(raw, dict) else None

    @cached
    def policy_statements(self) -> Maybe[list[tuple[Path, dict]]]:
        """The repository policy's statements, each with the path that locates it (the
        statement itself in a policy written as an object; the policy text when the policy
        is a JSON string, whose inside has no positions here). UNKNOWN when the policy or
        its statement list is unknown; empty when there is no policy."""
        policy = self.policy
        if not isinstance(policy, dict):
            return policy if policy is UNKNOWN else []
        raw = policy.get("Statement")
        if string(raw) is UNKNOWN:
            return UNKNOWN
        located = isinstance(self.data.get("policyText"), dict)
        listed = raw if isinstance(raw, list) else [raw]
        out = []
        for index, statement in enumerate(listed):
            if string(statement) is UNKNOWN:
                return UNKNOWN
            if not isinstance(statement, dict):
                continue
            if not located:
                path: Path = ("policyText",)
            elif isinstance(raw, list):
                path = ("policyText", "Statement", index)
            else:
                path = ("policyText", "Statement")
            out.append((path, statement))
        return out
