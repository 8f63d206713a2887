"""ECS119: an image string that is not a valid image reference."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS119",
    name="invalid-image-reference",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness",),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://github.com/distribution/reference/blob/main/regexp.go",
    ),
)
def invalid_image_reference(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A container `image` that is not a valid image reference (`[registry[:port]/]repository[:tag][@sha256:digest]`).

    What it does:
        Parses ``image`` with the grammar Docker and the ECS agent use
        (``distribution/reference``): an optional registry host with an optional port,
        a repository path of lower-case components (letters and digits separated by
        ``.``, ``_``, ``__`` or dashes), an optional tag of at most 128 characters
        (``[A-Za-z0-9_][A-Za-z0-9_.-]*``) and an optional digest, which ECS only accepts
        as ``sha256:`` with 64 hex digits; at most 255 characters before ``@``. Reports an
        empty image, whitespace, a URL scheme, upper-case repository names, bad tags and
        digests, at the ``image`` value.

        Templates are unknown, not wrong: a placeholder (``${IMAGE_TAG}``,
        ``{{ .Image }}``, ``$VAR``, ``%VAR%``, ``&&VAR&&``, a CloudFormation ``Fn::Sub``
        or ``Fn::Join`` part) is taken as a valid value for the part it stands in, and
        only the literal text around it is judged:
        ``!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/MyApp:${Tag}"`` is
        reported for ``MyApp``, ``${REGISTRY}/app:${TAG}`` is not. Text in angle brackets
        (``<IMAGE1_NAME>``) and components written as upper-case identifiers
        (``REPLACED_BY_CI``, ``REPO_${ENV}``) are not judged: a repository path is always
        lower case, so such a component is a stand-in to be substituted (an all-capitals
        real name such as ``NGINX`` is therefore not reported either). An ECR registry host is not checked label by label, as its
        account and Region are often stand-ins (``aws_account_id.dkr.ecr.region.amazonaws.com``);
        the repository and tag after it still are. An image computed as a whole
        (``!Ref Image``) is not judged, and an empty ``image`` is a blank that deploy
        tooling fills in (``amazon-ecs-render-task-definition``), not a malformed
        reference, and is left alone. The message quotes the image with its credentials
        masked (``https://********@ghcr.io/...``): a token pasted into a registry URL is
        never printed.

    Why it matters:
        ECS accepts the string at registration, but the agent cannot parse it when the
        task starts ("invalid reference format", "repository name must be lowercase"):
        every task stops with ``CannotPullContainerError`` and a service keeps replacing
        them.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/MyApp:1.4.2", "memory": 256}]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/myapp:1.4.2", "memory": 256}]}
        ```

    How to fix:
        Write the reference as ``registry/repository:tag`` (or ``@sha256:<digest>``)
        with a lower-case repository, no scheme and no spaces, exactly as ``docker pull``
        takes it.
    """
    from ecslint.model import image_grammar

    for container in td.containers:
        image = container.image_text
        if not isinstance(image, str) or image == "" or image_grammar.looks_templated(image):
            continue  # an empty image is a blank a deploy step fills in (render-task-definition)
        problem = image_grammar.problem(image)
        if problem:
            from ecslint.rules.security.secret_in_environment import mask_secrets

            shown = mask_secrets(image)  # credentials pasted into a registry URL are never quoted
            shown = shown if len(shown) <= 100 else shown[:97] + "..."
            yield Violation(
                container.field("image"),
                f"{container.label}: image `{shown}` is not a valid image reference: {problem}; the task would fail "
                "to pull it: write `registry/repository:tag` as `docker pull` takes it",
            )
