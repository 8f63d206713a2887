"""No secret leaves ecslint, wherever the file holds it (issue 12, 6b).

Secrets are planted in every field a task definition has free text in: an image URL with
credentials (ECS119 quotes images), a presigned S3 URL as an environment file (ECS116), an
enum member (ECS004 quotes bad values), ``command``, ``entryPoint``, ``dockerLabels``, log
options, ``secretOptions``, and in YAML an environment secret reached through an anchor and
alias, a merge key, a duplicate key and a block scalar. Every output format is rendered
(text with excerpts forced on, JSON, SARIF, GitHub annotations), and the text reporter's
excerpt of every line of every file is rendered too: no secret, nor any 8-character piece
of one, may appear. The secrets are assembled at run time, so that none sits in the
repository for secret scanners to flag.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ecslint.core.finding import Finding, Region, Severity
from ecslint.engine import Settings, run
from ecslint.output import github, sarif, text
from ecslint.output import json as json_output

GITHUB_TOKEN = "gh" + "p_" + "Q7w2E9r4T1y6U3i8O5p0A2s7D4f9G1h6J3k8"
KEY_ID = "AK" + "IA" + "Z3XW7QM2LP9RT4VN"
SIGNATURE = "9f" + "3b6c1d8e2a7f4b0c5d9e1f3a6b8c2d4e7f0a1b3c5d7e9f2a4b6c8d0e1f3a5b7c"
ENUM_SECRET = "Zt8" + "Vw1Xr5Nb7Kc2Md9Pf4Gh"
COMMAND_PASSWORD = "c0mm" + "and-Pw-77x"
API_KEY = "Ak4" + "Lq9Zx81mQ"
ENTRY_PASSWORD = "Entry" + "Pw-4411z"
LABEL_TOKEN = "Lbl" + "Tok-5521-qq"
SPLUNK_TOKEN = "6f1c2a9e-3b7d-" + "4e8f-9a0b-1c2d3e4f5a6b"
FIRELENS_PASSWORD = "Fl" + "ntPw-8x2Q"
SECRET_OPTION = "Sec" + "Opt-Tok-3302"
PIN = "4" + "7x"
BASIC = "svc-deploy:" + "Tr0ub4dor-9"
SLACK = "https://hooks.slack.com/services/T024BE7LD/B08RM3FQX4K/" + "q9VnC2xWm7LpT4sR8yZk1bHd"
ANCHORED = "Anch" + "ored-Pw-61"
MERGED = "Mer" + "ged-Tok-72"
DUPLICATE_FIRST = "Dp1" + "Sec-One-1x"
DUPLICATE_LAST = "Dp2" + "Sec-Two-2x"
BLOCK_SECRET = "Blo" + "ck-Key-Line-93"

SENSITIVE = [
    GITHUB_TOKEN, KEY_ID, SIGNATURE, ENUM_SECRET, COMMAND_PASSWORD, API_KEY, ENTRY_PASSWORD, LABEL_TOKEN, SPLUNK_TOKEN,
    FIRELENS_PASSWORD, SECRET_OPTION, PIN + '"', BASIC.split(":")[1], SLACK.rsplit("/", 1)[1], ANCHORED, MERGED,
    DUPLICATE_FIRST, DUPLICATE_LAST, BLOCK_SECRET,
]  # fmt: skip


def _json_task_definition() -> str:
    presigned = (
        "https://config.s3.amazonaws.com/app.env?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        f"&X-Amz-Credential={KEY_ID}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature={SIGNATURE}"
    )
    web = {
        "name": "web",
        "image": f"https://deploy:{GITHUB_TOKEN}@ghcr.io/acme/web:1.0",
        "memory": 256,
        "command": ["sh", "-c", f"export DB_PASSWORD={COMMAND_PASSWORD} && exec web --api-key={API_KEY}"],
        "entryPoint": ["/web", "--password", ENTRY_PASSWORD],
        "dockerLabels": {"com.acme.api-token": LABEL_TOKEN},
        "environmentFiles": [{"value": presigned, "type": "s3"}],
        "environment": [
            {"name": "PIN_PASSWORD", "value": PIN},
            {"name": "BASIC_AUTH", "value": BASIC},
            {"name": "ALERTS", "value": SLACK},
        ],
        "logConfiguration": {
            "logDriver": "splunk",
            "options": {"splunk-url": "https://splunk.acme.internal:8088", "splunk-token": SPLUNK_TOKEN},
            "secretOptions": [{"name": "splunk-token", "valueFrom": SECRET_OPTION}],
        },
    }
    router = {
        "name": "router",
        "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0",
        "memory": 128,
        "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "http", "HTTP_Passwd": FIRELENS_PASSWORD}},
    }
    data = {"family": "leaky", "networkMode": ENUM_SECRET, "containerDefinitions": [web, router]}
    # One member per line, so that each secret has its own line and its own excerpts.
    return json.dumps(data, indent=2)


def _yaml_task_definition() -> str:
    return f"""\
