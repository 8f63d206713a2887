"""Whether an image string is a valid reference (ECS119); ``images.py`` splits it.

Grammar: ``distribution/reference`` (regexp.go), which Docker and the ECS agent use to
parse ``image``::

    reference      := name [ ":" tag ] [ "@" digest ]
    name           := [domain "/"] path-component ["/" path-component]*
    domain         := host [":" port]          (host: DNS labels, letters of either case)
    path-component := [a-z0-9]+ (separator [a-z0-9]+)*    separator := [._] | "__" | "-"+
    tag            := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}

The first component is a registry host when it contains ``.`` or ``:``, is ``localhost``, or
has an upper-case letter (``splitDockerDomain``); every other component must be lower case.
ECS adds (ContainerDefinition ``image``): at most 255 characters before ``@``, and only
``sha256`` digests (64 hex digits).
"""

from __future__ import annotations

import re

from ecslint.core.lazyre import lazy
from ecslint.model.images import ECR_HOST, HOLE, holes, is_registry_host

_DOMAIN_COMPONENT = r"(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])"
_DOMAIN = lazy(rf"^(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[A-Fa-f0-9:]+\])(?::[0-9]+)?$")
_PATH_COMPONENT = lazy(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")
_TAG = lazy(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
_SHA256 = lazy(r"^sha256:[a-f0-9]{64}$")
#: A component written as an upper-case identifier (``IMAGE_URI``, ``REPLACED_BY_CI``,
#: ``YOUR_ECR_REPO_URI``, ``CONTAINER-IMAGE-PLACEHOLDER``): a repository path is always lower
#: case, so an all-capitals component is a stand-in to be substituted, not a typo.
_CAPS_IDENTIFIER = lazy(r"^[A-Z][A-Z0-9_-]*$")
#: ``<...>``: the documentation's stand-ins, also those the placeholder pattern does not
#: take (``<repo:%BUILD%>``); a reference never holds ``<`` or ``>``.
_ANGLE_BRACKETS = lazy(r"<[^<>]*>")

#: ECS counts at most this many characters before ``@``.
MAX_LENGTH = 255
#: What a placeholder stands for when the literal parts around it are judged: valid as a
#: host label, a path component and a tag (a placeholder in the digest: a whole digest).
_FILLER = "x0"
_ANY_DIGEST = "sha256:" + "0" * 64


def looks_templated(image: str) -> bool:
    """Whether ``image`` is a stand-in to be substituted as a whole: a repository path
    component or a host label (other than an ECR host's) written as an upper-case
    identifier (``REPLACED_BY_CI``, ``IMAGE_URI``, ``REPO_${ENV}``). Placeholders
    (``${IMAGE_TAG}``, ``$VAR``, ``%VAR%``, ``&&VAR&&``) are not: :func:`problem` judges
    the literal parts around them. Text in angle brackets is a stand-in whatever it holds
    (``<your-repository/app:v_%BUILD_NUMBER%>``)."""
    if _ANGLE_BRACKETS.search(image):
        return True
    name = holes(image.strip()).partition("@")[0]
    colon = name.find(":", name.rfind("/") + 1)
    components = (name[:colon] if colon != -1 else name).split("/")
    if len(components) > 1 and (is_registry_host(components[0]) or HOLE in components[0]):
        host = components.pop(0)
        if not ECR_HOST.match(host.replace(HOLE, _FILLER)):
            components += re.split(r"[.:]", host)
    return any(_stand_in(c) for c in components)


def _stand_in(component: str) -> bool:
    """An upper-case identifier, possibly around placeholders (``REPO_${ENV}``)."""
    return any(ch.isupper() for ch in component) and _CAPS_IDENTIFIER.match(component.replace(HOLE, "X")) is not None


def filled(image: str) -> str:
    """``image`` with each placeholder replaced by a value that is valid where it stands
    (a host label, a path component, a tag, a whole digest), so that only the literal
    parts can make it invalid: ``${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/
    Shop:${Tag}`` is still an upper-case repository name."""
    text = holes(image)
    if HOLE not in text:
        return image
    name, at, digest = text.partition("@")
    if at and HOLE in digest and "@" not in digest:
        digest = _ANY_DIGEST
    return (name + at + digest).replace(HOLE, _FILLER)


def problem(image: str) -> str | None:
    """Why ``image`` is not a valid reference, or None when it is (or may be, once its
    placeholders are filled in)."""
    image = filled(image)
    if image == "":
        return "it is empty"
    if len(image.split()) != 1 or image != image.strip():
        return "it contains whitespace"
    if "://" in image:
        return "it starts with a URL scheme; a reference is `registry/repository:tag` without one"
    name_tag, at, digest = image.partition("@")
    if at:
        if "@" in digest:
            return "it has more than one `@`"
        if not _SHA256.match(digest):
            return "the digest after `@` must be `sha256:` followed by 64 lower-case hex digits"
    if len(name_tag) > MAX_LENGTH:
        return f"it is {len(name_tag)} characters long before any `@digest`; ECS allows at most {MAX_LENGTH}"
    name = name_tag
    last_slash = name_tag.rfind("/")
    colon = name_tag.find(":", last_slash + 1)
    if colon != -1:
        name, tag = name_tag[:colon], name_tag[colon + 1 :]
        if tag == "":
            return "it ends with `:` but has no tag"
        if not _TAG.match(tag):
            if len(tag) > 128:
                return f"the tag is {len(tag)} characters long; a tag has at most 128"
            return (
                "the tag after `:` may only hold letters, digits, `_`, `.` and `-` "
                "and must not start with `.` or `-`"
            )
    if name == "":
        return "it has no repository name"
    components = name.split("/")
    if len(components) > 1 and is_registry_host(components[0]):
        host = components[0]
        if not _DOMAIN.match(host) and not ECR_HOST.match(host):
            return f"the registry host `{host}` is not a valid host name[:port]"
        components = components[1:]
    for component in components:
        if component == "":
            return "the repository path has an empty component (`//` or a leading or trailing `/`)"
        if not _PATH_COMPONENT.match(component):
            if component.lower() != component and _PATH_COMPONENT.match(component.lower()):
                return f"the repository path component `{component}` has upper-case letters; repository names are lower case"
            return (
                f"the repository path component `{component}` may only hold lower-case letters and digits "
                "separated by `.`, `_`, `__` or dashes"
            )
    return None
