"""False findings found by reviewing every error and warning on real files (the shared corpus
and real CloudFormation templates), each reduced to the smallest document that shows it.

Each test names the file it came from; the review and its table are in the lead's notes.
"""

from __future__ import annotations

import json
from pathlib import Path

from ecslint.engine import Settings, run


def check(tmp_path: Path, name: str, data, **settings):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))
    return run([str(path)], Settings(**settings)).findings


def test_an_efs_volume_on_windows_is_reported_once(tmp_path):
    """awsdocs task-definition-template: ECS110 and ECS117 both said "EFS is not supported on
    Windows" at the same key; the volume rule owns it."""
    td = {
        "family": "iis",
        "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
        "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:ltsc2022", "memory": 2048}],
        "volumes": [{"name": "content", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}],
    }
    findings = check(tmp_path, "td.json", td, select=["ECS1"])
    at_efs = [f.rule for f in findings if f.pointer == "/volumes/0/efsVolumeConfiguration"]
    assert at_efs == ["ECS117"]
