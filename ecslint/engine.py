"""The engine: registry, selection, one pass of the rules, filtering and locating.

The flow (DESIGN §1): discover -> read (parse once) -> documents -> workspace -> rules ->
filter (selection, per-file ignores, inline suppressions, baseline) -> locate -> report.
Rules run in one pass per document, dispatched by kind; a rule that raises becomes an
``ECS008 internal-error`` finding on that document and the run goes on.
"""

from __future__ import annotations

import json
import os
import re

from ecslint.config import Config, ConfigError
from ecslint.core import compliance
from ecslint.core.context import Context
from ecslint.core.finding import Finding, Path, Region, pointer
from ecslint.core.lazyre import lazy
from ecslint.core.rule import Rule
from ecslint.core.suggest import did_you_mean
from ecslint.load.source import Document, SourceFile, SourceOptions

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, BinaryIO, Iterable, Iterator

INTERNAL_ERROR = "ECS008"
#: The path that means standard input.
STDIN = "-"


class Registry:
    """Every known rule, by id and by name; resolves selectors (id, id prefix, name, ALL,
    compliance reference)."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules: tuple[Rule, ...] = tuple(sorted(rules, key=lambda r: r.order))
        self.by_id = {r.id: r for r in self.rules}
        self.by_name = {r.name: r for r in self.rules}
        if len(self.by_id) != len(self.rules) or len(self.by_name) != len(self.rules):
            raise ConfigError("two rules share an id or a name (a plugin clashes with a built-in rule?)")

    @classmethod
    def default(cls) -> Registry:
        """The built-in rules (from the index: a rule's module is imported when its check
        first runs) and the plugins' rules."""
        from ecslint.plugins import load_rules
        from ecslint.rules import indexed

        return cls(indexed() + tuple(load_rules()))

    def resolve(self, selector: str, where: str = "selector") -> list[Rule]:
        text = selector.strip()
        if text.upper() == "ALL":
            return list(self.rules)
        if text.lower().startswith(compliance.PREFIX):
            return self._resolve_compliance(text, where)
        if text in self.by_name:
            return [self.by_name[text]]
        is_prefix = re.fullmatch(r"[A-Z]+\d{0,3}", text.upper()) is not None
        matched = [r for r in self.rules if r.id.startswith(text.upper())] if is_prefix else []
        if not matched:
            choices = list(self.by_id) + list(self.by_name)
            raise ConfigError(f"{where}: no rule matches `{selector}`{did_you_mean(text, choices)}")
        return matched

    def _resolve_compliance(self, text: str, where: str) -> list[Rule]:
        """``compliance:FRAMEWORK``, ``compliance:FRAMEWORK/CONTROL`` or ``compliance:CONTROL``:
        the rules mapped to that framework or control."""
        try:
            framework, control = compliance.parse_selector(text)
        except ValueError as exc:
            raise ConfigError(f"{where}: `{text}`: {exc}") from None
        matched = [r for r in self.rules if any(ref.matches(framework, control) for ref in r.compliance)]
        if not matched:
            retired = [why for (f, c), why in compliance.RETIRED.items() if framework in (None, f) and c.lower() == (control or "").lower()]
            known = [compliance.PREFIX + name for name in compliance.FRAMEWORKS]
            known += sorted({ref.selector for r in self.rules for ref in r.compliance})
            hint = f": {retired[0]}" if retired else did_you_mean(text, known)
            raise ConfigError(f"{where}: no rule is mapped to `{text}`{hint}")
        return matched

    def by_prefix(self, selector: str) -> bool:
        """Whether ``selector`` names rules by an id prefix (``ECS``, ``ECS4``) rather than
        exactly (an id, a name, ``ALL``)."""
        text = selector.strip()
        upper = text.upper()
        if upper == "ALL" or upper in self.by_id or text in self.by_name:
            return False
        return any(r.id.startswith(upper) for r in self.rules)

    def lookup(self, selector: str, where: str = "selector") -> Rule:
        """Exactly one rule, by id or name (for ``ecslint rule`` and per-rule settings)."""
        rules = self.resolve(selector, where)
        if len(rules) != 1 or selector.upper() not in (rules[0].id, rules[0].name.upper()):
            raise ConfigError(f"{where}: `{selector}` must name one rule by id or name")
        return rules[0]


class Settings:
    """Everything that shapes a run, from the config file and the command line together."""

    def __init__(
        self,
        config: Config | None = None,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        instance_types: list[str] | None = None,
        context: list[str] | None = None,
        baseline: str | None = None,
        stdin_filename: str | None = None,
        stdin: BinaryIO | None = None,
        exclude: list[str] | None = None,
        force_exclude: bool | None = None,
        respect_gitignore: bool | None = None,
        parameters: dict[str, str] | None = None,
        var_files: list[str] | None = None,
        jobs: int | None = None,
        keep_documents: bool = False,
    ):
        self.config = config or Config()
        self.select = select
        self.extend_select = extend_select or []
        self.ignore = ignore or []
        self.instance_types = instance_types or []
        self.context = context or []
        self.baseline = baseline
        #: The path ``-`` (standard input) stands for: its name in the report, and what
        #: ``exclude``, ``per-file-ignores`` and the JSON/YAML decision see.
        self.stdin_filename = stdin_filename
        #: Where ``-`` reads from (default: the process's standard input).
        self.stdin = stdin
        #: ``--exclude`` globs, relative to the working directory (the config's are added).
        self.exclude = exclude or []
        #: ``--force-exclude`` / ``--no-respect-gitignore``; ``None``: as the config says.
        self.force_exclude = force_exclude
        self.respect_gitignore = respect_gitignore
        #: CloudFormation template parameters the user gave (over the config's).
        self.parameters = parameters or {}
        #: Terraform variable files the user gave (over the config's).
        self.var_files = var_files or []
        #: Worker processes for a big run (``--jobs``); None: one per usable CPU; 1: serial.
        self.jobs = jobs
        #: Keep every document to the end (``--fix`` edits them); otherwise a big run lets
        #: go of what only a link can need again (``ecslint.retention``).
        self.keep_documents = keep_documents


