"""Exact behaviour of the loader (DESIGN §1 steps 2-3): which shapes are recognised and how,
where every path of a document lands in the file, duplicate keys, YAML specifics and
template placeholders.

Positions are never hard-coded numbers: each expected region is computed from the test's
own text (by finding a marker in it), so a test says *what* it points at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecslint.core.finding import Region
from ecslint.engine import Settings, run
from ecslint.load.jsonload import parse_json
from ecslint.load.placeholders import PLACEHOLDER, Unknown, first_placeholder, is_unknown
from ecslint.load.reader import read
from ecslint.load.source import SourceFile
from ecslint.load.yamlload import parse_yaml

# -- helpers ------------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def _read(tmp_path: Path, name: str, text: str) -> SourceFile:
    return read(_write(tmp_path, name, text), name)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _region(text: str, needle: str, *, occurrence: int = 1, skip: int = 0, length: int | None = None) -> Region:
    """The region of the ``occurrence``-th ``needle`` in ``text``, optionally starting
    ``skip`` characters into it and ``length`` characters long (default: the rest)."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    start = offset + skip
    end = start + (len(needle) - skip if length is None else length)
    return Region(*_position(text, start), *_position(text, end))


def _slice(text: str, region: Region) -> str:
    """The text a region covers."""
    lines = text.split("\n")
    if region.line == region.end_line:
        return lines[region.line - 1][region.column - 1 : region.end_column - 1]
    parts = [lines[region.line - 1][region.column - 1 :]]
    parts += lines[region.line : region.end_line - 1]
    parts.append(lines[region.end_line - 1][: region.end_column - 1])
    return "\n".join(parts)


def _shapes(file: SourceFile) -> list[tuple[str, str, str]]:
    return [(d.kind, d.shape, d.name) for d in file.documents]


