"""All documents of a run, indexed for the rules that read several at once.

Documents from ``--context`` paths are here too: a service checked in one commit is judged
against a task definition that did not change, but findings are only reported for the
files being checked.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

from ecslint.load.source import Document
from ecslint.model import view
from ecslint.model.values import cached, integer

if TYPE_CHECKING:
    from ecslint.model.lifecycle import LifecyclePolicy
    from ecslint.model.service import Service
    from ecslint.model.taskdef import TaskDefinition


class Workspace:
    def __init__(self, documents: Iterable[Document]):
        self.documents = list(documents)

    def _of(self, kind: str) -> list:
        return [view(d) for d in self.documents if d.kind == kind]

    @cached
    def task_definitions(self) -> list[TaskDefinition]:
        return self._of("task-definition")

    @cached
    def services(self) -> list[Service]:
        return self._of("service")

    @cached
    def lifecycle_policies(self) -> list[LifecyclePolicy]:
        return self._of("lifecycle-policy")

    @cached
    def families(self) -> dict[str, list[TaskDefinition]]:
        index: dict[str, list[TaskDefinition]] = defaultdict(list)
        for td in self.task_definitions:
            family = td.data.get("family")
            if isinstance(family, str):
                index[family].append(td)
        return dict(index)

    def task_definition_for(self, service: Service) -> TaskDefinition | None:
        """The task definition a service deploys, when it is in sight.

        A named revision picks the document with that revision (describe output carries
        one); otherwise, among several of one family, the highest known revision wins, then
        the first in command-line order.
        """
        from ecslint.model.service import TaskDefinitionRef

        ref = service.task_definition
        if not isinstance(ref, TaskDefinitionRef):
            return None
        candidates = self.families.get(ref.family, [])
        if not candidates:
            return None
        revisions = {id(td): integer(td.data.get("revision")) for td in candidates}
        if ref.revision is not None:
            exact = [td for td in candidates if revisions[id(td)] == ref.revision]
            if exact:
                return exact[0]
            if any(isinstance(r, int) for r in revisions.values()) and len(candidates) > 1:
                return None  # the named revision is not among those in sight
        known = [td for td in candidates if isinstance(revisions[id(td)], int)]
        if known and len(candidates) > 1:
            return max(known, key=lambda td: revisions[id(td)])
        return candidates[0]