class Report:
    """What a run found, in which files, with which rules."""

    def __init__(
        self, findings: list[Finding], files: list[SourceFile], rules: list[Rule], suppressed: int = 0, warnings: list[str] | None = None
    ):
        self.findings = findings
        self.files = files
        self.rules = rules
        #: Findings left out by inline suppressions or the baseline (counted in the summary).
        self.suppressed = suppressed
        #: Problems in how the files talk to ecslint (an inline suppression naming no rule):
        #: written to standard error, never findings, never a change of exit code.
        self.warnings = warnings or []
        #: What the paths of machine-readable reports are relative to (``Finding.relpath``).
        self.root: str | None = None
        #: Every file a finding can be in, by display path: the checked files, and the
        #: files their documents are also written in (a JSON file Terraform's ``file()``
        #: loads, ``locals`` in another file of the module), for excerpts and hashes.
        self.sources: dict[str, SourceFile] = {f.display: f for f in files}
        #: What ``--fix`` did and what fixes are left (``ecslint.fix.runner.FixSummary``);
        #: None when no finding offers a fix.
        self.fixes: Any = None

    @property
    def checked(self) -> list[SourceFile]:
        return [f for f in self.files if _checked(f)]

    @property
    def skipped(self) -> list[SourceFile]:
        return [f for f in self.files if not _checked(f)]

    @property
    def loaded(self) -> list[SourceFile]:
        """Skipped files whose content another document read as its part (``file()``)."""
        return [f for f in self.skipped if f.part_of is not None]

    @property
    def nothing_checked(self) -> bool:
        """Files were given, yet none held an ECS document (or a problem to report)."""
        return not self.checked

    def skip_reasons(self) -> list[tuple[str, int]]:
        """Each reason the loader recorded for a skipped file, with how many files it
        covers, the most frequent first (ties in file order)."""
        counts: dict[str, int] = {}
        for f in self.skipped:
            reason = f.skipped or "no documents"
            counts[reason] = counts.get(reason, 0) + 1
        return sorted(counts.items(), key=lambda item: -item[1])

    def dominant_skip_reason(self) -> tuple[str, int] | None:
        """The reason that covers more than half of the skipped files, if one does."""
        reasons = self.skip_reasons()
        if reasons and reasons[0][1] * 2 > len(self.skipped):
            return reasons[0]
        return None

    def statistics(self) -> list[tuple[int, str, str]]:
        """``(count, rule id, rule name)`` per rule that reported, the most frequent first."""
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for f in self.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
            names[f.rule] = f.name
        return sorted(((n, rule, names[rule]) for rule, n in counts.items()), key=lambda row: (-row[0], row[1]))


def _checked(file: SourceFile) -> bool:
    """Whether ``file`` held something to check: documents (perhaps released since), or
    problems."""
    return bool(file.documents or file.problems or file.released)


class Plan:
    """The resolved rule set of a run: which rules, at which severity, with which options."""

    def __init__(self, registry: Registry, settings: Settings):
        config = settings.config
        where = config.where()
        select = settings.select if settings.select is not None else config.select
        if select is None:
            chosen = {r.id for r in registry.rules if r.enabled}
        else:
            chosen = {r.id for s in select for r in _selected(registry, s, f"{where}: select")}
        for s in config.extend_select + settings.extend_select:
            chosen |= {r.id for r in _selected(registry, s, f"{where}: extend-select")}
        # A rule that crashed has checked nothing: that is never silent, whatever the
        # selection (``--select ECS206`` included); only an explicit ignore hides it.
        chosen.add(INTERNAL_ERROR)
        for s in config.ignore + settings.ignore:
            chosen -= {r.id for r in registry.resolve(s, f"{where}: ignore")}
        self.rules = [r for r in registry.rules if r.id in chosen]
        self.severity = {r.id: r.severity for r in registry.rules}
        #: Rules whose severity the user set: it then wins over a finding's own.
        self.configured_severity: set[str] = set()
        for selector, level in config.severity.items():
            for r in registry.resolve(selector, f"{where}: severity"):
                self.severity[r.id] = level
                self.configured_severity.add(r.id)
        self.per_file_ignores = [
            (glob, {r.id for s in ids for r in registry.resolve(s, f"{where}: per-file-ignores")})
            for glob, ids in config.per_file_ignores.items()
        ]
        self.options = {r.id: {name: o.default for name, o in (r.options or {}).items()} for r in registry.rules}
        for selector, values in config.rules.items():
            target = registry.lookup(selector, f"{where}: rules")
            for name, value in values.items():
                option = (target.options or {}).get(name)
                if option is None:
                    raise ConfigError(
                        f"{where}: rule {target.id} ({target.name}) has no option `{name}`"
                        f"{did_you_mean(name, target.options or {})}"
                    )
                wrong_kind = not isinstance(value, option.kind) or isinstance(value, bool) and option.kind is int
                if wrong_kind or option.valid is not None and not option.valid(value):
                    raise ConfigError(f"{where}: rules.{selector}.{name}: {option.help}")
                self.options[target.id][name] = value
        self.instance_types = tuple(dict.fromkeys(config.instance_types + settings.instance_types))
        _check_instance_types(self.instance_types, where)
        self.root = config.root
        self.registry = registry
        #: What reported paths are relative to, and each file's path from there.
        self.report_root = _report_root()
        self.relpaths: dict[str, str] = {}
        #: Directories resolved (symbolic links) on the way to them: by path as written.
        self.real_dirs: dict[str, str] = {}

    def relpath(self, file: SourceFile) -> str:
        """``file``'s path from the report root (see :attr:`Finding.relpath`)."""
        found = self.relpaths.get(file.path)
        if found is None:
            from ecslint.load.discover import relative_to

            found = self.relpaths[file.path] = relative_to(file.path, self.report_root, self.real_dirs)
        return found

    def context(self, rule: Rule, workspace: Any) -> Context:
        return Context(options=self.options[rule.id], instance_types=self.instance_types, workspace=workspace)


