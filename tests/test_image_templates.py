"""Images written with placeholders: the literal parts are judged, the placeholders are not.

CloudFormation templates almost never spell an ECR image out: they write
``!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:${Tag}"`` or
``!GetAtt Repo.RepositoryUri`` (which the template source reads as
``${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/app``). ECS119 judges the text
around the placeholders, and ECS111 knows such a host is a private ECR registry.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecslint.model import image_grammar
from ecslint.model.images import parse
from ecslint.model.values import UNKNOWN


@pytest.mark.parametrize(
    "image, problem",
    [
        ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/MyApp:${Tag}", "`MyApp` has upper-case letters"),
        ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/app:release 1.4", "whitespace"),
        ("${REGISTRY}/shop/api:-beta", "the tag after `:`"),
        ("{{ .Env.REGISTRY }}/shop/api@sha256:1234", "the digest after `@`"),
        ("https://${REGISTRY}/shop/api:1.0", "URL scheme"),
        ("${REGISTRY}//api:1.0", "empty component"),
        ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:${Tag}", None),
        ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/app", None),
        ("${REGISTRY}/shop-web:${IMAGE_TAG}", None),
        ("${IMAGE}", None),
        ("app${SUFFIX}", None),
        ("registry.example.com/payments/api@${DIGEST}", None),
        ("registry.example.com/payments/api@sha256:${DIGEST}", None),
        ("$REGISTRY/shop-web:%BUILD_NUMBER%", None),
    ],
)
def test_the_literal_parts_around_placeholders_are_judged(image, problem):
    assert not image_grammar.looks_templated(image)
    found = image_grammar.problem(image)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


@pytest.mark.parametrize(
    "image",
    [
        "REPLACED_BY_CI",
        "REPO_${ENV}/app:1",
        "${REGISTRY}/IMAGE_NAME:${TAG}",
        "YOUR_REGISTRY.example.com/app:1",
        "<IMAGE1_NAME>",
        "<your-repository/1cloudhub:v_%BUILD_NUMBER%>",
    ],
)
def test_upper_case_identifiers_and_angle_brackets_are_stand_ins_even_around_placeholders(image):
    assert image_grammar.looks_templated(image)


_LABEL = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)
_TAG = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}", fullmatch=True)
_DIGEST = st.from_regex(r"sha256:[a-f0-9]{64}", fullmatch=True)
_PLACEHOLDERS = st.sampled_from(["${AWS::AccountId}", "${Tag}", "{{ .Env.X }}", "<VALUE>", "$VAR", "%BUILD%"])


@given(
    host=st.lists(_LABEL, min_size=2, max_size=4),
    path=st.lists(_LABEL, min_size=1, max_size=3),
    tag=st.one_of(st.none(), _TAG),
    digest=st.one_of(st.none(), _DIGEST),
    hole=st.integers(0, 10),
    placeholder=_PLACEHOLDERS,
)
def test_a_placeholder_in_place_of_any_part_of_a_valid_reference_is_never_reported(host, path, tag, digest, hole, placeholder):
    """Whatever part a placeholder stands for (a host label, a path component, the tag,
    the digest or its hex), the reference is not judged invalid because of it."""
    parts = [".".join(host), *path]
    slots: list[tuple[str, int]] = [("host", i) for i in range(len(host))] + [("path", i) for i in range(len(path))]
    if tag is not None:
        slots.append(("tag", 0))
    if digest is not None:
        slots += [("digest", 0), ("hex", 0)]
    where, index = slots[hole % len(slots)]
    if where == "host":
        labels = list(host)
        labels[index] = placeholder
        parts[0] = ".".join(labels)
    elif where == "path":
        parts[1 + index] = placeholder
    image = "/".join(parts)
    if tag is not None:
        image += ":" + (placeholder if where == "tag" else tag)
    if digest is not None:
        image += "@" + {"digest": placeholder, "hex": "sha256:" + placeholder}.get(where, digest)
    assert image_grammar.problem(image) is None, image


@pytest.mark.parametrize(
    "image, private",
    [
        ("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", True),
        ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1", True),
        ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/app", True),
        ("${?}.dkr.ecr.${?}.${AWS::URLSuffix}/${Repo}:1.4.2", True),
        ("{{ .Env.ACCOUNT }}.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app", True),
        ("public.ecr.aws/nginx/nginx:1.27", False),
        ("nginx:1.27", False),
        ("ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/app", True),  # a stand-in account: the host shape is ECR's
        ("${REGISTRY}/app:1", UNKNOWN),
        ("${ECR_HOST}.example.com/app:1", False),  # no ECR host ends in example.com
    ],
)
def test_a_private_ecr_host_is_known_whatever_placeholders_fill_its_account_and_region(image, private):
    assert parse(image).is_ecr_private is private
