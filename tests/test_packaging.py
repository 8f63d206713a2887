"""Packaging: the licence the metadata declares is the one shipped, the source distribution
carries what the test suite reads, and the reference documents in ``docs/`` are current
copies of the project's shared reference."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
#: What the suite reads besides the package: each directory whole, and these files.
TEST_INPUTS = ("tests", "fixtures", "rules", "docs", "examples", "tools", "benchmarks")
TEST_FILES = ("README.md", "CONTRIBUTING.md", "LICENSE", "pyproject.toml", ".pre-commit-hooks.yaml", ".ci/run", "action.yml")
_NOT_SOURCE = {"__pycache__", ".hypothesis", ".pytest_cache"}


def test_the_licence_file_is_the_apache_licence_the_metadata_declares():
    text = (ROOT / "LICENSE").read_text()
    assert text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "END OF TERMS AND CONDITIONS" in text and len(text) > 11000  # the full text
    project = PYPROJECT["project"]
    assert project["license"] == "Apache-2.0"  # an SPDX expression (PEP 639), not a table
    assert project["license-files"] == ["LICENSE"]
    # A licence classifier next to a licence expression is an error for setuptools >= 77.
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    assert any(r.replace(" ", "").startswith("setuptools>=77") for r in PYPROJECT["build-system"]["requires"])


def test_urls_and_classifiers():
    project = PYPROJECT["project"]
    assert {"Homepage", "Repository", "Issues", "Documentation"} <= set(project["urls"])
    assert all(url.startswith("https://github.com/ecslint/ecslint") for url in project["urls"].values())
    versions = [c.rsplit(" ", 1)[1] for c in project["classifiers"] if c.startswith("Programming Language :: Python :: 3.")]
    assert versions and versions[0] == project["requires-python"].removeprefix(">=")


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


def _setuptools_version() -> tuple[int, ...]:
    try:
        from importlib.metadata import version

        return tuple(int(part) for part in version("setuptools").split(".")[:2])
    except Exception:  # noqa: BLE001 - not installed, or an odd version string
        return (0,)


@pytest.mark.skipif(_setuptools_version() < (77,), reason="building the sdist needs setuptools >= 77 (the test extra)")
def test_the_sdist_carries_what_the_test_suite_reads(tmp_path):
    build = subprocess.run(
        [sys.executable, "-c", "import sys, setuptools.build_meta as b; print(b.build_sdist(sys.argv[1]))", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    sdist = tmp_path / build.stdout.strip().splitlines()[-1]
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        top = names[0].split("/")[0]
        members = {name.partition("/")[2] for name in names}
        pkg_info = archive.extractfile(f"{top}/PKG-INFO").read().decode()
    required = {str(p.relative_to(ROOT)) for d in TEST_INPUTS for p in _walk(ROOT / d)} | set(TEST_FILES)
    assert not sorted(required - members)
    assert not [m for m in members if "__pycache__" in m or m.endswith(".pyc") or ".hypothesis" in m]
    assert "License-Expression: Apache-2.0" in pkg_info and "License-File: LICENSE" in pkg_info
