"""References a task definition makes: container names (ECS104), on the forms real files use."""

from __future__ import annotations

import json

from ecslint.engine import Settings, run


def _td(tmp_path, containers, **task):
    path = tmp_path / "td.json"
    path.write_text(json.dumps({"family": "web", **task, "containerDefinitions": containers}, indent=2))
    return run([str(path)], Settings(select=["ECS104"])).findings


def test_an_empty_container_name_in_any_reference_is_reported(tmp_path):
    app = {
        "name": "app",
        "image": "nginx:1.27",
        "memory": 256,
        "dependsOn": [{"containerName": "", "condition": "START"}],
        "links": [""],
        "volumesFrom": [{"sourceContainer": ""}],
    }
    proxy = {"type": "APPMESH", "containerName": "", "properties": []}
    findings = _td(tmp_path, [app], proxyConfiguration=proxy)
    assert sorted(f.pointer for f in findings) == [
        "/containerDefinitions/0/dependsOn/0/containerName",
        "/containerDefinitions/0/links/0",
        "/containerDefinitions/0/volumesFrom/0/sourceContainer",
        "/proxyConfiguration/containerName",
    ]
    assert all("the name is empty" in f.message for f in findings)
