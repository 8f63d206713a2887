"""The reference documents in ``docs/`` are current copies of the project's shared reference,
so that a contributor never needs anything outside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_NOT_SOURCE = {"__pycache__", ".hypothesis", ".pytest_cache"}


def _walk(top: Path):
    for directory, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d not in _NOT_SOURCE]
        for name in files:
            if not name.endswith((".pyc", ".pyo")):
                yield Path(directory, name)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not present")
def test_docs_are_current_copies_of_the_shared_reference():
    """docs/ mirrors ../shared (catalog.md, reference/, data/...SOURCE.md) byte for byte, and
    holds every reference document there, so a contributor never needs ../shared."""
    copies = [p for p in _walk(ROOT / "docs") if p.name != "README.md"]
    for copy in copies:
        original = SHARED / copy.relative_to(ROOT / "docs")
        assert original.is_file(), f"{copy.relative_to(ROOT)} has no original in ../shared"
        assert copy.read_bytes() == original.read_bytes(), f"{copy.relative_to(ROOT)} is stale: copy {original} again"
    wanted = [SHARED / "catalog.md", *(SHARED / "reference").iterdir()]
    missing = [str(p.relative_to(SHARED)) for p in wanted if ROOT / "docs" / p.relative_to(SHARED) not in copies]
    assert not missing, f"copy into docs/: {missing}"


def test_the_contributor_guide_stays_in_the_repository():
    for name in ("CONTRIBUTING.md", "README.md"):
        assert "../shared" not in (ROOT / name).read_text(), name
    assert "docs/catalog.md" in (ROOT / "CONTRIBUTING.md").read_text()
