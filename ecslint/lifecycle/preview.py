"""``ecslint lifecycle preview POLICY --images IMAGES``: what the policy would do, offline.

The policy is read by the same loader as ``ecslint check`` (raw policy, put/get-lifecycle-
policy JSON with ``lifecyclePolicyText``, YAML), and checked first: a policy with errors
(``ECS001``-``ECS005``, ``ECR1xx``) is not simulated, because AWS would reject it and any
preview of it would be a guess. Every problem with the input is a :class:`PreviewError`
(the command prints it and exits 2).
"""

from __future__ import annotations

import json
import os
import time
from typing import Any, TextIO

from ecslint.lifecycle import short_digest
from ecslint.lifecycle.images import ImageList, ImagesError, format_age, format_time, parse_time, read_images
from ecslint.lifecycle.simulate import KEEP, PolicyError, Result, SimRule, compile_rules, simulate

#: The checks a policy must pass before it is simulated (errors only).
VALIDITY = ("ECS001", "ECS002", "ECS003", "ECS004", "ECS005", "ECR1")
_MAX_LISTED = 10
#: describe-images output takes about 500 bytes an image: 100,000 images are 50 MB.
MAX_IMAGES_BYTES = 256 * 1024 * 1024


class PreviewError(Exception):
    """Bad input: the message says what and where; the command exits 2."""


# -- inputs --------------------------------------------------------------------------------


def load_policy(path: str) -> tuple[list[SimRule], str]:
    """The policy's rules in evaluation order, and how to name the file."""
    from ecslint.core.finding import Severity
    from ecslint.engine import Settings, run
    from ecslint.load.discover import PathError
    from ecslint.model import view

    display = os.path.relpath(path) if not os.path.isabs(path) else path
    if not os.path.lexists(path):
        raise PreviewError(f"no such file: {path}")
    if os.path.isdir(path):
        raise PreviewError(f"{path} is a directory: give the policy file")
    try:
        report = run([path], Settings(select=list(VALIDITY)))  # reads the file once, for us too
    except PathError as exc:  # not a regular file
        raise PreviewError(str(exc)) from None
    (file,) = report.files
    if file.problems:
        problem = file.problems[0]
        raise PreviewError(f"{display}:{problem.line}:{problem.column}: cannot read the policy: {problem.message}")
    policies = [d for d in file.documents if d.kind == "lifecycle-policy"]
    if not policies:
        found = sorted({d.kind for d in file.documents})
        what = f"it holds a {' and a '.join(found)}" if found else (file.skipped or "nothing ECS-shaped")
        raise PreviewError(f"{display} holds no ECR lifecycle policy ({what})")
    if len(policies) > 1:
        raise PreviewError(f"{display} holds {len(policies)} lifecycle policies: give a file with one")
    errors = [f for f in report.findings if f.severity >= Severity.ERROR]
    if errors:
        lines = [f"  {f.path}:{f.region.line}:{f.region.column}: {f.rule} {f.message}" for f in errors[:_MAX_LISTED]]
        if len(errors) > _MAX_LISTED:
            lines.append(f"  ... and {len(errors) - _MAX_LISTED} more")
        raise PreviewError(
            f"{display}: the policy has {len(errors)} error{'s' if len(errors) != 1 else ''}, so AWS would reject it; "
            "not simulating it:\n" + "\n".join(lines)
        )
    try:
        return compile_rules(view(policies[0])), display
    except PolicyError as exc:
        raise PreviewError(f"{display}: cannot simulate the policy: {exc}") from None


def load_images(path: str) -> ImageList:
    """describe-images output from a JSON (or YAML) file."""
    from decimal import Decimal

    from ecslint.load.errors import LoadError
    from ecslint.load.files import read_regular
    from ecslint.load.text import decode

    try:
        raw = read_regular(path, MAX_IMAGES_BYTES)
    except OSError as exc:
        raise PreviewError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = decode(raw)  # UTF-8, or UTF-16/32 with a BOM (PowerShell's redirection)
    except LoadError as exc:
        raise PreviewError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    try:
        if path.lower().endswith((".yaml", ".yml")):
            from ecslint.load.yamlload import parse_yaml

            # The checker's YAML loader: alias bombs and deep nesting are refused, not run.
            documents = parse_yaml(text)
            data = documents[0][0] if documents else None
        else:
            # Not the checker's JSON loader: exact timestamps need Decimal fractions.
            data = json.loads(text, parse_float=Decimal)
    except LoadError as exc:
        raise PreviewError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    except json.JSONDecodeError as exc:
        raise PreviewError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise PreviewError(f"{path}: nested too deeply to be describe-images output") from None
    except ValueError as exc:  # int() refuses a numeral of thousands of digits
        raise PreviewError(f"{path}: not valid JSON ({exc})") from None
    try:
        return read_images(data)
    except ImagesError as exc:
        raise PreviewError(f"{path}: {exc}") from None


def parse_now(text: str | None) -> int:
    if text is None:
        return time.time_ns() // 1000
    try:
        return parse_time(text)
    except ValueError as exc:
        raise PreviewError(f"--now: {exc}") from None


