"""All documents of a run, indexed for the rules that read several at once.

Documents from ``--context`` paths are here too: a service checked in one commit is judged
against a task definition that did not change, but findings are only reported for the
files being checked.

Documents link in two ways. The API's files name each other: a service's
``taskDefinition`` is a family, ``family:revision`` or ARN. Templates and modules state
their links: ``TaskDefinition: !Ref WebTask`` is a
:class:`~ecslint.sources.references.Reference` to a resource of the same template (read in
the same combination of conditions), which :meth:`Workspace.resolve` follows. The
capacity chain (a service's cluster and capacity providers, their Auto Scaling groups, the
launch templates' instance types) is followed the same way. A workflow's render or deploy
step names its task-definition file by path (a
:class:`~ecslint.sources.references.FileReference`), which :meth:`Workspace.linked_file`
follows to the file as the run read it.
"""

from __future__ import annotations

import os
from collections import defaultdict

from ecslint.load.source import Document, SourceFile
from ecslint.model import view
from ecslint.model.values import UNKNOWN, Maybe, cached, integer, items, string
from ecslint.sources.references import RESOURCE_PLACEHOLDER, FileReference, Reference

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable

    from ecslint.model.capacity import CapacityProvider
    from ecslint.model.cluster import Cluster
    from ecslint.model.images import ImageReference
    from ecslint.model.lifecycle import LifecyclePolicy
    from ecslint.model.repository import Repository
    from ecslint.model.service import LoadBalancer, Service
    from ecslint.model.targetgroup import TargetGroup
    from ecslint.model.taskdef import TaskDefinition
    from ecslint.model.workflow import WorkflowStep


#: What :meth:`Workspace.linked_file` answers for a path that is not a file of the repository.
MISSING: Any = "missing"


