"""Selection by id prefix never switches on a rule that is off by default (ruff's rule): such
a rule runs only when named exactly, by id or name, or with ``ALL``."""

from __future__ import annotations

from ecslint.config import from_mapping
from ecslint.engine import Plan, Registry, Settings


def enabled(**settings) -> set[str]:
    return {r.id for r in Plan(Registry.default(), Settings(**settings)).rules}


OFF_BY_DEFAULT = {r.id for r in Registry.default().rules if not r.enabled}


def test_a_prefix_never_switches_on_a_rule_that_is_off_by_default():
    assert OFF_BY_DEFAULT >= {"ECS413", "ECS414"}
    for prefix in ("ECS", "ECS4", "ECS41"):
        chosen = enabled(select=[prefix])
        assert chosen and not chosen & OFF_BY_DEFAULT, prefix
        assert not enabled(extend_select=[prefix]) & OFF_BY_DEFAULT, prefix
    assert enabled(select=["ECS"]) >= {r.id for r in Registry.default().rules if r.enabled and r.id.startswith("ECS")}


def test_an_exact_id_a_name_or_all_does():
    assert "ECS413" in enabled(select=["ECS", "ECS413"])
    assert "ECS414" in enabled(extend_select=["untrusted-image-registry"])
    assert "ECS413" in enabled(select=["ecs413"])
    assert enabled(select=["ALL"]) >= OFF_BY_DEFAULT
    assert not enabled(select=["ALL"], ignore=["ECS4"]) & {"ECS413", "ECS414"}  # a prefix still ignores them all


def test_the_prefix_rule_in_a_configuration_file():
    config = from_mapping({"select": ["ECS4"], "extend-select": ["ECR"]})
    chosen = enabled(config=config)
    assert {"ECS402", "ECR101"} <= chosen and not chosen & OFF_BY_DEFAULT
    assert "ECS414" in enabled(config=from_mapping({"select": ["ECS4"], "extend-select": ["ECS414"]}))
