"""ECS210: ephemeral storage outside the size Fargate offers, or asked for outside Fargate."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.model.values import UNKNOWN, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: ``EphemeralStorage.sizeInGiB`` (ECS API reference): 21-200 GiB. 20 is the default size;
#: some CloudFormation pages give it as the minimum, so it is accepted (see the page).
MINIMUM = 20
MAXIMUM = 200
_PATH = ("ephemeralStorage", "sizeInGiB")


@rule(
    id="ECS210",
    name="ephemeral-storage-out-of-range",
    severity="error",
    kinds=("task-definition",),
    tags=("fargate", "sizing"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html",
        "https://github.com/aws/amazon-ecs-agent/issues/4520",
    ),
)
def ephemeral_storage_out_of_range(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """`ephemeralStorage.sizeInGiB` outside 21-200, or ephemeral storage asked for without Fargate.

    What it does:
        Reports ``ephemeralStorage.sizeInGiB`` below 20 or above 200 GiB. The API reference
        gives 21-200; 20 is accepted too, because it is the size Fargate gives by default
        and some AWS CloudFormation pages give 20 as the minimum (a conservative choice: a
        20 is at worst a no-op). It also reports ``ephemeralStorage`` in a task definition
        whose ``requiresCompatibilities`` lists only ``EC2`` and/or ``EXTERNAL``: ECS
        supports the setting only for tasks on Fargate. Without ``requiresCompatibilities``
        a definition may still be validated for Fargate, so it is not reported then;
        Windows tasks are not reported either (the AWS pages disagree about Windows).
        A templated size is not judged, but it does not hide an EC2-only task: there the
        setting is ignored whatever its size.

    Why it matters:
        An out-of-range size is rejected at registration. On EC2 or ECS Anywhere the
        setting does nothing (the ECS agent maintainers: "ephemeralStorage is only
        supported on Fargate as of now"): the task gets the instance's Docker storage, not
        the space you asked for, and runs out of disk where you did not expect it.

    Example:
        Bad:

        ```json
        {"family": "etl", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "1024", "memory": "4096",
         "ephemeralStorage": {"sizeInGiB": 500},
         "containerDefinitions": [{"name": "etl", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

        Good:

        ```json
        {"family": "etl", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "1024", "memory": "4096",
         "ephemeralStorage": {"sizeInGiB": 200},
         "containerDefinitions": [{"name": "etl", "image": "public.ecr.aws/docker/library/python:3.12"}]}
        ```

    How to fix:
        Ask for 21 to 200 GiB. For more space, or on EC2, mount an EFS volume (or, on EC2,
        size the instances' Docker volume) instead.
    """
    raw = td.task_field("ephemeralStorage")
    if raw is None or string(raw) is UNKNOWN or td.is_windows is not False:
        return  # absent, or the whole setting templated (or a bare container array's)
    required = td.requires_compatibilities
    if isinstance(required, frozenset) and required and required <= {"EC2", "EXTERNAL"}:
        where = " and ".join(sorted(required))
        yield Violation(
            ("ephemeralStorage",),
            f"`ephemeralStorage` is set but the task definition requires {where} only: ECS supports it only "
            "for tasks on Fargate, so the task gets the instance's Docker storage instead; remove it, or "
            "mount an EFS volume for scratch space",
            "key",
        )
        return
    size = td.ephemeral_storage
    if isinstance(size, int) and not MINIMUM <= size <= MAXIMUM:
        fix = (
            "ask for 200 GiB at most and mount an EFS volume for more"
            if size > MAXIMUM
            else "ask for at least 21 GiB, or remove `ephemeralStorage` to get the default 20 GiB"
        )
        yield Violation(
            _PATH,
            f"ephemeral storage of {size} GiB is outside the 21-200 GiB Fargate accepts: ECS rejects the "
            f"registration; {fix}",
        )