RULE_1 = {
    "rulePriority": 1,
    "description": "keep the last 5 release images",
    "selection": {"tagStatus": "tagged", "tagPrefixList": ["release"], "countType": "imageCountMoreThan", "countNumber": 5},
    "action": {"type": "expire"},
}
RULE_2 = {
    "rulePriority": 2,
    "selection": {"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30},
    "action": {"type": "expire"},
}

# -- shapes -------------------------------------------------------------------------------

REGISTER = """{
  "family": "web",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {"name": "app", "image": "nginx:1.27", "memory": 512}
  ]
}
"""


def test_register_task_definition_input(tmp_path):
    file = _read(tmp_path, "web.json", REGISTER)
    assert _shapes(file) == [("task-definition", "register", "web")]
    doc = file.documents[0]
    assert doc.data["containerDefinitions"][0]["memory"] == 512
    assert doc.region(("containerDefinitions", 0, "memory"), "value") == _region(REGISTER, "512")
    assert doc.region(("containerDefinitions", 0, "memory"), "key") == _region(REGISTER, '"memory"')
    assert doc.region(("networkMode",), "value") == _region(REGISTER, '"awsvpc"')


DESCRIBE = """{
  "taskDefinition": {
    "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7",
    "family": "web",
    "revision": 7,
    "containerDefinitions": [
      {
        "name": "app",
        "image": "nginx:1.27",
        "memory": 1024
      }
    ]
  },
  "tags": []
}
"""


def test_describe_task_definition_output(tmp_path):
    file = _read(tmp_path, "describe.json", DESCRIBE)
    assert _shapes(file) == [("task-definition", "describe", "web")]
    doc = file.documents[0]
    # The document is the inner object: its paths do not mention "taskDefinition".
    assert doc.data["revision"] == 7 and "tags" not in doc.data
    assert doc.region(("containerDefinitions", 0, "memory"), "value") == _region(DESCRIBE, "1024")
    assert doc.region(("family",), "key") == _region(DESCRIBE, '"family"')
    assert doc.region((), "key") == _region(DESCRIBE, '"taskDefinition"')


BARE = """[
  {
    "name": "app",
    "image": "nginx:1.27",
    "essential": true
  },
  {
    "name": "sidecar",
    "image": "envoy:1.30",
    "essential": false
  }
]
"""


def test_bare_container_definitions_array(tmp_path):
    file = _read(tmp_path, "containers.json", BARE)
    # No family: the document is named after the file.
    assert _shapes(file) == [("task-definition", "container-definitions", "containers.json")]
    doc = file.documents[0]
    assert doc.data == {"containerDefinitions": json.loads(BARE)}
    assert doc.region(("containerDefinitions", 1, "name"), "value") == _region(BARE, '"sidecar"')
    assert doc.region(("containerDefinitions", 0, "essential"), "key") == _region(BARE, '"essential"')
    # The array itself has no key in the file: its opening bracket stands for it.
    assert doc.region(("containerDefinitions",), "key") == _region(BARE, "[")


CREATE = """{
  "cluster": "prod",
  "serviceName": "web",
  "taskDefinition": "web:7",
  "desiredCount": 3,
  "loadBalancers": [
    {"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "app", "containerPort": 8080}
  ]
}
"""


def test_create_service_input(tmp_path):
    file = _read(tmp_path, "svc.json", CREATE)
    assert _shapes(file) == [("service", "create", "web")]
    doc = file.documents[0]
    assert doc.region(("desiredCount",), "value") == _region(CREATE, "3,", length=1)
    assert doc.region(("loadBalancers", 0, "containerPort"), "value") == _region(CREATE, "8080")


UPDATE = """{
  "cluster": "prod",
  "service": "web",
  "desiredCount": 4,
  "forceNewDeployment": true
}
"""


def test_update_service_input(tmp_path):
    file = _read(tmp_path, "update.json", UPDATE)
    assert _shapes(file) == [("service", "update", "web")]
    assert file.documents[0].region(("desiredCount",), "value") == _region(UPDATE, "4")


ECSPRESSO = """{
  "launchType": "FARGATE",
  "desiredCount": 2,
  "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 200},
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "DISABLED"}}
}
"""


def test_ecspresso_service_definition_without_name(tmp_path):
    file = _read(tmp_path, "ecs-service-def.json", ECSPRESSO)
    assert _shapes(file) == [("service", "definition", "ecs-service-def.json")]
    doc = file.documents[0]
    assert doc.region(("deploymentConfiguration", "maximumPercent"), "value") == _region(ECSPRESSO, "200")


SERVICES = """{
  "services": [
    {"serviceName": "api", "desiredCount": 2, "loadBalancers": []},
    {"serviceName": "web", "desiredCount": 5,
     "loadBalancers": [{"containerName": "app", "containerPort": 8080}]}
  ],
  "failures": []
}
"""


def test_describe_services_output_gives_one_document_per_service(tmp_path):
    file = _read(tmp_path, "services.json", SERVICES)
    assert _shapes(file) == [("service", "describe", "api"), ("service", "describe", "web")]
    api, web = file.documents
    assert api.region(("desiredCount",), "value") == _region(SERVICES, "2,", length=1)
    assert web.region(("desiredCount",), "value") == _region(SERVICES, "5,", length=1)
    assert web.region(("loadBalancers", 0, "containerPort"), "value") == _region(SERVICES, "8080")


SERVICE = """{
  "service": {
    "serviceName": "web",
    "clusterArn": "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
    "desiredCount": 6
  }
}
"""


def test_describe_single_service_wrapper(tmp_path):
    file = _read(tmp_path, "service.json", SERVICE)
    assert _shapes(file) == [("service", "describe", "web")]
    assert file.documents[0].region(("desiredCount",), "value") == _region(SERVICE, '"desiredCount": 6', skip=16)


POLICY = json.dumps({"rules": [RULE_1, RULE_2]}, indent=2) + "\n"


def test_raw_lifecycle_policy(tmp_path):
    file = _read(tmp_path, "policy.json", POLICY)
    assert _shapes(file) == [("lifecycle-policy", "policy", "policy.json")]
    doc = file.documents[0]
    assert doc.repository is None
    assert doc.region(("rules", 1, "rulePriority"), "value") == _region(POLICY, '"rulePriority": 2', skip=16)
    assert doc.region(("rules", 1, "selection", "countUnit"), "value") == _region(POLICY, '"days"')


def test_put_lifecycle_policy_input(tmp_path):
    inner = json.dumps({"rules": [RULE_1, RULE_2]})
    text = '{\n  "repositoryName": "web-app",\n  "lifecyclePolicyText": ' + json.dumps(inner) + "\n}\n"
    file = _read(tmp_path, "put.json", text)
    assert _shapes(file) == [("lifecycle-policy", "policy-text", "web-app")]
    doc = file.documents[0]
    assert doc.repository == "web-app"
    assert doc.text == inner
    assert doc.data == {"rules": [RULE_1, RULE_2]}
    # Inside the string, every quote is written \" in the file.
    assert doc.region(("rules", 1, "rulePriority"), "value") == _region(text, '\\"rulePriority\\": 2', skip=18)
    assert doc.region(("rules", 1, "rulePriority"), "key") == _region(text, '\\"rulePriority\\"', occurrence=2)


def test_put_lifecycle_policy_input_in_yaml_block_scalar(tmp_path):
    text = (
        "repositoryName: web-app\n"
        "lifecyclePolicyText: |\n"
        "  {\n"
        '    "rules": [\n'
        f"      {json.dumps(RULE_1)},\n"
        f"      {json.dumps(RULE_2)}\n"
        "    ]\n"
        "  }\n"
    )
    file = _read(tmp_path, "put.yaml", text)
    assert _shapes(file) == [("lifecycle-policy", "policy-text", "web-app")]
    doc = file.documents[0]
    assert doc.repository == "web-app"
    assert doc.region(("rules", 1, "rulePriority"), "value") == _region(text, '"rulePriority": 2', skip=16)
    assert doc.region(("rules", 0, "selection", "tagPrefixList", 0), "value") == _region(text, '"release"')
    assert doc.region(("rules", 1), "key") == _region(text, '{"rulePriority": 2', length=1)


_CONTAINER = '{"name": "app", "image": "nginx:1.27", "memory": 256, "memoryReservation": 768}'


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("register.json", '{"family": "web",\n "containerDefinitions": [\n  ' + _CONTAINER + "\n ]}\n"),
        ("describe.json", '{"taskDefinition": {"family": "web",\n "containerDefinitions": [' + _CONTAINER + ']},\n "tags": []}\n'),
        ("containers.json", "[\n  " + _CONTAINER + "\n]\n"),
        (
            "register.yaml",
            "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 256\n    memoryReservation: 768\n",
        ),
    ],
)
def test_a_rule_finding_lands_on_the_value_in_every_task_definition_shape(tmp_path, name, text):
    """End to end: the engine locates ECS204 through each shape's path translation."""
    report = run([_write(tmp_path, name, text)], Settings(select=["ECS204"]))
    assert [(f.rule, f.region) for f in report.findings] == [("ECS204", _region(text, "768"))]
    assert [f.pointer for f in report.findings] == ["/containerDefinitions/0/memoryReservation"]