def _report_root() -> str:
    from ecslint.load.discover import report_root

    return report_root()


def _selected(registry: Registry, selector: str, where: str) -> list[Rule]:
    """The rules a ``select`` or ``extend-select`` entry turns on. An id prefix (``ECS``,
    ``ECS4``) picks only the rules enabled by default: a rule that is off by default runs
    only when named exactly, by id or name, or with ``ALL`` (ruff's rule), so that a broad
    selection never switches on an opt-in check by accident."""
    rules = registry.resolve(selector, where)
    if registry.by_prefix(selector):
        return [r for r in rules if r.enabled]
    return rules


def _check_instance_types(names: tuple[str, ...], where: str) -> None:
    if not names:
        return
    from ecslint.model.instances import catalog

    known = catalog()
    for name in names:
        if name.strip().lower() not in known:
            raise ConfigError(f"{where}: unknown EC2 instance type `{name}`{did_you_mean(name, known)}")


def run(paths: Iterable[str], settings: Settings, registry: Registry | None = None) -> Report:
    """Check ``paths``; the only entry point the CLI and the tests need."""
    from ecslint.core.collector import fewer_collections

    with fewer_collections():
        return load(paths, settings, registry).lint()


class Session:
    """The files of one run, read once, and what checking them needs. ``lint`` can run
    again after :meth:`replace` put a file's new text in place (``--fix`` re-checks the
    text it has fixed, in memory, before writing anything)."""

    def __init__(
        self, files: list[SourceFile], context_files: list[SourceFile], plan: Plan, settings: Settings, sources: SourceOptions
    ):
        self.files = files
        self.context_files = context_files
        self.plan = plan
        self.settings = settings
        self.sources = sources
        #: What worker processes found for each file (``ecslint.parallel``), used by the
        #: first :meth:`lint`: by ``id(file)``.
        self.done: dict[int, list] = {}

    def lint(self) -> Report:
        from ecslint.workspace import Workspace

        plan, config = self.plan, self.settings.config
        files, context_files = self.files, self.context_files
        _apply_lifecycle_repositories(files + context_files, config.lifecycle_repositories)
        documents = [d for f in files + context_files for d in f.documents]
        if any(f.released is not None for f in files):
            from ecslint.retention import revive

            # What their rules assumed (no service deploys them...) is checked in the pass.
            revived = revive(files, documents, self.sources, self.done)
            if revived:
                documents = [d for f in files + context_files for d in f.documents]
        workspace = Workspace(documents, files + context_files)
        findings = _merge_scenarios(list(_check(files, workspace, plan, self.done)), files)
        located = _sources(files, context_files, documents)
        findings, suppressed = _filter(findings, located, plan, self.settings.baseline or config.baseline)
        report = Report(findings, files, plan.rules, suppressed, _suppression_warnings(files, plan.registry))
        report.sources = located
        report.root = plan.report_root
        return report

    def restore(self) -> bool:
        """Read again every file a big run released (``ecslint.retention``), for what needs
        all the documents (``--fix`` edits them; the CLI keeps them from the start); whether
        any was."""
        from ecslint.retention import reread

        released = [f for f in self.files if f.released is not None]
        for file in released:
            reread(file, SourceOptions(self.sources.parameters, self.sources.var_files))
        return bool(released)

    def parse(self, file: SourceFile, text: str) -> SourceFile:
        """``text`` read as a new content of ``file``, as the run reads files."""
        from ecslint.load.reader import parse

        sources = self.sources
        if file.display.lower().endswith(".tf"):
            # A Terraform file is read with its module: read the module anew, with this
            # text, apart from the run's memo (the text may not be kept).
            sources = SourceOptions(sources.parameters, sources.var_files)
            sources.loaded = dict(self.sources.loaded)
            sources.texts = {**self.sources.texts, os.path.realpath(file.path): text}
            sources.memo["hcl-bodies"] = self.sources.memo.setdefault("hcl-bodies", {})
        new = parse(SourceFile(file.path, file.display, file.context), text, sources)
        _supersede_loaded([new], self.sources)
        return new

    def _terraform_modules(self, real: str) -> set[str]:
        """Forget the Terraform modules the file at ``real`` is part of (their directories)."""
        if not any(key[:1] == ("terraform-module",) for key in self.sources.memo):
            return set()
        from ecslint.sources.terraform import forget

        return forget(self.sources, real)

    def replace(self, file: SourceFile, new: SourceFile) -> None:
        """Put ``new`` (from :meth:`parse`) in the place of ``file``, a checked file; the
        documents of the other files are kept, with what they memoised from their own
        content only."""
        index = next(n for n, f in enumerate(self.files) if f is file or f.path == file.path)
        self.files[index] = new
        real = os.path.realpath(new.path)
        directories = self._terraform_modules(real)
        if directories:
            # Its module's documents are read from all of its files: read them again, each
            # with its current text (this one's new text included).
            from ecslint.load.reader import parse

            self.sources.texts[real] = new.text or ""
            for files in (self.files, self.context_files):
                for n, other in enumerate(files):
                    if other is not new and other.text is not None and other.display.lower().endswith(".tf") and os.path.dirname(
                        os.path.realpath(other.path)
                    ) in directories:
                        files[n] = parse(SourceFile(other.path, other.display, other.context), other.text, self.sources)
            if new.display.lower().endswith(".tf"):
                self.files[self.files.index(new)] = parse(SourceFile(new.path, new.display, new.context), new.text or "", self.sources)
            _supersede_loaded(self.files + self.context_files, self.sources)
        for other in self.files + self.context_files:
            for doc in other.documents:
                # What a document memoises from the run (the stack's instance types) may
                # change with another file: keep only what depends on its own text.
                doc.cache = {k: v for k, v in doc.cache.items() if k in _CONTENT_MEMOS}


