"""Compliance references: the controls of other frameworks that a rule checks.

A rule declares them in its ``@rule`` decorator, as ``"framework:control"`` strings::

    compliance=("security-hub:ECS.20", "control-tower:CT.ECS.PR.3",
                "aws-config:ecs-task-definition-linux-user-non-root")

They are validated at import (a known framework, a well-formed control id, no control AWS
has retired), shown on the rule's page, in ``ecslint rules`` and in SARIF tags, and they
select rules everywhere a rule is named (``compliance:security-hub``,
``compliance:security-hub/ECS.20``, ``compliance:ECS.20``; see :func:`parse_selector`).

A rule maps a control only when it reports every failure of that control that a file can
show (it may report more); a rule that covers only part of a control does not map it.
"""

from __future__ import annotations

import re

from ecslint.core.records import NamedTuple

#: The selector prefix, also the prefix of SARIF tags: ``compliance:security-hub/ECS.20``.
PREFIX = "compliance:"


class Framework(NamedTuple):
    name: str
    title: str
    #: The shape of a control id in this framework.
    pattern: str
    example: str


#: Known frameworks, in the order they are shown. A new framework is one entry here (and
#: a link in :func:`url`).
FRAMEWORKS: dict[str, Framework] = {
    f.name: f
    for f in (
        # Security control ids: service, dot, number (ECS.20, ECR.1, ELB.17).
        Framework("security-hub", "AWS Security Hub CSPM", r"[A-Za-z][A-Za-z0-9]*\.[1-9][0-9]*", "ECS.20"),
        # Proactive controls: CT.<SERVICE>.PR.<n>.
        Framework("control-tower", "AWS Control Tower proactive control", r"CT\.[A-Z0-9]+\.PR\.[1-9][0-9]*", "CT.ECS.PR.3"),
        # Managed rule names, as in the AWS Config developer guide.
        Framework("aws-config", "AWS Config managed rule", r"[a-z0-9]+(?:-[a-z0-9]+)+", "ecs-containers-nonprivileged"),
    )
}

#: Controls AWS has withdrawn: a rule must not map them as if current (Security Hub control
#: reference and AWS Config managed rules list). Their successors are mapped instead.
RETIRED: dict[tuple[str, str], str] = {
    ("security-hub", "ECS.1"): "Security Hub retired ECS.1 on 2026-03-04 (its checks are ECS.4, ECS.17, ECS.20 and ECS.21)",
    ("aws-config", "ecs-task-definition-memory-hard-limit"): "AWS Config discontinued ecs-task-definition-memory-hard-limit on 2026-04-03",
}


class Reference(NamedTuple):
    """One control of one framework."""

    framework: str
    id: str

    @property
    def selector(self) -> str:
        """How configs, the command line and SARIF tags name it."""
        return f"{PREFIX}{self.framework}/{self.id}"

    @property
    def title(self) -> str:
        return FRAMEWORKS[self.framework].title

    @property
    def url(self) -> str:
        return url(self)

    def matches(self, framework: str | None, control: str | None) -> bool:
        """Whether a selector's ``(framework, control)`` names it (``None``: any)."""
        return (framework is None or framework == self.framework) and (control is None or control.lower() == self.id.lower())


def reference(text: str, owner: str = "rule") -> Reference:
    """``"security-hub:ECS.20"`` -> ``Reference``; a ``ValueError`` that names ``owner``
    for an unknown framework, a malformed id or a retired control."""
    framework, sep, control = text.partition(":")
    if not sep or framework not in FRAMEWORKS:
        known = ", ".join(f"`{name}:`" for name in FRAMEWORKS)
        raise ValueError(f"{owner}: compliance reference {text!r} must start with a known framework ({known})")
    spec = FRAMEWORKS[framework]
    if not re.fullmatch(spec.pattern, control):
        raise ValueError(f"{owner}: {text!r} is not a {spec.title} id (like {framework}:{spec.example})")
    retired = RETIRED.get((framework, control))
    if retired:
        raise ValueError(f"{owner}: {text!r} is not current: {retired}; map the rule to the current controls")
    return Reference(framework, control)


def references(texts: tuple[str, ...] | list[str], owner: str = "rule") -> tuple[Reference, ...]:
    """Parse a rule's references: frameworks in :data:`FRAMEWORKS` order, each control once."""
    parsed = [reference(t, owner) for t in texts]
    if len(set(parsed)) != len(parsed):
        raise ValueError(f"{owner}: a compliance reference is listed twice")
    order = list(FRAMEWORKS)
    return tuple(sorted(parsed, key=lambda r: order.index(r.framework)))


def parse_selector(text: str) -> tuple[str | None, str | None]:
    """``compliance:FRAMEWORK``, ``compliance:FRAMEWORK/CONTROL`` or ``compliance:CONTROL``
    -> ``(framework, control)``, ``None`` standing for "any". A ``ValueError`` for an
    unknown framework or nothing after the prefix."""
    rest = text[len(PREFIX) :].strip()
    framework, sep, control = rest.partition("/")
    if sep:
        name = framework.strip().lower()
        if name not in FRAMEWORKS:
            raise ValueError(f"unknown compliance framework `{framework}` (known: {', '.join(FRAMEWORKS)})")
        return name, control.strip() or None
    if rest.lower() in FRAMEWORKS:
        return rest.lower(), None
    if not rest:
        raise ValueError(f"name a framework ({', '.join(FRAMEWORKS)}) or a control after `{PREFIX}`")
    return None, rest


def url(ref: Reference) -> str:
    """The AWS page that documents the control."""
    if ref.framework == "security-hub":
        service, _, number = ref.id.partition(".")
        return f"https://docs.aws.amazon.com/securityhub/latest/userguide/{service.lower()}-controls.html#{service.lower()}-{number}"
    if ref.framework == "control-tower":
        service = ref.id.split(".")[1].lower()
        return (
            f"https://docs.aws.amazon.com/controltower/latest/controlreference/{service}-rules.html"
            f"#{ref.id.lower().replace('.', '-')}-description"
        )
    return f"https://docs.aws.amazon.com/config/latest/developerguide/{ref.id}.html"
