"""ECS413: an image referenced by tag rather than by digest."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS413",
    name="image-not-pinned-by-digest",
    severity="note",
    enabled=False,
    kinds=("task-definition",),
    tags=("security", "supply-chain"),
    security_severity=2.0,
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerImage.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
    ),
)
def image_not_pinned_by_digest(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An image referenced by tag rather than by digest (off by default).

    What it does:
        Reports a container whose ``image`` carries no ``@sha256:...`` digest, whatever
        its tag (a missing tag means ``latest``). It is a policy for teams that deploy
        by digest only, so it is off by default: enable it with
        ``extend-select = ["ECS413"]``. It overlaps ECS407 (mutable-image-tag) on
        ``latest``, which stays the default check. An image whose tag or digest is
        templated (``app:${TAG}``, ``${IMAGE}``) is not judged: the template may supply a
        digest; neither is a stand-in (``REPLACED_BY_CI``, ``your-app-image``,
        ``ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/app:1``).

    Why it matters:
        A digest names one image for good; any tag, even a version tag in a repository
        without tag immutability, can be pushed again and point elsewhere. The task
        definition then no longer says exactly what runs, which is what audits,
        reproducible rollbacks and image-signing policies rely on. ECS's own version
        consistency resolves tags to digests only per service deployment, and not for
        tasks started outside a service.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27.3", "memory": 256}
        ]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27.3@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a", "memory": 256}
        ]}
        ```

    How to fix:
        Have the pipeline write the digest it pushed (``docker buildx build
        --metadata-file``, ``aws ecr describe-images``) into the image reference:
        ``repo:tag@sha256:<digest>`` keeps the tag readable and pulls the digest.
    """
    for container in td.containers:
        ref = container.image_reference
        if ref is None or ref is UNKNOWN or ref.pinned is not False or ref.tag is UNKNOWN:
            continue
        if ref.has_stand_in:
            continue  # `REPLACED_BY_CI`, `image:tag`: a stand-in, not the image that will run
        shown = f"tag `{ref.tag}`" if ref.tag is not None else "no tag (so `latest`)"
        yield Violation(
            container.field("image"),
            f"{container.label}: image `{ref.text}` is referenced by {shown}, not by digest: the tag can be "
            "pushed again and point at another image; pin it with `@sha256:<digest>`",
        )
