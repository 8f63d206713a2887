"""Image references (ecslint/model/images.py) and ECS414's `allowed-registries` option."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecslint.config import ConfigError, from_mapping
from ecslint.engine import Settings, run
from ecslint.model.images import parse, registry_matches
from ecslint.model.values import UNKNOWN

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "ECS414"
DIGEST = "sha256:" + "0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a"


@pytest.mark.parametrize(
    ("image", "host", "path", "tag", "digest"),
    [
        ("nginx", "docker.io", "library/nginx", None, None),
        ("nginx:1.27", "docker.io", "library/nginx", "1.27", None),
        ("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", None),
        ("index.docker.io/library/redis", "docker.io", "library/redis", None, None),
        ("docker.io/nginx", "docker.io", "library/nginx", None, None),
        (f"nginx:latest@{DIGEST}", "docker.io", "library/nginx", "latest", DIGEST),
        ("public.ecr.aws/nginx/nginx:1.27", "public.ecr.aws", "nginx/nginx", "1.27", None),
        ("127.0.0.1:51670/busybox:latest", "127.0.0.1:51670", "busybox", "latest", None),
        ("localhost/app", "localhost", "app", None, None),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:v1", "123456789012.dkr.ecr.us-east-1.amazonaws.com", "team/app", "v1", None),
        ("${REGISTRY}/app:1.2", UNKNOWN, UNKNOWN, "1.2", None),
        ("<ECR_REGISTRY>/erp/erp:latest", UNKNOWN, UNKNOWN, "latest", None),
        ("app:${TAG}", "docker.io", "library/app", UNKNOWN, UNKNOWN),
        ("ghcr.io/acme/app:$TAG", "ghcr.io", "acme/app", UNKNOWN, UNKNOWN),
        (f"${{REPO}}@{DIGEST}", UNKNOWN, UNKNOWN, UNKNOWN, DIGEST),
        ("${IMAGE}", UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN),
    ],
)
def test_parse(image, host, path, tag, digest):
    ref = parse(image)
    assert (ref.host, ref.path, ref.tag, ref.digest) == (host, path, tag, digest)


@pytest.mark.parametrize("image", ["", "   ", "nginx:", ":1.0", "a b", None, 42, ["nginx"]])
def test_parse_rejects_what_is_no_reference(image):
    assert parse(image) is None


def test_ecr_and_tags():
    private = parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app")
    assert private.ecr == ("123456789012", "eu-west-1") and private.effective_tag == "latest"
    assert parse("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:1").ecr == ("123456789012", "us-gov-west-1")
    assert parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1").ecr == ("123456789012", "cn-north-1")
    assert parse("public.ecr.aws/a/b:1").is_ecr_public and parse("public.ecr.aws/a/b:1").ecr is None
    assert parse(f"nginx:latest@{DIGEST}").effective_tag is None
    assert parse("ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/app").has_stand_in
    assert not parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app").has_stand_in



@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", True),
        ("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:1", True),
        ("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1", True),
        # The host's shape is known although its account or Region is templated.
        ("${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app", True),
        ("${AWS_ACCOUNT_ID}.dkr.ecr.eu-west-1.amazonaws.com/app:${TAG}", True),
        ("{{ must_env `ACCOUNT` }}.dkr.ecr.us-east-1.amazonaws.com/app:latest", True),
        ("$ACCOUNT.dkr.ecr.us-east-1.amazonaws.com/app", True),
        ("ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/app", True),
        # Known not to be: another registry, Docker Hub, ECR Public, a templated host
        # whose known end is another registry's.
        ("ghcr.io/acme/app:1", False),
        ("ghcr.io/${ORG}/app:1", False),
        ("nginx:1.27", False),
        ("public.ecr.aws/nginx/nginx:1.27", False),
        ("${ORG}.azurecr.io/app:1", False),
        # Anything at all.
        ("${REGISTRY}/app:1", UNKNOWN),
        ("${IMAGE}", UNKNOWN),
        ("${HOST}.com/app", UNKNOWN),
        ("${ACCOUNT}.dkr.ecr.${REGION}.${DOMAIN}/app", True),  # dkr.ecr is ECR's alone (CloudFormation: ${AWS::URLSuffix})
    ],
)
def test_is_ecr_private_from_the_host_shape(image, expected):
    assert parse(image).is_ecr_private is expected


@pytest.mark.parametrize(
    ("image", "entry", "expected"),
    [
        ("nginx:1.27", "docker.io", True),
        ("nginx:1.27", "index.docker.io", True),
        ("nginx:1.27", "docker.io/library", True),
        ("bitnami/redis:7.2", "docker.io/library", False),
        ("quay.io/prometheus/node-exporter:v1", "quay.io", True),
        ("quay.io/prometheus/node-exporter:v1", "QUAY.IO/", True),
        ("quay.io:443/prometheus/node-exporter:v1", "quay.io", False),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", "*.dkr.ecr.*.amazonaws.com", True),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", "*.amazonaws.com", True),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", "1234*.dkr.ecr.us-east-1.amazonaws.com", True),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", "*.dkr.ecr.eu-*.amazonaws.com", False),
        ("evil.example.com/x.dkr.ecr.us-east-1.amazonaws.com:1", "*.dkr.ecr.*.amazonaws.com", False),
        ("public.ecr.aws/aws-observability/aws-otel-collector:v1", "public.ecr.aws/aws-observability", True),
        ("public.ecr.aws/aws-observability-labs/x:1", "public.ecr.aws/aws-observability", False),
        ("public.ecr.aws/aws-observability/aws-otel-collector:v1", "public.ecr.aws/aws-observability/aws-otel-collector", True),
        ("${REGISTRY}/app:1", "docker.io", UNKNOWN),
    ],
)
def test_registry_matches(image, entry, expected):
    assert registry_matches(parse(image), entry) is expected


def _findings(options: dict | None, name: str = "fail-outside-allow-list.json") -> list[str]:
    config = from_mapping({"rules": {"ECS414": options}}) if options is not None else from_mapping({})
    report = run([str(FIXTURES / name)], Settings(config=config, select=["ECS414"]))
    return [f"{f.region.line}:{f.region.column} {f.message.split('`')[1]}" for f in report.findings]


def test_allowed_registries_from_the_configuration():
    found = _findings({"allowed-registries": ["*.dkr.ecr.*.amazonaws.com", "public.ecr.aws/aws-observability"]})
    assert found == [
        "4:30 nginx:1.27",
        "7:36 public.ecr.aws/aws-observability-labs/collector:1.0",
        "8:31 quay.io/prometheus/node-exporter:v1.8.2",
    ]
    # The rule's name selects its options too; an allow-list that covers all reports nothing.
    config = from_mapping({"rules": {"untrusted-image-registry": {"allowed-registries": ["docker.io", "*.dkr.ecr.*.amazonaws.com", "public.ecr.aws", "quay.io"]}}})
    assert run([str(FIXTURES / "fail-outside-allow-list.json")], Settings(config=config, select=["ECS414"])).findings == []


def test_nothing_without_an_allow_list():
    assert _findings(None) == []
    assert _findings({"allowed-registries": []}) == []
    assert _findings({"allowed-registries": ["", "  "]}) == []


def test_the_rule_is_off_by_default():
    config = from_mapping({"rules": {"ECS414": {"allowed-registries": ["quay.io"]}}})
    report = run([str(FIXTURES / "fail-outside-allow-list.json")], Settings(config=config))
    assert not [f for f in report.findings if f.rule == "ECS414"]


@pytest.mark.parametrize("value", ["docker.io", 3, {"docker.io": True}])
def test_a_wrong_option_type_is_a_clear_configuration_error(value):
    config = from_mapping({"rules": {"ECS414": {"allowed-registries": value}}})
    with pytest.raises(ConfigError, match="must be a list of strings"):
        run([str(FIXTURES / "pass-no-option.json")], Settings(config=config, select=["ECS414"]))
