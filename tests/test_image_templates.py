"""Images written with placeholders: the literal parts are judged, the placeholders are not.

CloudFormation templates almost never spell an ECR image out: they write
``!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:${Tag}"`` or
``!GetAtt Repo.RepositoryUri`` (which the template source reads as
``${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/app``). ECS111 knows such a
host is a private ECR registry.
"""

from __future__ import annotations

import pytest

from ecslint.model.images import parse
from ecslint.model.values import UNKNOWN


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
        ("ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/app", False),
        ("${REGISTRY}/app:1", UNKNOWN),
        ("${ECR_HOST}.example.com/app:1", UNKNOWN),
    ],
)
def test_a_private_ecr_host_is_known_whatever_placeholders_fill_its_account_and_region(image, private):
    assert parse(image).private_ecr is private
