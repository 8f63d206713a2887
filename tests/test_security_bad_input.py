"""The security rules on hostile values: huge numbers as text, very long environment values.

Each case must end in findings (or none), in bounded time, never in an internal error.
"""

from __future__ import annotations

import json
import time

import pytest

from ecslint.engine import Settings, run
from ecslint.rules.security.secret_in_environment import _url_password


def _task_definition(tmp_path, container: dict):
    path = tmp_path / "taskdef.json"
    container = {"name": "app", "image": "nginx:1.27", "memory": 128, **container}
    path.write_text(json.dumps({"family": "app", "containerDefinitions": [container]}))
    return path


@pytest.mark.parametrize(
    ("user", "root"),
    [
        ("0", True),
        ("000", True),
        ("00:1000", True),
        ("1" * 5000, False),  # more digits than int() converts: not root, and no crash
        ("0" * 5000, True),
        (" root:staff ", True),
        ("1000", False),
    ],
)
def test_root_users_however_written(tmp_path, user: str, root: bool):
    report = run([str(_task_definition(tmp_path, {"user": user}))], Settings(select=["ECS402", "ECS008"]))
    assert [f.rule for f in report.findings] == (["ECS402"] if root else [])


@pytest.mark.parametrize(
    ("text", "password"),
    [
        ("postgres://app:pw@db:5432/app", "pw"),
        ("jdbc:mysql://u:p@h/db", "p"),
        ("x https://ops:Hk3@\0/v1", "Hk3"),
        ("123://u:p@h", None),  # a scheme starts with a letter
        ("://u:p@h", None),
        ("https://example.com/a@b", None),
        ("redis://:only-password@cache:6379", "only-password"),  # a password without a user
    ],
)
def test_url_password(text: str, password: str | None):
    assert _url_password(text) == password


@pytest.mark.parametrize(
    "value",
    [
        "a" * 60_000 + "://u:p@h",
        "a-" * 30_000 + "@b://",
        "x://" * 15_000 + "@",
        "a;password=" * 6_000,
    ],
)
def test_long_values_take_linear_time(tmp_path, value: str):
    path = _task_definition(tmp_path, {"environment": [{"name": "DB_PASSWORD", "value": value}, {"name": "X", "value": value}]})
    start = time.perf_counter()
    report = run([str(path)], Settings(select=["ECS403", "ECS008"]))
    assert time.perf_counter() - start < 2.0
    assert "ECS008" not in {f.rule for f in report.findings}
