"""The service rules (ECS5xx) cost a run without services nothing at import.

Rule modules are imported on every run; the service rules name the service model only in
type hints, so checking task definitions alone must not import ``ecslint.model.service``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHECK = textwrap.dedent(
    """
    import json, sys
    from ecslint.engine import Settings, run
    run([sys.argv[1]], Settings(select=["ALL"]))
    print(json.dumps(sorted(m for m in sys.modules if m.startswith("ecslint.model."))))
    """
)


def test_a_run_without_services_does_not_import_the_service_model(tmp_path):
    path = tmp_path / "taskdef.json"
    container = {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80}]}
    path.write_text(json.dumps({"family": "web", "containerDefinitions": [container]}))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    proc = subprocess.run([sys.executable, "-c", _CHECK, str(path)], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    modules = json.loads(proc.stdout)
    assert "ecslint.model.taskdef" in modules
    assert "ecslint.model.service" not in modules
