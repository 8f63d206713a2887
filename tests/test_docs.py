"""Rule pages are generated, current, and their examples are true.

Each rule's docstring is its page; its Example section holds a Bad and a Good example.
Here the Bad example must trigger the rule and the Good one must not, so the
documentation cannot drift from the behaviour.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ecslint.config import Config, from_mapping
from ecslint.docs import page
from ecslint.engine import Registry, Settings, run

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = Registry.default()
#: A fenced block: its language, the file it stands for when named after the language
#: (```` ```yaml .github/workflows/deploy.yml ````, for rules that read a repository), its text.
_BLOCK = re.compile(r"```(\w+)(?: +(\S+))?\n(.*?)```", re.DOTALL)


def test_committed_pages_are_current():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def _toml(text):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib.loads(text)


def _examples(rule):
    text = rule.section("Example")
    bad, _, good = text.partition("Good:")
    return _BLOCK.findall(bad), _BLOCK.findall(good)


@pytest.mark.parametrize("rule", [r for r in REGISTRY.rules if not r.engine_only], ids=lambda r: r.id)
def test_examples_behave_as_documented(rule, tmp_path):
    bad, good = _examples(rule)
    assert bad and good, f"{rule.id}: the Example section needs a Bad and a Good code block"
    for label, blocks, expect in (("bad", bad, True), ("good", good, False)):
        folder = tmp_path / label
        folder.mkdir()
        config = Config()
        for n, (language, name, body) in enumerate(blocks):
            if language == "toml":  # the configuration the example runs with (rule options)
                config = from_mapping(_toml(body)["tool"]["ecslint"])
                continue
            target = folder / (name or f"example{n}.{'yaml' if language == 'yaml' else 'json'}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body)
        report = run([str(folder)], Settings(config=config, select=[rule.id]), REGISTRY)
        fired = [f for f in report.findings if f.rule == rule.id]
        assert bool(fired) is expect, f"{rule.id} {label} example: {[f.message for f in report.findings]}"


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=lambda r: r.id)
def test_page_has_every_section_and_a_source(rule):
    text = page(rule)
    for section in ("## What it does", "## Why it matters", "## Example", "## How to fix", "## References"):
        assert section in text, f"{rule.id} page lacks {section}"
    assert all(url.startswith("https://") for url in rule.sources)