# -- files that are not ECS configuration -------------------------------------------------

NOT_ECS = [
    ("package.json", json.dumps({"name": "app", "version": "1.0.0", "scripts": {"test": "jest"}}), "no ECS task definition"),
    (
        ".github/workflows/ci.yml",
        "name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
        "a GitHub Actions workflow that deploys nothing to ECS",
    ),
    ("empty.json", "", "empty file"),
    ("blank.yaml", "  \n\n", "empty file"),
    (
        "run-task.json",
        json.dumps({"cluster": "prod", "taskDefinition": "web:7", "count": 2, "launchType": "FARGATE"}),
        "run-task",
    ),
    (
        "template.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
        "    Properties:\n      BucketName: web\n",
        "without ECS, ECR or target group resources",
    ),
    ("numbers.json", "[1, 2, 3]", "not of container definitions"),
    ("scalar.yaml", "just text\n", "not an object or array"),
]


@pytest.mark.parametrize(("name", "text", "reason"), NOT_ECS, ids=[n for n, _, _ in NOT_ECS])
def test_non_ecs_file_is_skipped_with_a_reason(tmp_path, name, text, reason):
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    file = _read(tmp_path, name, text)
    assert file.documents == [] and file.problems == []
    assert reason in (file.skipped or "")


def test_skipped_files_produce_no_findings_even_with_every_rule(tmp_path):
    paths = []
    for name, text, _ in NOT_ECS:
        path = tmp_path / name.replace("/", "_")
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    report = run(paths, Settings(select=["ALL"]))
    assert report.findings == []
    assert len(report.skipped) == len(NOT_ECS)


def test_invalid_json_without_anything_ecs_related_is_skipped_not_reported(tmp_path):
    """Another tool's JSON-with-comments must not fail a pre-commit run."""
    file = _read(tmp_path, "tsconfig.json", '{\n  // comment\n  "compilerOptions": {}\n}\n')
    assert file.problems == [] and file.documents == []
    assert file.skipped is not None and "not valid JSON" in file.skipped


# -- positions: special cases -------------------------------------------------------------