class Workspace:
    def __init__(self, documents: Iterable[Document], files: Iterable[SourceFile] = ()):
        self.documents = list(documents)
        #: Every file the run read (checked and context), for links by path.
        self.files = list(files)

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
    def repositories(self) -> list[Repository]:
        return self._of("repository")

    @cached
    def clusters(self) -> list[Cluster]:
        return self._of("cluster")

    @cached
    def capacity_providers(self) -> list[CapacityProvider]:
        return self._of("capacity-provider")

    @cached
    def target_groups(self) -> list[TargetGroup]:
        return self._of("target-group")

    @cached
    def workflow_steps(self) -> list[WorkflowStep]:
        return self._of("workflow")

    @cached
    def families(self) -> dict[str, list[TaskDefinition]]:
        index: dict[str, list[TaskDefinition]] = defaultdict(list)
        for td in self.task_definitions:
            family = td.data.get("family")
            if isinstance(family, str):
                index[family].append(td)
        return dict(index)

    @cached
    def family_names(self) -> set[str]:
        """Every family of the run's task definitions, those of the files a big run
        released (``ecslint.retention``: nothing links to them) included."""
        names = set(self.families)
        for file in self.files:
            if file.released is not None:
                names.update(file.released.families)
        return names

    def family_unknown(self, td: TaskDefinition) -> bool:
        """Whether a task definition's family is unknown, so that it may be the one any
        service names: a bare container array, a templated family. A template's task
        definition without ``Family`` has none of its own but not an unknown one:
        CloudFormation registers it under a family it makes of the stack and resource
        names, which no other file names in advance (iac-sources.md §2.4)."""
        family = td.data.get("family")
        if family is None and not td.is_bare_array and td.doc.origin is not None:
            return td.doc.origin.source != "cloudformation"
        return not isinstance(string(family), str) or not family

    # -- links ----------------------------------------------------------------------------

    @cached
    def _files_by_path(self) -> dict[str, SourceFile]:
        return {os.path.realpath(f.path): f for f in self.files}

    def linked_file(self, ref: FileReference) -> SourceFile | None:
        """The file a path names, as the run read it; :data:`MISSING` when the repository
        has no such file (the name compared case-sensitively, as on the Linux runners that
        deploy, whatever this file system does); None when it was not read."""
        if not _exists_exactly(ref):
            return MISSING
        return self._files_by_path.get(os.path.realpath(ref.absolute))

    def files_named(self, name: str) -> list[SourceFile]:
        """The files of the run whose name is ``name`` (for a did-you-mean)."""
        return [f for f in self.files if os.path.basename(f.path) == name]

    @cached
    def _resources(self) -> dict[tuple[int, str], Document]:
        """(scope, resource) -> the document a template or module made of it."""
        index: dict[tuple[int, str], Document] = {}
        for doc in self.documents:
            if doc.origin is not None and doc.owner is None:
                index.setdefault((id(doc.origin.scope), doc.origin.resource), doc)
        return index

    def resolve(self, value: Any, kind: str | None = None) -> Document | None:
        """The document a reference names (of ``kind``, when given), if it is in sight."""
        if not isinstance(value, Reference):
            return None
        doc = self._resources.get((id(value.scope), value.target))
        return doc if doc is not None and (kind is None or doc.kind == kind) else None

    def image_repository(self, image: ImageReference, near: Document) -> tuple[Document, str] | None:
        """The repository of ``near``'s own template or module that ``image`` is pulled from,
        when the image names it by reference rather than by name.

        A repository without a literal name (no ``RepositoryName``, CDK's usual case) is
        named by CloudFormation; the template reaches it with ``!GetAtt Repo.RepositoryUri``,
        ``!Sub '${Repo.RepositoryUri}:1.2'`` or CDK's ``Fn::Join`` of ``{"Ref": "Repo"}``,
        which the source reads as ``<registry>/${Repo}`` followed by the tag or digest.
        Returns the repository's document and what follows its name (``:1.2``,
        ``@sha256:...``, or nothing)."""
        if near.origin is None:
            return None
        _, slash, path = image.text.strip().partition("/")
        found = RESOURCE_PLACEHOLDER.match(path) if slash else None
        rest = path[found.end() :] if found else ""
        if found is None or "/" in rest or rest[:1] not in ("", ":", "@"):
            return None
        doc = self._resources.get((id(near.origin.scope), found.group(1)))
        return (doc, rest) if doc is not None and doc.kind == "repository" else None

    def task_definitions_for(self, service: Service) -> list[TaskDefinition]:
        """The task definitions a service may deploy, among those in sight: whatever the
        order of the arguments or the files the run was given, the same ones.

        A reference to a template's own task definition is followed. Otherwise, among the
        task definitions of the service's family (a template read once per combination of
        conditions meets a service only in the same reading), the nearest to the service's
        file (the longest common directory: ``apps/a/service.json`` deploys
        ``apps/a/taskdef.json`` rather than ``apps/b/taskdef.json`` of the same family);
        among those, the ones of the revision the service names, when it names one (none
        when others state their revisions and that one is not among them); else those of
        the highest revision stated; and if several remain, all of them when they are in
        the service's own directory (a service that names a family without a revision
        deploys whichever was registered last, so each must suit it), none otherwise
        (definitions elsewhere may be other applications' that reuse the name). A service
        is judged against each task definition this returns, so that no argument order or
        batching picks one for it. The list is in report order (file, then position).
        """
        from ecslint.model.service import TaskDefinitionRef

        linked = self.resolve(service.data.get("taskDefinition"), "task-definition")
        if linked is not None:
            return [view(linked)]
        ref = service.task_definition
        if not isinstance(ref, TaskDefinitionRef):
            return []
        candidates = [td for td in self.families.get(ref.family, []) if _same_reading(td.doc, service.doc)]
        if len(candidates) > 1:
            near = {id(td): _shared_directories(td.doc.file.path, service.doc.file.path) for td in candidates}
            nearest = max(near.values())
            candidates = [td for td in candidates if near[id(td)] == nearest]
            revisions = {id(td): integer(td.data.get("revision")) for td in candidates}
            known = [td for td in candidates if isinstance(revisions[id(td)], int)]
            if ref.revision is not None:
                exact = [td for td in known if revisions[id(td)] == ref.revision]
                if exact or known:
                    candidates = exact  # none: the named revision is not among those in sight
            elif known:
                highest = max(revisions[id(td)] for td in known)
                candidates = [td for td in known if revisions[id(td)] == highest]
            here = os.path.dirname(os.path.abspath(service.doc.file.path))
            if len(candidates) > 1 and any(os.path.dirname(os.path.abspath(td.doc.file.path)) != here for td in candidates):
                return []  # several, not beside the service: other apps' as likely as its own
            candidates.sort(key=_report_order)
        return candidates

    def target_group_for(self, load_balancer: LoadBalancer, service: Service) -> TargetGroup | None:
        """The target group a service's load balancer entry registers with, when the
        template or module that holds the service defines it (or its ARN names it)."""
        raw = load_balancer.data.get("targetGroupArn")
        linked = self.resolve(raw, "target-group")
        if linked is not None:
            return view(linked)
        name = _target_group_name(string(raw))
        if name is None:
            return None
        # By name, unless the target group's own ARN (describe output) says it is another.
        matches = [
            tg
            for tg in self.target_groups
            if tg.target_group_name == name and (tg.arn == raw or not isinstance(tg.arn, str)) and _same_reading(tg.doc, service.doc)
        ]
        return _one(matches, service.doc)

    def has_lifecycle_policy(self, repository: Repository) -> Maybe[bool]:
        """Whether a lifecycle policy applies to ``repository``, as far as the run shows.

        True when the repository states one (a template's ``LifecyclePolicy``, even one
        whose text is a parameter), or a lifecycle policy of the run belongs to it (its
        ``owner``) or names it (put/get-lifecycle-policy JSON, ``lifecycle-repositories``).
        False when its policy would be in sight: the repository comes from a template or
        module, which holds its policy, or the run keeps lifecycle policies as files and
        each names its repository. UNKNOWN otherwise (a repository described alone: its
        policy is set by another call), and when a policy of the run could be its own."""
        if repository.states_lifecycle_policy:
            return True
        name = repository.repository_name
        loose = []
        for doc in self.documents:
            if doc.kind != "lifecycle-policy":
                continue
            if doc.owner is repository.doc or (isinstance(name, str) and doc.repository == name):
                return True
            if doc.owner is None:
                loose.append(doc)
        if any(not isinstance(d.repository, str) for d in loose) or (loose and not isinstance(name, str)):
            return UNKNOWN  # a policy whose repository is not known may be this one's
        if repository.doc.origin is not None or loose:
            return False
        return UNKNOWN

    def cluster_for(self, service: Service) -> Cluster | None:
        """The cluster a service runs in: a reference to a template's cluster, or the
        one cluster of the run with that name."""
        raw = service.data.get("cluster")
        linked = self.resolve(raw, "cluster")
        if linked is not None:
            return view(linked)
        name = string(raw)
        if not isinstance(name, str):
            return None
        name = name.rsplit("/", 1)[-1]
        matches = [c for c in self.clusters if c.cluster_name == name and _same_reading(c.doc, service.doc)]
        return _one(matches, service.doc)

    def capacity_provider(self, value: Any, near: Document) -> CapacityProvider | None:
        """A capacity provider by reference or name, read like ``near``."""
        linked = self.resolve(value, "capacity-provider")
        if linked is not None:
            return view(linked)
        name = string(value)
        if not isinstance(name, str):
            return None
        matches = [cp for cp in self.capacity_providers if cp.provider_name == name and _same_reading(cp.doc, near)]
        return _one(matches, near)

    def auto_scaling_group(self, provider: CapacityProvider) -> Document | None:
        """The Auto Scaling group behind a capacity provider, when it is in sight."""
        raw = provider.auto_scaling_group
        linked = self.resolve(raw, "auto-scaling-group")
        if linked is not None:
            return linked
        name = string(raw)
        if not isinstance(name, str):
            return None
        name = name.rsplit("/", 1)[-1]
        matches = [
            d
            for d in self.documents
            if d.kind == "auto-scaling-group" and d.data.get("AutoScalingGroupName") == name and _same_reading(d, provider.doc)
        ]
        return _one(matches, provider.doc, _itself)

    def instance_types_for(self, td: TaskDefinition) -> tuple[str, ...]:
        """The EC2 instance types a task definition's tasks are placed on, as far as the
        stack itself says: from each service that deploys it, through its capacity provider
        strategy (or its cluster's default strategy, else its providers) to the Auto Scaling
        groups and their launch templates; a service placed on Fargate adds none. Empty when
        any link on the way is unknown: then no stack fact is used."""
        types: list[str] = []
        for service in self._services_by_task_definition.get(id(td), ()):
            if service.runs_on_fargate is True:
                continue  # its tasks never land on the stack's instances
            if service.declared_launch_type not in (None, "EC2"):
                return ()  # external instances (or a launch type not known): types unknown
            providers = self._providers_of(service)
            if not providers:
                return ()
            for provider in providers:
                group = self.auto_scaling_group(provider)
                found = self._group_instance_types(group) if group is not None else ()
                if not found:
                    return ()
                types.extend(found)
        return tuple(dict.fromkeys(types))

    def services_of(self, td: TaskDefinition) -> list[Service]:
        """The services in sight that deploy ``td``."""
        return list(self._services_by_task_definition.get(id(td), ()))

    @cached
    def _services_by_task_definition(self) -> dict[int, list[Service]]:
        index: dict[int, list[Service]] = defaultdict(list)
        for service in self.services:
            for td in self.task_definitions_for(service):
                index[id(td)].append(service)
        return dict(index)

    def _providers_of(self, service: Service) -> list[CapacityProvider]:
        strategy = service.data.get("capacityProviderStrategy")
        names: list[tuple[Any, Document]] = []
        if isinstance(strategy, list) and strategy:
            names = [(e.get("capacityProvider"), service.doc) for e in strategy if isinstance(e, dict)]
        else:
            cluster = self.cluster_for(service)
            if cluster is None:
                return []
            names = [(n, cluster.doc) for n in cluster.data.get("capacityProviders") or []]
            defaults = [(e.get("capacityProvider"), cluster.doc) for _, e in items(cluster.data.get("defaultCapacityProviderStrategy"))]
            for doc in self.documents:
                if (
                    doc.kind == "cluster-capacity-providers"
                    and _same_reading(doc, service.doc)
                    and self._names_cluster(doc.data.get("Cluster"), cluster, doc)
                ):
                    names += [(n, doc) for n in doc.data.get("CapacityProviders") or []]
                    defaults += [(e.get("CapacityProvider"), doc) for _, e in items(doc.data.get("DefaultCapacityProviderStrategy"))]
            if defaults and service.declared_launch_type is None:
                names = defaults  # a service with neither strategy nor launch type uses the default
        providers = []
        for name, near in names:
            if name in ("FARGATE", "FARGATE_SPOT"):
                continue
            provider = self.capacity_provider(name, near)
            if provider is None:
                return []
            providers.append(provider)
        return providers

    def _names_cluster(self, value: Any, cluster: Cluster, near: Document) -> bool:
        """Whether ``value``, written in ``near``, names ``cluster``. A template that
        defines a cluster of that name means its own."""
        linked = self.resolve(value, "cluster")
        if linked is not None:
            return linked is cluster.doc
        name = string(value)
        if not isinstance(name, str) or name.rsplit("/", 1)[-1] != cluster.cluster_name:
            return False
        return near.file is cluster.doc.file or not any(
            c.doc.file is near.file and c.cluster_name == cluster.cluster_name for c in self.clusters
        )

    def _group_instance_types(self, group: Document) -> tuple[str, ...]:
        """The instance types an Auto Scaling group launches: its mixed-instances
        overrides, else its launch template's or launch configuration's type."""
        data = group.data
        mixed = data.get("MixedInstancesPolicy")
        if isinstance(mixed, dict):
            template = mixed.get("LaunchTemplate")
            overrides = template.get("Overrides") if isinstance(template, dict) else None
            if isinstance(overrides, list) and overrides:
                names = [string(o.get("InstanceType")) if isinstance(o, dict) else None for o in overrides]
                return tuple(names) if all(isinstance(n, str) for n in names) else ()  # type: ignore[arg-type]
            spec = template.get("LaunchTemplateSpecification") if isinstance(template, dict) else None
            return self._launch_template_type(spec, group)
        if isinstance(data.get("LaunchTemplate"), dict):
            return self._launch_template_type(data["LaunchTemplate"], group)
        configuration = self.resolve(data.get("LaunchConfigurationName"), "launch-configuration")
        if configuration is None:
            name = string(data.get("LaunchConfigurationName"))
            configuration = _one(
                [d for d in self.documents if d.kind == "launch-configuration" and isinstance(name, str)
                 and d.data.get("LaunchConfigurationName") == name and _same_reading(d, group)],
                group,
                _itself,
            )
        kind = string(configuration.data.get("InstanceType")) if configuration is not None else None
        return (kind,) if isinstance(kind, str) else ()

    def _launch_template_type(self, spec: Any, group: Document) -> tuple[str, ...]:
        if not isinstance(spec, dict):
            return ()
        template = self.resolve(spec.get("LaunchTemplateId"), "launch-template") or self.resolve(
            spec.get("LaunchTemplateName"), "launch-template"
        )
        if template is None:
            name = string(spec.get("LaunchTemplateName"))
            template = _one(
                [d for d in self.documents if d.kind == "launch-template" and isinstance(name, str)
                 and d.data.get("LaunchTemplateName") == name and _same_reading(d, group)],
                group,
                _itself,
            )
        if template is None:
            return ()
        data = template.data.get("LaunchTemplateData")
        kind = string(data.get("InstanceType")) if isinstance(data, dict) else None
        return (kind,) if isinstance(kind, str) else ()


