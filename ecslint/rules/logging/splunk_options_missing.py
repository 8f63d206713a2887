"""ECS607: the splunk driver without its URL or token, or with the token in plain text."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition
from ecslint.rules.logging.drivers import listing, options_path, with_driver
from ecslint.rules.security.secret_in_environment import evidence

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

REQUIRED = ("splunk-url", "splunk-token")


@rule(
    id="ECS607",
    name="splunk-options-missing",
    severity="error",
    kinds=("task-definition",),
    tags=("logging",),
    sources=("https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",),
)
def splunk_options_missing(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The splunk log driver without `splunk-url` and `splunk-token`, or with the token in plain `options`.

    What it does:
        For each container whose log driver is ``splunk``, reports ``splunk-url`` or
        ``splunk-token`` when it is neither in ``logConfiguration.options`` nor named in
        ``logConfiguration.secretOptions`` (the way to pass the token from Secrets
        Manager or Parameter Store). Templated options are not judged. A ``splunk-token``
        written in plain ``options`` is reported too, on its value (never quoted), unless
        the value is a placeholder: anyone allowed ``ecs:DescribeTaskDefinition`` reads it.

    Why it matters:
        The ECS API reference: "To route logs using the splunk log router, you need to
        specify a splunk-token and a splunk-url." Without them the Docker splunk driver
        cannot start, and neither can the container.

    Example:
        Bad:

        ```json
        {"family": "api", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
          "logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "https://splunk.example.com:8088"}}}]}
        ```

        Good:

        ```json
        {"family": "api", "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
          "logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "https://splunk.example.com:8088"},
            "secretOptions": [{"name": "splunk-token",
              "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:splunk-token-AbCdEf"}]}}]}
        ```

    How to fix:
        Add ``splunk-url`` to ``options`` and pass ``splunk-token`` through
        ``secretOptions`` (a Secrets Manager or SSM parameter ARN; the task execution
        role needs to read it) rather than as a plain option.
    """
    for c, options in with_driver(td, "splunk"):
        token = options.get("splunk-token")
        if isinstance(token, str) and evidence("splunk-token", token) is not None:
            yield Violation(
                options_path(c) + ("splunk-token",),
                f"{c.label} writes `splunk-token` in plain text in `options`, readable by anyone allowed "
                "ecs:DescribeTaskDefinition: pass it through `secretOptions` (a Secrets Manager secret or an SSM "
                "Parameter Store parameter; the task execution role needs to read it), and rotate it",
            )
        secrets = c.log_secret_option_names
        if not isinstance(secrets, frozenset):
            continue
        missing = [k for k in REQUIRED if k not in options and k not in secrets]
        if missing:
            yield Violation(
                options_path(c),
                f"{c.label} uses the splunk driver without {listing(missing)}: the driver cannot send logs, so "
                "the container cannot start; add `splunk-url` to `options` and pass `splunk-token` through "
                "`secretOptions`",
                "key",
            )
