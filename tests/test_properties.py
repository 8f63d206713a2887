"""Property tests (hypothesis) for the loader and the rules.

1. For arbitrary JSON, however it is formatted, every path's value region is exactly the
   text of that value, and every member's key region exactly the text of its key.
2. The same for YAML as PyYAML's dumper writes it (scalars exactly; collections start at
   the right place and their text, re-indented, loads back to the value).
3. Arbitrary JSON in any field of real documents never makes a rule fail (``ECS008``), and
   every finding points inside the file, whether the file is JSON or YAML.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ecslint.core.finding import Region
from ecslint.engine import Registry, Settings, run
from ecslint.load.jsonload import parse_json
from ecslint.load.sourcemap import iter_paths
from ecslint.load.yamlload import parse_yaml

REGISTRY = Registry.default()

# -- helpers ------------------------------------------------------------------------------


def _offset(text: str, line: int, column: int) -> int:
    """Offset of a 1-based line and column, lines split on "\\n" only (as LineIndex does)."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def _slice(text: str, region: Region) -> str:
    return text[_offset(text, region.line, region.column) : _offset(text, region.end_line, region.end_column)]


# -- 1. JSON positions round-trip ---------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(['"', "\\", "\\u0000", "/", "\x00\x1f\x7f", "\u00e9", "\U0001f600", "\u2028", "${X}", "{{ x }}"])
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=25,
)
json_formats = st.fixed_dictionaries(
    {
        "indent": st.sampled_from([None, 0, 1, 2, 4, "\t", " "]),
        "separators": st.sampled_from([None, (",", ":"), (", ", ": "), (" ,\n", " :\t"), ("\n,", "\n:\n")]),
        "ensure_ascii": st.booleans(),
    }
)


@settings(max_examples=300, deadline=None)
@given(json_values, json_formats)
def test_json_value_and_key_regions_are_exactly_their_text(data, options):
    text = json.dumps(data, **options)
    parsed, smap = parse_json(text)
    assert parsed == data
    for path, value in iter_paths(data):
        region = smap.region(path, "value")
        assert json.loads(_slice(text, region)) == value, path
        if path and isinstance(path[-1], str):
            key = _slice(text, smap.region(path, "key"))
            assert key == json.dumps(path[-1], ensure_ascii=options["ensure_ascii"]), path


@settings(max_examples=100, deadline=None)
@given(json_values, st.sampled_from(["", " ", "\n", "\r\n", "\t\n  "]))
def test_json_regions_ignore_surrounding_whitespace_and_crlf(data, padding):
    text = padding + json.dumps(data, indent=2).replace("\n", padding if "\r" in padding else "\n") + padding
    parsed, smap = parse_json(text)
    assert parsed == data
    for path, value in iter_paths(data):
        assert json.loads(_slice(text, smap.region(path, "value"))) == value, path


