"""The §4.4 walk behind ECR301/ECR302 (``ecslint.lifecycle.deployed``): which rule decides
the fate of a deployed tag or of an untagged digest, and when it is reported
(ref ``shared/reference/ecr-lifecycle.md`` §4.4, LC301-LC306)."""

from __future__ import annotations

import json

import pytest

from ecslint.lifecycle import deployed as d
from ecslint.load.reader import read
from ecslint.model import view


def policy(tmp_path, *rules):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"rules": list(rules)}, indent=2))
    (doc,) = read(str(path), "policy.json").documents
    return view(doc)


def r(p, status, count_type, n, entries=None, action="expire", storage=None):
    selection = {"tagStatus": status}
    if entries:
        selection["tagPatternList"] = entries
    if storage:
        selection["storageClass"] = storage
    selection.update(countType=count_type, countNumber=n)
    if count_type != "imageCountMoreThan":
        selection["countUnit"] = "days"
    act = {"type": action, **({"targetStorageClass": "archive"} if action == "transition" else {})}
    return {"rulePriority": p, "selection": selection, "action": act}


@pytest.mark.parametrize(
    ("rules", "tag", "decider", "when"),
    [
        # LC301: expire by push age
        ([r(1, "any", "sinceImagePushed", 30)], "1.2.3", 1, "deletes it 30 days after it was pushed"),
        # LC302: expire by count, below the protection idiom
        ([r(1, "tagged", "imageCountMoreThan", 5, ["v*"])], "v1.2", 1, "deletes it once 5 newer images matching rule 1 exist"),
        ([r(1, "tagged", "imageCountMoreThan", 9999, ["v*"]), r(2, "any", "imageCountMoreThan", 5)], "v1.2", 1, None),
        # LC303: archive
        ([r(1, "any", "sinceImagePulled", 90, action="transition")], "x", 1, "archives it once it has gone 90 days without a pull, and tasks that keep running do not pull"),
        # untagged rules never decide a tagged image; archive-class rules never see a standard one
        ([r(1, "untagged", "sinceImagePushed", 1), r(2, "any", "sinceImageTransitioned", 90, storage="archive")], "x", None, None),
        # a rule waiting ten years never fires in practice
        ([r(1, "any", "sinceImagePushed", 3650)], "x", 1, None),
        # an unmatchable entry selects nothing
        ([r(1, "tagged", "imageCountMoreThan", 1, ["re/lease"]), r(2, "any", "imageCountMoreThan", 3)], "re", 2, "deletes it once 3 newer images exist in the repository"),
    ],
)
def test_fate_of_a_tag(tmp_path, rules, tag, decider, when):
    fate = d.fate_of_tag(policy(tmp_path, *rules), tag)
    assert (fate.rule.priority if fate else None) == decider
    assert (d.danger(fate.rule) if fate else None) == when


def test_may_claim_rules(tmp_path):
    # LC306: an earlier rule the image may fall to through a tag we cannot see
    protective = policy(tmp_path, r(1, "tagged", "imageCountMoreThan", 9999, ["prod-*"]), r(2, "any", "imageCountMoreThan", 5))
    fate = d.fate_of_tag(protective, "1.2.3")
    assert fate.rule.priority == 2 and [m.priority for m in fate.may] == [1]
    assert d.may_protect(fate)  # nothing is reported: the image may carry prod-...
    removing = policy(tmp_path, r(1, "tagged", "imageCountMoreThan", 3, ["prod-*"]), r(2, "any", "imageCountMoreThan", 5))
    fate = d.fate_of_tag(removing, "1.2.3")
    assert not d.may_protect(fate)
    assert "rule 1 selects, that rule decides instead" in d.caveat(list(fate.may))
    # a tag every entry matches: the rule must claim the image
    assert d.fate_of_tag(policy(tmp_path, r(1, "tagged", "imageCountMoreThan", 3, ["prod-*"])), "prod-1").rule.priority == 1
    # LC304: neither a must- nor a may-claim rule: never touched
    assert d.fate_of_tag(policy(tmp_path, r(1, "untagged", "imageCountMoreThan", 3)), "prod-1") is None


def test_fate_of_an_untagged_image(tmp_path):
    p = policy(tmp_path, r(1, "tagged", "imageCountMoreThan", 9999, ["*"]), r(2, "untagged", "imageCountMoreThan", 1), r(3, "any", "sinceImagePushed", 7))
    fate = d.fate_untagged(p)
    assert fate.rule.priority == 2
    assert d.danger(fate.rule, untagged=True) == "deletes it once 1 newer untagged image exists"
    assert d.danger(p.rules[2], untagged=True, several=True) == "deletes each of them 7 days after it was pushed (at once if it is older when it loses its tags)"


@pytest.mark.parametrize(
    "rules",
    [
        [r(1, "any", "imageCountMoreThan", 5), {**r(2, "untagged", "imageCountMoreThan", 1), "rulePriority": "${P}"}],
        [r(1, "any", "imageCountMoreThan", 5), r(1, "untagged", "imageCountMoreThan", 1)],
        [{"rulePriority": 1, "selection": {"tagStatus": "tagged", "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}}, r(2, "any", "imageCountMoreThan", 5)],
    ],
    ids=["templated-priority", "duplicate-priority", "malformed-selection"],
)
def test_policies_whose_order_or_selections_are_unknown_are_not_judged(tmp_path, rules):
    p = policy(tmp_path, *rules)
    assert d.fate_of_tag(p, "v1") is None and d.fate_untagged(p) is None