#: ``Document.cache`` entries computed from the document alone.
_CONTENT_MEMOS = ("model", "schema-issues")


def load(paths: Iterable[str], settings: Settings, registry: Registry | None = None) -> Session:
    """Find and read the files of a run (the checked ones, then ``--context``)."""
    from ecslint.load.discover import discover
    from ecslint.load.reader import read
    from ecslint.load.files import unusable

    registry = registry or Registry.default()
    plan = Plan(registry, settings)
    config = settings.config
    paths = list(paths)
    options = {
        "cwd_exclude": settings.exclude,
        "force_exclude": config.force_exclude if settings.force_exclude is None else settings.force_exclude,
        "respect_gitignore": config.respect_gitignore if settings.respect_gitignore is None else settings.respect_gitignore,
    }
    candidates = list(discover([p for p in paths if p != STDIN], config.exclude, config.root, **options))
    var_files = config.var_files + settings.var_files
    for var_file in var_files:
        why = unusable(var_file)
        if why is not None:
            if not os.path.lexists(var_file):
                raise ConfigError(f"Terraform variable file not found: {var_file}")
            raise ConfigError(f"cannot read Terraform variable file {var_file}: {why}, not a regular file")
    sources = SourceOptions(parameters={**config.parameters, **settings.parameters}, var_files=var_files)
    together = _read_and_check(candidates, plan, sources, config.lifecycle_repositories, settings, read)
    files, done = together if together is not None else ([_read(c, False, read, sources) for c in candidates], {})
    checked_paths = {c.real for c in candidates}
    if STDIN in paths:
        files.append(_read_stdin(settings, options["force_exclude"], sources))
        if settings.stdin_filename:
            checked_paths.add(os.path.realpath(settings.stdin_filename))  # its copy on disk is stale
    context_paths = list(config.context) + list(settings.context)
    context_files = [
        _read(c, True, read, sources)
        for c in discover(context_paths, config.exclude, config.root, **options)
        if c.real not in checked_paths
    ]
    read_already = checked_paths | {os.path.realpath(f.path) for f in context_files}
    workflows = _deploying_workflows(files, read_already, config, options, sources)
    context_files += workflows
    read_already |= {os.path.realpath(f.path) for f in workflows}
    context_files += _requested_context(sources, read_already, read)
    for file in _supersede_loaded(files + context_files, sources):
        done.pop(id(file), None)  # its own rules ran on what is no longer its content
    session = Session(files, context_files, plan, settings, sources)
    session.done = done
    return session


def _read_and_check(
    candidates: list, plan: Plan, sources: SourceOptions, lifecycle: dict[str, str], settings: Settings, read: Any
) -> tuple[list[SourceFile], dict[int, list]] | None:
    """For a big run: the files read, and their own rules run, by ``--jobs`` worker
    processes (default: the usable CPUs), or here one by one for one job (a bigger run
    still: ``parallel.SERIAL_THRESHOLD``), each file let go of what only a link can need
    again (``ecslint.retention``); None: a small run, read whole and checked in one pass."""
    if len(candidates) < 2:
        return None  # nothing to share out or stream (and ``parallel`` is not even imported)
    from ecslint import parallel

    shared = sum(1 for c in candidates if parallel.shareable(c))
    if shared < parallel.THRESHOLD:
        return None
    jobs = settings.jobs if settings.jobs is not None else parallel.usable_cpus()
    jobs = min(jobs, len(candidates))
    if jobs > 1 and not parallel.available():
        jobs = 1
    if jobs < 2 and shared < parallel.SERIAL_THRESHOLD:
        return None
    from ecslint.retention import applies

    release = not settings.keep_documents and applies(plan.rules)
    try:
        return parallel.read_and_check(candidates, plan, sources, lifecycle, jobs, read, release)
    except Exception:  # noqa: BLE001 - workers that cannot start or answer: the serial run reports
        sources.memo.clear()
        sources.context_requests.clear()
        sources.loaded.clear()
        return None