def test_lifecycle_policy_text_positions_go_through_escapes_and_surrogate_pairs(tmp_path):
    """``\\"``, ``\\n``, ``\\u00e9`` and an emoji written as a surrogate pair all come before
    rule 2 on the same line: its priority must still land on the exact column."""
    first = dict(RULE_1, description='caf\u00e9 "quoted"\nsecond line \U0001f600 end')
    inner = json.dumps({"rules": [first, RULE_2]})  # ensure_ascii: \u00e9, \ud83d\ude00
    literal = json.dumps(inner)  # \" and \\n and \\u00e9 in the outer file
    assert "\\\\ud83d\\\\ude00" in literal and '\\\\\\"quoted' in literal
    text = '{"repositoryName": "web-app",\n "lifecyclePolicyText": ' + literal + "}\n"
    doc = _read(tmp_path, "put.json", text).documents[0]
    assert doc.data["rules"][0]["description"] == first["description"]
    value = doc.region(("rules", 1, "rulePriority"), "value")
    assert value == _region(text, '\\"rulePriority\\": 2', skip=18)
    assert _slice(text, value) == "2"
    # Spans end after their last raw character, even when that is an escape.
    description = doc.region(("rules", 0, "description"), "value")
    assert _slice(text, description) == json.dumps(first["description"])[:-1].replace("\\", "\\\\").replace('"', '\\"') + '\\"'
    assert _slice(text, doc.region(("rules", 0, "description"), "key")) == '\\"description\\"'


def test_lifecycle_policy_text_with_raw_unicode_in_the_outer_file(tmp_path):
    """The same policy saved with ``ensure_ascii=False``: one column per code point."""
    first = dict(RULE_1, description="caf\u00e9 \U0001f600 \u4e2d\u6587")
    inner = json.dumps({"rules": [first, RULE_2]}, ensure_ascii=False)
    text = '{"repositoryName": "r", "lifecyclePolicyText": ' + json.dumps(inner, ensure_ascii=False) + "}\n"
    doc = _read(tmp_path, "put.json", text).documents[0]
    assert doc.region(("rules", 1, "rulePriority"), "value") == _region(text, '\\"rulePriority\\": 2', skip=18)


def test_yaml_block_scalar_policy_with_crlf_line_breaks(tmp_path):
    """YAML reads CRLF as one line break; positions inside the block must not drift."""
    text = (
        "repositoryName: web-app\r\n"
        "lifecyclePolicyText: |\r\n"
        "  {\r\n"
        '    "rules": [\r\n'
        f"      {json.dumps(RULE_1)},\r\n"
        f"      {json.dumps(RULE_2)}\r\n"
        "    ]\r\n"
        "  }\r\n"
    )
    doc = _read(tmp_path, "put.yaml", text).documents[0]
    region = doc.region(("rules", 1, "rulePriority"), "value")
    assert region == _region(text, '"rulePriority": 2', skip=16)
    assert doc.region(("rules", 1, "action", "type"), "value") == _region(text, '"expire"', occurrence=2)


def test_yaml_single_quoted_and_plain_policy_text_positions(tmp_path):
    inner = '{"rules": [{"rulePriority": 7, "description": "it\'s", "selection": {"tagStatus": "any"}}]}'
    single = "repositoryName: r\nlifecyclePolicyText: '" + inner.replace("'", "''") + "'\n"
    doc = _read(tmp_path, "single.yaml", single).documents[0]
    assert doc.region(("rules", 0, "rulePriority"), "value") == _region(single, "7")
    assert _slice(single, doc.region(("rules", 0, "description"), "value")) == '"it\'\'s"'


def test_unmappable_policy_text_falls_back_to_the_scalar_start(tmp_path):
    """A folded (``>``) scalar is not mapped character by character: every inner path
    points at the scalar, never at an unrelated place."""
    text = (
        "repositoryName: r\nlifecyclePolicyText: >\n"
        '  {"rules": [{"rulePriority": 1,\n'
        '  "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1},\n'
        '  "action": {"type": "expire"}}]}\n'
    )
    doc = _read(tmp_path, "folded.yaml", text).documents[0]
    assert doc.data["rules"][0]["rulePriority"] == 1
    region = doc.region(("rules", 0, "rulePriority"), "value")
    assert (region.line, region.column) == _position(text, text.index(">"))


def test_lifecycle_policy_text_merged_from_a_yaml_anchor_does_not_crash(tmp_path):
    """The string has no literal of its own under the document (it comes from ``<<``):
    it is still parsed, and positions fall back to an existing node."""
    text = "defaults: &d\n  lifecyclePolicyText: '{\"rules\": []}'\nrepositoryName: r\n<<: *d\n"
    file = _read(tmp_path, "merged.yaml", text)
    assert file.problems == []
    assert _shapes(file) == [("lifecycle-policy", "policy-text", "r")]
    region = file.documents[0].region(("rules",), "value")
    assert region.line >= 1 and region.column >= 1