def _reference_scan_json(text: str) -> tuple[dict, list]:
    """The scanner ``scan_json`` replaced, kept as the oracle: one match per token, commas
    and colons included, keys told by the state after ``{`` and ``,``."""
    import re

    from ecslint.load.sourcemap import DuplicateKey, Span

    spans: dict = {}
    duplicates: list = []
    stack: list[list] = []
    expect_key = False
    path: tuple = ()
    key = None
    for m in re.finditer(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+', text, re.DOTALL):
        token = m.group()
        c = token[0]
        if expect_key and c == '"':
            frame = stack[-1]
            name = json.loads(token)
            span = (m.start(), m.end())
            if name in frame[4]:
                duplicates.append(DuplicateKey(frame[1] + (name,), span, frame[4][name]))
            frame[4][name] = span
            path, key = frame[1] + (name,), span
            expect_key = False
        elif c == ":":
            continue
        elif c == ",":
            frame = stack[-1]
            if frame[0]:
                expect_key = True
            else:
                path, key = frame[1] + (frame[4],), None
                frame[4] += 1
        elif c in "{[":
            stack.append([c == "{", path, m.start(), key, {} if c == "{" else 1])
            expect_key = c == "{"
            if c == "[":
                path, key = path + (0,), None
        elif c in "}]":
            frame = stack.pop()
            spans[frame[1]] = Span(frame[3], frame[2], m.end())
            expect_key = False
            if not stack:
                break
        else:
            spans[path] = Span(key, m.start(), m.end())
            if not stack:
                break
    return spans, duplicates


def _members(children):
    """Objects written with repeated keys (the parser keeps the last; the scanner reports
    the others), keys escaped or not, any JSON separators."""
    keys = st.sampled_from(["a", "b", "a b", 'q"', "\\", "\u00e9", "\U0001f600", ""])
    return st.lists(st.tuples(keys, children), max_size=5)


json_texts = st.recursive(
    json_scalars.map(json.dumps),
    lambda children: st.lists(children, max_size=4).map(lambda items: "[" + " ,\n".join(items) + "]")
    | _members(children).map(lambda pairs: "{" + ",".join(f"\t{json.dumps(k)} :{v}" for k, v in pairs) + " }"),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(json_texts, st.sampled_from(["", " ", "\n", "\r\n  "]))
def test_scan_json_finds_what_a_scan_token_by_token_finds(text, padding):
    """``scan_json`` counts offsets from token lengths and tells keys by alternation: the
    same spans and duplicate keys as the plain token-by-token scan, duplicates included."""
    from ecslint.load.sourcemap import scan_json

    text = padding + text + padding
    json.loads(text)  # valid JSON, as the scanner is given
    assert scan_json(text) == _reference_scan_json(text)


@settings(max_examples=200, deadline=None)
@given(json_values, st.data())
def test_json_missing_paths_fall_back_to_an_existing_ancestor(data, draw):
    """A path below any existing one maps to the key (or first token) of its deepest
    existing ancestor, never an exception or a place outside the text."""
    text = json.dumps(data, indent=1)
    _, smap = parse_json(text)
    paths = [p for p, _ in iter_paths(data)]
    base = draw.draw(st.sampled_from(paths))
    missing = base + ("\x00missing", 0)
    assert smap.region(missing, "value") == smap.region(base, "key")


# -- 1b. positions inside a JSON string (lifecyclePolicyText) -----------------------------

json_objects = st.dictionaries(st.text(max_size=6), json_values, max_size=4)


def _embedded(outer: str, name: str) -> tuple[Any, str, dict]:
    """The one document of ``outer`` (a put-lifecycle-policy input), its inner text, and the
    inner text of every token by path (from the inner parse, as the loader sees it)."""
    from ecslint.load.reader import parse
    from ecslint.load.source import SourceFile
    from ecslint.load.sourcemap import scan_json

    file = parse(SourceFile(name, name), outer)
    assert file.problems == [] and len(file.documents) == 1
    doc = file.documents[0]
    spans, _ = scan_json(doc.text)
    return doc, doc.text, {path: doc.text[s.start : s.end] for path, s in spans.items()}


@settings(max_examples=200, deadline=None)
@given(json_objects, json_formats, st.booleans())
def test_regions_inside_a_json_string_are_the_escaped_token(data, options, outer_ascii):
    """Every inner token's region is exactly its escaped form in the outer file, through
    ``\\"``, ``\\n``, ``\\uXXXX`` and surrogate pairs."""
    inner = json.dumps(data, **options)
    outer = '{"repositoryName": "r",\n "lifecyclePolicyText": ' + json.dumps(inner, ensure_ascii=outer_ascii) + "\n}\n"
    doc, _, tokens = _embedded(outer, "put.json")
    assert doc.data == data
    for path, token in tokens.items():
        raw = _slice(outer, doc.region(path, "value"))
        assert json.loads('"' + raw + '"') == token, path
        if path and isinstance(path[-1], str):
            raw_key = _slice(outer, doc.region(path, "key"))
            assert json.loads(json.loads('"' + raw_key + '"')) == path[-1], path


@settings(max_examples=150, deadline=None)
@given(json_objects, st.sampled_from([None, 2]), st.sampled_from(["|", "'", '"']), st.booleans())
def test_regions_inside_a_yaml_scalar_are_the_written_token(data, indent, style, crlf):
    """A policy written as a YAML literal block, single- or double-quoted scalar: inner
    scalars map to exactly their text in the file (``''`` for a quote in single quotes)."""
    inner = json.dumps(data, indent=indent, ensure_ascii=True)
    outer = yaml.dump(
        {"repositoryName": "r", "lifecyclePolicyText": inner}, default_style=style, width=10**9, sort_keys=False
    )
    written = outer[outer.index(": ", outer.index("lifecyclePolicyText")) + 2]
    assume(written == style)  # PyYAML chooses another style for text it cannot write so
    assume(style == "|" or "\n" not in inner)  # quoted scalars fold lines: not mapped exactly
    if crlf:
        outer = outer.replace("\n", "\r\n")
    doc, _, tokens = _embedded(outer, "put.yaml")
    assert doc.data == data
    for path, token in tokens.items():
        value = data
        for part in path:
            value = value[part]
        if isinstance(value, (dict, list)) and indent is not None:
            continue  # spans lines: its text includes the block's indentation
        raw = _slice(outer, doc.region(path, "value"))
        if style == "'":
            raw = raw.replace("''", "'")
        elif style == '"':
            raw = json.loads('"' + raw + '"')
        assert raw == token, path


# -- 2. YAML positions round-trip ---------------------------------------------------------

# PyYAML's dumper and loader agree on printable text without line separators of their own
# (NEL, LS, PS), BOMs, surrogates or control characters other than tab and newline.
yaml_chars = st.characters(
    blacklist_categories=("Cs", "Cc", "Co", "Cn"),
    blacklist_characters="\x85\u2028\u2029\ufeff",
) | st.sampled_from("\n\t \"'#:-?&*!|>%@`{}[],")
yaml_text = st.text(yaml_chars, max_size=12)
yaml_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | yaml_text
    | st.sampled_from(["yes", "no", "on", "0x1F", "1_000", "2024-01-31", "~", "null", "<<", "=", "- a", "a: b", "${X}"])
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(yaml_text, children, max_size=4),
    max_leaves=25,
)
yaml_formats = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, True, None]),
        "indent": st.integers(min_value=2, max_value=6),
        "width": st.sampled_from([20, 80, 1000]),
        "allow_unicode": st.booleans(),
        "explicit_start": st.booleans(),
    }
)


