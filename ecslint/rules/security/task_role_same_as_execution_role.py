"""ECS411: the task role and the execution role are the same role."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.load.placeholders import PLACEHOLDER, is_unknown
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


def _role(value: str) -> tuple[str | None, str] | None:
    """(account or None, lowercased role name) of a role ARN or bare role name. A
    templated partition or account (``arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app``)
    is kept as written: the same text is the same account. A templated name is unknown."""
    text = PLACEHOLDER.sub(lambda m: m.group(0).replace(":", "\0"), value.strip())  # a placeholder's own colons
    if text.startswith("arn:"):
        parts = text.split(":", 5)
        if len(parts) < 6 or not parts[5].startswith("role/") or "\0" in parts[5] or is_unknown(parts[5]):
            return None
        return parts[4], parts[5].rsplit("/", 1)[-1].lower()
    if not text or "/" in text or ":" in text or "\0" in text or is_unknown(text):
        return None
    return None, text.lower()  # IAM role names are unique regardless of case


@rule(
    id="ECS411",
    name="task-role-same-as-execution-role",
    severity="note",
    kinds=("task-definition",),
    tags=("security", "iam"),
    security_severity=3.5,
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    ),
)
def task_role_same_as_execution_role(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The task role and the execution role are the same IAM role.

    What it does:
        Reports ``taskRoleArn`` when it names the same role as ``executionRoleArn``:
        the same ARN, or the same role name when one of them is given as a bare name
        (role names compare case-insensitively, as IAM treats them). ARNs in different
        accounts are different roles. A templated partition or account is compared as
        written (``!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app`` twice is
        one role); a templated role name, or a whole placeholder, is not judged. In a
        template (or a Terraform module), two references to the same role resource
        (``!GetAtt AppRole.Arn`` and ``!Ref AppRole``) name one role, though its ARN is
        not known before it is deployed; values CloudFormation computes otherwise (a
        parameter, an import) are not judged.

    Why it matters:
        The two roles serve different principals. The execution role is used by ECS and
        the container agent to pull images, read the task's secrets and write its logs;
        the task role is what the application's code gets. One role for both gives the
        application every secret the execution role can read and the right to pull any
        image, and gives the agent whatever the application needs: neither side follows
        least privilege, and a compromised container can read all the secrets.

    Example:
        Bad:

        ```json
        {"family": "api", "taskRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
        ```

        Good:

        ```json
        {"family": "api", "taskRoleArn": "arn:aws:iam::123456789012:role/api-task",
         "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
        ```

    How to fix:
        Create a task role for the application with only the permissions its code uses
        (trusting ``ecs-tasks.amazonaws.com``), and keep the execution role to what ECS
        needs (``AmazonECSTaskExecutionRolePolicy`` plus the secrets the task reads). A
        task that calls no AWS API needs no task role at all.
    """
    resource = td.role_resource("taskRoleArn")
    if resource is not None and resource == td.role_resource("executionRoleArn"):
        yield Violation(
            ("taskRoleArn",),
            f"taskRoleArn names the same role as executionRoleArn (both refer to the role resource '{resource}'): "
            "the application gets the permissions ECS uses to pull images and read the task's secrets: give the task "
            "its own role with only what the application needs",
        )
        return
    task, execution = td.task_field("taskRoleArn"), td.task_field("executionRoleArn")
    if not isinstance(task, str) or not isinstance(execution, str):
        return
    a, b = _role(task), _role(execution)
    if a is None or b is None or a[1] != b[1]:
        return
    if a[0] is not None and b[0] is not None and a[0] != b[0]:
        return  # same name, different accounts
    yield Violation(
        ("taskRoleArn",),
        f"taskRoleArn names the same role as executionRoleArn ('{task.strip().rsplit('/', 1)[-1]}'): "
        "the application gets the permissions ECS uses to pull images and read the task's secrets: give the task "
        "its own role with only what the application needs",
    )