def test_yaml_document_positions(tmp_path):
    text = (
        "family: web\n"
        "containerDefinitions:\n"
        "  - name: app\n"
        "    image: nginx:1.27\n"
        "    memory: 512\n"
        "    portMappings:\n"
        "      - containerPort: 8080\n"
    )
    doc = _read(tmp_path, "task.yaml", text).documents[0]
    assert doc.region(("containerDefinitions", 0, "memory"), "value") == _region(text, "512")
    assert doc.region(("containerDefinitions", 0, "memory"), "key") == _region(text, "memory")
    assert doc.region(("containerDefinitions", 0, "portMappings", 0, "containerPort"), "value") == _region(text, "8080")
    assert doc.region(("containerDefinitions", 0, "image"), "value") == _region(text, "nginx:1.27")


# -- missing paths ------------------------------------------------------------------------


def test_missing_member_falls_back_to_the_nearest_parent_key(tmp_path):
    doc = _read(tmp_path, "web.json", REGISTER).documents[0]
    # Asked for a value that does not exist: the parent's *key* is the target.
    assert doc.region(("containerDefinitions", 3), "value") == _region(REGISTER, '"containerDefinitions"')
    assert doc.region(("networkMode", "nested", 0), "value") == _region(REGISTER, '"networkMode"')


def test_missing_member_of_an_array_item_points_at_its_opening_brace(tmp_path):
    doc = _read(tmp_path, "web.json", REGISTER).documents[0]
    brace = _region(REGISTER, '{"name"', length=1)
    assert doc.region(("containerDefinitions", 0, "cpu"), "value") == brace
    assert doc.region(("containerDefinitions", 0, "portMappings", 0, "hostPort"), "key") == brace


def test_missing_top_level_member_points_at_the_document_root(tmp_path):
    doc = _read(tmp_path, "web.json", REGISTER).documents[0]
    assert doc.region(("cpu",), "value") == Region(1, 1, 1, 2)
    # Wrapped documents fall back to their wrapper's key.
    described = _read(tmp_path, "describe.json", DESCRIBE).documents[0]
    assert described.region(("cpu",), "value") == _region(DESCRIBE, '"taskDefinition"')


def test_missing_member_of_a_yaml_sequence_item_points_at_its_first_line(tmp_path):
    text = "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx\n"
    doc = _read(tmp_path, "task.yaml", text).documents[0]
    assert doc.region(("containerDefinitions", 0, "cpu"), "value") == _region(text, "name: app")


def test_missing_paths_inside_lifecycle_policy_text(tmp_path):
    inner = json.dumps({"rules": [RULE_2]})
    text = '{"repositoryName": "r", "lifecyclePolicyText": ' + json.dumps(inner) + "}"
    doc = _read(tmp_path, "put.json", text).documents[0]
    key = _region(text, '\\"selection\\"')
    assert doc.region(("rules", 0, "selection", "tagPrefixList"), "value") == key


# -- duplicate keys -----------------------------------------------------------------------

DUPLICATES_JSON = """{
  "family": "web",
  "containerDefinitions": [
    {"name": "app", "memory": 512, "image": "nginx", "memory": 1024}
  ],
  "family": "api"
}
"""


def test_json_duplicate_keys_nested_and_top_level():
    data, smap = parse_json(DUPLICATES_JSON)
    assert data["family"] == "api" and data["containerDefinitions"][0]["memory"] == 1024  # the last wins
    found = {d.path: d for d in smap.duplicates}
    assert set(found) == {("family",), ("containerDefinitions", 0, "memory")}
    memory = found[("containerDefinitions", 0, "memory")]
    assert smap.offsets(*memory.key) == _region(DUPLICATES_JSON, '"memory"', occurrence=2)
    assert smap.offsets(*memory.first) == _region(DUPLICATES_JSON, '"memory"', occurrence=1)
    family = found[("family",)]
    assert smap.offsets(*family.key) == _region(DUPLICATES_JSON, '"family"', occurrence=2)
    assert smap.offsets(*family.first) == _region(DUPLICATES_JSON, '"family"', occurrence=1)
    # The value region is that of the value that counts.
    assert smap.region(("family",), "value") == _region(DUPLICATES_JSON, '"api"')


def test_json_without_duplicates_reports_none():
    _, smap = parse_json(REGISTER)
    assert smap.duplicates == []


def test_json_duplicate_keys_written_with_escapes_are_duplicates():
    text = '{"family": "a", "fam\\u0069ly": "b"}'
    data, smap = parse_json(text)
    assert data == {"family": "b"}
    assert [d.path for d in smap.duplicates] == [("family",)]
    assert smap.offsets(*smap.duplicates[0].key) == _region(text, '"fam\\u0069ly"')


