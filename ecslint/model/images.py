"""Container image references: registry, repository, tag and digest, the way Docker reads them.

The one place that splits an ``image`` string (``containerDefinitions[].image``). The
grammar is Docker's (``distribution/reference``): ``[registry/]repository[:tag][@digest]``.
The first path component is a registry host when it contains a ``.`` or a ``:`` (a port),
is ``localhost``, or has an upper-case letter; otherwise the image is on Docker Hub
(``docker.io``), where a one-component name is an official image (``library/<name>``), and
an image with neither tag nor digest means the tag ``latest`` (ContainerDefinition
``image``: "repository-url/image:tag or repository-url/image@digest"; Docker Hub images by
name only).

Parsing is lenient and structural: it answers what the parts are, not whether the string
is valid (ECS119 judges that). A value with template placeholders, or with the ``$VAR``,
``%VAR%`` and ``&&VAR&&`` tokens people also write (``${REPO}:1.2``,
``{{ must_env `ACCOUNT` }}.dkr.ecr.us-east-1.amazonaws.com/app:latest``), is split all the
same, and every part a placeholder could change is UNKNOWN: in the first example the tag
``1.2`` is known and the registry is not.

ECR: private registries are ``<account>.dkr.ecr[-fips].<region>.amazonaws.com`` (``.com.cn``
in China); ECR Public is ``public.ecr.aws``. A registry with placeholders keeps its shape
(``registry_shape``), so that ``${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`` is still known
to be a private ECR registry (``is_ecr_private``) though its account and Region are not.
"""

from __future__ import annotations

import re

from ecslint.core.lazyre import lazy
from ecslint.core.records import NamedTuple
from ecslint.load.placeholders import PLACEHOLDER, Unknown
from ecslint.model.values import UNKNOWN, Maybe

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

DOCKER_HUB = "docker.io"
ECR_PUBLIC = "public.ecr.aws"
#: Hosts Docker treats as Docker Hub itself.
_HUB_ALIASES = frozenset({"docker.io", "index.docker.io"})
_ECR_PRIVATE = lazy(r"^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$")
#: A private ECR host by its shape, whatever its account and Region labels hold: those are
#: often placeholders or stand-ins (``${ACCOUNT}``, ``ACCOUNT_ID``, ``region``).
ECR_HOST = lazy(r"^[^./]+\.dkr\.ecr(?:-fips)?\.[^./]+\.amazonaws\.com(?:\.cn)?$", re.IGNORECASE)
#: The complete labels that can end a private ECR host (``amazonaws.com``,
#: ``us-east-1.amazonaws.com``, ``ecr.us-east-1.amazonaws.com.cn`` ...).
_ECR_HOST_END = lazy(
    r"^(?:(?:(?:(?:[^./]+\.)?dkr\.)?ecr(?:-fips)?\.)?[^./]+\.)?amazonaws\.com(?:\.cn)?$|^(?:com(?:\.cn)?|cn)?$",
    re.IGNORECASE,
)
_STAND_IN = lazy(r"^[A-Z][A-Z0-9_-]*[A-Z0-9]$")
_IMAGE_WORDS = frozenset({"image", "repository", "repo", "uri", "url"})
_GENERIC_WORDS = _IMAGE_WORDS | {"application", "app", "container", "docker", "my", "name", "your", "ecr", "the", "here"}
#: Template tokens people write in images and ARNs that the loader does not count as
#: placeholders (``repo:$TAG``, ``%build_number%``, ``&&VAR&&``): parsed as placeholders all
#: the same (here, and by ``arns.is_templated``).
TEMPLATE_TOKEN = lazy(r"\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|&&[A-Za-z0-9_]+&&")
#: Stands for one placeholder while splitting: no part of a real reference contains it.
HOLE = _HOLE = "\0"
#: A private ECR host whose account, Region or domain are placeholders, as CloudFormation
#: and CDK write it (``${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}``).
_ECR_PRIVATE_TEMPLATED = lazy(r"^[^./]+\.dkr\.ecr(?:-fips)?\.[^./]+\.(?:amazonaws\.com(?:\.cn)?|\0)$")