def _deploying_workflows(
    files: list[SourceFile], seen: set[str], config: Config, options: dict, sources: SourceOptions
) -> list[SourceFile]:
    """The workflows of the repository that deploy the task definitions being checked,
    read as context unless ``seen`` (real paths read already); the task-definition files
    they name come as the source's context requests."""
    from ecslint.load.reader import read
    from ecslint.sources import workflow

    return [
        _read(c, True, read, sources)
        for c in workflow.deploying_workflows(files, config.exclude, config.root, options)
        if c.real not in seen
    ]


def _requested_context(sources: SourceOptions, read_already: set[str], read: Any) -> list[SourceFile]:
    """The files the sources asked for (the other files of a Terraform module), read as
    context: a service checked alone is still joined to its task definition."""
    from ecslint.load.discover import Candidate, display

    out: list[SourceFile] = []
    while True:
        pending = [(real, path) for real, path in sources.context_requests.items() if real not in read_already]
        if not pending:
            return out
        for real, path in sorted(pending):
            read_already.add(real)
            out.append(_read(Candidate(path, display(path), real), True, read, sources))


def _supersede_loaded(files: list[SourceFile], sources: SourceOptions) -> list[SourceFile]:
    """A file a source read as part of a document (container definitions in a JSON file
    that Terraform's ``file()`` loads) is judged there, with the task definition around
    it; its own reading as a bare document would repeat every finding, with less known.
    Returns the files so superseded."""
    superseded: list[SourceFile] = []
    if not sources.loaded:
        return superseded
    for file in files:
        entry = sources.loaded.get(os.path.realpath(file.path))
        if entry is None:
            continue
        superseded.append(file)
        part_of, template, judged = entry
        file.part_of = part_of
        if template:
            file.problems = [p for p in file.problems if p.kind != "syntax"]
        if judged:
            file.documents = []
            file.released = None
        if not file.documents and not file.problems:
            file.skipped = f"read as part of {part_of}"
    return superseded


def _sources(files: list[SourceFile], context_files: list[SourceFile], documents: list[Document]) -> dict[str, SourceFile]:
    """The checked files, then every other file a checked document is written in."""
    sources = {f.display: f for f in files}
    for doc in documents:
        for extra in getattr(doc.locator, "files", ()):
            sources.setdefault(extra.display, extra)
    for file in context_files:
        sources.setdefault(file.display, file)
    return sources


def _apply_lifecycle_repositories(files: list[SourceFile], mapping: dict[str, str]) -> None:
    """The config's ``lifecycle-repositories``: the repository each named policy file applies to."""
    if not mapping:
        return
    wanted = {os.path.realpath(path): repository for path, repository in mapping.items()}
    for file in files:
        repository = wanted.get(os.path.realpath(file.path))
        if repository is not None:
            for doc in file.documents:
                if doc.kind == "lifecycle-policy":
                    doc.repository = repository


def _read(candidate: Any, context: bool, read: Any, sources: SourceOptions | None = None) -> SourceFile:
    if candidate.skipped is not None:
        file = SourceFile(candidate.path, candidate.display, context)
        file.skipped = candidate.skipped
        return file
    try:
        return read(candidate.path, candidate.display, context=context, options=sources)
    except Exception as exc:  # noqa: BLE001 - a loader bug must not stop the run
        file = SourceFile(candidate.path, candidate.display, context)
        file.problems.append(_internal_load_error(exc))
        return file


def _read_stdin(settings: Settings, force_exclude: bool, sources: SourceOptions) -> SourceFile:
    """Standard input, under the name ``--stdin-filename`` gives it (``-`` without one: then
    the shape is sniffed). Like a path named on the command line (ruff's rule), that name
    is excluded by ``exclude`` only with ``--force-exclude``, which editor integrations and
    the pre-commit hook pass."""
    import sys

    from ecslint.load.discover import Candidate, display, matches
    from ecslint.load.reader import read_stream

    config = settings.config
    name = settings.stdin_filename
    shown = display(name) if name else STDIN
    if name and force_exclude and (
        matches(name, config.root, tuple(config.exclude)) or matches(name, os.getcwd(), tuple(settings.exclude))
    ):
        file = SourceFile(name, shown)
        file.skipped = "excluded by `exclude`"
        return file
    stream = settings.stdin or sys.stdin.buffer
    candidate = Candidate(name or STDIN, shown, "", None)
    return _read(candidate, False, lambda path, display_name, context, options: read_stream(stream, path, display_name, options), sources)


def _internal_load_error(exc: BaseException) -> Any:
    from ecslint.load.errors import LoadError

    return LoadError(f"internal error while reading this file ({_where(exc)})", kind="internal")


# -- the one pass -----------------------------------------------------------------------