def test_yaml_duplicate_keys():
    text = "family: web\ncontainerDefinitions:\n  - name: app\n    memory: 512\n    memory: 1024\nfamily: api\n"
    [(data, smap)] = parse_yaml(text)
    assert data["family"] == "api" and data["containerDefinitions"][0]["memory"] == 1024
    found = {d.path: d for d in smap.duplicates}
    assert set(found) == {("family",), ("containerDefinitions", 0, "memory")}
    assert smap.offsets(*found[("family",)].key) == _region(text, "family", occurrence=2)
    assert smap.offsets(*found[("family",)].first) == _region(text, "family", occurrence=1)
    assert smap.offsets(*found[("containerDefinitions", 0, "memory")].key) == _region(text, "memory", occurrence=2)


def test_duplicate_keys_are_reported_by_ecs006_at_the_repeated_key(tmp_path):
    path = _write(tmp_path, "web.json", DUPLICATES_JSON)
    report = run([path], Settings(select=["ECS006"]))
    assert [(f.rule, f.region) for f in report.findings] == [
        ("ECS006", _region(DUPLICATES_JSON, '"memory"', occurrence=2)),
        ("ECS006", _region(DUPLICATES_JSON, '"family"', occurrence=2)),
    ]


def test_duplicate_keys_inside_lifecycle_policy_text_are_located_in_the_outer_file(tmp_path):
    inner = '{"rules": [{"rulePriority": 1, "rulePriority": 2, "selection": {"tagStatus": "any"}}]}'
    text = '{"repositoryName": "r",\n "lifecyclePolicyText": ' + json.dumps(inner) + "}\n"
    path = _write(tmp_path, "put.json", text)
    report = run([path], Settings(select=["ECS006"]))
    assert [(f.rule, f.region) for f in report.findings] == [
        ("ECS006", _region(text, '\\"rulePriority\\"', occurrence=2)),
    ]


def test_policy_text_with_duplicate_keys_is_scanned_once(tmp_path, monkeypatch):
    """The parser's duplicate flag travels to the embedded map: asking the inner map for
    its duplicates first scanned the policy text a second time."""
    import ecslint.load.embedded as embedded
    import ecslint.load.sourcemap as sourcemap

    scanned: list[str] = []
    scan_json = sourcemap.scan_json

    def counting_scan(text: str, start: int = 0):
        scanned.append(text)
        return scan_json(text, start)

    monkeypatch.setattr(embedded, "scan_json", counting_scan)
    monkeypatch.setattr(sourcemap, "scan_json", counting_scan)
    inner = '{"rules": [{"rulePriority": 1, "rulePriority": 2, "selection": {"tagStatus": "any"}}]}'
    text = '{"repositoryName": "r",\n "lifecyclePolicyText": ' + json.dumps(inner) + "}\n"
    report = run([_write(tmp_path, "put.json", text)], Settings(select=["ECS006"]))
    assert [f.rule for f in report.findings] == ["ECS006"]
    assert sorted(scanned) == sorted([text, inner])  # the outer file (to locate the string) and the policy, once each


# -- YAML specifics -----------------------------------------------------------------------


def test_yaml_anchors_aliases_and_merge_keys():
    text = """\
base: &base
  image: nginx:1.27
  memory: 256
  essential: true
logging: &logging
  logDriver: awslogs
before: {<<: *base, memory: 512}
after:
  memory: 1024
  <<: *base
both:
  <<: [*base, *logging]
  image: envoy
list: [*base, *logging]
"""
    [(data, _)] = parse_yaml(text)
    base = {"image": "nginx:1.27", "memory": 256, "essential": True}
    assert data["base"] == base
    # An explicit key wins over a merged one, wherever it is written.
    assert data["before"] == dict(base, memory=512)
    assert data["after"] == dict(base, memory=1024)
    assert data["both"] == {"image": "envoy", "memory": 256, "essential": True, "logDriver": "awslogs"}
    assert data["list"] == [base, {"logDriver": "awslogs"}]
    assert "<<" not in data["before"]


def test_yaml_quoted_merge_key_is_an_ordinary_key():
    """Only a plain ``<<`` merges (as in PyYAML's own loader); ``'<<'`` is just a key."""
    [(data, _)] = parse_yaml("a: &a {x: 1}\nplain: {<<: *a}\nquoted: {'<<': *a}\ntagged: {!!merge <<: *a}\n")
    assert data == {"a": {"x": 1}, "plain": {"x": 1}, "quoted": {"<<": {"x": 1}}, "tagged": {"x": 1}}


def test_yaml_alias_value_region_is_the_alias():
    text = "base: &b 512\nmemory: *b\n"
    [(data, smap)] = parse_yaml(text)
    assert data == {"base": 512, "memory": 512}
    assert smap.region(("memory",), "value") == _region(text, "*b")