def _one(matches: list, near: Document, document: Callable[[Any], Document] = lambda m: m.doc) -> Any:
    """The resource a name means: the only one in sight, or among several (templates of one
    run that define the same name, one per environment say) the only one in ``near``'s own
    file; None while it stays ambiguous."""
    if len(matches) > 1:
        matches = [m for m in matches if document(m).file is near.file]
    return matches[0] if len(matches) == 1 else None


def _itself(doc: Document) -> Document:
    return doc


def _shared_directories(one: str, two: str) -> int:
    """How many leading directories the files ``one`` and ``two`` have in common."""
    a = os.path.dirname(os.path.abspath(one)).split(os.sep)
    b = os.path.dirname(os.path.abspath(two)).split(os.sep)
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _report_order(td: TaskDefinition) -> tuple:
    """Where a task definition is written: its file, then its place in it."""
    doc = td.doc
    return (doc.file.display, next((i for i, d in enumerate(doc.file.documents) if d is doc), 0))


def _same_reading(one: Document, two: Document) -> bool:
    """Documents of one template read under different condition combinations never meet."""
    return one.file is not two.file or one.scenario == two.scenario


def _exists_exactly(ref: FileReference) -> bool:
    """Whether the file ``ref`` names is a regular file, every name of its path below the
    repository root spelt with exactly this case."""
    if not ref.path or not os.path.isfile(ref.absolute):
        return False
    directory = ref.root
    for name in ref.path.split("/"):
        try:
            if name not in os.listdir(directory):
                return False
        except OSError:
            return False
        directory = os.path.join(directory, name)
    return True


def _target_group_name(arn: Any) -> str | None:
    if not isinstance(arn, str) or ":targetgroup/" not in arn:
        return None
    return arn.split(":targetgroup/", 1)[1].split("/", 1)[0] or None
