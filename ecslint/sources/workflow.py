"""GitHub Actions workflows that deploy to ECS (``.github/workflows/*.yml``).

Facts: ``shared/reference/github-deploy-actions.md``. A workflow is a YAML file with ``on``
and ``jobs``. Each step that ``uses:`` ``aws-actions/amazon-ecs-render-task-definition`` or
``aws-actions/amazon-ecs-deploy-task-definition`` (any ref: a tag, a branch, a commit SHA)
becomes a document of kind ``workflow`` (shape ``render`` or ``deploy``): the step as
written, located on the workflow's own lines, its ``with:`` inputs as the action receives
them (strings), and its ``task-definition`` input as a :class:`FileReference` that the
workspace follows to the task-definition file in the repository. A workflow without such a
step yields nothing and is skipped silently, like any file that holds no ECS document.

What the workflow decides is resolved, the rest is unknown and never judged:

- ``${{ env.NAME }}`` is the literal value of ``NAME`` in the step's, the job's or the
  workflow's ``env:`` (the most specific wins); every other expression is unknown;
- ``${{ steps.<id>.outputs.task-definition }}`` is the file an earlier render step of the
  same job read (the action writes a copy of it with the new image: same containers);
- the actions resolve a relative path against ``$GITHUB_WORKSPACE``, where
  ``actions/checkout`` puts the repository (under its ``path:`` input when given), never
  against a ``working-directory``: paths are relative to the repository root;
- a file an earlier step may write (a ``run:`` script that names it, through its
  ``working-directory``; an action not known to leave the workspace alone) is not the
  repository's file: nothing is said about it.
"""

from __future__ import annotations

import os
import posixpath
import re

from ecslint.core.lazyre import lazy
from ecslint.load.placeholders import Unknown
from ecslint.load.source import Document, Locator, Origin, SourceFile, SourceOptions
from ecslint.load.sourcemap import SourceMap
from ecslint.sources.references import FileReference

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

RENDER = "aws-actions/amazon-ecs-render-task-definition"
DEPLOY = "aws-actions/amazon-ecs-deploy-task-definition"
#: The ECS actions by repository (owner and name compare case-insensitively, as GitHub's).
ACTIONS = {RENDER: "render", DEPLOY: "deploy"}
#: The words a workflow that deploys to ECS holds: a cheap test before parsing one.
MARKERS = (b"amazon-ecs-render-task-definition", b"amazon-ecs-deploy-task-definition")

#: Actions known not to write files into the workspace that a later step reads as a task
#: definition (any other action before a render or deploy step might).
_LEAVE_WORKSPACE = frozenset(
    (
        "actions/checkout",
        "actions/setup-python",
        "actions/setup-node",
        "actions/setup-java",
        "actions/setup-go",
        "actions/setup-dotnet",
        "actions/upload-artifact",
        "aws-actions/configure-aws-credentials",
        "aws-actions/amazon-ecr-login",
        RENDER,
        DEPLOY,
        "docker/login-action",
        "docker/setup-buildx-action",
        "docker/setup-qemu-action",
        "docker/build-push-action",
        "docker/metadata-action",
        "github/codeql-action/upload-sarif",
    )
)
_EXPRESSION = lazy(r"\$\{\{(.*?)\}\}", re.DOTALL)
_ENV = lazy(r"^env\.([A-Za-z_][A-Za-z0-9_-]*)$|^env\[\s*'([^']+)'\s*\]$")
_STEP_OUTPUT = lazy(
    r"^steps\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\.task-definition$"
    r"|^steps\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\[\s*'task-definition'\s*\]$"
)
#: What separates words in a shell script (enough to find the file names it mentions).
_WORD = lazy(r"""[^\s;&|<>()'"`=]+""")


def is_workflow(data: Any) -> bool:
    """A GitHub Actions workflow: ``on`` (its triggers) and a ``jobs`` mapping."""
    return isinstance(data, dict) and "on" in data and isinstance(data.get("jobs"), dict)


def action_of(uses: Any) -> tuple[str, str] | None:
    """``(shape, ref)`` of a step that uses one of the ECS actions: ``render`` or ``deploy``
    and the ref after ``@`` (``v1``, ``v1.4.10``, a commit SHA)."""
    if not isinstance(uses, str) or "@" not in uses:
        return None
    name, _, ref = uses.strip().partition("@")
    shape = ACTIONS.get(name.lower().rstrip("/"))
    return (shape, ref) if shape else None