def test_yaml_cloudformation_short_tags_become_long_form():
    text = """\
ref: !Ref Memory
sub: !Sub "${AWS::StackName}-web"
getatt: !GetAtt Role.Arn
getatt_list: !GetAtt [Role, Arn]
join: !Join ["", [a, !Ref B]]
if: !If [IsProd, 1024, 512]
select: !Select [0, !GetAZs ""]
import: !ImportValue shared-vpc
"""
    [(data, _)] = parse_yaml(text)
    assert data == {
        "ref": {"Ref": "Memory"},
        "sub": {"Fn::Sub": "${AWS::StackName}-web"},
        "getatt": {"Fn::GetAtt": ["Role", "Arn"]},
        "getatt_list": {"Fn::GetAtt": ["Role", "Arn"]},
        "join": {"Fn::Join": ["", ["a", {"Ref": "B"}]]},
        "if": {"Fn::If": ["IsProd", 1024, 512]},
        "select": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
        "import": {"Fn::ImportValue": "shared-vpc"},
    }


def test_yaml_scalar_types_follow_yaml_1_1_except_timestamps():
    text = """\
a: yes
b: no
c: on
d: off
e: true
f: 2024-01-31
g: 2024-01-31T10:00:00Z
h: 0x1F
i: 1_000
j: "512"
k: ~
l: 1.5
m: !!str 12
n: !!binary aGVsbG8=
"""
    [(data, _)] = parse_yaml(text)
    assert data == {
        "a": True,
        "b": False,
        "c": True,
        "d": False,
        "e": True,
        "f": "2024-01-31",  # JSON has no dates: timestamps stay text
        "g": "2024-01-31T10:00:00Z",
        "h": 31,
        "i": 1000,
        "j": "512",
        "k": None,
        "l": 1.5,
        "m": "12",
        "n": "aGVsbG8=",
    }


def test_yaml_multi_document_stream(tmp_path):
    text = (
        "family: web\ncontainerDefinitions:\n  - name: app\n    memory: 512\n"
        "---\n"
        "family: api\ncontainerDefinitions:\n  - name: app\n    memory: 2048\n"
        "...\n"
        "---\n"
        "serviceName: api\ndesiredCount: 2\n"
    )
    roots = parse_yaml(text)
    assert [data.get("family", data.get("serviceName")) for data, _ in roots] == ["web", "api", "api"]
    file = _read(tmp_path, "all.yaml", text)
    assert _shapes(file) == [
        ("task-definition", "register", "web"),
        ("task-definition", "register", "api"),
        ("service", "create", "api"),
    ]
    web, api, service = file.documents
    assert web.region(("containerDefinitions", 0, "memory"), "value") == _region(text, "512")
    assert api.region(("containerDefinitions", 0, "memory"), "value") == _region(text, "2048")
    assert service.region(("desiredCount",), "value") == _region(text, "desiredCount: 2", skip=14)


def test_yaml_empty_documents_in_a_stream_are_ignored(tmp_path):
    file = _read(tmp_path, "task.yaml", "---\n---\nfamily: web\ncontainerDefinitions: []\n")
    assert _shapes(file) == [("task-definition", "register", "web")]


def test_json_is_never_parsed_as_yaml_1_1(tmp_path):
    """``1e3`` is a number in JSON (PyYAML would read a string)."""
    file = _read(tmp_path, "web.json", '{"family": "web", "containerDefinitions": [{"name": "a", "memory": 1e3}]}')
    assert file.documents[0].data["containerDefinitions"][0]["memory"] == 1000.0


def test_json_content_in_a_yaml_file_is_read_as_yaml(tmp_path):
    file = _read(tmp_path, "web.yaml", '{"family": "web", "containerDefinitions": [{"name": "a"}]}\n')
    assert _shapes(file) == [("task-definition", "register", "web")]


# -- templates and unknown values ---------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "${MEMORY}",
        "${var.memory}",
        "arn:aws:iam::${AWS::AccountId}:role/x",
        "{{ var }}",
        "{{.Env.IMAGE}}",
        "{{ must_env `IMAGE` }}",
        "<PLACEHOLDER>",
        "<ACCOUNT_ID>.dkr.ecr.eu-west-1.amazonaws.com/app",
        "$$IMAGE_NAME$$",
        "$MEMORY",
        "$IMAGE_TAG",
    ],
)
def test_template_placeholders_are_unknown(value):
    assert is_unknown(value)
    assert PLACEHOLDER.search(value) is not None