class _NoAliasDumper(yaml.SafeDumper):
    """Equal objects hypothesis may share must not become anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _reindented(text: str, region: Region) -> str:
    """The region's text with its first line padded to its column, so that a block
    collection keeps the indentation of its later lines."""
    return " " * (region.column - 1) + _slice(text, region)


@settings(max_examples=300, deadline=None)
@given(yaml_values, yaml_formats)
def test_yaml_value_and_key_regions_are_exactly_their_text(data, options):
    text = yaml.dump(data, Dumper=_NoAliasDumper, **options)
    assume(yaml.safe_load(text) == data)  # only what PyYAML itself round-trips
    [(parsed, smap)] = parse_yaml(text)
    assert parsed == data
    nodes = _nodes(yaml.compose(text, Loader=yaml.SafeLoader))
    for path, value in iter_paths(data):
        region = smap.region(path, "value")
        node = nodes[path]
        # Starts where PyYAML's own node starts ...
        assert (region.line, region.column) == (node.start_mark.line + 1, node.start_mark.column + 1), path
        if isinstance(value, (dict, list)):
            # ... and a collection's text, re-indented, is that collection.
            assert yaml.safe_load(_reindented(text, region)) == value, path
        else:
            # ... and a scalar's text is exactly that scalar.
            assert yaml.safe_load(_reindented(text, region)) == value, path
            assert (region.end_line, region.end_column) == (node.end_mark.line + 1, node.end_mark.column + 1), path
        if path and isinstance(path[-1], str):
            key = _slice(text, smap.region(path, "key"))
            assert yaml.safe_load(key) == path[-1], (path, key)


def _nodes(root: yaml.Node | None) -> dict[tuple, yaml.Node]:
    """Every node of a composed document by path (keys as their scalar text)."""
    out: dict[tuple, yaml.Node] = {}
    todo = [((), root)]
    while todo:
        path, node = todo.pop()
        if node is None:
            continue
        out[path] = node
        if isinstance(node, yaml.MappingNode):
            todo.extend((path + (k.value,), v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend((path + (i,), v) for i, v in enumerate(node.value))
    return out


# -- 3. arbitrary values in every field never crash a rule --------------------------------

TASK_DEFINITION = {
    "family": "web",
    "taskRoleArn": "arn:aws:iam::123456789012:role/web-task",
    "executionRoleArn": "arn:aws:iam::123456789012:role/web-exec",
    "networkMode": "bridge",
    "requiresCompatibilities": ["EC2"],
    "cpu": "1024",
    "memory": "2048",
    "pidMode": "task",
    "ipcMode": "none",
    "runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": "X86_64"},
    "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}],
    "volumes": [
        {"name": "data", "host": {"sourcePath": "/data"}},
        {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED"}},
    ],
    "ephemeralStorage": {"sizeInGiB": 30},
    "tags": [{"key": "team", "value": "web"}],
    "containerDefinitions": [
        {
            "name": "app",
            "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2",
            "essential": True,
            "cpu": 512,
            "memory": 1024,
            "memoryReservation": 512,
            "portMappings": [
                {"containerPort": 8080, "hostPort": 8080, "protocol": "tcp", "name": "http"},
                {"containerPort": 9090, "hostPort": 0, "protocol": "udp"},
            ],
            "environment": [{"name": "MODE", "value": "prod"}],
            "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db"}],
            "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": False}],
            "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}],
            "linuxParameters": {"initProcessEnabled": True, "capabilities": {"add": ["SYS_PTRACE"], "drop": ["ALL"]}},
            "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10},
            "dependsOn": [{"containerName": "sidecar", "condition": "START"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1"}},
            "readonlyRootFilesystem": True,
            "user": "1000",
        },
        {
            "name": "sidecar",
            "image": "envoyproxy/envoy:v1.30",
            "essential": False,
            "memory": 256,
            "portMappings": [{"containerPort": 9901}],
        },
    ],
}

SERVICE = {
    "cluster": "prod",
    "serviceName": "web",
    "taskDefinition": "web",
    "desiredCount": 3,
    "launchType": "EC2",
    "schedulingStrategy": "REPLICA",
    "deploymentConfiguration": {
        "maximumPercent": 200,
        "minimumHealthyPercent": 50,
        "deploymentCircuitBreaker": {"enable": True, "rollback": True},
    },
    "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
    "placementConstraints": [{"type": "distinctInstance"}],
    "loadBalancers": [
        {
            "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef",
            "containerName": "app",
            "containerPort": 8080,
        },
        {"loadBalancerName": "classic", "containerName": "sidecar", "containerPort": 9901},
    ],
    "serviceRegistries": [{"registryArn": "arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-1", "containerName": "app", "containerPort": 8080}],
    "healthCheckGracePeriodSeconds": 30,
    "enableExecuteCommand": False,
    "propagateTags": "SERVICE",
    "tags": [{"key": "team", "value": "web"}],
}

LIFECYCLE_POLICY = {
    "rules": [
        {
            "rulePriority": 1,
            "description": "releases",
            "selection": {"tagStatus": "tagged", "tagPatternList": ["v*.*.*"], "countType": "imageCountMoreThan", "countNumber": 30},
            "action": {"type": "expire"},
        },
        {
            "rulePriority": 2,
            "selection": {"tagStatus": "tagged", "tagPrefixList": ["dev", "feature-"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
            "action": {"type": "expire"},
        },
        {
            "rulePriority": 3,
            "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
            "action": {"type": "expire"},
        },
        {
            "rulePriority": 10,
            "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 200},
            "action": {"type": "expire"},
        },
    ]
}

BASES = {"task": TASK_DEFINITION, "service": SERVICE, "policy": LIFECYCLE_POLICY}
#: Each base is checked together with the other documents, so that workspace rules (a
#: service's load balancer against its task definition) see the mutated values too.
PARTNERS = {"task": ["service"], "service": ["task"], "policy": [], "put-policy": []}

junk = st.deferred(
    lambda: json_scalars
    | st.sampled_from(
        [
            0, -1, -(2**63), 2**31, 2**64, 10**30, 1.5, -0.0, 1e300, "", " ", "0", "-1", "512", "1e3", "true",
            "null", "${X}", "{{ x }}", "<PLACEHOLDER>", "$$X$$", "$X", "any", "tagged", "untagged", "awsvpc",
            "host", "bridge", "none", "FARGATE", "EC2", "EXTERNAL", "WINDOWS_SERVER_2019_CORE", "ARM64", "days",
            "imageCountMoreThan", "sinceImagePushed", "app", "sidecar", "*", "**", "v*", "[]", {}, [], [None],
            [{}], {"Ref": "X"}, {"Fn::GetAtt": ["A", "B"]},
        ]
    )
    | st.lists(junk, max_size=3)
    | st.dictionaries(st.sampled_from(["name", "containerPort", "hostPort", "tagStatus", "x", ""]), junk, max_size=3)
)


def _mutate(base: dict, draw: Any) -> dict:
    doc = copy.deepcopy(base)
    paths = [p for p, _ in iter_paths(doc) if p]
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths))
        parent: Any = doc
        for part in path[:-1]:
            if isinstance(parent, dict) and part in parent or isinstance(parent, list) and isinstance(part, int) and part < len(parent):
                parent = parent[part]
            else:
                break
        else:
            last = path[-1]
            if isinstance(parent, dict) or (isinstance(parent, list) and isinstance(last, int) and last < len(parent)):
                if draw(st.integers(min_value=0, max_value=5)) == 0 and isinstance(parent, dict):
                    parent.pop(last, None)  # now missing: findings point at the parent
                else:
                    # A copy: sampled_from hands out the same object each time, and a later
                    # mutation must not write into a value placed earlier (a cycle).
                    parent[last] = copy.deepcopy(draw(junk))
    return doc


def _write(directory: str, name: str, data: Any, as_yaml: bool) -> str:
    path = os.path.join(directory, name + (".yaml" if as_yaml else ".json"))
    with open(path, "w", encoding="utf-8") as handle:
        if as_yaml:
            yaml.dump(data, handle, Dumper=_NoAliasDumper, sort_keys=False)
        else:
            json.dump(data, handle, indent=2)
    return path


def _check_all_rules(kind: str, doc: dict, as_yaml: bool) -> None:
    with tempfile.TemporaryDirectory() as directory:
        paths = [_write(directory, kind, doc, as_yaml)]
        paths += [_write(directory, other, BASES[other], False) for other in PARTNERS[kind]]
        report = run(paths, Settings(select=["ALL"]), REGISTRY)
        crashes = [f.message for f in report.findings if f.rule == "ECS008"]
        assert not crashes, f"{crashes}\n{json.dumps(doc)}"
        texts = {}
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                texts[os.path.basename(path)] = handle.read().split("\n")
        for f in report.findings:
            lines = texts[os.path.basename(f.path)]
            region = f.region
            assert 1 <= region.line <= len(lines) and 1 <= region.column, (f.rule, region, f.message)
            assert region.column <= len(lines[region.line - 1]) + 1, (f.rule, region, f.message)
            assert region.line <= region.end_line <= len(lines), (f.rule, region, f.message)


def test_base_documents_are_recognised_and_clean():
    """The bases themselves: documents of the expected kinds and no rule crash."""
    with tempfile.TemporaryDirectory() as directory:
        paths = [_write(directory, kind, base, False) for kind, base in BASES.items()]
        report = run(paths, Settings(select=["ALL"]), REGISTRY)
        kinds = sorted(d.kind for f in report.files for d in f.documents)
        assert kinds == ["lifecycle-policy", "service", "task-definition"]
        assert [f for f in report.findings if f.rule in ("ECS001", "ECS008")] == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(BASES)), st.data())
def test_arbitrary_values_in_any_field_never_crash_a_rule(kind, data):
    doc = _mutate(BASES[kind], data.draw)
    _check_all_rules(kind, doc, as_yaml=False)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(BASES)), st.data())
def test_arbitrary_values_in_any_field_never_crash_a_rule_in_yaml(kind, data):
    doc = _mutate(BASES[kind], data.draw)
    _check_all_rules(kind, doc, as_yaml=True)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_arbitrary_values_in_an_embedded_lifecycle_policy_never_crash_a_rule(data):
    """The same policy inside a put-lifecycle-policy input: findings are translated
    through the JSON string and must still land inside the file."""
    policy = _mutate(LIFECYCLE_POLICY, data.draw)
    outer = {"repositoryName": "web", "lifecyclePolicyText": json.dumps(policy)}
    _check_all_rules("put-policy", outer, as_yaml=False)



# -- 4. arbitrary edits to real files never crash the loader or the rules -----------------

SEED_FILES = [
    *((f"{kind}.json", json.dumps(base, indent=2)) for kind, base in BASES.items()),
    *((f"{kind}.yaml", yaml.safe_dump(base, sort_keys=False)) for kind, base in BASES.items()),
    ("put.json", json.dumps({"repositoryName": "r", "lifecyclePolicyText": json.dumps(LIFECYCLE_POLICY)}, indent=2)),
    ("put.yaml", yaml.dump({"repositoryName": "r", "lifecyclePolicyText": json.dumps(LIFECYCLE_POLICY, indent=2)}, default_style="|")),
]
#: Fragments that break or bend JSON and YAML: brackets, quotes, escapes (a lone surrogate
#: among them), anchors, aliases, merge keys, tags, document markers, line separators.
edit_fragments = st.sampled_from(
    list("{}[]:,\"'\\-?&*!|>#\n\r\t 0123456789.eE+$<")
    + ["\\u", "\\ud83d", "\\ude00", "<<: *a", "&a ", "*a", "---\n", "...\n", "? ", "!!int ", "!!bool ", "!Ref ",
       "\x00", "\x01", "\ufeff", "\u2028", "\x85", "\u00e9", "\U0001f600", "%YAML 1.1\n", "9" * 5000, "null", "true"]
)
edits = st.lists(
    st.tuples(st.integers(min_value=0, max_value=10**6), st.sampled_from(["delete", "insert", "replace"]), edit_fragments),
    min_size=1,
    max_size=4,
)


def _edit(text: str, changes: list[tuple[int, str, str]]) -> str:
    for position, how, fragment in changes:
        at = position % (len(text) + 1)
        if how == "delete":
            text = text[:at] + text[at + 1 :]
        elif how == "insert":
            text = text[:at] + fragment + text[at:]
        else:
            text = text[:at] + fragment + text[at + len(fragment) :]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEED_FILES), edits)
def test_arbitrary_edits_never_crash_and_every_finding_is_inside_the_file(seed, changes):
    """Whatever the bytes, the run ends with findings (often one ECS001), never an
    exception or ECS008, and every finding's start is a real position of the text."""
    name, text = seed
    text = _edit(text, changes)
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, name)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        report = run([path], Settings(select=["ALL"]), REGISTRY)
    assert [f.message for f in report.findings if f.rule == "ECS008"] == []
    lines = text.split("\n")
    for f in report.findings:
        region = f.region
        assert 1 <= region.line <= len(lines), (f.rule, region, f.message)
        assert 1 <= region.column <= len(lines[region.line - 1]) + 1, (f.rule, region, f.message)