family: leaky-yaml
x-shared: &shared
  name: API_TOKEN
  value: {MERGED}
containerDefinitions:
  - name: app
    image: public.ecr.aws/docker/library/python:3.12
    memory: 256
    environment:
      - name: DB_PASSWORD
        value: &pw {ANCHORED}
      - name: DB_PASSWORD_COPY
        value: *pw
      - <<: *shared
      - name: SESSION_SECRET
        value: {DUPLICATE_FIRST}
        value: {DUPLICATE_LAST}
      - name: SIGNING_KEY
        value: |
          {BLOCK_SECRET}
"""


@pytest.fixture()
def leaky(tmp_path: Path) -> Path:
    folder = tmp_path / "deploy"
    folder.mkdir()
    (folder / "taskdef.json").write_text(_json_task_definition())
    (folder / "taskdef.yaml").write_text(_yaml_task_definition())
    return folder


def _assert_no_secret(output: str, where: str) -> None:
    for secret in SENSITIVE:
        for start in range(max(1, len(secret) - 7)):
            piece = secret[start : start + 8]
            assert piece not in output, f"{where}: a piece of a secret ({piece!r}) is in the output"


def test_the_files_really_hold_the_secrets(leaky: Path):
    written = "".join(p.read_text() for p in leaky.iterdir())
    for secret in SENSITIVE:
        assert secret in written or secret.rstrip('"') + '"' in written, secret


def test_messages_describe_rather_than_quote(leaky: Path):
    report = run([str(leaky)], Settings(select=["ECS004", "ECS116", "ECS119", "ECS403", "ECS607"]))
    rules = {f.rule for f in report.findings}
    # Each rule that used to quote the value reports here, so the test shows it no longer does.
    assert {"ECS004", "ECS116", "ECS119", "ECS403", "ECS607"} <= rules, rules
    for finding in report.findings:
        _assert_no_secret(finding.message, finding.rule)
    (enum,) = [f for f in report.findings if f.rule == "ECS004" and f.pointer == "/networkMode"]
    assert "the value written is not" in enum.message
    (image,) = [f for f in report.findings if f.rule == "ECS119"]
    assert "https://********@ghcr.io/acme/web:1.0" in image.message


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_no_output_format_carries_a_secret(leaky: Path, fmt: str):
    report = run([str(leaky)], Settings(select=["ALL"]))
    assert len(report.findings) > 10
    out = io.StringIO()
    if fmt == "text":
        text.write(report, out, excerpt=True, color=False)
        assert " | " in out.getvalue()  # excerpts were printed
    else:
        {"json": json_output.write, "sarif": sarif.write, "github": github.write}[fmt](report, out)
    _assert_no_secret(out.getvalue(), fmt)


def test_no_excerpt_of_any_line_prints_a_secret(leaky: Path):
    """Whatever line a finding lands on, its excerpt masks what is secret on that line."""
    report = run([str(leaky)], Settings(select=["ALL"]))
    for path, file in report.sources.items():
        secrets = text._secret_regions(file)
        assert secrets is not None
        for line in range(1, file.text.count("\n") + 2):
            _assert_no_secret(_excerpt_of(file, line), f"{path}:{line}")


def _excerpt_of(file, line: int) -> str:
    finding = Finding("ECS000", "probe", Severity.NOTE, "", file.display, Region(line, 1, line, 2), "")
    return text._excerpt(finding, file, lambda t, c: t, text._secret_regions(file))


def test_masking_keeps_what_is_not_secret(leaky: Path):
    report = run([str(leaky)], Settings(select=["ALL"]))
    file = next(f for path, f in report.sources.items() if path.endswith("taskdef.json"))
    lines = file.text.split("\n")
    for needle, shown in [
        ('"splunk-url"', '"splunk-url": "https://splunk.acme.internal:8088",'),
        ('"networkMode"', '"networkMode": "********",'),
        ('"splunk-token"', '"splunk-token": "********"'),
        ('"image": "https://', '"image": "https://********@ghcr.io/acme/web:1.0",'),
        ('"--password"', '"--password",'),
        ('"name": "PIN_PASSWORD"', '"name": "PIN_PASSWORD",'),
    ]:
        line = next(n for n, t in enumerate(lines, 1) if needle in t)
        assert shown in _excerpt_of(file, line), (needle, _excerpt_of(file, line))