class ImageReference(NamedTuple):
    """One parsed image string. Parts are strings, ``None`` (absent) or UNKNOWN (only
    known once a template is filled in)."""

    text: str
    #: The registry as written (``None``: Docker Hub by default).
    registry: Maybe[str]
    #: The repository as written, without registry, tag or digest (``nginx``, ``org/app``).
    repository: Maybe[str]
    tag: Maybe[str]
    #: ``sha256:<hex>`` when pinned by digest.
    digest: Maybe[str]
    #: A templated registry as written, each placeholder replaced by ``\0``
    #: (``\0.dkr.ecr.\0.amazonaws.com``): its known parts still tell what it is.
    registry_shape: str | None = None

    @property
    def host(self) -> Maybe[str]:
        """The registry host, lower-cased, ``docker.io`` for Docker Hub (port kept)."""
        if self.registry is UNKNOWN:
            return UNKNOWN
        if self.registry is None:
            return DOCKER_HUB
        host = self.registry.lower()
        return DOCKER_HUB if host in _HUB_ALIASES else host

    @property
    def path(self) -> Maybe[str]:
        """The repository path inside its registry: Docker Hub official images get
        ``library/`` (``nginx`` -> ``library/nginx``)."""
        if self.repository is UNKNOWN or self.host is UNKNOWN:
            return UNKNOWN
        if self.host == DOCKER_HUB and "/" not in self.repository:
            return f"library/{self.repository}"
        return self.repository

    @property
    def is_docker_hub(self) -> Maybe[bool]:
        host = self.host
        return UNKNOWN if host is UNKNOWN else host == DOCKER_HUB

    @property
    def ecr(self) -> Maybe[tuple[str, str] | None]:
        """``(account, region)`` of a private ECR registry, else None."""
        host = self.host
        if host is UNKNOWN:
            return UNKNOWN
        m = _ECR_PRIVATE.match(host)
        return (m.group(1), m.group(2)) if m else None

    @property
    def is_ecr_private(self) -> Maybe[bool]:
        """Whether the image comes from a private ECR registry, from the host's shape
        ``<account>.dkr.ecr.<region>.amazonaws.com``: true whatever the account and Region
        labels hold (a placeholder, a stand-in such as ``ACCOUNT_ID``), so
        ``${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app`` is one; false when the known
        parts rule it out (``${ORG}.azurecr.io``, Docker Hub); UNKNOWN when the
        placeholders could make it anything (``${REGISTRY}/app``)."""
        if isinstance(self.registry, str):
            return ECR_HOST.match(self.registry) is not None
        if self.registry is None:
            return False
        shape = self.registry_shape
        if shape is None:
            return UNKNOWN
        if ECR_HOST.match(shape) or _ECR_PRIVATE_TEMPLATED.match(shape):
            # ``${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}``: the
            # ``dkr.ecr`` labels are ECR's alone, whatever fills the domain.
            return True
        # The text after the last placeholder ends the host: past its first dot, only
        # the labels that can end an ECR host may follow.
        tail = shape.rsplit(_HOLE, 1)[1]
        return UNKNOWN if "." not in tail or _ECR_HOST_END.match(tail.split(".", 1)[1]) else False

    @property
    def is_ecr_public(self) -> Maybe[bool]:
        host = self.host
        return UNKNOWN if host is UNKNOWN else host == ECR_PUBLIC

    @property
    def pinned(self) -> Maybe[bool]:
        """Referenced by digest (a tag next to the digest is then ignored by the pull)."""
        if self.digest is UNKNOWN:
            return UNKNOWN
        return self.digest is not None

    @property
    def has_stand_in(self) -> bool:
        """Whether a known part is a stand-in to substitute rather than a name: an
        upper-case identifier as a host label or path component (``REPLACED_BY_CI``,
        ``CONTAINER-IMAGE-PLACEHOLDER``, ``ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/app``,
        ``XXXXX.dkr...``: repository
        paths are lower case), a component with the word "your" (``your-app-image``), or a
        repository made only of generic words naming an image (``application-image``,
        ``application_image``: the documentation's stand-ins)."""
        parts = [] if not isinstance(self.repository, str) else self.repository.split("/")
        if isinstance(self.registry, str):
            parts += re.split(r"[.:]", self.registry)
        if any(_STAND_IN.match(p) for p in parts):
            return True
        words = [set(re.split(r"[-_.]+", p.lower())) for p in parts]
        if any("your" in w for w in words):
            return True
        repository = set(re.split(r"[-_./]+", self.repository.lower())) if isinstance(self.repository, str) else set()
        return bool(repository) and repository <= _GENERIC_WORDS and not repository.isdisjoint(_IMAGE_WORDS)

    @property
    def effective_tag(self) -> Maybe[str | None]:
        """The tag that is pulled: as written, ``latest`` when there is neither tag nor
        digest, None when pinned by digest."""
        pinned = self.pinned
        if pinned is UNKNOWN:
            return UNKNOWN
        if pinned:
            return None
        return "latest" if self.tag is None else self.tag


