"""The lifecycle simulator and ``ecslint lifecycle preview``.

Test vectors: ``shared/reference/ecr-lifecycle.md`` §2.7, the AWS guide's worked examples
(E1-E10) and the derived ones (X1-X5), each as an exact expectation (action and rule for
every image), through the simulator and through the real CLI in JSON and in text. Then the
details of §2.3-2.5 (boundaries, storage classes, pull-time fallbacks, post-passes, ties),
the input readers, and Hypothesis properties against an independent implementation of the
algorithm.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import random
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.lifecycle.images import DAY, MICROS, ImagesError, format_time, parse_time, read_images, short_digest
from ecslint.lifecycle.simulate import PolicyError, compile_rules, simulate
from ecslint.model import tagfilter

ROOT = Path(__file__).resolve().parent.parent
ECSLINT = str(Path(sys.executable).parent / "ecslint")
NOW = parse_time("2024-06-01T00:00:00Z")
HOUR = 3600 * MICROS


# -- builders --------------------------------------------------------------------------------


def digest(name: str) -> str:
    return "sha256:" + hashlib.sha256(name.encode()).hexdigest()


def image(name: str, tags=(), days: float = 0, **extra) -> dict:
    """An ImageDetail pushed ``days`` before NOW (ISO text, as CLI v2 prints it)."""
    detail = {"imageDigest": extra.pop("digest", digest(name)), "imageTags": list(tags)}
    detail["imagePushedAt"] = format_time(NOW - round(days * DAY))
    for key in ("lastRecordedPullTime", "lastArchivedAt", "lastActivatedAt"):
        if key in extra:
            detail[key] = format_time(NOW - round(extra.pop(key) * DAY))
    detail.update(extra)
    return detail


def rule(priority: int, status: str, count: str, n: int, entries=None, *, prefix=False, action="expire", storage=None) -> dict:
    selection: dict = {"tagStatus": status}
    if entries is not None:
        selection["tagPrefixList" if prefix else "tagPatternList"] = list(entries)
    if storage:
        selection["storageClass"] = storage
    selection["countType"] = count
    if count != "imageCountMoreThan":
        selection["countUnit"] = "days"
    selection["countNumber"] = n
    act = {"type": action}
    if action == "transition":
        act["targetStorageClass"] = "archive"
    return {"rulePriority": priority, "selection": selection, "action": act}


def count(p, status, n, entries=None, **kw):
    return rule(p, status, "imageCountMoreThan", n, entries, **kw)


def pushed(p, status, n, entries=None, **kw):
    return rule(p, status, "sinceImagePushed", n, entries, **kw)


def pulled(p, status, n, entries=None, **kw):
    return rule(p, status, "sinceImagePulled", n, entries, action="transition", **kw)


def transitioned(p, status, n, **kw):
    return rule(p, status, "sinceImageTransitioned", n, storage="archive", **kw)


def archived(name, tags=(), days=0, archived_days=0, **extra):
    return image(name, tags, days, imageStatus="ARCHIVED", lastArchivedAt=archived_days, **extra)


# -- the worked examples (§2.7) ----------------------------------------------------------------

E1_IMAGES = [image("A", ["beta-1", "prod-1"], 10), image("B", ["beta-2", "prod-2"], 9), image("C", ["beta-3"], 8)]
E3_IMAGES = [
    image("A", ["alpha-1"], 12), image("B", ["beta-1"], 11), image("C", ["alpha-2", "beta-2"], 10),
    image("D", ["alpha-3"], 4), image("E", ["beta-3"], 3), image("F", ["alpha-4", "beta-4"], 2),
]
E6_POLICY = [count(1, "tagged", 1, ["alpha*"]), pushed(2, "untagged", 1), count(3, "any", 1)]
X3_IMAGES = [image("R", ["release-1", "sha-a"], 10)] + [image(f"S{i}", [f"sha-{i}"], 5 - i) for i in range(5)]

#: name -> (policy rules, images, {image name: (action, rule priority)} for EVERY image)
EXAMPLES = {
    "E1": (
        [count(1, "tagged", 1, ["prod*"]), count(2, "tagged", 1, ["beta*"])],
        E1_IMAGES,
        {"A": ("expire", 1), "B": ("keep", 1), "C": ("keep", 2)},
    ),
    "E2": (
        [count(1, "tagged", 1, ["beta*"]), count(2, "tagged", 1, ["prod*"])],
        E1_IMAGES,
        {"A": ("expire", 1), "B": ("expire", 1), "C": ("keep", 1)},
    ),
    "E3": (
        [pushed(1, "tagged", 5, ["alpha*", "beta*"])],
        E3_IMAGES,
        {"A": ("keep", None), "B": ("keep", None), "C": ("expire", 1), "D": ("keep", None), "E": ("keep", None), "F": ("keep", 1)},
    ),
    "E4": (
        [count(1, "tagged", 1, ["alpha*", "beta*"])],
        [image("A", ["alpha-1", "beta-1", "gamma-1"], 10), image("B", ["alpha-2", "beta-2"], 9), image("C", ["alpha-3", "beta-3", "gamma-2"], 8)],
        {"A": ("expire", 1), "B": ("expire", 1), "C": ("keep", 1)},
    ),
    "E5": (
        [count(1, "any", 1)],
        [image("A", ["alpha-1"], 4), image("B", ["beta-1"], 3), image("C", [], 2), image("D", ["alpha-2"], 1)],
        {"A": ("expire", 1), "B": ("expire", 1), "C": ("expire", 1), "D": ("keep", 1)},
    ),
    "E6": (
        E6_POLICY,
        # E is pushed after D: one hour later (so it is less than a day old).
        [image("A", ["alpha-1", "beta-1"], 4), image("B", [], 3), image("C", ["alpha-2"], 2), image("D", ["4f2a9c1"], 1), image("E", [], 1 - 1 / 24)],
        {"A": ("expire", 1), "B": ("expire", 2), "C": ("keep", 1), "D": ("expire", 3), "E": ("keep", 2)},
    ),
    "E7": (
        [pushed(1, "untagged", 14)],
        [image("U1", [], 20), image("U2", [], 14), image("U3", [], 3), image("T1", ["v1"], 30)],
        {"U1": ("expire", 1), "U2": ("keep", 1), "U3": ("keep", 1), "T1": ("keep", None)},
    ),
    "E8": (
        [pulled(1, "any", 90)],
        [
            image("A", ["v1"], 200, lastRecordedPullTime=100),
            image("B", [], 120),
            image("C", ["v3"], 30),
            image("D", ["v4"], 400, lastRecordedPullTime=10),
            archived("E", ["v0"], 500, 200),
        ],
        {"A": ("transition", 1), "B": ("transition", 1), "C": ("keep", 1), "D": ("keep", 1), "E": ("keep", None)},
    ),
    "E9": (
        [transitioned(1, "any", 365)],
        [archived("A", ["v1"], 800, 400), archived("B", [], 300, 200), image("C", ["v3"], 1000)],
        {"A": ("expire", 1), "B": ("keep", 1), "C": ("keep", None)},
    ),
    "E10": (
        [pushed(1, "any", 30, action="transition"), transitioned(2, "any", 365)],
        [image("A", ["v1"], 40), image("B", ["v2"], 10), archived("C", ["v0"], 900, 400), archived("D", [], 300, 100)],
        {"A": ("transition", 1), "B": ("keep", 1), "C": ("expire", 2), "D": ("keep", 2)},
    ),
    "X1": (
        [pushed(1, "untagged", 1), count(2, "any", 2)],
        [image("U1", [], 0.5), image("U2", [], 0.2), image("T1", ["a"], 3), image("T2", ["b"], 2)],
        {"U1": ("keep", 1), "U2": ("keep", 1), "T1": ("expire", 2), "T2": ("expire", 2)},
    ),
    "X2": (
        [pushed(1, "tagged", 3650, ["prod*"]), count(2, "any", 1)],
        [image("P1i", ["prod-1"], 100), image("P2i", ["prod-2"], 50), image("X1", ["dev-1"], 40), image("X2", ["dev-2"], 1)],
        {"P1i": ("keep", 1), "P2i": ("keep", 1), "X1": ("expire", 2), "X2": ("keep", 2)},
    ),
    "X3": (
        [count(1, "tagged", 5, ["sha-*"]), count(2, "tagged", 9999, ["release-*"])],
        X3_IMAGES,
        {"R": ("expire", 1), **{f"S{i}": ("keep", 1) for i in range(5)}},
    ),
    "X3-swapped": (
        [count(1, "tagged", 9999, ["release-*"]), count(2, "tagged", 5, ["sha-*"])],
        X3_IMAGES,
        {"R": ("keep", 1), **{f"S{i}": ("keep", 2) for i in range(5)}},
    ),
    "X4": (
        [count(1, "tagged", 2, ["v"], prefix=True), count(2, "tagged", 1, ["v1"], prefix=True)],
        [image("a", ["v1.0"], 10), image("b", ["v1.1"], 9), image("c", ["v2.0"], 8)],
        {"a": ("expire", 1), "b": ("keep", 1), "c": ("keep", 1)},
    ),
    "X5": (
        [pulled(1, "any", 90)],
        [
            image("never-pulled", ["v1"], 100),
            image("pulled-recently", ["v2"], 300, lastRecordedPullTime=10),
            image("restored", ["v3"], 400, lastRecordedPullTime=200, lastArchivedAt=150, lastActivatedAt=30),
        ],
        {"never-pulled": ("transition", 1), "pulled-recently": ("keep", 1), "restored": ("keep", 1)},
    ),
}


def names_of(images: list[dict]) -> dict[str, str]:
    """digest -> example name (the builders derive digests from names)."""
    out = {}
    for detail in images:
        name = next(n for n in _ALL_NAMES if digest(n) == detail["imageDigest"])
        out[detail["imageDigest"]] = name
    return out


_ALL_NAMES = sorted({n for _, _, expected in EXAMPLES.values() for n in expected})


def _expected(name: str):
    rules, images, expected = EXAMPLES[name]
    assert set(expected) == set(names_of(images).values()), "every image has an expectation"
    return rules, images, expected


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_worked_example(name):
    rules, images, expected = _expected(name)
    result = simulate({"rules": rules}, read_images({"imageDetails": images}).images, NOW)
    names = names_of(images)
    got = {names[o.image.digest]: (o.action, o.priority) for o in result.outcomes}
    assert got == expected
    assert result.ties == []


def _write(tmp_path: Path, rules: list, images: list, policy_name: str = "policy.json") -> tuple[Path, Path]:
    policy = tmp_path / policy_name
    policy.write_text(json.dumps({"rules": rules}, indent=2))
    found = tmp_path / "images.json"
    found.write_text(json.dumps({"imageDetails": images}, indent=2))
    return policy, found


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([ECSLINT, *args], capture_output=True, text=True, cwd=cwd)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def preview_json(policy: Path, images: Path, now: str = "2024-06-01T00:00:00Z") -> dict:
    result = cli("lifecycle", "preview", str(policy), "--images", str(images), "--now", now, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


_ROW = re.compile(r"^(sha256:[0-9a-f]{12})\s{2,}(.+?)\s{2,}(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s{2,}(\S+)\s{2,}(expire|transition|keep)( \(archived\))?\s{2,}(\S+)$")


def text_rows(stdout: str) -> dict[str, tuple[str, int | None]]:
    """short digest -> (action, rule) from the text table."""
    rows = {}
    for line in stdout.splitlines():
        m = _ROW.match(line)
        if m:
            rows[m.group(1)] = (m.group(5), None if m.group(7) == "-" else int(m.group(7)))
    return rows


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_worked_example_through_the_cli(name, tmp_path):
    rules, images, expected = _expected(name)
    policy, found = _write(tmp_path, rules, images)
    names = names_of(images)
    report = preview_json(policy, found)
    assert report["now"] == "2024-06-01T00:00:00Z"
    assert {names[i["imageDigest"]]: (i["action"], i["rulePriority"]) for i in report["images"]} == expected
    assert report["ties"] == []
    assert report["summary"]["images"] == len(images)
    text = cli("lifecycle", "preview", str(policy), "--images", str(found), "--now", "2024-06-01T00:00:00Z")
    assert text.returncode == 0, text.stderr
    rows = text_rows(text.stdout)
    assert rows == {short_digest(d): expected[n] for d, n in names.items()}
    expired = sum(1 for a, _ in expected.values() if a == "expire")
    assert f"\n{expired} to expire," in text.stdout


def test_json_report_shape(tmp_path):
    rules, images, _ = _expected("E6")
    policy, found = _write(tmp_path, rules, images)
    report = preview_json(policy, found)
    assert set(report) == {"policy", "now", "images", "rules", "ties", "warnings", "summary"}
    for entry in report["images"]:
        assert set(entry) >= {"imageDigest", "imageTags", "action", "rulePriority"}
    # newest first
    pushed_at = [parse_time(i["imagePushedAt"]) for i in report["images"]]
    assert pushed_at == sorted(pushed_at, reverse=True)
    assert report["rules"] == [
        {"rulePriority": 1, "description": None, "rule": 'tagged tagPatternList ["alpha*"], imageCountMoreThan 1, expire',
         "action": "expire", "selected": 2, "claimedEarlier": 0, "acted": 1, "kept": 1},
        {"rulePriority": 2, "description": None, "rule": "untagged, sinceImagePushed 1 day, expire",
         "action": "expire", "selected": 2, "claimedEarlier": 0, "acted": 1, "kept": 1},
        {"rulePriority": 3, "description": None, "rule": "any, imageCountMoreThan 1, expire",
         "action": "expire", "selected": 5, "claimedEarlier": 4, "acted": 1, "kept": 0},
    ]
    assert report["summary"] == {"images": 5, "expire": 3, "transition": 0, "keep": 2}


# -- ties ----------------------------------------------------------------------------------


def _e6_tie(d_digest: str, e_digest: str):
    images = [
        image("A", ["alpha-1", "beta-1"], 4), image("B", [], 3), image("C", ["alpha-2"], 2),
        image("D", ["4f2a9c1"], 1, digest=d_digest), image("E", [], 1, digest=e_digest),
    ]
    return images


def test_e6_tie_sensitivity_smaller_digest_ranks_newer():
    d, e = "sha256:" + "d" * 64, "sha256:" + "e" * 64
    result = simulate({"rules": E6_POLICY}, read_images(_e6_tie(d, e)).images, NOW)
    # D's digest is smaller, so D ranks as the newer image: rule 3 keeps it and marks E,
    # which rule 2 claimed (exactly one day old: not more than a day), so nothing more goes.
    assert result.outcome(d).action == "keep" and result.outcome(d).priority == 3
    assert result.outcome(e).action == "keep" and result.outcome(e).priority == 2
    assert sorted(result.by_action("expire")) == sorted([digest("A"), digest("B")])
    (tie,) = result.ties
    assert tie.priority == 3 and sorted(tie.digests) == [d, e]
    assert [(c.digest, c.action, c.alternative, c.alternative_priority) for c in tie.changes] == [(d, "keep", "expire", 3)]


def test_e6_tie_sensitivity_other_order():
    d, e = "sha256:" + "f" * 64, "sha256:" + "e" * 64
    result = simulate({"rules": E6_POLICY}, read_images(_e6_tie(d, e)).images, NOW)
    assert result.outcome(d).action == "expire" and result.outcome(d).priority == 3
    (tie,) = result.ties
    assert [(c.digest, c.action, c.alternative) for c in tie.changes] == [(d, "expire", "keep")]


def test_e6_tie_through_the_cli(tmp_path):
    d, e = "sha256:" + "d" * 64, "sha256:" + "e" * 64
    policy, found = _write(tmp_path, E6_POLICY, _e6_tie(d, e))
    report = preview_json(policy, found)
    assert report["ties"] == [
        {
            "rulePriority": 3,
            "pushedAt": "2024-05-31T00:00:00Z",
            "imageDigests": [d, e],
            "changes": [{"imageDigest": d, "action": "keep", "rulePriority": 3, "alternative": "expire", "alternativeRulePriority": 3}],
        }
    ]
    text = cli("lifecycle", "preview", str(policy), "--images", str(found), "--now", "2024-06-01T00:00:00Z").stdout
    assert "rule 3 ranks images pushed at 2024-05-31T00:00:00Z (sha256:dddddddddddd, sha256:eeeeeeeeeeee):" in text
    assert "sha256:dddddddddddd: kept by rule 3 here, expired by rule 3 in the other order" in text
    assert "1 tie(s) change the outcome" in text


def test_every_image_of_a_tied_group_straddling_the_cutoff_is_flagged():
    images = read_images([image(n, [n.lower()], 2) for n in "PQR"] + [image("S", ["s"], 5)]).images
    result = simulate({"rules": [count(1, "any", 1)]}, images, NOW)
    (tie,) = result.ties
    # One of P, Q, R is kept, the other two go, whichever order ECR uses: each can go either way.
    assert sorted(c.digest for c in tie.changes) == sorted(digest(n) for n in "PQR")
    assert result.outcome(digest("S")).action == "expire"


def test_ties_that_do_not_change_the_outcome_are_not_reported():
    images = read_images([image(n, [], 2) for n in "PQR"] + [image("S", ["s"], 5)]).images
    result = simulate({"rules": [count(1, "any", 3)]}, images, NOW)  # all three tied ones are kept
    assert result.ties == []
    assert result.by_action("expire") == [digest("S")]


# -- the details of §2.3-2.5 -----------------------------------------------------------------


def test_more_than_n_days_is_strict_to_the_microsecond():
    images = read_images([
        {"imageDigest": "sha256:1", "imagePushedAt": format_time(NOW - 7 * DAY)},
        {"imageDigest": "sha256:2", "imagePushedAt": format_time(NOW - 7 * DAY - 1)},
    ]).images
    result = simulate({"rules": [pushed(1, "any", 7)]}, images, NOW)
    assert result.outcome("sha256:1").action == "keep"
    assert result.outcome("sha256:2").action == "expire"


def test_claimed_images_occupy_the_keep_window_and_matching_alone_claims():
    # X2's point, with a rule that never fires: rule 1 claims prod images without acting.
    rules, images, expected = _expected("X2")
    result = simulate({"rules": rules}, read_images(images).images, NOW)
    summary = result.rules[1]
    assert len(summary.selected) == 4 and len(summary.claimed_earlier) == 2
    assert summary.acted == [digest("X1")]


def test_standard_rules_never_see_archived_images_and_vice_versa():
    images = read_images([image("S", [], 500), archived("A", [], 500, 500)]).images
    result = simulate({"rules": [pushed(1, "any", 30), transitioned(2, "any", 90)]}, images, NOW)
    assert (result.outcome(digest("S")).action, result.outcome(digest("S")).priority) == ("expire", 1)
    assert (result.outcome(digest("A")).action, result.outcome(digest("A")).priority) == ("expire", 2)


def test_restored_image_ranks_and_ages_by_its_restore_time():
    images = read_images([
        image("old-restored", ["a"], 400, lastActivatedAt=1, lastArchivedAt=100),
        image("newer", ["b"], 10),
    ]).images
    by_count = simulate({"rules": [count(1, "any", 1)]}, images, NOW)
    assert by_count.outcome(digest("newer")).action == "expire"  # the restored one counts as newest
    by_age = simulate({"rules": [pushed(1, "any", 30)]}, images, NOW)
    assert by_age.outcome(digest("old-restored")).action == "keep"


def test_manifest_list_protects_its_children_until_it_goes():
    index, child = digest("index"), digest("child")
    images = read_images([
        image("index", ["v1"], 5),
        image("child", [], 30, parents=[index]),
        image("orphan", [], 30),
    ]).images
    kept = simulate({"rules": [pushed(1, "untagged", 7)]}, images, NOW)
    assert kept.outcome(child).action == "keep" and kept.outcome(child).priority == 1
    assert "manifest list" in kept.outcome(child).reason
    assert kept.outcome(digest("orphan")).action == "expire"
    gone = simulate({"rules": [pushed(1, "untagged", 7), pushed(2, "tagged", 1, ["v*"])]}, images, NOW)
    assert gone.outcome(index).action == "expire" and gone.outcome(child).action == "expire"


def test_referrers_follow_their_subject():
    subject = digest("app")
    images = read_images([
        image("app", ["v1"], 40),
        image("signature", [], 2, subjectManifestDigest=subject),
        image("sbom", [], 2, subjectManifestDigest=digest("signature")),
    ]).images
    result = simulate({"rules": [pushed(1, "tagged", 30, ["v*"]), pushed(2, "untagged", 7)]}, images, NOW)
    for name in ("app", "signature", "sbom"):
        o = result.outcome(digest(name))
        assert (o.action, o.priority) == ("expire", 1), name
    assert "referrer" in result.outcome(digest("signature")).reason


def test_post_pass_consequences_of_a_tie_are_reported():
    index, twin = "sha256:" + "1" * 64, "sha256:" + "2" * 64
    images = read_images([
        image("index", ["v1"], 3, digest=index),
        image("twin", ["v2"], 3, digest=twin),
        image("child", [], 30, parents=[index]),
    ]).images
    result = simulate({"rules": [count(1, "tagged", 1, ["v*"]), pushed(2, "untagged", 7)]}, images, NOW)
    assert result.outcome(index).action == "keep" and result.outcome(digest("child")).action == "keep"
    flagged = {c.digest: c.alternative for t in result.ties for c in t.changes}
    assert flagged == {index: "expire", twin: "keep", digest("child"): "expire"}


def test_policy_errors_name_the_rule():
    with pytest.raises(PolicyError, match="rule 2: two rules have rulePriority 2"):
        compile_rules({"rules": [count(2, "any", 1), count(2, "untagged", 1)]})
    with pytest.raises(PolicyError, match="placeholder"):
        compile_rules({"rules": [{**count(1, "any", 1), "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": "${KEEP}"}}]})
    with pytest.raises(PolicyError, match="sinceImagePulled rules can only transition"):
        compile_rules({"rules": [rule(1, "any", "sinceImagePulled", 30)]})


# -- reading images and times ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-01T00:00:00Z", "2024-06-01T00:00:00Z"),
        ("2024-06-01T02:00:00+02:00", "2024-06-01T00:00:00Z"),
        ("2024-05-31T17:00:00-0700", "2024-06-01T00:00:00Z"),
        ("2024-06-01 00:00:00.5+00:00", "2024-06-01T00:00:00.5Z"),
        ("2024-06-01T00:00:00.123456789", "2024-06-01T00:00:00.123456Z"),
        ("2024-06-01", "2024-06-01T00:00:00Z"),
        (1717200000, "2024-06-01T00:00:00Z"),
        (1717200000.25, "2024-06-01T00:00:00.25Z"),
        (Decimal("1717200000.000001"), "2024-06-01T00:00:00.000001Z"),
        (1717200000000, "2024-06-01T00:00:00Z"),  # JavaScript milliseconds
        ("1717200000", "2024-06-01T00:00:00Z"),
    ],
)
def test_times(text, expected):
    assert format_time(parse_time(text)) == expected


@pytest.mark.parametrize(
    "bad",
    ["yesterday", "2024-13-01", "2024-06-01T25:00:00Z", True, None, [], "2024-06-01T00:00:00+24:00", 10**30, float("nan"), "1969-12-31T00:00:00Z", "9999-12-31T23:59:59-01:00"],
)
def test_bad_times(bad):
    with pytest.raises(ValueError):
        parse_time(bad)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"images": []}, "no `imageDetails`"),
        ("text", "a string instead of an object"),
        ({"imageDetails": {}}, "`imageDetails` is an object, not an array"),
        ({"imageDetails": [{"imageDigest": "sha256:1", "imagePushedAt": 1}, 3]}, r"imageDetails\[1\]: a number, not an image object"),
        ({"imageDetails": [{"imagePushedAt": 1}]}, r"imageDetails\[0\]: `imageDigest` is missing"),
        ({"imageDetails": [{"imageDigest": "sha256:1"}]}, r"imageDetails\[0\] \(sha256:1\): `imagePushedAt` is missing"),
        ({"imageDetails": [{"imageDigest": "sha256:1", "imagePushedAt": "soon"}]}, r"`imagePushedAt`: not an ISO-8601 timestamp"),
        ({"imageDetails": [{"imageDigest": "sha256:1", "imagePushedAt": 1, "imageTags": "v1"}]}, "`imageTags` must be an array of strings"),
        ({"imageDetails": [{"imageDigest": "sha256:1", "imagePushedAt": 1, "imageStatus": "GONE"}]}, "`imageStatus` must be"),
        ([{"imageDigest": "sha256:1", "imagePushedAt": 1}, {"imageDigest": "sha256:1", "imagePushedAt": 2}], r"the array\[1\].*appears twice \(also the array\[0\]\)"),
    ],
)
def test_malformed_images_are_clear_errors(data, message):
    with pytest.raises(ImagesError, match=message):
        read_images(data)


def test_images_reader_is_lenient_where_it_can_be():
    found = read_images({"imageDetails": [
        {"imageDigest": "sha256:1", "imagePushedAt": 1717200000, "imageStatus": "ACTIVATING", "extra": {"any": "thing"}},
        {"imageDigest": "sha256:2", "imagePushedAt": "2024-06-01T00:00:00Z", "imageTags": None, "storageClass": "ARCHIVE", "lastArchivedAt": None},
    ], "nextToken": "abc"})
    one, two = found.images
    assert one.storage_class == "standard" and one.tags == ()
    assert two.storage_class == "archive" and two.last_archived is None
    assert any("nextToken" in w for w in found.warnings)


# -- the command -------------------------------------------------------------------------------


POLICY_TEXT = json.dumps({"rules": E6_POLICY})


@pytest.mark.parametrize(
    ("filename", "body"),
    [
        ("policy.json", json.dumps({"rules": E6_POLICY}, indent=2)),
        ("put-lifecycle-policy.json", json.dumps({"repositoryName": "web", "lifecyclePolicyText": POLICY_TEXT}, indent=2)),
        ("get-lifecycle-policy.json", json.dumps({"registryId": "123456789012", "repositoryName": "web", "lifecyclePolicyText": POLICY_TEXT, "lastEvaluatedAt": "2024-05-01T00:00:00+00:00"})),
        ("policy.yaml", "repositoryName: web\nlifecyclePolicyText: |\n" + "".join(f"  {line}\n" for line in json.dumps({"rules": E6_POLICY}, indent=2).splitlines())),
        ("raw.yaml", "rules:\n" + "".join(f"  - {json.dumps(r)}\n" for r in E6_POLICY)),
    ],
)
def test_every_policy_shape_previews_the_same(tmp_path, filename, body):
    rules, images, expected = _expected("E6")
    (tmp_path / filename).write_text(body)
    found = tmp_path / "images.json"
    found.write_text(json.dumps({"imageDetails": images}))
    report = preview_json(tmp_path / filename, found)
    names = names_of(images)
    assert {names[i["imageDigest"]]: (i["action"], i["rulePriority"]) for i in report["images"]} == expected


def test_images_as_yaml_and_as_cli_v1_epoch_numbers(tmp_path):
    rules, images, expected = _expected("E5")
    policy, _ = _write(tmp_path, rules, images)
    epoch = [{**i, "imagePushedAt": parse_time(i["imagePushedAt"]) / MICROS} for i in images]
    (tmp_path / "v1.json").write_text(json.dumps({"imageDetails": epoch}))
    (tmp_path / "images.yaml").write_text("imageDetails:\n" + "".join(f"  - {json.dumps(i)}\n" for i in images))
    names = names_of(images)
    for found in ("v1.json", "images.yaml"):
        report = preview_json(policy, tmp_path / found)
        assert {names[i["imageDigest"]]: (i["action"], i["rulePriority"]) for i in report["images"]} == expected


def test_policy_with_errors_is_not_simulated(tmp_path):
    policy, found = _write(tmp_path, [count(1, "any", 1), pushed(2, "untagged", 7), count(2, "tagged", 5, ["v*"])], [image("A", [], 1)])
    result = cli("lifecycle", "preview", str(policy), "--images", str(found))
    assert result.returncode == 2
    assert "the policy has 2 errors" in result.stderr and "not simulating it" in result.stderr
    assert "ECR102" in result.stderr and "ECR103" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p.write_text("{not json"), "holds no ECR lifecycle policy (not valid JSON"),
        (lambda p: p.write_text(json.dumps({"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx"}]})), "holds no ECR lifecycle policy (it holds a task-definition)"),
        (lambda p: p.write_text(json.dumps({"rules": [{**count(1, "any", 1), "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": "${KEEP}"}}]})), "template placeholder"),
    ],
)
def test_unusable_policies_exit_2(tmp_path, setup, message):
    policy = tmp_path / "policy.json"
    setup(policy)
    found = tmp_path / "images.json"
    found.write_text(json.dumps({"imageDetails": []}))
    result = cli("lifecycle", "preview", str(policy), "--images", str(found))
    assert result.returncode == 2 and message in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("images", "now", "message"),
    [
        ("missing.json", "2024-06-01", "cannot read"),
        ("bad.json", "2024-06-01", "not valid JSON"),
        ("bad-image.json", "2024-06-01", "imageDetails[1] (sha256:2): `imagePushedAt`: not an ISO-8601 timestamp"),
        ("good.json", "last tuesday", "--now: not an ISO-8601 timestamp"),
    ],
)
def test_bad_images_and_now_exit_2(tmp_path, images, now, message):
    policy, _ = _write(tmp_path, E6_POLICY, [])
    (tmp_path / "bad.json").write_text("{")
    (tmp_path / "bad-image.json").write_text(json.dumps({"imageDetails": [{"imageDigest": "sha256:1", "imagePushedAt": 1}, {"imageDigest": "sha256:2", "imagePushedAt": "then"}]}))
    (tmp_path / "good.json").write_text(json.dumps({"imageDetails": []}))
    result = cli("lifecycle", "preview", str(policy), "--images", str(tmp_path / images), "--now", now)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_missing_arguments_and_directories_exit_2(tmp_path):
    assert cli("lifecycle", "preview", str(tmp_path)).returncode == 2  # --images missing
    result = cli("lifecycle", "preview", str(tmp_path), "--images", str(tmp_path))
    assert result.returncode == 2 and "is a directory" in result.stderr
    result = cli("lifecycle", "preview", str(tmp_path / "nope.json"), "--images", str(tmp_path))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_now_defaults_to_the_current_time(tmp_path):
    policy, found = _write(tmp_path, [pushed(1, "any", 1)], [{"imageDigest": "sha256:1", "imagePushedAt": "2000-01-01T00:00:00Z"}])
    result = cli("lifecycle", "preview", str(policy), "--images", str(found), "--format", "json")
    report = json.loads(result.stdout)
    assert report["now"] > "2024" and report["images"][0]["action"] == "expire"


def test_warnings_are_shown(tmp_path):
    policy, found = _write(tmp_path, [transitioned(1, "any", 90)], [image("A", [], 10)])
    text = cli("lifecycle", "preview", str(policy), "--images", str(found), "--now", "2024-06-01").stdout
    assert "warning: the policy has archive rules but no image is archived" in text


def test_readme_example_runs():
    readme = (ROOT / "README.md").read_text()
    (command,) = re.findall(r"\$ (ecslint lifecycle preview [^\n]+)", readme)
    result = cli(*command.split()[1:], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    block = readme[readme.index(command) + len(command):].split("```", 1)[0]
    assert block.strip() == result.stdout.strip()


def test_examples_images_file_is_skipped_by_check():
    result = cli("check", "examples/", "--verbose", cwd=ROOT)
    assert "examples/lifecycle/images.json:" not in result.stdout.replace("images.json: skipped", "")
    assert "examples/lifecycle/images.json: skipped: no ECS task definition, service or ECR lifecycle policy in it" in result.stdout


# -- properties ------------------------------------------------------------------------------

TAGS = ["v1", "v1.2", "v2", "prod-1", "prod", "beta-3", "latest", "sha-ab", "x"]
ENTRIES = ["v*", "v1*", "prod*", "*-*", "*", "beta*", "latest", "sha-*", "v", "prod-"]


@st.composite
def repositories(draw):
    n = draw(st.integers(0, 9))
    names = draw(st.lists(st.sampled_from("abcdefghijklmnop"), min_size=n, max_size=n, unique=True))
    out = []
    for name in names:
        tags = draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True))
        days = draw(st.sampled_from([0, 1, 2, 2, 3, 3, 3, 5, 8, 12]))  # coarse: ties are common
        extra = {}
        if draw(st.booleans()):
            extra["lastRecordedPullTime"] = draw(st.integers(0, days))
        if draw(st.integers(0, 4)) == 0:
            extra["imageStatus"] = "ARCHIVED"
            extra["lastArchivedAt"] = draw(st.integers(0, days))
        out.append(image(name, tags, days, **extra))
    return out


@st.composite
def policies(draw):
    priorities = draw(st.lists(st.integers(1, 60), min_size=1, max_size=5, unique=True))
    out = []
    for p in priorities:
        kind = draw(st.sampled_from(["count", "pushed", "pulled", "transitioned"]))
        status = draw(st.sampled_from(["tagged", "tagged", "untagged", "any"]))
        entries = draw(st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=2, unique=True)) if status == "tagged" else None
        prefix = draw(st.booleans()) and entries is not None and all("*" not in e for e in entries)
        n = draw(st.integers(1, 6))
        if kind == "count":
            out.append(count(p, status, n, entries, prefix=prefix, action=draw(st.sampled_from(["expire", "transition"]))))
        elif kind == "pushed":
            out.append(pushed(p, status, n, entries, prefix=prefix, action=draw(st.sampled_from(["expire", "transition"]))))
        elif kind == "pulled":
            out.append(pulled(p, status, n, entries, prefix=prefix))
        else:
            r = transitioned(p, status if status != "tagged" else "any", n)
            out.append(r)
    return {"rules": out}


@st.composite
def count_policies(draw):
    """Mostly small keep-N rules: where the order of equal push times matters."""
    priorities = draw(st.lists(st.integers(1, 20), min_size=1, max_size=3, unique=True))
    out = []
    for p in sorted(priorities):
        status = draw(st.sampled_from(["tagged", "untagged", "any"]))
        entries = draw(st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=2, unique=True)) if status == "tagged" else None
        out.append(count(p, status, draw(st.integers(1, 3)), entries))
    return {"rules": out}


@st.composite
def crowded_repositories(draw, links=True):
    """Many images pushed at few instants (with manifest-list and referrer links, if asked)."""
    names = draw(st.lists(st.sampled_from("abcdefghijklmnop"), min_size=2, max_size=10, unique=True))
    out = []
    for n in names:
        extra = {}
        link = draw(st.sampled_from([None, None, "parents", "subjectManifestDigest"])) if links else None
        other = draw(st.sampled_from(names))
        if link == "parents" and other != n:
            extra["parents"] = [digest(other)]
        elif link == "subjectManifestDigest" and other != n:
            extra["subjectManifestDigest"] = digest(other)
        out.append(image(n, draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True)), draw(st.sampled_from([1, 2, 3])), **extra))
    return out


def _selects(r: dict, detail: dict) -> bool:
    """Independent §2.4: regexes, not tagfilter."""
    sel = r["selection"]
    storage = "archive" if detail.get("imageStatus") == "ARCHIVED" else "standard"
    if sel.get("storageClass", "standard") != storage:
        return False
    tags = detail["imageTags"]
    if sel["tagStatus"] == "any":
        return True
    if sel["tagStatus"] == "untagged":
        return not tags
    if not tags:
        return False
    if "tagPrefixList" in sel:
        return all(any(t.startswith(p) for t in tags) for p in sel["tagPrefixList"])
    return all(any(re.fullmatch(".*".join(map(re.escape, g.split("*"))), t) for t in tags) for g in sel["tagPatternList"])


def oracle(policy: dict, details: list[dict], now: int) -> dict[str, tuple[str, int | None]]:
    """§2.3 written out again, as plainly as possible (no post-passes: the data has none)."""
    def t(detail, key):
        return parse_time(detail[key]) if key in detail else None

    claimed, result = {}, {}
    for r in sorted(policy["rules"], key=lambda r: r["rulePriority"]):
        matched = [d for d in details if _selects(r, d)]
        matched.sort(key=lambda d: (-t(d, "imagePushedAt"), d["imageDigest"]))
        n = r["selection"]["countNumber"]
        kind = r["selection"]["countType"]
        if kind == "imageCountMoreThan":
            candidates = matched[n:]
        elif kind == "sinceImagePushed":
            candidates = [d for d in matched if now - t(d, "imagePushedAt") > n * DAY]
        elif kind == "sinceImagePulled":
            candidates = [d for d in matched if now - (t(d, "lastRecordedPullTime") or t(d, "imagePushedAt")) > n * DAY]
        else:
            candidates = [d for d in matched if t(d, "lastArchivedAt") is not None and now - t(d, "lastArchivedAt") > n * DAY]
        for d in candidates:
            if d["imageDigest"] not in claimed:
                result[d["imageDigest"]] = (r["action"]["type"], r["rulePriority"])
        for d in matched:
            claimed.setdefault(d["imageDigest"], r["rulePriority"])
    return {d["imageDigest"]: result.get(d["imageDigest"], ("keep", claimed.get(d["imageDigest"]))) for d in details}


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(policies(), repositories())
def test_simulator_matches_an_independent_implementation(policy, details):
    images = read_images(details).images
    result = simulate(policy, images, NOW)
    assert {o.image.digest: (o.action, o.priority) for o in result.outcomes} == oracle(policy, details, NOW)


@PROPERTY
@given(policies(), repositories())
def test_each_image_gets_exactly_one_outcome(policy, details):
    images = read_images(details).images
    result = simulate(policy, images, NOW)
    assert sorted(o.image.digest for o in result.outcomes) == sorted(i.digest for i in images)
    assert all(o.action in ("expire", "transition", "keep") for o in result.outcomes)


@PROPERTY
@given(policies(), repositories())
def test_an_image_belongs_to_the_first_rule_that_selects_it(policy, details):
    images = read_images(details).images
    rules = compile_rules(policy)
    result = simulate(policy, images, NOW)
    for o in result.outcomes:
        first = next((r.priority for r in rules if tagfilter.selects(r.selection, o.image.tag_set, o.image.storage_class)), None)
        assert o.priority == first  # acted on by it, or kept by it: never by a later rule


@PROPERTY
@given(policies(), repositories())
def test_selection_is_tagfilter_selects(policy, details):
    images = read_images(details).images
    result = simulate(policy, images, NOW)
    for summary in result.rules:
        expected = {i.digest for i in images if tagfilter.selects(summary.rule.selection, i.tag_set, i.storage_class)}
        assert set(summary.selected) == expected
        assert {i["imageDigest"] for i in details if _selects(next(r for r in policy["rules"] if r["rulePriority"] == summary.rule.priority), i)} == expected


def _all_orders(images, limit=2000):
    """Every order of the images pushed at the same instants (as tiebreak keys), or None when
    there are more than ``limit``."""
    classes: dict[int, list[str]] = {}
    for i in images:
        classes.setdefault(i.effective_push, []).append(i.digest)
    total = 1
    for members in classes.values():
        total *= math.factorial(len(members))
    if total > limit:
        return None
    per_class = [list(itertools.permutations(members)) for members in classes.values()]
    return [{d: n for perm in combo for n, d in enumerate(perm)} for combo in itertools.product(*per_class)]


@PROPERTY
@given(policies() | count_policies(), repositories() | crowded_repositories(links=False), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_order_except_flagged_ties(policy, details, rnd):
    images = read_images(details).images
    base = simulate(policy, images, NOW)
    outcome = {o.image.digest: (o.action, o.priority) for o in base.outcomes}
    shuffled = list(images)
    rnd.shuffle(shuffled)
    assert {o.image.digest: (o.action, o.priority) for o in simulate(policy, shuffled, NOW).outcomes} == outcome
    flagged = {c.digest: (c.alternative, c.alternative_priority) for t in base.ties for c in t.changes}
    keys = {i.digest: rnd.random() for i in images}
    other = simulate(policy, shuffled, NOW, tiebreak=lambda i: keys[i.digest])
    differs = {o.image.digest for o in other.outcomes if (o.action, o.priority) != outcome[o.image.digest]}
    assert differs <= set(flagged)
    # exact: an image is flagged iff some order changes it, and then as that order has it
    orders = _all_orders(images)
    if orders is not None:
        seen: dict[str, set] = {}
        for order in orders:
            for o in simulate(policy, images, NOW, tiebreak=lambda i: order[i.digest]).outcomes:
                if (o.action, o.priority) != outcome[o.image.digest]:
                    seen.setdefault(o.image.digest, set()).add((o.action, o.priority))
        assert set(seen) == set(flagged)
        assert all(flagged[d] in seen[d] for d in flagged)


@PROPERTY
@given(count_policies(), crowded_repositories(links=True))
def test_ties_with_manifest_lists_and_referrers_are_witnessed(policy, details):
    """With links, every reported alternative happens in some order (soundness)."""
    images = read_images(details).images
    base = simulate(policy, images, NOW)
    orders = _all_orders(images)
    if orders is None:
        return
    seen: set = set()
    for order in orders:
        seen |= {(o.image.digest, o.action, o.priority) for o in simulate(policy, images, NOW, tiebreak=lambda i: order[i.digest]).outcomes}
    for t in base.ties:
        for c in t.changes:
            assert (c.digest, c.alternative, c.alternative_priority) in seen


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["imageDigest", "imageTags", "imagePushedAt", "imageStatus", "storageClass", "lastRecordedPullTime",
                         "lastArchivedAt", "lastActivatedAt", "parents", "subjectManifestDigest", "imageDetails", "nextToken", "x"]),
        children, max_size=6),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(JSON)
def test_any_json_is_read_or_refused_with_a_clear_error(data):
    try:
        found = read_images(data)
    except ImagesError as exc:
        assert str(exc)
        return
    simulate({"rules": [count(1, "any", 1), pushed(2, "untagged", 1)]}, found.images, NOW)  # and never crashes


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40) | st.integers() | st.floats() | st.decimals(allow_nan=True))
def test_any_time_parses_or_is_refused(value):
    try:
        micros = parse_time(value)
    except ValueError:
        return
    assert parse_time(format_time(micros)) == micros


@pytest.mark.parametrize(
    "name, text, error",
    [
        (
            "bomb.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
            + "j: [*i, *i]\n",
            "alias bomb",
        ),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("broken.json", '{"imageDetails": [}', "broken.json:1:19: not valid JSON"),
        ("broken.yaml", "imageDetails: [\n", "broken.yaml:2:1: invalid YAML"),
    ],
)
def test_a_hostile_or_broken_images_file_is_a_located_error_not_a_hang(tmp_path, name, text, error):
    policy, _ = _write(tmp_path, E6_POLICY, [])
    images = tmp_path / name
    images.write_text(text)
    result = subprocess.run([ECSLINT, "lifecycle", "preview", str(policy), "--images", str(images)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and error in result.stderr
