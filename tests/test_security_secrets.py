"""ECS403 never lets a secret out: not in a message, not in an excerpt, in no output format.

The fixture holds real-looking fake secrets (an AWS key pair, a GitHub token, a private key
block, a URL with a password, a random database password). They are assembled here at run
time, so that no credential-shaped string sits in the repository for secret scanners to
flag. Every output format is rendered (text with excerpts forced on, JSON, SARIF, GitHub
annotations, and the CLI's text output) and no secret, nor any 8-character piece of one,
may appear in it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecslint.engine import Settings, run
from ecslint.output import github, sarif, text
from ecslint.output import json as json_output

ECSLINT = str(Path(sys.executable).parent / "ecslint")

# Fake, assembled at run time (see the module docstring).
AWS_KEY_ID = "AK" + "IA" + "R7QW2ZLX9TKM4VPN"
AWS_SECRET = "Lq3Zt8" + "Vw1Xr5Nb7Kc2Md9Pf4Gh6Js0Ty3Ue8Wa1Bo5Ci"
GITHUB_TOKEN = "gh" + "p_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"
PEM_BODY = "MIIEpAIBAAKCAQEA" + "t4Rq9Lw2Xc7Vb1Nm8Kp3Zs6Hd0Jf5Gy2Ue7Wi4Ao1Br9Cs3Dt8Eu6Fv2Gw5Hx1Iy7Jz0Ka4Lb"
PRIVATE_KEY = "-----BEGIN RSA " + "PRIVATE KEY-----\n" + PEM_BODY + "\n-----END RSA " + "PRIVATE KEY-----\n"
URL_PASSWORD = "Hv4-Qz9-Wm2-Lr7"
DB_URL = f"mysql://svc_ledger:{URL_PASSWORD}@ledger-db.corp.internal:3306/ledger"
DB_PASSWORD = "p9X2" + "vL7qR4wZ8mK3tN6sB1"

SECRETS = {
    "AWS_ACCESS_KEY_ID": AWS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY": AWS_SECRET,
    "CI_TOKEN": GITHUB_TOKEN,
    "SIGNING_KEY_PEM": PRIVATE_KEY,
    "LEDGER_DB_URL": DB_URL,
    "DB_PASSWORD": DB_PASSWORD,
}
#: What must never be printed: each secret, and for the URL its password (the scheme and
#: host around it are not secret).
SENSITIVE = [AWS_KEY_ID, AWS_SECRET, GITHUB_TOKEN, PEM_BODY, URL_PASSWORD, DB_PASSWORD]


def _task_definition() -> dict:
    environment = [{"name": "LOG_LEVEL", "value": "info"}]
    environment += [{"name": name, "value": value} for name, value in SECRETS.items()]
    # The same variable twice: other rules (duplicate names) may report on a secret's line,
    # and their excerpt must not print it either.
    environment.append({"name": "DB_PASSWORD", "value": DB_PASSWORD})
    return {
        "family": "ledger",
        "containerDefinitions": [{"name": "ledger", "image": "ledger:latest", "memory": 256, "environment": environment}],
    }


def _yaml_task_definition() -> str:
    """The same in YAML, the key as a literal block scalar: a finding spanning lines."""
    lines = ["family: ledger-yaml", "containerDefinitions:", "  - name: ledger", "    image: ledger:1.0", "    memory: 256", "    environment:"]
    for name, value in SECRETS.items():
        if "\n" in value:
            block = "\n".join("          " + line for line in value.rstrip("\n").split("\n"))
            lines += [f"      - name: {name}", "        value: |", block]
        else:
            lines += [f"      - name: {name}", f"        value: '{value}'"]
    return "\n".join(lines) + "\n"


@pytest.fixture()
def leaky(tmp_path: Path) -> Path:
    folder = tmp_path / "deploy"
    folder.mkdir()
    # One entry per line (the usual layout), so that every secret has a line of its own.
    data = _task_definition()
    body = ",\n".join(f"        {json.dumps(e)}" for e in data["containerDefinitions"][0]["environment"])
    (folder / "taskdef.json").write_text(
        '{\n  "family": "ledger",\n  "containerDefinitions": [\n    {\n      "name": "ledger", "image": "ledger:latest", '
        '"memory": 256,\n      "environment": [\n' + body + "\n      ]\n    }\n  ]\n}\n"
    )
    (folder / "taskdef.yaml").write_text(_yaml_task_definition())
    (folder / "container-definitions.json").write_text(json.dumps(data["containerDefinitions"], indent=2))
    return folder


def _assert_no_secret(output: str, where: str) -> None:
    for secret in SENSITIVE:
        for start in range(len(secret) - 7):
            piece = secret[start : start + 8]
            assert piece not in output, f"{where}: a piece of a secret ({start}:{start + 8}) is in the output"


def _report(folder: Path):
    report = run([str(folder)], Settings(select=["ALL"]))
    found = [f for f in report.findings if f.rule == "ECS403"]
    # Every secret of the three files is found: six per file, and the JSON files' duplicate.
    assert len(found) == 7 + 7 + 6, [f"{f.path}:{f.region.line}" for f in found]
    return report


def test_fixture_really_holds_the_secrets(leaky: Path):
    text_of_files = "".join(p.read_text() for p in leaky.iterdir())
    assert all(secret in text_of_files or json.dumps(secret)[1:-1] in text_of_files for secret in SENSITIVE)


def test_text_with_excerpts_never_prints_a_secret(leaky: Path):
    report = _report(leaky)
    out = io.StringIO()
    text.write(report, out, excerpt=True, color=False)
    output = out.getvalue()
    _assert_no_secret(output, "text (excerpts)")
    assert '"value": "********"' in output  # the excerpt masks the value with a fixed-width mask
    colored = io.StringIO()
    text.write(report, colored, excerpt=True, color=True)
    _assert_no_secret(colored.getvalue(), "text (excerpts, colours)")


@pytest.mark.parametrize(
    "settings",
    [
        Settings(select=["ALL"], ignore=["ECS403"]),  # ECS403 not run
        Settings(select=["ECS115"]),  # only the duplicate-name rule, on the secret's line
    ],
    ids=["ECS403-ignored", "ECS403-not-selected"],
)
def test_excerpts_mask_secrets_even_when_ecs403_does_not_report(leaky: Path, settings: Settings):
    """Masking rests on the detector, not on ECS403's surviving findings: another rule's
    excerpt on a secret's line must not print it when ECS403 is off or suppressed."""
    report = run([str(leaky)], settings)
    assert report.findings and not any(f.rule == "ECS403" for f in report.findings)
    out = io.StringIO()
    text.write(report, out, excerpt=True, color=False)
    output = out.getvalue()
    _assert_no_secret(output, "text (excerpts, ECS403 off)")
    assert '"value": "********"' in output


