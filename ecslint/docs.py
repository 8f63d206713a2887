"""Rule pages, generated from each rule's metadata and docstring (and nothing else).

The same text serves ``rules/<ID>.md`` in the repository (a test fails when a committed page
differs from what the code generates), ``ecslint rule ID`` in the terminal, and the
``help.markdown`` of SARIF rule descriptors, so a rule is documented once, beside its code.
"""

from __future__ import annotations

from ecslint.core.rule import SECTIONS, Rule

_KIND_NAMES = {
    "task-definition": "task definitions",
    "service": "services",
    "lifecycle-policy": "ECR lifecycle policies",
    "repository": "ECR repositories",
    "cluster": "clusters",
    "capacity-provider": "capacity providers",
    "target-group": "target groups",
    "workflow": "GitHub Actions workflows (their ECS render and deploy steps)",
}


#: The page's "Fix" row, from the rule's ``fix`` metadata.
_FIX = {
    "safe": "safe (`ecslint check --fix` applies it)",
    "unsafe": "unsafe (applied only with `--fix --unsafe-fixes`: review it)",
}


def page(rule: Rule) -> str:
    """The Markdown page of one rule."""
    applies = ", ".join(_KIND_NAMES[k] for k in rule.kinds)
    if rule.scope == "workspace":
        applies += " (read together)"
    rows = [
        ("Severity", rule.severity.label + (f" (security severity {rule.security_severity:.1f})" if rule.security_severity else "")),
        ("Enabled by default", "yes" if rule.enabled else "no (select it by id, prefix or name)"),
        ("Applies to", applies),
        ("Tags", ", ".join(rule.tags) or "-"),
        ("Fix", _FIX.get(rule.fix, "none")),
    ]
    out = [f"# {rule.id}: {rule.name}", "", rule.summary, "", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in rows]
    if rule.options:
        out += ["", "## Options", "", "| option | default | meaning |", "|---|---|---|"]
        for name, option in rule.options.items():
            out.append(f"| `{name}` | `{option.default!r}` | {option.help} |")
        out += ["", f"Set them in the configuration: `[tool.ecslint.rules.{rule.id}]` (or `.{rule.name}`)."]
    for title in SECTIONS:
        body = rule.section(title)
        if body:
            out += ["", f"## {title}", "", body]
    if rule.compliance:
        out += [
            "",
            "## Compliance",
            "",
            "The controls of other frameworks that this rule checks. A control's selector names every rule",
            "mapped to it wherever a rule is named (`select`, `ignore`, `[severity]`, ...);",
            f"`compliance:{rule.compliance[0].framework}` names every rule mapped to that framework.",
            "",
            "| framework | control | selector |",
            "|---|---|---|",
        ]
        out += [f"| {ref.title} | [{ref.id}]({ref.url}) | `{ref.selector}` |" for ref in rule.compliance]
    out += ["", "## References", ""]
    out += [f"- <{url}>" for url in rule.sources]
    return "\n".join(out) + "\n"


def index(rules: list[Rule]) -> str:
    """``rules/README.md``: the table of every rule, linking each page."""
    out = [
        "# ecslint rules",
        "",
        "Generated from the rules' own metadata (`python tools/gen_docs.py`); do not edit by hand.",
        "Select rules by id (`ECS101`), id prefix (`ECS1`, `ECR`), name (`no-essential-container`)",
        "or the compliance control they check (`compliance:security-hub`, `compliance:security-hub/ECS.20`).",
        "",
        "| id | name | severity | default | summary |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        out.append(f"| [{r.id}]({r.id}.md) | {r.name} | {r.severity.label} | {'on' if r.enabled else 'off'} | {summary} |")
    return "\n".join(out) + "\n"


def short_references(rule: Rule) -> list[str]:
    """The rule's Security Hub and Control Tower control ids (``ECS.20``, ``CT.ECS.PR.3``),
    short enough for ``ecslint rules``. AWS Config rule names are long, and each one mapped
    here backs a Security Hub control; pages and ``rules --format json`` list them all."""
    return [ref.id for ref in rule.compliance if ref.framework != "aws-config"]


def plain(text: str) -> str:
    """Markdown to plain text, enough for SARIF's ``text`` fields (drops fences and ticks)."""
    lines = [line for line in text.splitlines() if not line.strip().startswith("```")]
    return " ".join(" ".join(lines).replace("`", "").split())
