"""ECR301: a lifecycle rule can expire or archive an image a task definition deploys."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.workspace import Workspace

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.lifecycle import LifecycleRule


@rule(
    id="ECR301",
    name="expires-deployed-image",
    severity="warning",
    scope="workspace",
    kinds=("task-definition", "lifecycle-policy"),
    tags=("ecr", "lifecycle", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
        "https://docs.amazonaws.cn/en_us/AmazonECR/latest/userguide/archive-image.html",
    ),
)
def expires_deployed_image(ws: Workspace, ctx: Context) -> Iterator[Violation]:
    """A lifecycle rule can expire or archive an image tag that a task definition deploys; replacement tasks then fail to pull.

    What it does:
        Matches each container ``image`` in a private ECR repository
        (``<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>``; no tag means
        ``latest``) with the lifecycle policy of that repository. The repository of a
        policy is known from ``put-lifecycle-policy``/``get-lifecycle-policy`` JSON
        (``repositoryName``, and ``registryId`` when given must be the image's account),
        from the configuration (``lifecycle-repositories``), or from the
        ``AWS::ECR::Repository`` of a template: its ``RepositoryName``, or, for a
        repository CloudFormation names, the images of the same template that reach it
        (``!GetAtt Repo.RepositoryUri``, ``!Sub '${Repo.RepositoryUri}:1.2'``, CDK's
        ``Fn::Join`` of ``!Ref Repo``); other policies are not matched. For the deployed
        tag it walks the policy's standard
        rules in priority order, as ECR does: the first rule that selects every image
        carrying that tag (``tagStatus any``, or a tagged rule whose every list entry
        matches the tag) decides the image's fate. It is reported, on that rule's
        ``selection``, when it deletes the image once N newer images exist or N days after
        its push, or archives it; naming the task definitions, containers and tag.

        Not reported (no false positive): a rule keeping 9,999 images or more (the "keep
        forever" idiom) or waiting 3,650 days or more; images referenced by digest (see
        ECR302); tags or repositories written with template placeholders. The image may
        carry tags the task definition does not show: when an earlier tagged rule could
        select it through such a tag and would keep it, the outcome is unknown and nothing
        is reported; when that earlier rule would remove it as well, the message says so.
        When only the task definition is checked and the policy comes from ``--context``,
        the finding is on the container's ``image``.

    Why it matters:
        Lifecycle acts on images, not on deployments: ECR deletes (or archives) the image
        within a day of it meeting the rule, even while a service runs it. Running tasks
        go on, but every task started later, a replacement after a failure, a scale-out,
        a host drain, pulls the image again and fails (``CannotPullContainerError``);
        archived images cannot be pulled either (404) until someone restores them. The
        service then cannot heal or scale until it is redeployed with an image that
        exists.

    Example:
        Bad:

        ```json
        {"repositoryName": "web",
         "lifecyclePolicyText": "{\\"rules\\": [{\\"rulePriority\\": 1, \\"selection\\": {\\"tagStatus\\": \\"untagged\\", \\"countType\\": \\"sinceImagePushed\\", \\"countUnit\\": \\"days\\", \\"countNumber\\": 14}, \\"action\\": {\\"type\\": \\"expire\\"}}, {\\"rulePriority\\": 2, \\"selection\\": {\\"tagStatus\\": \\"any\\", \\"countType\\": \\"imageCountMoreThan\\", \\"countNumber\\": 10}, \\"action\\": {\\"type\\": \\"expire\\"}}]}"}
        ```

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2", "memory": 512}
        ]}
        ```

        Good:

        ```json
        {"repositoryName": "web",
         "lifecyclePolicyText": "{\\"rules\\": [{\\"rulePriority\\": 1, \\"description\\": \\"keep releases\\", \\"selection\\": {\\"tagStatus\\": \\"tagged\\", \\"tagPatternList\\": [\\"*.*.*\\"], \\"countType\\": \\"imageCountMoreThan\\", \\"countNumber\\": 9999}, \\"action\\": {\\"type\\": \\"expire\\"}}, {\\"rulePriority\\": 2, \\"selection\\": {\\"tagStatus\\": \\"untagged\\", \\"countType\\": \\"sinceImagePushed\\", \\"countUnit\\": \\"days\\", \\"countNumber\\": 14}, \\"action\\": {\\"type\\": \\"expire\\"}}, {\\"rulePriority\\": 3, \\"selection\\": {\\"tagStatus\\": \\"any\\", \\"countType\\": \\"imageCountMoreThan\\", \\"countNumber\\": 10}, \\"action\\": {\\"type\\": \\"expire\\"}}]}"}
        ```

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2", "memory": 512}
        ]}
        ```

    How to fix:
        Put a rule that selects the tags you deploy and keeps them (``imageCountMoreThan``
        large enough to outlast any deployment, such as 9999) before the removing rule,
        with a lower ``rulePriority``: an image an earlier rule selects is never removed by
        a later one. Or keep more images, or wait longer. ``ecslint lifecycle preview``
        shows what the policy does to the repository's current images.
    """
    if not ws.lifecycle_policies:
        return  # the common case: nothing to check against, and nothing to import
    from ecslint.lifecycle import deployed as d

    for policy, users in d.pairs(ws):
        groups: dict[LifecycleRule, tuple[dict[str, list[d.Deployment]], list[LifecycleRule]]] = {}
        for user in users:
            if user.tag is None:
                continue  # pinned by digest: ECR302
            fate = d.exposed(policy, user.tag)
            if fate is None:
                continue
            tags, may = groups.setdefault(fate.rule, ({}, []))
            tags.setdefault(user.tag, []).append(user)
            may.extend(m for m in fate.may if m not in may)
        for r, (tags, may) in groups.items():
            found = [u for users_of_tag in tags.values() for u in users_of_tag]
            several = len(tags) > 1
            when = d.danger(r, several=several)
            if r.action_type == "transition":
                consequence = "archived images cannot be pulled (404) until restored, so tasks started later (replacements, scale-out) fail"
            elif several:
                consequence = "the images go even while tasks run them, and tasks started later (replacements, scale-out) fail to pull them"
            else:
                consequence = "the image goes even while tasks run it, and tasks started later (replacements, scale-out) fail to pull it"
            more = "keep more images" if r.count_type == "imageCountMoreThan" else "let images live longer"
            message = (
                f"{r.label} ({d.describe(r)}) selects every image tagged {d.tag_list(list(tags))}, which {d.who(found)} "
                f"{d.deploy_verb(found)} from {d.repository_label(policy)}, and {when}: {consequence}"
                f"{d.caveat(may)}; put a rule that selects the deployed tags and keeps them (imageCountMoreThan 9999) "
                f"at a lower rulePriority, or {more}"
            )
            yield from d.report(policy, r, found, message)
