"""Rules from other packages, through the ``ecslint.rules`` entry-point group (as flake8).

An organisation ships its own rules as a package declaring, in its ``pyproject.toml``::

    [project.entry-points."ecslint.rules"]
    acme = "acme_ecs_rules:RULES"

where ``RULES`` is a :class:`~ecslint.core.rule.Rule` or an iterable of them.

Why not ``importlib.metadata``: importing it costs about 30 ms, a third of the budget of a
whole pre-commit run. Reading the ``entry_points.txt`` files of the installed distributions
directly costs well under a millisecond.
"""

from __future__ import annotations

import importlib
import os
import sys

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

GROUP = "ecslint.rules"


def entry_points(group: str = GROUP) -> Iterator[tuple[str, str]]:
    """(name, ``module:attribute``) for each entry point of ``group`` on ``sys.path``."""
    header = f"[{group}]"
    seen: set[str] = set()
    for directory in sys.path:
        try:
            names = sorted(os.listdir(directory or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(directory or ".", name, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            if header not in text:
                continue
            for entry, target in _section(text, header):
                if entry not in seen:
                    seen.add(entry)
                    yield entry, target


def _section(text: str, header: str) -> Iterator[tuple[str, str]]:
    inside = False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            inside = line == header
        elif inside and "=" in line and not line.startswith(("#", ";")):
            name, _, target = line.partition("=")
            yield name.strip(), target.strip()


def load_rules() -> list:
    """Every plugin rule; a plugin that fails to import is an error the user must see."""
    from ecslint.core.rule import Rule

    rules = []
    for name, target in entry_points():
        module, _, attribute = target.partition(":")
        try:
            obj = importlib.import_module(module.strip())
            for part in filter(None, attribute.strip().split(".")):
                obj = getattr(obj, part)
        except Exception as exc:  # noqa: BLE001 - reported as a usage error
            raise PluginError(f"plugin {name!r} ({target}) failed to load: {type(exc).__name__}: {exc}") from exc
        rules.extend([obj] if isinstance(obj, Rule) else list(obj))
    return rules


class PluginError(Exception):
    pass
