#!/usr/bin/env python3
"""Write the rule reference under rules/ and the rule index from the rules' own metadata
and docstrings.

    python tools/gen_docs.py          # (re)write rules/README.md, rules/<ID>.md, ecslint/rules/_index.py
    python tools/gen_docs.py --check  # exit 1 if a committed page or the index differs

tests/test_docs.py runs the check, so a page can never drift from its rule; the index
(what a run knows of every rule without importing it) is compared by tests/test_rule_index.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecslint.docs import index, page  # noqa: E402
from ecslint.engine import Registry  # noqa: E402
from ecslint.plugins import load_rules  # noqa: E402
from ecslint.rules import BUILTIN, index_source  # noqa: E402

INDEX = ROOT / "ecslint" / "rules" / "_index.py"


def pages() -> dict[str, str]:
    """File name under rules/ -> its content (from the rules themselves, not the index)."""
    rules = list(Registry(BUILTIN + tuple(load_rules())).rules)
    out = {"README.md": index(rules)}
    out.update({f"{r.id}.md": page(r) for r in rules})
    return out


def main(argv: list[str]) -> int:
    target = ROOT / "rules"
    wanted = pages()
    source = index_source(BUILTIN)
    if "--check" in argv:
        stale = [name for name, text in wanted.items() if not (target / name).is_file() or (target / name).read_text() != text]
        extra = sorted(p.name for p in target.glob("*.md") if p.name not in wanted)
        for name in stale + extra:
            print(f"rules/{name} is out of date (run python tools/gen_docs.py)")
        index_stale = not INDEX.is_file() or INDEX.read_text(encoding="utf-8") != source
        if index_stale:
            print("ecslint/rules/_index.py is out of date (run python tools/gen_docs.py)")
        return 1 if stale or extra or index_stale else 0
    INDEX.write_text(source, encoding="utf-8")
    target.mkdir(exist_ok=True)
    for name, text in wanted.items():
        (target / name).write_text(text)
    for p in target.glob("*.md"):
        if p.name not in wanted:
            p.unlink()
    print(f"wrote {len(wanted)} files to rules/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
