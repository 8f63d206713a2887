"""Configuration: ``.ecslint.toml`` or ``[tool.ecslint]`` in ``pyproject.toml``.

Found from the working directory upwards (the first ``.ecslint.toml``, or the first
``pyproject.toml`` that has a ``[tool.ecslint]`` table). Every key is checked: an unknown
key or a bad value is a clear error (exit 2), never silently ignored, because a typo in
``ignore`` would otherwise quietly switch a check back on, or off.
"""

from __future__ import annotations

import os

from ecslint.core.finding import FAIL_ON, Severity
from ecslint.core.suggest import did_you_mean

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

_SEVERITIES = {s.label: s for s in Severity}
#: A configuration is a few KiB; even a large ``pyproject.toml`` is far below this.
_MAX_BYTES = 4 * 1024 * 1024


class ConfigError(Exception):
    """A configuration or usage problem: the run stops with exit code 2."""


class Config:
    """A validated configuration (every key optional)."""

    def __init__(
        self,
        path: str | None = None,
        root: str | None = None,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        fail_on: str = "warning",
        exclude: list[str] | None = None,
        force_exclude: bool = False,
        respect_gitignore: bool = True,
        per_file_ignores: dict[str, list[str]] | None = None,
        severity: dict[str, Severity] | None = None,
        instance_types: list[str] | None = None,
        context: list[str] | None = None,
        baseline: str | None = None,
        rules: dict[str, dict[str, Any]] | None = None,
        lifecycle_repositories: dict[str, str] | None = None,
        parameters: dict[str, str] | None = None,
        var_files: list[str] | None = None,
    ):
        self.path = path
        #: Globs in ``exclude``/``per-file-ignores`` are relative to this directory.
        self.root = root or os.getcwd()
        self.select = select
        self.extend_select = extend_select or []
        self.ignore = ignore or []
        self.fail_on = fail_on
        self.exclude = exclude or []
        #: Apply ``exclude`` (and ``.gitignore``) to paths named on the command line too.
        self.force_exclude = force_exclude
        #: Skip what git ignores when walking directories.
        self.respect_gitignore = respect_gitignore
        self.per_file_ignores = per_file_ignores or {}
        self.severity = severity or {}
        self.instance_types = instance_types or []
        self.context = context or []
        self.baseline = baseline
        #: Per-rule options, keyed by rule id or name as written.
        self.rules = rules or {}
        #: Lifecycle policy files (absolute paths) -> the ECR repository each applies to.
        self.lifecycle_repositories = lifecycle_repositories or {}
        #: CloudFormation template parameters: name -> value, as ``--parameter`` gives them.
        self.parameters = parameters or {}
        #: Terraform variable files (paths relative to the configuration file).
        self.var_files = var_files or []

    def where(self) -> str:
        return os.path.relpath(self.path) if self.path else "configuration"


