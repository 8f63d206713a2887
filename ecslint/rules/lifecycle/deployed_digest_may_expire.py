"""ECR302: a deployed digest, or the digest behind a moving tag, can fall to an untagged rule."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import Option, rule, strings
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECR302",
    name="deployed-digest-may-expire",
    severity="warning",
    scope="workspace",
    kinds=("task-definition", "lifecycle-policy"),
    tags=("ecr", "lifecycle", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerImage.html",
    ),
    options={
        "mutable-tags": Option(
            default=["latest"],
            kind=list,
            help="must be a list of strings: tags that move to newer pushes in your repositories",
            valid=strings,
        ),
    },
)
def deployed_digest_may_expire(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A deployed digest or mutable tag can become untagged and fall to an untagged/any rule.

    What it does:
        Matches each container ``image`` in a private ECR repository with the lifecycle
        policy of that repository (known from ``repositoryName`` in
        ``put-lifecycle-policy``/``get-lifecycle-policy`` JSON, whose ``registryId``, when
        given, must be the image's account, from the configuration's
        ``lifecycle-repositories``, or from a template's ``AWS::ECR::Repository``, also one
        CloudFormation names, which the template's images reach with ``!GetAtt
        Repo.RepositoryUri`` or ``!Ref Repo``), and looks at images that are or will be
        untagged:

        - an image pinned by digest (``repo@sha256:...``): it may carry no tag at all, or
          lose it when the tag moves;
        - an image deployed by a moving tag (option ``mutable-tags``, default ``latest``;
          no tag means ``latest``) while ``versionConsistency`` is enabled (the default):
          ECS resolves the tag to a digest when a service deploys, and the service's tasks
          keep that digest after the tag has moved on.

        The first ``untagged`` or ``any`` rule of the standard storage class decides what
        happens to an untagged image. It is reported, on that rule's ``selection``, when it
        deletes the image (N days after its push, or once N newer images exist) or archives
        it. Not reported (no false positive): rules keeping 9,999 images or more or waiting
        3,650 days or more; a moving tag whose image is decided by the same rule anyway
        (ECR301 reports that); ``versionConsistency: disabled`` (new tasks pull the tag
        again); templated images; other tags, because whether a tag moves cannot be told
        from its name: list yours (``main``, ``staging``) in ``mutable-tags``.

    Why it matters:
        Lifecycle policies usually expire untagged images quickly, as leftovers of moved
        tags. But a service keeps running the digest it resolved at deployment: once the
        tag moves, that digest is untagged, the rule deletes it within a day of it
        qualifying (at once if it was pushed long enough ago), and every task started
        later, replacements and scale-out included, fails to pull it
        (``CannotPullContainerError``) until the service is redeployed.

    Example:
        Bad:

        ```json
        {"repositoryName": "web",
         "lifecyclePolicyText": "{\\"rules\\": [{\\"rulePriority\\": 1, \\"selection\\": {\\"tagStatus\\": \\"tagged\\", \\"tagPatternList\\": [\\"*.*.*\\"], \\"countType\\": \\"imageCountMoreThan\\", \\"countNumber\\": 9999}, \\"action\\": {\\"type\\": \\"expire\\"}}, {\\"rulePriority\\": 2, \\"selection\\": {\\"tagStatus\\": \\"untagged\\", \\"countType\\": \\"sinceImagePushed\\", \\"countUnit\\": \\"days\\", \\"countNumber\\": 7}, \\"action\\": {\\"type\\": \\"expire\\"}}]}"}
        ```

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest", "memory": 512}
        ]}
        ```

        Good:

        ```json
        {"repositoryName": "web",
         "lifecyclePolicyText": "{\\"rules\\": [{\\"rulePriority\\": 1, \\"selection\\": {\\"tagStatus\\": \\"tagged\\", \\"tagPatternList\\": [\\"*.*.*\\"], \\"countType\\": \\"imageCountMoreThan\\", \\"countNumber\\": 9999}, \\"action\\": {\\"type\\": \\"expire\\"}}, {\\"rulePriority\\": 2, \\"selection\\": {\\"tagStatus\\": \\"untagged\\", \\"countType\\": \\"sinceImagePushed\\", \\"countUnit\\": \\"days\\", \\"countNumber\\": 7}, \\"action\\": {\\"type\\": \\"expire\\"}}]}"}
        ```

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2", "memory": 512}
        ]}
        ```

    How to fix:
        Deploy immutable tags (a version or the commit id) and set the repository's tag
        mutability to ``IMMUTABLE``, so that a deployed image keeps its tag; then protect
        those tags with a rule before the untagged one. Or expire untagged images only
        after longer than any deployment lives, or by count with room for every
        deployment.
    """
    if not ws.lifecycle_policies:
        return  # the common case: nothing to check against, and nothing to import
    from ecslint.lifecycle import deployed as d, short_digest

    mutable = set(ctx.options.get("mutable-tags", ["latest"]))  # strings: the engine checks the config
    for policy, users in d.pairs(ws):
        fate = d.fate_untagged(policy)
        if fate is None or d.danger(fate.rule) is None:
            continue
        r = fate.rule
        digests: dict[str, list[d.Deployment]] = {}
        moving: dict[str, list[d.Deployment]] = {}
        for user in users:
            if user.digest is not None:
                digests.setdefault(user.digest, []).append(user)
                continue
            tag = user.tag
            if tag not in mutable or user.container.version_consistency == "disabled":
                continue
            tagged = d.exposed(policy, tag)
            if tagged is not None and tagged.rule is r:
                continue  # the same rule takes the tagged image too: ECR301 reports it
            moving.setdefault(tag, []).append(user)
        repository = d.repository_label(policy)
        for kind, refs in (("digest", digests), ("tag", moving)):
            if not refs:
                continue
            found = [u for group in refs.values() for u in group]
            several = len(refs) > 1
            rule_text = f"{r.label} ({d.describe(r)}) {d.danger(r, untagged=True, several=several)}"
            if kind == "digest":
                names = d.tag_list([short_digest(x) for x in refs], quote=False)
                how = (
                    f"{d.who(found)} {d.deploy_verb(found)} digest{'s' if several else ''} {names} of {repository}; "
                    f"whenever {'such a' if several else 'that'} digest carries no tag (never tagged, "
                    f"or left behind when its tag moved), {rule_text}"
                )
                fix = "deploy a tag that never moves and protect it with a rule at a lower rulePriority, or keep untagged images longer than any deployment lives"
            else:
                how = (
                    f"{d.who(found)} {d.deploy_verb(found)} {d.tag_list(list(refs))} of {repository}; a "
                    "service keeps running the digest it resolved at deployment, which is untagged once the tag moves "
                    f"to a newer push, and then {rule_text}"
                )
                fix = "deploy immutable tags (a version or commit id), or keep untagged images longer than any deployment lives"
            message = f"{how}: tasks started later (replacements, scale-out) then fail to pull {'them' if several else 'it'}; {fix}"
            yield from d.report(policy, r, found, message)