def _check(files: list[SourceFile], workspace: Any, plan: Plan, done: dict[int, list] | None = None) -> Iterator[Finding]:
    """Every finding of the run, in one order whatever ``--jobs`` says: file by file (its
    load problems, file rules, then each document's rules), then the workspace rules.
    ``done`` holds what workers found for a file (``ecslint.parallel``): its findings, and
    in their place the rules that read the workspace, which run here on the whole of it
    (a released file keeps its own: ``ecslint.retention``)."""
    from ecslint.model import view

    by_scope, internal = _scopes(plan)
    contexts = {r.id: plan.context(r, workspace) for r in plan.rules}  # the same for every document
    held: dict[tuple[int, str], bool] = {}
    for file in files:
        segments = done.pop(id(file), None) if done else None
        if segments is None and file.released is not None:
            segments = file.released.found
        if segments is None:
            yield from _file_findings(file, plan, by_scope, contexts, internal)
            continue
        for segment in segments:
            if isinstance(segment, list):
                yield from segment
                continue
            index, rule_id, assumed, found = segment
            if assumed is not None and (
                # Released and not read again: nothing in the run links to its documents,
                # the very answer assumed.
                file.released is not None or all(_holds(workspace, file.documents[i], name, answer, held) for i, name, answer in assumed)
            ):
                yield from found  # the workspace answers what the worker assumed
                continue
            r = plan.registry.by_id[rule_id]
            doc = file.documents[index] if index is not None else None
            yield from _apply(plan, r, file, doc, view(doc) if doc is not None else file, contexts[r.id], internal)
    # A workspace rule reads documents of its kinds: with none in the run it has nothing to
    # say, and its module is not even imported (ecslint/rules/__init__.py).
    kinds = {d.kind for d in workspace.documents}
    for r in by_scope["workspace"]:
        if not r.kinds or kinds.intersection(r.kinds):
            yield from _apply(plan, r, None, None, workspace, contexts[r.id], internal)


def _holds(workspace: Any, doc: Document, question: str, answer: Any, held: dict[tuple[int, str], bool]) -> bool:
    """Whether the workspace answers ``question`` about ``doc`` as a worker assumed."""
    key = (id(doc), question)
    found = held.get(key)
    if found is None:
        from ecslint.model import view

        found = held[key] = getattr(workspace, question)(view(doc)) == answer
    return found


def _scopes(plan: Plan) -> tuple[dict[str, list[Rule]], bool]:
    """The rules of the run by scope, and whether internal errors are reported."""
    by_scope: dict[str, list[Rule]] = {"file": [], "document": [], "workspace": []}
    for r in plan.rules:
        if not r.engine_only:
            by_scope[r.scope].append(r)
    return by_scope, INTERNAL_ERROR in {r.id for r in plan.rules}


def _document_rules(by_scope: dict[str, list[Rule]], kind: str) -> list[Rule]:
    """The document rules that read documents of ``kind``, in run order: chosen once per
    kind and kept in ``by_scope`` (under ``"document:" + kind``), not by asking each rule
    of the run about each document."""
    key = "document:" + kind
    found = by_scope.get(key)
    if found is None:
        found = by_scope[key] = [r for r in by_scope["document"] if kind in r.kinds]
    return found


def _file_findings(
    file: SourceFile,
    plan: Plan,
    by_scope: dict[str, list[Rule]],
    contexts: dict[str, Context],
    internal: bool,
    defer: Any = None,
) -> Iterator[Any]:
    """What one file's own rules find: its load problems, its file rules, its documents'
    rules. ``defer`` is a worker's stand-in for the workspace (``ecslint.parallel``): a
    rule that reads it yields ``(document index or None, rule id, assumptions, findings)``
    in place of its findings, for the parent to check or run again."""
    from ecslint.model import view

    for problem in file.problems:
        if problem.kind == "internal" and internal:
            yield _finding(plan, INTERNAL_ERROR, problem.message, file, (), problem.region, "load")
    for r in by_scope["file"]:
        found = _apply(plan, r, file, None, file, contexts[r.id], internal)
        yield from found if defer is None else _deferrable(defer, None, r, found)
    for index, doc in enumerate(file.documents):
        rules = _document_rules(by_scope, doc.kind)
        model = view(doc) if rules else None  # one view for all its rules
        for r in rules:
            found = _apply(plan, r, file, doc, model, contexts[r.id], internal)
            yield from found if defer is None else _deferrable(defer, index, r, found)


def _deferrable(defer: Any, index: int | None, r: Rule, findings: Iterator[Finding]) -> Iterator[Any]:
    """A worker's findings of one rule, or what stands in for them (see _file_findings)."""
    try:
        found = list(findings)
    except defer.needed:
        defer.asked = []
        yield (index, r.id, None, None)
        return
    if defer.asked:
        assumed, defer.asked = tuple(defer.asked), []
        yield (index, r.id, assumed, found or ())
        return
    yield from found


def _apply(
    plan: Plan, r: Rule, file: SourceFile | None, doc: Document | None, subject: Any, context: Context, internal: bool
) -> Iterator[Finding]:
    """Run one rule on its subject (a file, a document's model, the workspace)."""
    workspace = context.workspace
    try:
        violations = list(r.check(subject, context))
    except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
        if not internal:
            return
        if doc is None and file is None:
            # A workspace rule reads several documents: report on the first checked one of
            # the kinds it reads, so the failure is never silent.
            doc = next((d for d in workspace.documents if d.kind in r.kinds and not d.context), None)
            if doc is None:
                return
            what = "these documents together"
        else:
            what = "this document" if doc is not None else "this file"
        where = doc.file if doc is not None else file
        message = f"rule {r.id} ({r.name}) failed on {what} ({_where(exc)}); the other rules ran. Please report this bug."
        region = doc.region((), "key") if doc is not None else Region.point(1, 1)
        yield _finding(plan, INTERNAL_ERROR, message, where, (), region, r.id, doc)
        return
    for v in violations:
        target_doc = v.document or doc
        if target_doc is not None and target_doc.context and all(d.context for d in v.about):
            continue  # context documents inform; only checked files get findings (or concern them)
        where = target_doc.file if target_doc is not None else file
        if where is None:
            continue
        if v.region is not None:
            region = v.region
        elif target_doc is not None:
            where, region = target_doc.locate(v.path, v.target)
        else:
            region = Region.point(1, 1)
        finding = _finding(plan, r.id, v.message, where, v.path, region, _logical(target_doc, v.path), target_doc)
        if v.severity is not None and r.id not in plan.configured_severity:
            finding.severity = v.severity
        if v.fix is not None and r.fix is not None and target_doc is not None:
            from ecslint.core.fix import Proposal

            finding.fix = Proposal(v.fix, target_doc, r.id, r.fix == "safe")
        yield finding


