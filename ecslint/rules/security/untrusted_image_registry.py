"""ECS414: an image from a registry the configuration does not allow."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import Option, rule, strings
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS414",
    name="untrusted-image-registry",
    severity="warning",
    enabled=False,
    kinds=("task-definition",),
    tags=("security", "supply-chain"),
    security_severity=5.5,
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html",
    ),
    options={
        "allowed-registries": Option(
            (),
            (list, tuple),
            "must be a list of strings, each a registry host (`quay.io`, `docker.io` for Docker Hub), a host "
            "pattern (`*.dkr.ecr.*.amazonaws.com`) or a host/path prefix (`public.ecr.aws/aws-observability`)",
            strings,
        ),
    },
)
def untrusted_image_registry(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """An image from a registry outside the option `allowed-registries` (off by default).

    What it does:
        Compares each container's image with the option ``allowed-registries`` and
        reports an image that matches no entry. An entry is a registry host
        (``123456789012.dkr.ecr.us-east-1.amazonaws.com``, ``quay.io``; ``docker.io``
        stands for Docker Hub, where images without a registry live), a host pattern in
        which ``*`` matches within one host label and a leading ``*.`` matches any
        subdomain (``*.dkr.ecr.*.amazonaws.com`` allows every private ECR registry), or a
        host followed by a path prefix that ends at a ``/``
        (``public.ecr.aws/aws-observability``, ``docker.io/library`` for official Docker
        Hub images). Hosts compare without case, ports included. The rule is off by
        default and reports nothing while the list is empty. An image whose registry or
        repository is templated (``${ECR}/app:1``) or a stand-in
        (``ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/app``) is not judged. The examples
        below run with the configuration shown.

    Why it matters:
        Whoever controls a registry controls what the task runs, with the task role's
        permissions. Keeping images in your own ECR registries (or a short list of
        curated ones) means they are scanned, held under your lifecycle and tag
        immutability settings, and cannot be swapped by a third party; AWS's security
        best practices recommend curated images from registries you trust. It also keeps
        Docker Hub's anonymous pull limits out of scale-out.

    Example:
        Bad:

        ```toml
        [tool.ecslint.rules.ECS414]
        allowed-registries = ["*.dkr.ecr.*.amazonaws.com", "public.ecr.aws/aws-observability"]
        ```

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "nginx:1.27", "memory": 256}
        ]}
        ```

        Good:

        ```toml
        [tool.ecslint.rules.ECS414]
        allowed-registries = ["*.dkr.ecr.*.amazonaws.com", "public.ecr.aws/aws-observability"]
        ```

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "web", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.27", "memory": 256},
          {"name": "collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1", "memory": 128}
        ]}
        ```

    How to fix:
        Copy the image into an allowed registry (an ECR pull-through cache rule does it
        automatically for Docker Hub, Quay and others) and reference that copy, or, if the
        registry is trusted, add it to ``allowed-registries``.
    """
    allowed = [e for e in ctx.options.get("allowed-registries", ()) if e.strip()]  # strings: checked by the engine
    if not allowed:
        return
    from ecslint.model.images import registry_matches

    for container in td.containers:
        ref = container.image_reference
        if ref is None or ref is UNKNOWN or ref.host is UNKNOWN or ref.path is UNKNOWN or ref.has_stand_in:
            continue
        if any(registry_matches(ref, entry) is not False for entry in allowed):
            continue
        where = "Docker Hub (docker.io)" if ref.is_docker_hub else f"registry `{ref.host}`"
        yield Violation(
            container.field("image"),
            f"{container.label}: image `{ref.text}` comes from {where}, which `allowed-registries` does not "
            "list: use a copy in an allowed registry (for example through an ECR pull-through cache) or add "
            "the registry to the option",
        )