def repository_root(path: str) -> str | None:
    """The repository a workflow file belongs to: the directory holding its
    ``.github/workflows`` (the only place GitHub reads workflows from), else the nearest
    directory with a ``.git``; None when neither says."""
    absolute = os.path.abspath(path)
    workflows = os.path.dirname(absolute)
    github = os.path.dirname(workflows)
    if os.path.basename(workflows) == "workflows" and os.path.basename(github) == ".github":
        return os.path.dirname(github)
    from ecslint.load.discover import repository_root as git_root

    return git_root(os.path.dirname(absolute))


def extract(file: SourceFile, data: dict, smap: SourceMap, options: SourceOptions | None = None) -> str | None:
    """Add a document for each step of ``data`` that uses an ECS action; return why
    none, if none. The task-definition files the steps read are requested as context
    (``options.context_requests``), so that a workflow checked alone is judged against
    them."""
    root = repository_root(file.path)
    workflow_env = _mapping(data.get("env"))
    workflow_defaults = _run_defaults(data)
    for job_id, job in data["jobs"].items():
        if not isinstance(job, dict) or not isinstance(job.get("steps"), list):
            continue
        _Job(file, smap, root, str(job_id), job, workflow_env, workflow_defaults).read()
    if not file.documents:
        return "a GitHub Actions workflow that deploys nothing to ECS"
    if options is not None:
        for doc in file.documents:
            inputs = doc.data.get("with")
            ref = inputs.get("task-definition") if isinstance(inputs, dict) else None
            if isinstance(ref, FileReference) and ref.via is None and ref.written_by is None and os.path.isfile(ref.absolute):
                options.context_requests.setdefault(os.path.realpath(ref.absolute), ref.absolute)
    return None


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _run_defaults(owner: dict) -> Any:
    run = _mapping(_mapping(owner.get("defaults")).get("run"))
    return run.get("working-directory")