def _where(exc: BaseException) -> str:
    """The exception's type and the innermost frame, never its message: messages
    can quote input values, and a secret must never reach the output."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    frame = frames[-1] if frames else None
    place = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}{place}"


def _finding(
    plan: Plan, rule_id: str, message: str, file: SourceFile, path: Path, region: Region, logical: str, doc: Document | None = None
) -> Finding:
    rule = plan.registry.by_id[rule_id]
    api_pointer = pointer(path)
    origin = doc.origin if doc is not None else None
    if doc is not None:
        logical = f"{doc.kind}:{doc.name}{logical}"
    if origin is not None and origin.construct:
        # CDK: the synthesized template is not what the user wrote; the construct is.
        message = f"{message} (construct {origin.construct})"
    # A message may quote a value the file holds; whatever in it looks secret never leaves.
    from ecslint.rules.security.secret_in_environment import mask_secrets

    message = mask_secrets(message)
    finding = Finding(
        rule=rule.id,
        name=rule.name,
        severity=plan.severity[rule.id],
        message=message,
        path=file.display,
        region=region,
        pointer=api_pointer,
        logical=logical,
        relpath=plan.relpath(file),
    )
    if origin is not None and file.scenarios:
        finding.scenario = origin.scenario
    return finding


def _merge_scenarios(findings: list[Finding], files: list[SourceFile]) -> list[Finding]:
    """A template read once per combination of its undecided conditions (``Fn::If``)
    yields a finding once per combination that has it: keep one, qualified with the
    conditions it needs unless every combination has it.

    The readings of one problem are matched by rule and position (the n-th finding of a
    rule at one position in each reading), not by message: a message may quote a value
    that differs between the branches, and the problem is still one."""
    scenarios = {f.display: f.scenarios for f in files if f.scenarios}
    if not scenarios:
        return findings
    from ecslint.sources.cloudformation import scenario_condition

    merged: dict[tuple, tuple[Finding, set[int], list]] = {}
    occurrences: dict[tuple, int] = {}
    out: list[Finding] = []
    for finding in findings:
        if finding.path not in scenarios:
            out.append(finding)
            continue
        spot = (finding.path, finding.rule, finding.region, finding.scenario)
        nth = occurrences[spot] = occurrences.get(spot, 0) + 1
        key = (finding.path, finding.rule, finding.region, nth if finding.scenario is not None else finding.message)
        entry = merged.get(key)
        if entry is None:
            entry = merged[key] = (finding, set(), [])
            out.append(finding)
        if finding.scenario is not None:
            entry[1].add(finding.scenario)
        entry[2].append(finding.fix)
    for finding, seen, fixes in merged.values():
        every = scenarios[finding.path]
        if seen and len(seen) < len(every):
            finding.message = f"{finding.message} ({scenario_condition(every, seen)})"
            # A fix for some readings of the template only may break the others.
            finding.fix = None
        elif finding.fix is not None:
            # Each reading proposes its own fix: available when all propose the same edits.
            finding.fix.readings = fixes if all(f is not None for f in fixes) else None
            if finding.fix.readings is None:
                finding.fix = None
        finding.scenario = None
    return out


_NAMING_KEYS = ("name", "containerName", "rulePriority", "sourceVolume", "containerPort", "targetGroupArn", "loadBalancerName")


def _logical(doc: Document | None, path: Path) -> str:
    """A location that survives reordering: array items are named by their identity
    (container name, rule priority, port ...) rather than their index."""
    if doc is None:
        return ""
    out = []
    node: Any = doc.data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            label = ""
            if isinstance(item, dict):
                for k in _NAMING_KEYS:
                    value = item.get(k)
                    if isinstance(value, (str, int)):
                        label = f"{k}={value}"
                        break
            out.append(f"[{label}]")
            node = item
        else:
            out.append(f"/{part}")
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(out)


# -- filtering ----------------------------------------------------------------------------

#: ``# ecslint: ignore`` or ``# ecslint: ignore=ECS101, no-memory-limit``, then an optional
#: free-text reason (``# ecslint: ignore=ECS101 the sidecar is managed elsewhere``).
_SUPPRESS = lazy(r"#\s*ecslint:\s*ignore(?:\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*))?")
_SUPPRESSED_NAME = lazy(r"[A-Za-z0-9_-]+")


def _filter(findings: list[Finding], by_display: dict[str, SourceFile], plan: Plan, baseline: str | None) -> tuple[list[Finding], int]:
    """Drop per-file ignores and repeats, number the fingerprints, set aside suppressed
    findings (``by_display``: the files they are in, by ``display``, from ``_sources``);
    the findings kept come out in report order."""
    from ecslint.load.discover import matches

    comments: dict[str, dict[int, tuple[frozenset[str] | None, bool]]] = {}  # by file, once
    known = _read_baseline(baseline) if baseline else set()
    counts: dict[str, int] = {}
    seen: set[tuple] = set()
    kept, suppressed = [], 0
    for finding in sorted(findings, key=Finding.sort_key):
        # The same rule saying the same thing at the same place says it once.
        identity = (finding.path, finding.rule, finding.region, finding.message)
        if identity in seen:
            continue
        seen.add(identity)
        if any(finding.rule in ids and matches(finding.path, plan.root, (glob,)) for glob, ids in plan.per_file_ignores):
            continue
        base = _fingerprint(finding)
        counts[base] = counts.get(base, 0) + 1
        finding.fingerprint = f"{base}:{counts[base]}"
        file = by_display.get(finding.path)
        if file is not None and finding.path not in comments:
            comments[finding.path] = _suppression_comments(file)
        if _inline_suppressed(finding, file, comments.get(finding.path, {})) or finding.fingerprint in known:
            suppressed += 1
            continue
        kept.append(finding)
    return kept, suppressed


_SHA256: list[Any] = []


def _sha256() -> Any:
    """SHA-256 from the interpreter's own module: ``hashlib`` loads OpenSSL for it, ~3 ms
    of a run that reports anything (the same digests)."""
    if not _SHA256:
        try:
            from _sha2 import sha256  # Python 3.12 and later
        except ImportError:
            try:
                from _sha256 import sha256  # Python 3.10 and 3.11
            except ImportError:
                from hashlib import sha256
        _SHA256.append(sha256)
    return _SHA256[0]


def _fingerprint(finding: Finding) -> str:
    # The path from the report root: a baseline written in any directory of the repository
    # matches a run from any other.
    key = "\0".join((finding.rule, finding.relpath, finding.logical or finding.pointer))
    return _sha256()(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _suppression_comments(file: SourceFile) -> dict[int, tuple[frozenset[str] | None, bool]]:
    """The ``# ecslint: ignore`` comments of ``file`` by line: the rules the first one on the
    line names (None: every rule), and whether the line holds nothing else (then it also
    covers the line below). Found in one pass over the text, not once per finding: a file
    with thousands of findings was scanned thousands of times."""
    text = file.text or ""
    if file.lines is None or "ecslint:" not in text:
        return {}
    out: dict[int, tuple[frozenset[str] | None, bool]] = {}
    at = text.find("ecslint:")
    while at != -1:
        line = file.lines.position(at)[0]
        content = file.lines.line_text(line)
        m = _SUPPRESS.search(content)
        if m is not None:
            names = frozenset(_SUPPRESSED_NAME.findall(m.group(1))) if m.group(1) else None
            out[line] = (names, content.lstrip().startswith("#"))
        end = text.find("\n", at)
        at = text.find("ecslint:", end) if end != -1 else -1
    return out


def _inline_suppressed(finding: Finding, file: SourceFile | None, comments: dict[int, tuple[frozenset[str] | None, bool]]) -> bool:
    """``# ecslint: ignore=ECS101,no-memory-limit`` on the finding's line or alone on the
    line above it (YAML only: JSON has no comments), or a region the file suppresses (a
    template resource's ``Metadata: {ecslint: {ignore: [...]}}``)."""
    if file is None or file.lines is None:
        return False
    line = finding.region.line
    for first, last, names in file.suppressions:
        if first <= line <= last and (names is None or finding.rule in names or finding.name in names):
            return True
    for at, alone in ((line, False), (line - 1, True)):
        comment = comments.get(at)
        if comment is None or (alone and not comment[1]):
            continue
        names = comment[0]
        if names is None or finding.rule in names or finding.name in names:
            return True
    return False


def _suppression_warnings(files: list[SourceFile], registry: Registry) -> list[str]:
    """``path:line:column: ...`` for each rule an inline suppression names that does not
    exist (a typo, a prefix, a rule of a plugin not installed): such a comment suppresses
    nothing, and silence would leave the user believing it works (ruff's invalid-noqa)."""
    warnings = []
    for file in files:
        text = file.text
        if not _checked(file) or file.lines is None or not text or "ecslint:" not in text:
            continue
        for m in _SUPPRESS.finditer(text):
            if m.group(1) is None:
                continue
            for name in _SUPPRESSED_NAME.finditer(m.group(1)):
                word = name.group()
                if word in registry.by_id or word in registry.by_name:
                    continue
                line, column = file.lines.position(m.start(1) + name.start())
                if registry.by_prefix(word):
                    hint = " (a suppression names each rule by its id or name, not by a prefix)"
                else:
                    hint = did_you_mean(word, list(registry.by_id) + list(registry.by_name))
                warnings.append(
                    f"{file.display}:{line}:{column}: `# ecslint: ignore` names no rule `{word}`{hint}; "
                    "it suppresses nothing"
                )
    return warnings


#: A baseline entry is about 120 bytes: this holds hundreds of thousands of findings.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def _read_baseline(path: str) -> set[str]:
    from ecslint.load.files import read_regular

    try:
        data = json.loads(read_regular(path, MAX_BASELINE_BYTES))
        return {f"{entry['fingerprint']}" for entry in data["findings"]}
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, RecursionError):
        raise ConfigError(f"{path} is not an ecslint baseline (write one with --write-baseline)") from None


def write_baseline(report: Report, path: str) -> None:
    """Record the report's findings at ``path`` (written beside it and renamed, its
    directory created if missing). Raises ``OSError``."""
    from ecslint.load.files import replacing

    entries = [{"rule": f.rule, "path": f.relpath, "fingerprint": f.fingerprint} for f in report.findings]
    with replacing(path) as handle:
        handle.write((json.dumps({"version": 1, "findings": entries}, indent=2) + "\n").encode("utf-8"))