def parse(value: Any) -> Maybe[ImageReference]:
    """The parts of an image string; None when ``value`` is not a string or cannot be
    split into parts at all (empty, whitespace inside, ``:tag`` only, two ``@``, an empty
    path component, a ``:`` inside the repository); UNKNOWN for a computed value (a
    CloudFormation intrinsic)."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if not isinstance(value, str):
        return None
    holed = holes(value.strip())
    if not holed or len(holed.split()) != 1:  # empty, or whitespace inside
        return None

    if holed.count("@") > 1 or "//" in holed or holed.startswith("/"):
        return None
    # Digest: after the '@'.
    at = holed.rfind("@")
    if at >= 0:
        name, digest = holed[:at], _known(holed[at + 1 :])
        if digest == "":
            return None
    else:
        name, digest = holed, None
    # Tag: after a ':' in the last path component.
    slash = name.rfind("/")
    last = name[slash + 1 :]
    colon = last.rfind(":")
    if colon >= 0:
        repo_end = slash + 1 + colon
        tag: Maybe[str] = _known(last[colon + 1 :])
        if tag == "":
            return None
        open_end = _HOLE in last[colon + 1 :]
    else:
        repo_end = len(name)
        tag = None
        open_end = _HOLE in last
    if open_end:
        # A placeholder at the end of the name may carry a tag (``app${SUFFIX}`` ->
        # ``app:1``) or, unless one is written, a digest.
        tag = UNKNOWN
        if at < 0:
            digest = UNKNOWN
    repo_text = name[:repo_end]
    if not repo_text:
        return None
    # Registry: the first component, when it looks like a host.
    first, sep, rest = repo_text.partition("/")
    shape = None
    if not sep:
        registry: Maybe[str] = UNKNOWN if _HOLE in first else None
        repository: Maybe[str] = UNKNOWN if _HOLE in first else first
    elif _HOLE in first:
        registry, repository = UNKNOWN, _known(rest)
        shape = first
    elif is_registry_host(first):
        registry, repository = first, _known(rest)
    else:
        registry, repository = None, _known(repo_text)
    if repository == "" or isinstance(repository, str) and (":" in repository or repository.endswith("/")):
        return None  # `a:b:c`, `host/`: not a reference (ECS119 says why)
    return ImageReference(text=value, registry=registry, repository=repository, tag=tag, digest=digest, registry_shape=shape)


def holes(text: str) -> str:
    """``text`` with each placeholder or template token replaced by :data:`HOLE`."""
    holed = PLACEHOLDER.sub(_HOLE, text) if ("$" in text or "{{" in text or "<" in text) else text
    if "$" in holed or "%" in holed or "&&" in holed:
        holed = TEMPLATE_TOKEN.sub(_HOLE, holed)
    return holed


def is_registry_host(first: str) -> bool:
    """Whether the first path component of a reference names a registry host: it holds
    a ``.`` or a ``:`` (a port), is ``localhost``, or has an upper-case letter
    (``splitDockerDomain``)."""
    return "." in first or ":" in first or first == "localhost" or first.lower() != first


def _known(part: str) -> Maybe[str]:
    return UNKNOWN if _HOLE in part else part


# -- registry allow-lists ------------------------------------------------------------------


def registry_matches(image: ImageReference, entry: str) -> Maybe[bool]:
    """Whether ``image`` comes from ``entry``: a registry host (``quay.io``,
    ``123456789012.dkr.ecr.us-east-1.amazonaws.com``, ``docker.io`` for Docker Hub), a host
    pattern (``*`` matches within one host label, a leading ``*.`` any number of labels:
    ``*.dkr.ecr.*.amazonaws.com``), or a host and a path prefix that ends at a path
    component (``public.ecr.aws/aws-observability`` matches
    ``public.ecr.aws/aws-observability/aws-otel-collector``, not ``.../aws-observability2/x``).
    Hosts compare case-insensitively, ports included."""
    host = image.host
    if host is UNKNOWN:
        return UNKNOWN
    want_host, _, want_path = entry.strip().strip("/").partition("/")
    want_host = want_host.lower()
    if want_host in _HUB_ALIASES:
        want_host = DOCKER_HUB
    if not want_host or not _host_matches(host, want_host):
        return False
    if not want_path:
        return True
    path = image.path
    if path is UNKNOWN:
        return UNKNOWN
    return path == want_path or path.startswith(want_path + "/")


def _host_matches(host: str, pattern: str) -> bool:
    if "*" not in pattern:
        return host == pattern
    if pattern.startswith("*."):
        regex = r"(?:[^./]+\.)+" + _label_glob(pattern[2:])
    else:
        regex = _label_glob(pattern)
    return re.fullmatch(regex, host) is not None


def _label_glob(pattern: str) -> str:
    from ecslint.core.glob import translate

    return translate([None if c == "*" else re.escape(c) for c in pattern], "[^./]")