def _text(value: Any) -> Any:
    """An input as the runner passes it: a string (YAML's ``true`` is ``"true"``), or the
    value itself when it is not a scalar (the action then fails on its own)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return value


class _Job:
    """One job's steps, read in order: what each step's expressions resolve to, which
    files earlier steps may have written, and where the repository is checked out."""

    def __init__(self, file: SourceFile, smap: SourceMap, root: str | None, job_id: str, job: dict, workflow_env: dict, workflow_defaults: Any):
        self.file = file
        self.smap = smap
        self.root = root
        self.job_id = job_id
        self.job = job
        self.env = {**workflow_env, **_mapping(job.get("env"))}
        self.defaults = _run_defaults(job) if _run_defaults(job) is not None else workflow_defaults
        #: Where ``actions/checkout`` put this repository (workspace-relative, "" = the
        #: workspace itself); None until a checkout of it is seen.
        self.checkout: str | None = None
        #: Workspace-relative directories other repositories were checked out into.
        self.foreign: list[str] = []
        #: The steps before the one being read: (label, step, its env).
        self.earlier: list[tuple[str, dict, dict]] = []
        #: Render steps by id: the file each one read (a FileReference or UNKNOWN).
        self.rendered: dict[str, Any] = {}

    def read(self) -> None:
        for index, step in enumerate(self.job["steps"]):
            if not isinstance(step, dict):
                continue
            env = {**self.env, **_mapping(step.get("env"))}
            label = _label(step, index)
            action = action_of(step.get("uses"))
            if action is not None:
                self._document(index, step, env, label, action[0])
            elif _repository(step.get("uses")) == "actions/checkout":
                self._checkout(step, env)
            self.earlier.append((label, step, env))

    def _checkout(self, step: dict, env: dict) -> None:
        inputs = _mapping(step.get("with"))
        path = self._resolve(_text(inputs.get("path", "")), env)
        repository = self._resolve(_text(inputs.get("repository", "")), env)
        own = repository in ("", "${{ github.repository }}") or (
            isinstance(repository, Unknown) and "github.repository" in str(repository.source).replace(" ", "")
        )
        if not isinstance(path, str):
            if own:
                self.checkout = None  # somewhere unknown: no path of this job is known
            return
        where = _normal(path)
        if where is None:
            return
        if own:
            self.checkout = where
        else:
            self.foreign.append(where)

    def _document(self, index: int, step: dict, env: dict, label: str, shape: str) -> None:
        raw = step.get("with")
        inputs: dict[str, Any] = {}
        for name, value in _mapping(raw).items():
            inputs[str(name)] = self._resolve(_text(value), env)
        if "task-definition" in inputs:
            inputs["task-definition"] = self._task_definition(_text(_mapping(raw).get("task-definition")), env, label)
        data: dict[str, Any] = {key: value for key, value in step.items() if key != "with"}
        if raw is not None:
            data["with"] = inputs if isinstance(raw, dict) else raw
        step_id = step.get("id")
        if shape == "render" and isinstance(step_id, str):
            self.rendered[step_id] = inputs.get("task-definition")
        name = f"{self.job_id}/{step_id if isinstance(step_id, str) else label}"
        locator = Locator(self.smap, ("jobs", self.job_id, "steps", index))
        origin = Origin("github-actions", self, label)
        self.file.documents.append(Document("workflow", shape, data, self.file, locator, name, origin=origin))

    def _resolve(self, value: Any, env: dict) -> Any:
        """A string with its ``${{ env.NAME }}`` expressions replaced by their literal
        values; unknown when any other expression remains."""
        if not isinstance(value, str) or "${{" not in value:
            return value
        unknown = False

        def substitute(match: re.Match) -> str:
            nonlocal unknown
            known = _env_value(match.group(1).strip(), env)
            if known is None:
                unknown = True
                return match.group(0)
            return known

        text = _EXPRESSION.sub(substitute, value)
        return Unknown(value) if unknown else text

    def _task_definition(self, written: Any, env: dict, label: str) -> Any:
        """The file a ``task-definition`` input names: a :class:`FileReference` when it
        is a path in this repository (or an earlier render step's output), else unknown."""
        whole = _EXPRESSION.fullmatch(written.strip()) if isinstance(written, str) else None
        chained = _STEP_OUTPUT.match(whole.group(1).strip()) if whole is not None else None
        if chained is not None:
            step_id = chained.group(1) or chained.group(2)
            source = self.rendered.get(step_id)
            if isinstance(source, FileReference):
                return FileReference(written, source.path, source.root, via=step_id, written_by=source.written_by, checkout=source.checkout)
            return Unknown(written)
        value = self._resolve(written, env)
        if not isinstance(value, str) or not value.strip():
            return value
        workspace_path = _normal(value.strip())
        if workspace_path is None or self.root is None or self.checkout is None:
            return Unknown(value)
        path = _under(workspace_path, self.checkout)
        if path is None or any(_under(workspace_path, other) is not None for other in self.foreign):
            return Unknown(value)
        writer, written = self._written(workspace_path)
        nearby = []
        for step_label, other, directory in written:
            moved = _under(other, self.checkout)
            if moved is not None:
                nearby.append((moved, f"step {step_label} names it in its working-directory `{directory}`", False))
        if isinstance(self.defaults, str) and "${{" not in self.defaults:
            moved = _normal(posixpath.join(self.defaults.strip(), workspace_path))
            moved = _under(moved, self.checkout) if moved is not None else None
            if moved and moved != path:
                nearby.append((moved, f"`defaults.run.working-directory` ({self.defaults.strip()}) applies to `run:` steps only", True))
        return FileReference(value, path, self.root, written_by=writer, nearby=nearby, checkout=self.checkout)

    def _written(self, target: str) -> tuple[str | None, list[tuple[str, str, str]]]:
        """The earlier step that may write ``target`` (workspace-relative), if one may;
        and the files of that name earlier ``run:`` steps name elsewhere (label, path
        relative to the workspace, working directory), for a did-you-mean."""
        name = posixpath.basename(target)
        nearby: list[tuple[str, str, str]] = []
        for label, step, env in self.earlier:
            uses = step.get("uses")
            if isinstance(uses, str):
                if _repository(uses) not in _LEAVE_WORKSPACE:
                    return label, []
                continue
            script = step.get("run")
            if not isinstance(script, str):
                continue
            if any(f"${name_}" in script or f"${{{name_}}}" in script or f"env.{name_}" in script
                   for name_, value in env.items() if isinstance(value, str) and _normal(value) == target):
                return label, []
            if name not in script:
                continue
            directory = step.get("working-directory", self.defaults)
            directory = self._resolve(_text(directory), env) if directory is not None else ""
            for word in _WORD.findall(script):
                word = word.removeprefix("file://")
                if posixpath.basename(word) != name:
                    continue
                if "$" in word or not isinstance(directory, str):
                    return label, []
                written = _normal(posixpath.join(directory.strip(), word)) if not word.startswith("/") else None
                if written is None or written == target:
                    return label, []
                nearby.append((label, written, directory.strip()))
        return None, nearby


def _env_value(expression: str, env: dict) -> str | None:
    match = _ENV.match(expression)
    if match is None:
        return None
    name = match.group(1) or match.group(2)
    value = env.get(name)
    if value is None:
        folded = [v for k, v in env.items() if isinstance(k, str) and k.lower() == name.lower()]
        value = folded[0] if len(folded) == 1 else None
    value = _text(value) if value is not None else None
    if not isinstance(value, str) or "${{" in value:
        return None
    return value


def _repository(uses: Any) -> str | None:
    """``owner/name`` (and a path inside it) of a ``uses:``, lower case; None for a local
    action or a container (``./x``, ``docker://``)."""
    if not isinstance(uses, str) or uses.startswith(("./", "docker://")):
        return None
    return uses.partition("@")[0].strip().lower().rstrip("/")


def _label(step: dict, index: int) -> str:
    for key in ("name", "id"):
        value = step.get(key)
        if isinstance(value, str) and value.strip() and "${{" not in value:
            return f"'{value.strip()}'"
    return f"#{index + 1}"


def _normal(path: str) -> str | None:
    """A workspace-relative path, normalised (``""`` for the workspace itself); None for
    an absolute path or one that leaves the workspace."""
    if path.startswith(("/", "~")) or "\\" in path or re.match(r"^[A-Za-z]:", path):
        return None
    normal = posixpath.normpath(path.strip() or ".")
    if normal == ".":
        return ""
    if normal == ".." or normal.startswith("../"):
        return None
    return normal


def _under(path: str, directory: str) -> str | None:
    """``path`` relative to ``directory`` when it is inside it (both workspace-relative)."""
    if not directory:
        return path
    if path == directory:
        return ""
    return path[len(directory) + 1 :] if path.startswith(directory + "/") else None


# -- what a run reads besides the paths it is given --------------------------------------


def deploying_workflows(files: list[SourceFile], exclude: list[str], config_root: str | None, options: dict) -> list[Any]:
    """The workflows that may deploy the task definitions of ``files``: those of the
    repository each one is in (its ``.github/workflows/*.yml|yaml`` that use an ECS
    action), as :class:`~ecslint.load.discover.Candidate`\\ s that honour ``exclude`` and
    ``.gitignore`` as for any file ecslint finds. So a commit that renames a container in
    ``task-definition.json`` fails while a workflow still renders the old name.

    The repository's workflows are in the nearest ``.github/workflows`` at or above the
    file, below the git work tree's top (as :func:`repository_root` reads a workflow's
    own repository: a copy of a repository kept inside another, such as a test fixture,
    is a repository of its own)."""
    directories: dict[str, str | None] = {}
    for file in files:
        # A released file (``ecslint.retention``) held task definitions of the API's shape only.
        api_shaped = file.released is not None or any(d.kind == "task-definition" and d.origin is None for d in file.documents)
        if file.path == "-" or not api_shaped:
            continue
        directory = os.path.dirname(os.path.abspath(file.path))
        if directory not in directories:
            directories[directory] = _workflows_above(directory)
    found = []
    from ecslint.load.discover import discover

    for directory in sorted({d for d in directories.values() if d is not None}):
        relative = os.path.relpath(directory)
        shown = directory if relative.startswith("..") else relative
        for candidate in discover([shown], exclude, config_root, **{**options, "force_exclude": True}):
            name = os.path.basename(candidate.path).lower()
            if candidate.skipped is None and os.path.dirname(candidate.path) == shown and name.endswith((".yml", ".yaml")) and _deploys(candidate.path):
                found.append(candidate)
    return found


def _workflows_above(directory: str) -> str | None:
    """The nearest ``.github/workflows`` directory at or above ``directory``, not above
    the top of its git work tree."""
    while True:
        candidate = os.path.join(directory, ".github", "workflows")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory or os.path.lexists(os.path.join(directory, ".git")):
            return None
        directory = parent


def _deploys(path: str) -> bool:
    """Whether a workflow file names an ECS action (read before parsing: most do not)."""
    from ecslint.load.files import read_regular
    from ecslint.load.reader import MAX_BYTES

    try:
        data = read_regular(path, MAX_BYTES).lower()
    except OSError:
        return False
    return any(marker in data for marker in MARKERS)