def _strings(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return list(value)


def _table(value: Any, key: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `{key}` must be a table")
    return value


def _parse_select(v: Any, key: str, where: str) -> list[str]:
    return _strings(v, key, where)


def _parse_fail_on(v: Any, key: str, where: str) -> str:
    if not isinstance(v, str) or v not in FAIL_ON:
        raise ConfigError(f"{where}: `{key}` must be one of {', '.join(FAIL_ON)}, not {v!r}")
    return v


def _boolean(v: Any, key: str, where: str) -> bool:
    if not isinstance(v, bool):
        raise ConfigError(f"{where}: `{key}` must be true or false, not {v!r}")
    return v


def _parse_per_file_ignores(v: Any, key: str, where: str) -> dict[str, list[str]]:
    return {glob: _strings(ids, f"{key}.{glob}", where) for glob, ids in _table(v, key, where).items()}


def _parse_severity(v: Any, key: str, where: str) -> dict[str, Severity]:
    out = {}
    for rule, level in _table(v, key, where).items():
        if not isinstance(level, str) or level not in _SEVERITIES:
            raise ConfigError(f"{where}: `{key}.{rule}` must be error, warning or note, not {level!r}")
        out[rule] = _SEVERITIES[level]
    return out


def _parse_baseline(v: Any, key: str, where: str) -> str:
    if not isinstance(v, str):
        raise ConfigError(f"{where}: `{key}` must be a path")
    return v


def _parse_rules(v: Any, key: str, where: str) -> dict[str, dict[str, Any]]:
    return {rule: _table(options, f"{key}.{rule}", where) for rule, options in _table(v, key, where).items()}


def _parse_lifecycle_repositories(v: Any, key: str, where: str) -> dict[str, str]:
    """``{"path/to/policy.json" = "repo-name"}``: which repository a policy file applies to."""
    import re

    out = {}
    for path, repository in _table(v, key, where).items():
        if not isinstance(repository, str):
            raise ConfigError(f"{where}: `{key}.{path}` must be a repository name (a string)")
        if not re.fullmatch(r"(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*", repository) or not 2 <= len(repository) <= 256:
            raise ConfigError(
                f"{where}: `{key}.{path}`: {repository!r} is not an ECR repository name "
                "(2-256 lower-case letters, digits, and . _ - / between them)"
            )
        out[path] = repository
    return out


def _parse_parameters(v: Any, key: str, where: str) -> dict[str, str]:
    """``{Env = "prod", DesiredCount = 2}``: CloudFormation passes every parameter value as
    text, so numbers and booleans are accepted and read as their text."""
    out = {}
    for name, value in _table(v, key, where).items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, (str, int, float)):
            raise ConfigError(f"{where}: `{key}.{name}` must be a string (a parameter value)")
        out[name] = str(value)
    return out


_KEYS = {
    "select": ("select", _parse_select),
    "extend-select": ("extend_select", _strings),
    "ignore": ("ignore", _strings),
    "fail-on": ("fail_on", _parse_fail_on),
    "exclude": ("exclude", _strings),
    "force-exclude": ("force_exclude", _boolean),
    "respect-gitignore": ("respect_gitignore", _boolean),
    "per-file-ignores": ("per_file_ignores", _parse_per_file_ignores),
    "severity": ("severity", _parse_severity),
    "instance-types": ("instance_types", _strings),
    "context": ("context", _strings),
    "baseline": ("baseline", _parse_baseline),
    "rules": ("rules", _parse_rules),
    "lifecycle-repositories": ("lifecycle_repositories", _parse_lifecycle_repositories),
    "parameters": ("parameters", _parse_parameters),
    "var-files": ("var_files", _strings),
}


def from_mapping(table: dict, path: str | None = None) -> Config:
    """Validate one config table (the file's top level, or ``[tool.ecslint]``)."""
    config = Config(path=path, root=os.path.dirname(os.path.abspath(path)) if path else os.getcwd())
    where = config.where()
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key `{key}`{did_you_mean(key, _KEYS)}")
        attribute, parse = _KEYS[key]
        setattr(config, attribute, parse(value, key, where))
    # Paths in the file are relative to the file, not to wherever ecslint runs.
    config.context = [os.path.join(config.root, p) for p in config.context]
    config.var_files = [os.path.join(config.root, p) for p in config.var_files]
    if config.baseline:
        config.baseline = os.path.join(config.root, config.baseline)
    config.lifecycle_repositories = {os.path.join(config.root, p): r for p, r in config.lifecycle_repositories.items()}
    for path in config.lifecycle_repositories:
        if not os.path.isfile(path):
            raise ConfigError(f"{where}: `lifecycle-repositories`: no such file {os.path.relpath(path, config.root)!r}")
    return config


def load(path: str) -> Config:
    """Read and validate a config file (``.ecslint.toml`` or ``pyproject.toml``)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(_read(path).decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        byte = f"byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"
        raise ConfigError(f"{os.path.relpath(path)}: not UTF-8 text ({byte}); TOML files are UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{os.path.relpath(path)}: invalid TOML: {exc}") from None
    except RecursionError:  # the reader recurses into nested arrays and inline tables
        raise ConfigError(f"{os.path.relpath(path)}: invalid TOML: arrays or tables nested too deeply") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("ecslint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{os.path.relpath(path)}: [tool.ecslint] must be a table")
    return from_mapping(data, path)


def find(start: str | None = None) -> str | None:
    """The nearest config file at or above ``start``."""
    directory = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(directory, ".ecslint.toml")
        if os.path.lexists(candidate):
            return candidate  # even a FIFO or a device: ``load`` says why it cannot be read
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate) and _has_tool_table(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _has_tool_table(path: str) -> bool:
    # A cheap textual test first: most pyproject.toml files are not ours.
    try:
        return b"[tool.ecslint" in _read(path)
    except OSError:
        return False


def _read(path: str) -> bytes:
    from ecslint.load.files import read_regular

    return read_regular(path, _MAX_BYTES)