def test_masked_excerpt_still_points_at_the_value(leaky: Path):
    report = run([str(leaky / "taskdef.json")], Settings(select=["ECS403"]))
    out = io.StringIO()
    text.write(report, out, excerpt=True, color=False)
    lines = out.getvalue().splitlines()
    first = next(i for i, line in enumerate(lines) if "ECS403" in line)
    excerpt, marker = lines[first + 1], lines[first + 2]
    assert excerpt.endswith('{"name": "AWS_ACCESS_KEY_ID", "value": "********"},')
    column = marker.index("^")
    assert marker[column:].strip() == "^" * len('"********"')
    assert excerpt[column : column + 10] == '"********"'


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_never_carry_a_secret(leaky: Path, fmt: str):
    report = _report(leaky)
    out = io.StringIO()
    {"json": json_output.write, "sarif": sarif.write, "github": github.write}[fmt](report, out)
    _assert_no_secret(out.getvalue(), fmt)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_cli_output_never_carries_a_secret(leaky: Path, fmt: str):
    result = subprocess.run(
        [ECSLINT, "check", str(leaky), "--select", "ALL", "--format", fmt],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1, result.stderr
    assert "ECS403" in result.stdout
    _assert_no_secret(result.stdout + result.stderr, f"cli {fmt}")


def test_messages_name_the_variable_and_the_evidence(leaky: Path):
    report = run([str(leaky / "taskdef.json")], Settings(select=["ECS403"]))
    messages = {f.message.split("`")[1]: f.message for f in report.findings}
    assert "an AWS access key id" in messages["AWS_ACCESS_KEY_ID"]
    assert "Security Hub control ECS.8" in messages["AWS_SECRET_ACCESS_KEY"]
    assert "a GitHub token" in messages["CI_TOKEN"]
    assert "a private key block" in messages["SIGNING_KEY_PEM"]
    assert "a URL with a password" in messages["LEDGER_DB_URL"]
    assert "a name that says it holds a password" in messages["DB_PASSWORD"]
    assert all("`secrets`" in m or "repositoryCredentials" in m for m in messages.values())


# -- CloudFormation: secrets reached through intrinsic functions ---------------------------


def _template() -> str:
    """The same secrets in a CloudFormation template, each reached the way templates write
    values: a ``Mappings`` entry, an ``Fn::If`` branch, ``Fn::Join`` pieces, an ``Fn::Sub``
    block scalar, an ``Fn::Sub`` URL around a resource attribute, a plain value (twice)."""
    pem = "\n".join("                " + line for line in PRIVATE_KEY.rstrip("\n").split("\n"))
    half = len(GITHUB_TOKEN) // 2
    return (
        "Parameters:\n"
        "  Legacy: {Type: String, AllowedValues: ['yes', 'no']}\n"
        "Conditions:\n"
        "  UseLegacyKeys: !Equals [!Ref Legacy, 'yes']\n"
        "Mappings:\n"
        "  Keys:\n"
        f"    Uploader: {{Id: {AWS_KEY_ID}}}\n"
        "Resources:\n"
        "  LedgerDb:\n"
        "    Type: AWS::RDS::DBInstance\n"
        "  Task:\n"
        "    Type: AWS::ECS::TaskDefinition\n"
        "    Metadata: {aws:cdk:path: LedgerStack/Task/Resource}\n"
        "    Properties:\n"
        "      Family: ledger-cfn\n"
        "      ContainerDefinitions:\n"
        "        - Name: ledger\n"
        "          Image: ledger:1.0\n"
        "          Memory: 256\n"
        "          Environment:\n"
        "            - {Name: AWS_ACCESS_KEY_ID, Value: !FindInMap [Keys, Uploader, Id]}\n"
        f"            - {{Name: AWS_SECRET_ACCESS_KEY, Value: !If [UseLegacyKeys, '{AWS_SECRET}', !Ref AWS::NoValue]}}\n"
        f"            - {{Name: CI_TOKEN, Value: !Join ['', ['{GITHUB_TOKEN[:half]}', '{GITHUB_TOKEN[half:]}']]}}\n"
        "            - Name: SIGNING_KEY_PEM\n"
        "              Value: !Sub |\n"
        f"{pem}\n"
        "            - Name: LEDGER_DB_URL\n"
        f"              Value: !Sub 'mysql://svc_ledger:{URL_PASSWORD}@${{LedgerDb.Endpoint.Address}}:3306/ledger'\n"
        f"            - {{Name: DB_PASSWORD, Value: '{DB_PASSWORD}'}}\n"
        f"            - {{Name: DB_PASSWORD, Value: '{DB_PASSWORD}'}}\n"
    )


@pytest.fixture()
def leaky_template(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.template.yaml"
    path.write_text(_template())
    return path


def test_template_secrets_are_found_through_intrinsic_functions(leaky_template: Path):
    report = run([str(leaky_template)], Settings(select=["ECS403"]))
    found = {f.message.split("`")[1]: f for f in report.findings}
    assert sorted(found) == sorted(SECRETS) and len(report.findings) == 7
    assert (found["AWS_ACCESS_KEY_ID"].region.line, found["AWS_ACCESS_KEY_ID"].region.column) == (7, 20)  # in Mappings
    assert found["AWS_SECRET_ACCESS_KEY"].message.endswith("(construct LedgerStack/Task/Resource) (when UseLegacyKeys is true)")
    assert (found["SIGNING_KEY_PEM"].region.line, found["SIGNING_KEY_PEM"].region.column) == (25, 27)  # the block scalar


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_template_secrets_never_reach_the_output(leaky_template: Path, fmt: str):
    report = run([str(leaky_template)], Settings(select=["ALL"]))
    assert sum(f.rule == "ECS403" for f in report.findings) == 7
    assert any(f.rule == "ECS115" for f in report.findings)  # another rule's excerpt on a secret's line
    out = io.StringIO()
    if fmt == "text":
        text.write(report, out, excerpt=True, color=False)
        assert "Value: !If [UseLegacyKeys, '********', !Ref AWS::NoValue]" in out.getvalue()
    else:
        {"json": json_output.write, "sarif": sarif.write, "github": github.write}[fmt](report, out)
    _assert_no_secret(out.getvalue(), f"template, {fmt}")


# -- the free-text scan's shortcuts ----------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

#: Pieces of messages and source lines: names with and without a secret word, in any case,
#: the separators the name scans need, and characters whose lower case is another length
#: or ASCII (``İ``, the Kelvin sign, the long s).
_PIECES = st.sampled_from(
    [
        "DB_PASSWORD", "dbPassword", "api-key", "X-Auth-Token", "Secret", "SIG", "pwd", "cacheKey", "name", "value",
        "valueFrom", "--password", "-p", "--db-pass", "=", ":", ": ", "\"", "'", ",", ", ", " ", "  ", "\n", "{", "}", "-",
        "?", "&", "://", "@", "hunter2", "Vr7q-Lm2x-Tz8w", "s3cr3tValue9xQkP2mZ8", "task-", "sk-", "\u0130", "\u212a", "\u017f",
        "the key", "container 'app'",
    ]
)
_NAMES = st.sampled_from(["DB_PASSWORD", "dbPassword", "api-key", "X-Auth-Token", "Secret", "pwd", "cacheKey", "MODE", "p"])
_VALUES = st.sampled_from(["hunter2", "Vr7q-Lm2x-Tz8w", "s3cr3tValue9xQkP2mZ8", "${X}", "true", "1234567890"])
_QUOTES = st.sampled_from(["", "\"", "'"])
#: ``NAME=value``, ``"name": "value"``, ``--name value``, ``"--name", "value"``: what the
#: name scans look for, the separators varied.
_PAIRS = st.tuples(_QUOTES, _NAMES, _QUOTES, st.sampled_from(["=", ":", " : ", ": "]), _QUOTES, _VALUES).map("".join)
_FLAGS = st.tuples(st.sampled_from(["-", "--", "\"--"]), _NAMES, st.sampled_from([" ", "  ", "\", \"", "' , '"]), _VALUES).map(
    "".join
)
_TEXTS = st.lists(_PIECES | _PAIRS | _FLAGS | st.text(max_size=4), max_size=14).map("".join)


class _Always:
    """Stands for a gate pattern that lets every text through."""

    def search(self, text: str) -> bool:
        return True


def _ungated_spans(text: str, random: bool) -> list:
    """``secret_spans`` with the name scans run on every text that has a secret word."""
    from ecslint.rules.security import secret_in_environment as s

    patterns = s._text_patterns()
    saved = patterns["pair_name"], patterns["flag_name"]
    patterns["pair_name"] = patterns["flag_name"] = _Always()
    try:
        return s.secret_spans(text, random)
    finally:
        patterns["pair_name"], patterns["flag_name"] = saved


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.booleans())
def test_free_text_shortcuts_skip_only_scans_that_find_nothing(text, random):
    """The name scans run only where a name with a secret word is written as they need it,
    and ``mask_secrets`` is memoised: the same spans and masks as without either."""
    from ecslint.rules.security.secret_in_environment import mask_secrets, mask_spans, secret_spans

    expected = _ungated_spans(text, random)
    assert secret_spans(text, random) == expected
    if not random:
        masked = mask_spans(text, expected)[0]
        assert mask_secrets(text) == masked
        assert mask_secrets(text) == masked  # from the memo
