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

from ecslint.model.images import ECR_HOST, is_registry_host, parse
from ecslint.model.values import UNKNOWN

_DOMAIN_COMPONENT = r"(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])"
_DOMAIN = re.compile(rf"^(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[A-Fa-f0-9:]+\])(?::[0-9]+)?$")
_PATH_COMPONENT = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
_SHA256 = re.compile(r"^sha256:[a-f0-9]{64}$")
#: A component written as an upper-case identifier (``IMAGE_URI``, ``REPLACED_BY_CI``,
#: ``YOUR_ECR_REPO_URI``): a repository path is always lower case, so an all-capitals
#: component is a stand-in to be substituted, not a typo.
_CAPS_IDENTIFIER = re.compile(r"^[A-Z][A-Z0-9_]*$")

#: ECS counts at most this many characters before ``@``.
MAX_LENGTH = 255


def looks_templated(image: str) -> bool:
    """Whether part of ``image`` is still to be substituted: a template token the structural
    parser (:func:`ecslint.model.images.parse`) marks UNKNOWN (``$VAR``, ``%VAR%``,
    ``&&VAR&&``, placeholders), or a stand-in component (an upper-case identifier in the
    repository path or in a registry host other than ECR's)."""
    ref = parse(image)
    if ref is UNKNOWN:
        return True
    if ref is None:
        return False  # not even structurally a reference: judged by problem()
    parts = (ref.registry, ref.repository, ref.tag, ref.digest)
    if any(p is UNKNOWN for p in parts):
        return True
    components = ref.repository.split("/")
    if isinstance(ref.registry, str) and not ECR_HOST.match(ref.registry):
        components += re.split(r"[.:]", ref.registry)
    return any(_CAPS_IDENTIFIER.match(c) for c in components)


def problem(image: str) -> str | None:
    """Why ``image`` is not a valid reference, or None when it is."""
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