def preview(policy_path: str, images_path: str, now_text: str | None = None) -> tuple[Result, str, list[str]]:
    rules, display = load_policy(policy_path)
    images = load_images(images_path)
    now = parse_now(now_text)
    result = simulate(rules, images.images, now)
    return result, display, images.warnings + result.warnings


# -- output --------------------------------------------------------------------------------


def to_json(result: Result, policy: str, warnings: list[str]) -> dict[str, Any]:
    counts = {a: len(result.by_action(a)) for a in ("expire", "transition", KEEP)}
    return {
        "policy": policy,
        "now": format_time(result.now),
        "images": [
            {
                "imageDigest": o.image.digest,
                "imageTags": list(o.image.tags),
                "imagePushedAt": format_time(o.image.pushed_at),
                "storageClass": o.image.storage_class,
                "action": o.action,
                "rulePriority": o.priority,
                "reason": o.reason,
            }
            for o in result.outcomes
        ],
        "rules": [
            {
                "rulePriority": s.rule.priority,
                "description": s.rule.description,
                "rule": s.rule.describe(),
                "action": s.rule.action,
                "selected": len(s.selected),
                "claimedEarlier": len(s.claimed_earlier),
                "acted": len(s.acted),
                "kept": len(s.kept),
            }
            for s in result.rules
        ],
        "ties": [
            {
                "rulePriority": t.priority,
                "pushedAt": format_time(t.pushed_at),
                "imageDigests": t.digests,
                "changes": [
                    {
                        "imageDigest": c.digest,
                        "action": c.action,
                        "rulePriority": c.priority,
                        "alternative": c.alternative,
                        "alternativeRulePriority": c.alternative_priority,
                    }
                    for c in t.changes
                ],
            }
            for t in result.ties
        ],
        "warnings": warnings,
        "summary": {"images": len(result.outcomes), **counts},
    }


def write_json(result: Result, policy: str, warnings: list[str], out: TextIO) -> None:
    json.dump(to_json(result, policy, warnings), out, indent=2)
    out.write("\n")


_TAGS_WIDTH = 40


def write_text(result: Result, policy: str, warnings: list[str], out: TextIO) -> None:
    n = len(result.outcomes)
    out.write(f"Lifecycle preview of {policy} on {n} image{'s' if n != 1 else ''} at {format_time(result.now)}\n\n")
    rows = [("DIGEST", "TAGS", "PUSHED", "AGE", "ACTION", "RULE")]
    for o in result.outcomes:
        tags = ", ".join(o.image.tags) or "-"
        if len(tags) > _TAGS_WIDTH:
            tags = tags[: _TAGS_WIDTH - 1] + "…"
        age = format_age(result.now - o.image.pushed_at) if result.now >= o.image.pushed_at else "future"
        storage = " (archived)" if o.image.storage_class == "archive" else ""
        rule = "-" if o.priority is None else str(o.priority)
        rows.append((short_digest(o.image.digest), tags, format_time(o.image.pushed_at)[:19] + "Z", age, o.action + storage, rule))
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n")
    out.write("\nRules:\n")
    for s in result.rules:
        rule = s.rule
        label = f"  {rule.label}: {rule.describe()}"
        if rule.description:
            label += f' ("{_one_line(rule.description)}")'
        out.write(label + "\n")
        earlier = f" ({len(s.claimed_earlier)} claimed by earlier rules)" if s.claimed_earlier else ""
        verb = "expires" if rule.action == "expire" else "transitions"
        out.write(f"    selects {len(s.selected)}{earlier}, {verb} {len(s.acted)}, keeps {len(s.kept)}\n")
    if result.ties:
        out.write("\nTies (ECR does not document the order of images pushed at the same instant; ecslint ranks the smaller digest as newer):\n")
        for t in result.ties:
            names = ", ".join(short_digest(d) for d in t.digests)
            out.write(f"  rule {t.priority} ranks images pushed at {format_time(t.pushed_at)} ({names}):\n")
            for c in t.changes:
                now_rule = "" if c.priority is None else f" by rule {c.priority}"
                alt_rule = "" if c.alternative_priority is None else f" by rule {c.alternative_priority}"
                out.write(f"    {short_digest(c.digest)}: {_done(c.action)}{now_rule} here, {_done(c.alternative)}{alt_rule} in the other order\n")
    if warnings:
        out.write("\n")
        for w in warnings:
            out.write(f"warning: {w}\n")
    counts = {a: len(result.by_action(a)) for a in ("expire", "transition", KEEP)}
    out.write(
        f"\n{counts['expire']} to expire, {counts['transition']} to transition to archive, {counts[KEEP]} kept"
        f"{f'; {len(result.ties)} tie(s) change the outcome' if result.ties else ''}.\n"
    )


def _done(action: str) -> str:
    return {"expire": "expired", "transition": "archived", KEEP: "kept"}[action]


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 60 else line[:59] + "…"


__all__ = ["PreviewError", "load_images", "load_policy", "parse_now", "preview", "to_json", "write_json", "write_text"]
