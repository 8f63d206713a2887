"""The rules keep the catalog's contract: ids, names, default severities and enablement.

``docs/catalog.md`` is the contract users rely on (configs, baselines, CI settings); this
test compares every rule with it (``tests/test_packaging.py`` keeps the copy current).
"""

from __future__ import annotations

import re
from pathlib import Path

from ecslint.engine import Registry

CATALOG = Path(__file__).resolve().parent.parent / "docs" / "catalog.md"
_ROW = re.compile(r"^\| (EC[SR]\d{3}) \| ([a-z0-9-]+) \| ([a-z]+)(, off)? \|", re.MULTILINE)


def catalog() -> dict[str, tuple[str, str, bool]]:
    return {m[1]: (m[2], m[3], not m[4]) for m in _ROW.finditer(CATALOG.read_text())}


def test_every_rule_matches_its_catalog_entry():
    entries = catalog()
    assert len(entries) > 100  # the table was parsed
    for rule in Registry.default().rules:
        assert rule.id in entries, f"{rule.id} is not in the catalog"
        name, severity, enabled = entries[rule.id]
        assert (rule.name, rule.severity.label, rule.enabled) == (name, severity, enabled), rule.id