@pytest.mark.parametrize(
    "value",
    [
        "p4$$w0rd",  # a password containing dollars
        "pa$sword",
        "price: 5$",
        "$5",  # not an identifier
        "$MEMORY and more",  # $VAR counts only as the whole value
        "a < b and c > d",
        "nginx:1.27",
        "",
        "{{",
        "${",
        "{ not: template }",
    ],
)
def test_plain_strings_are_not_unknown(value):
    assert not is_unknown(value)


def test_html_like_text_counts_as_a_placeholder():
    """``<PLACEHOLDER>`` cannot be told apart from a tag: ``<html>`` is (deliberately)
    unknown too, which only makes rules quieter on such values."""
    assert is_unknown("<html>")
    assert is_unknown("<b>bold</b>")


def test_non_strings_are_unknown_only_when_marked():
    assert is_unknown(Unknown({"Ref": "Memory"}))
    assert not is_unknown({"Ref": "Memory"})  # the model, not the raw data, marks intrinsics
    assert not is_unknown(512) and not is_unknown(None) and not is_unknown(["${X}"])


def test_first_placeholder_prefers_the_one_where_parsing_failed():
    text = '{"a": "${A}", "b": {{ b }}}'
    assert first_placeholder(text).group() == "${A}"
    assert first_placeholder(text, text.index("{{")).group() == "{{ b }}"
    assert first_placeholder("nothing here") is None


def test_unrendered_template_gets_a_hint_at_the_placeholder(tmp_path):
    text = '{\n  "family": "web",\n  "containerDefinitions": [{"name": "app", "memory": {{ .Memory }}}]\n}\n'
    path = _write(tmp_path, "task-def.json.tpl", text)
    report = run([path], Settings(select=["ECS001"]))
    [finding] = report.findings
    assert finding.rule == "ECS001"
    start = text.index("{{ .Memory }}")
    # The JSON parser stops at the second brace (the first one opened an object) ...
    assert (finding.region.line, finding.region.column) == _position(text, start + 1)
    assert finding.message.startswith("invalid JSON: Expecting property name")
    # ... and the hint names the whole placeholder where it starts.
    line, column = _position(text, start)
    assert f"'{{{{ .Memory }}}}' at {line}:{column}" in finding.message
    assert "template" in finding.message


def test_a_fragment_cut_from_documentation_gets_a_hint(tmp_path):
    """``"key": value`` without braces parses as a string then "extra data" at the colon."""
    text = '"containerDefinitions": [{\n  "name": "app"\n}]\n'
    report = run([_write(tmp_path, "snippet.json", text)], Settings(select=["ECS001"]))
    [finding] = report.findings
    assert (finding.rule, finding.region.line, finding.region.column) == ("ECS001", 1, 23)
    assert "fragment (a key outside any object)" in finding.message


def test_two_documents_in_one_file_are_not_called_a_fragment(tmp_path):
    text = '{"family": "a", "containerDefinitions": []}\n{"family": "b", "containerDefinitions": []}\n'
    report = run([_write(tmp_path, "two.json", text)], Settings(select=["ECS001"]))
    [finding] = report.findings
    assert (finding.region.line, finding.region.column) == (2, 1)
    assert finding.message.startswith("invalid JSON: Extra data") and "fragment" not in finding.message


def test_placeholder_values_parse_as_plain_strings(tmp_path):
    text = '{"family": "${FAMILY}", "containerDefinitions": [{"name": "app", "memory": "${MEMORY}"}]}'
    file = _read(tmp_path, "task-def.json", text)
    assert _shapes(file) == [("task-definition", "register", "${FAMILY}")]
    assert file.documents[0].data["containerDefinitions"][0]["memory"] == "${MEMORY}"


def test_a_yaml_source_map_forgotten_is_recorded_again_from_the_text():
    """A big run forgets the positions of the files it keeps (``parallel``): a YAML
    document's are recorded again, the same, when a rule of the whole run reports there."""
    from ecslint.load.sourcemap import iter_paths

    text = "a: 1\nb: [x, {c: 2}]\nb: dup\n---\n# second\nfamily: web\ncontainerDefinitions:\n  - name: app\n    image: !Sub '${X}'\n"
    roots = parse_yaml(text)
    before = [({p: smap.region(p, "value") for p, _ in iter_paths(data)}, smap.duplicates) for data, smap in roots]
    for _, smap in roots:
        smap.forget()
        assert smap._spans is None, "forgotten"
    after = [({p: smap.region(p, "value") for p, _ in iter_paths(data)}, smap.duplicates) for data, smap in roots]
    assert after == before
    assert before[0][1] and len(before[1][0]) > 4
