"""A workflow step that uses one of the ECS actions (render or deploy), as the action reads it.

The source (:mod:`ecslint.sources.workflow`) resolved what the workflow itself decides; this
view reads the inputs the rules need, leniently: an input is its string, ``None`` when
absent, :data:`~ecslint.model.values.UNKNOWN` when an expression computes it. Facts:
``shared/reference/github-deploy-actions.md`` §2-§4.
"""

from __future__ import annotations

from ecslint.core.finding import Path
from ecslint.core.lazyre import lazy
from ecslint.load.placeholders import is_unknown
from ecslint.model.base import DocumentView
from ecslint.model.values import UNKNOWN, Maybe, cached
from ecslint.sources.references import FileReference
from ecslint.sources.workflow import action_of

#: ``v1.8.0`` and later split ``container-name`` at commas (without trimming).
_VERSION = lazy(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
#: Refs that follow the action's newest release.
_LATEST = frozenset(("main", "master"))


class WorkflowStep(DocumentView):
    kind = "workflow"

    @property
    def action(self) -> str:
        """``render`` or ``deploy``."""
        return self.doc.shape

    @property
    def uses(self) -> str:
        return self.data.get("uses", "")

    @property
    def ref(self) -> str:
        found = action_of(self.uses)
        return found[1] if found else ""

    @property
    def label(self) -> str:
        """How messages name the step: ``'Render'`` (its name or id), else ``#3``."""
        origin = self.doc.origin
        return origin.resource if origin is not None else self.doc.name

    @property
    def title(self) -> str:
        """``step 'Render' of job deploy``."""
        origin = self.doc.origin
        job = getattr(origin.scope, "job_id", None) if origin is not None else None
        return f"step {self.label}" + (f" of job {job}" if job else "")

    @property
    def inputs(self) -> dict:
        value = self.data.get("with")
        return value if isinstance(value, dict) else {}

    def has(self, name: str) -> bool:
        return name in self.inputs

    def input(self, name: str) -> Maybe[str]:
        """An input's string; None when absent (or not a scalar); UNKNOWN when computed."""
        value = self.inputs.get(name)
        if is_unknown(value):
            return UNKNOWN
        return value if isinstance(value, str) else None

    @staticmethod
    def path(name: str) -> Path:
        return ("with", name)

    @property
    def task_definition_file(self) -> Maybe[FileReference]:
        """The task-definition file the step reads, when the workflow says which file of
        the repository it is; UNKNOWN when an expression or an earlier step decides; None
        when the step names no file (``task-definition-arn``/``-family`` instead)."""
        value = self.inputs.get("task-definition")
        if isinstance(value, FileReference):
            return value
        if value is None or value == "":
            return None
        return UNKNOWN

    @property
    def reads_repository_file(self) -> bool:
        """Whether the step itself names a file of the repository that no earlier step
        writes: the file it reads is the one in the repository."""
        ref = self.task_definition_file
        return isinstance(ref, FileReference) and ref.via is None and ref.written_by is None

    @property
    def splits_container_names(self) -> Maybe[bool]:
        """Whether this version of the render action splits ``container-name`` at commas
        (v1.8.0 and later, and the floating ``v1``); UNKNOWN for a commit SHA or a branch
        other than the default."""
        ref = self.ref.strip()
        if ref in _LATEST:
            return True
        match = _VERSION.match(ref)
        if match is None:
            return UNKNOWN
        major, minor = int(match.group(1)), match.group(2)
        if major != 1:
            return major > 1
        return minor is None or int(minor) >= 8

    @cached
    def container_names(self) -> Maybe[list[str]]:
        """The names ``container-name`` asks for, as the action compares them: the whole
        value, or (v1.8.0+) its comma-separated parts, untrimmed; UNKNOWN when computed
        or when the version (a commit SHA) decides how the value is read."""
        value = self.input("container-name")
        if value is UNKNOWN or value is None:
            return value
        value = value.strip()  # @actions/core trims an input; the parts are not trimmed
        if "," not in value:
            return [value]
        splits = self.splits_container_names
        if splits is UNKNOWN:
            return UNKNOWN
        return [part for part in value.split(",") if part] if splits else [value]

    @property
    def service(self) -> Maybe[str]:
        return self.input("service")

    @property
    def waits_for_stability(self) -> Maybe[bool]:
        """``wait-for-service-stability``: only a case-insensitive ``true`` waits (the
        input trimmed, as ``@actions/core`` reads it)."""
        value = self.input("wait-for-service-stability")
        if value is UNKNOWN:
            return UNKNOWN
        return isinstance(value, str) and value.strip().lower() == "true"
