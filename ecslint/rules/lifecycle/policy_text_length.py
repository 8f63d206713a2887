"""ECR111: lifecycle policy text shorter than 100 or longer than 30,720 characters."""

from __future__ import annotations

import json
from typing import Any, Iterator

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.lifecycle import LifecyclePolicy
from ecslint.model.values import mapping

MIN_LENGTH = 100
#: Quota "Lifecycle policy length" (not adjustable) and the API's maximum.
MAX_LENGTH = 30720
_SHORTEN = "shorten descriptions or merge rules (one tagPatternList wildcard instead of a rule per tag)"


@rule(
    id="ECR111",
    name="policy-text-length",
    severity="error",
    kinds=("lifecycle-policy",),
    tags=("ecr", "lifecycle"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutLifecyclePolicy.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lp_creation.html",
    ),
)
def policy_text_length(policy: LifecyclePolicy, ctx: Context) -> Iterator[Violation]:
    """Lifecycle policy text under 100 or over 30,720 characters.

    What it does:
        Measures the text ECR receives as ``lifecyclePolicyText`` and reports it below
        100 or above 30,720 characters.

        - ``put-lifecycle-policy`` / ``get-lifecycle-policy`` JSON (the policy as a JSON
          string): the string is sent as it is, so its length is measured exactly
          (whitespace counts).
        - A policy file (``{"rules": [...]}``): ``aws ecr put-lifecycle-policy
          --lifecycle-policy-text file://policy.json`` sends the file's content as it is,
          but Terraform's ``aws_ecr_lifecycle_policy`` (``policy = file(...)``) minifies it
          first. Only a length that fails both ways is reported: above 30,720 even when
          minified, or below 100 as written. YAML files are not measured (the text sent is
          whatever a tool serialises).

        Templated text (``${...}``) is not measured: its final length is unknown. Below
        100 characters is reported only for a policy that has rules; a policy without
        rules is reported by ``empty-lifecycle-policy`` (ECR101) or the schema rules.
        Characters are counted conservatively (the count that is least likely to report:
        code points for the maximum, UTF-8 bytes for the minimum).

    Why it matters:
        ``PutLifecyclePolicy`` and ``StartLifecyclePolicyPreview`` reject the request
        (the AWS CLI even refuses text under 100 characters before sending it). 30,720
        characters is a quota that cannot be raised.

    Example:
        Bad:

        ```json
        {"repositoryName": "web", "lifecyclePolicyText": "{\\"rules\\":[{\\"rulePriority\\":1,\\"selection\\":{\\"tagStatus\\":\\"any\\"}}]}"}
        ```

        Good:

        ```json
        {"repositoryName": "web", "lifecyclePolicyText": "{\\"rules\\":[{\\"rulePriority\\":1,\\"selection\\":{\\"tagStatus\\":\\"any\\",\\"countType\\":\\"imageCountMoreThan\\",\\"countNumber\\":30},\\"action\\":{\\"type\\":\\"expire\\"}}]}"}
        ```

    How to fix:
        Above the maximum: minify the JSON (``jq -c . policy.json``), shorten
        descriptions, or merge rules (one ``tagPatternList`` wildcard instead of one rule
        per tag). Below the minimum: the policy is missing its ``selection`` or ``action``
        members; complete it.
    """
    from ecslint.load.placeholders import is_unknown

    doc = policy.doc
    rules = mapping(policy.data).get("rules")
    has_rules = isinstance(rules, list) and bool(rules)
    if doc.shape == "policy-text" and isinstance(doc.text, str):
        text = doc.text
        if is_unknown(text):
            return
        shortest, longest = len(text), len(text.encode("utf-8"))
        region, key = _outer_key(policy)
        where, sent = (), f"the {key} string"
    elif doc.shape == "policy" and _is_json_file(policy):
        text = doc.file.text or ""
        if is_unknown(text):
            return
        compact = json.dumps(policy.data, ensure_ascii=False, separators=(",", ":"))
        # Go's encoder (Terraform) also escapes <, > and & as \u003c: six characters for one.
        escaped = sum(compact.count(c) for c in "<>&\u2028\u2029") * 5
        shortest = min(len(text.replace("\r\n", "\n")), len(compact))
        longest = max(len(text.encode("utf-8")), len(compact.encode("utf-8")) + escaped)
        where, region, sent = (), None, "the policy file"
    else:
        return
    if shortest > MAX_LENGTH:
        if doc.shape == "policy":
            size, fix = f"{shortest:,} characters even minified", _SHORTEN
        else:
            minified = len(json.dumps(policy.data, ensure_ascii=False, separators=(",", ":")))
            size = f"{shortest:,} characters"
            fix = f"minify it ({minified:,} characters minified)" if minified <= MAX_LENGTH else _SHORTEN
        yield Violation(
            where,
            f"{sent} is {size}; ECR accepts at most {MAX_LENGTH:,} (a quota that cannot be raised): {fix}",
            "key",
            region=region,
        )
    elif longest < MIN_LENGTH and has_rules:
        yield Violation(
            where,
            f"{sent} is {longest} characters; ECR needs at least {MIN_LENGTH}, which any complete rule reaches: "
            "add the missing selection and action members",
            "key",
            region=region,
        )


def _is_json_file(policy: LifecyclePolicy) -> bool:
    from ecslint.load.sourcemap import JsonSourceMap

    return isinstance(policy.doc.locator.sourcemap, JsonSourceMap) and len(policy.doc.file.roots) == 1


def _outer_key(policy: LifecyclePolicy) -> tuple[Any, str]:
    """The region of the key that holds the policy text in the outer file, and its name:
    the ``lifecyclePolicyText`` of put/get-lifecycle-policy JSON, or the
    ``LifecyclePolicyText`` of the template's repository resource the policy belongs to."""
    envelope = policy.envelope
    if envelope is not None:
        return envelope[1].region(("lifecyclePolicyText",), "key"), "lifecyclePolicyText"
    owner = policy.doc.owner
    if owner is not None:
        return owner.locator.region(("lifecyclePolicy", "LifecyclePolicyText"), "key"), "LifecyclePolicyText"
    return None, "lifecyclePolicyText"
