"""Read one file: bytes, text, parsed roots, documents; never an exception.

ecslint judges only files that hold ECS documents: pre-commit hands it every JSON and YAML
file of a commit, and a lock file, a fixture or some other tool's JSON-with-comments must
never fail the commit. So whatever keeps a file from being parsed (a syntax error, bytes
that are not text, a file too large or nested too deep, an alias bomb) is ``ECS001`` only
when the file looks like ECS configuration (:func:`looks_like_ecs`, on what could be read:
the text, or the beginning of a file too large to read, with undecodable bytes replaced);
otherwise the file is skipped, with the reason ``--verbose`` shows. A file that cannot be
read at all (permissions) is always reported.
"""

from __future__ import annotations

import os

from ecslint.core.lazyre import lazy
from ecslint.load.errors import LoadError
from ecslint.load.files import TooLarge, read_regular
from ecslint.load.placeholders import first_placeholder
from ecslint.load.sniff import extract
from ecslint.load.source import SourceFile, SourceOptions
from ecslint.load.text import LineIndex, decode, decode_for_sniffing

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import BinaryIO

#: Far above any ECS document (a task definition is at most 64 KiB, a CloudFormation
#: template 1 MB) and small enough to parse in bounded time and memory.
MAX_BYTES = 4 * 1024 * 1024

YAML_SUFFIXES = (".yaml", ".yml")

#: Keys only ECS and ECR documents use, written as keys (quoted or not, then a colon), and
#: the CloudFormation resource types.
_ECS_TEXT = lazy(
    r"""(?<![\w$-])["']?(?:containerDefinitions|taskDefinition|serviceName|rulePriority|lifecyclePolicyText"""
    r"""|tagStatus|countType|portMappings|logConfiguration|requiresCompatibilities|desiredCount|essential)["']?\s*:"""
    r"|AWS::EC[SR]::"
    r"|aws-actions/amazon-ecs-(?:render|deploy)-task-definition"
)
#: The words of a file name (``ecsTaskDef.json`` -> ecs task def json): camelCase,
#: ``-``, ``_`` and ``.`` separate them.
_NAME_WORD = lazy(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
#: ECS names in those words: ``ecs``, ``ecr``, ``lifecycle``, task or container
#: definitions however written (``taskdef``, ``task-definition``, ``ContainerDefs``).
#: Whole words only: ``specs.json`` or ``secret.yaml`` say nothing about ECS.
_ECS_NAME = lazy(r"(?:^|-)(?:ecs|ecr|lifecycle|(?:task|container)-?def[a-z]*)(?=-|$)")


def read(path: str, display: str, *, context: bool = False, options: SourceOptions | None = None) -> SourceFile:
    file = SourceFile(path, display, context)
    try:
        data = read_regular(path, MAX_BYTES)
    except TooLarge as exc:
        problem = LoadError(exc.strerror, hint="ECS documents are far smaller")
        return _judge(file, problem, decode_for_sniffing(exc.head), f"in its first {len(exc.head):,} bytes")
    except OSError as exc:
        file.problems.append(LoadError(f"cannot read file: {exc.strerror or exc}", kind="unreadable"))
        return file
    try:
        text = decode(data)
    except LoadError as exc:
        return _judge(file, exc, decode_for_sniffing(data), "in it")
    return parse(file, text, options)


def read_stream(stream: BinaryIO, path: str, display: str, options: SourceOptions | None = None) -> SourceFile:
    """Read a file from a stream (``ecslint check -``), with the checks :func:`read` makes."""
    file = SourceFile(path, display)
    try:
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            file.problems.append(
                LoadError(f"input too large: more than {MAX_BYTES:,} bytes; ECS documents are far smaller")
            )
            return file
        text = decode(data)
    except LoadError as exc:
        file.problems.append(exc)
        return file
    except OSError as exc:
        file.problems.append(LoadError(f"cannot read input: {exc.strerror or exc}", kind="unreadable"))
        return file
    return parse(file, text, options)


def parse(file: SourceFile, text: str, options: SourceOptions | None = None) -> SourceFile:
    """Parse decoded text into ``file`` (also used for text that is not on disk)."""
    file.text = text
    file.lines = lines = LineIndex(text)
    if not text.strip():
        file.skipped = "empty file"
        return file
    if file.display.lower().endswith(".tf"):
        return _terraform(file, text, options)
    as_yaml = file.display.lower().endswith(YAML_SUFFIXES) or text.lstrip()[:1] not in ("{", "[")
    if file.display.lower().endswith(".json"):
        as_yaml = False
    try:
        if as_yaml:
            from ecslint.load.yamlload import parse_yaml

            file.roots = list(parse_yaml(text, lines))
        else:
            from ecslint.load.jsonload import parse_json

            file.roots = [parse_json(text, lines)]
    except LoadError as exc:
        if looks_like_ecs(file.display, text):
            if not exc.hint:
                exc.hint = _syntax_hint(text, lines, exc)
            file.problems.append(exc)
        else:
            kind = "YAML" if as_yaml else "JSON"
            file.skipped = f"not valid {kind} ({exc}) and nothing ECS-related in it"
        return file
    reasons = [reason for data, smap in file.roots if (reason := extract(file, data, smap, options))]
    if not file.documents and not file.problems:
        file.skipped = reasons[0] if reasons else "no documents"
    return file


#: A Terraform file with ECS resources: its syntax errors are reported (ECS001), other
#: Terraform files are not ecslint's business.
_TERRAFORM_ECS = lazy(r'resource\s+"aws_(?:ecs_|ecr_|lb_target_group|alb_target_group)')


def _terraform(file: SourceFile, text: str, options: SourceOptions | None) -> SourceFile:
    from ecslint.sources import terraform

    try:
        reason = terraform.read(file, text, options)
    except LoadError as exc:
        if _TERRAFORM_ECS.search(text):
            file.problems.append(exc)
        else:
            file.skipped = f"not valid HCL ({exc}) and no ECS resource in it"
        return file
    if not file.documents and not file.problems:
        file.skipped = reason or "no documents"
    return file


#: A CloudFormation template: its ``${AWS::Region}`` are Fn::Sub variables, not a template
#: engine's placeholders.
_CLOUDFORMATION = lazy(r"\bAWS::[A-Za-z0-9]+::[A-Za-z0-9]+")
#: Two short-form functions on one value (``!Base64 !Sub ...``): not valid in a template.
_NESTED_SHORT_FORMS = lazy(r"(?<![\w!])!(?:Base64|Sub|GetAtt|Ref|Join|Select|Split|If|FindInMap|ImportValue|GetAZs|Cidr|Equals|Not|And|Or|Condition)[ \t]+!\w+")
#: The opening and the name of a placeholder: what a hint may quote (never a default value
#: such as ``${DB_PASSWORD:-hunter2}``, which may be a secret).
_PLACEHOLDER_NAME = lazy(r"(\$\{|\{\{-?\s*|\$\$|<|\$)([A-Za-z0-9_.]{0,40})")


def _syntax_hint(text: str, lines: LineIndex, exc: LoadError) -> str:
    """Why an ECS file may not parse: a template engine's placeholder outside a string, or
    in a CloudFormation template two short-form functions nested on one value."""
    if _CLOUDFORMATION.search(text) and "Resources" in text:
        nested = _NESTED_SHORT_FORMS.search(text)
        if nested:
            line, column = lines.position(nested.start())
            return (
                f"two short-form functions on one value at {line}:{column} (`!Base64 !Sub ...`) are not valid in a "
                "template: write the full function name for at least one of them (`Fn::Base64: !Sub ...`)"
            )
        return ""
    if "${{" in text and "aws-actions/amazon-ecs-" in text:
        return ""  # a workflow: its ${{ ... }} are GitHub's expressions, not a template's
    placeholder = first_placeholder(text, lines.offset(exc.line, exc.column))
    if placeholder is None:
        return ""
    line, column = lines.position(placeholder.start())
    whole = placeholder.group()
    named = _PLACEHOLDER_NAME.match(whole)
    shown = whole
    if named is not None and whole[named.end() :].strip() not in ("}", "}}", "-}}", "$$", ">", ""):
        shown = named.group() + "..."  # a default value or an expression follows the name
    return f"this looks like a template ({shown!r} at {line}:{column}): lint the rendered file instead"


def _judge(file: SourceFile, problem: LoadError, text: str, where: str) -> SourceFile:
    """``problem`` keeps ``file`` from being read in full: report it when the file looks
    like ECS (``text`` is what could be read of it), else skip the file."""
    if looks_like_ecs(file.display, text):
        file.problems.append(problem)
    else:
        file.skipped = f"{problem.message}, and nothing ECS-related {where}"
    return file


def looks_like_ecs(display: str, text: str) -> bool:
    """Whether a file that cannot be read as documents is meant to be ECS configuration:
    its text has a key only ECS or ECR documents use, or its name says so."""
    if _ECS_TEXT.search(text):
        return True
    name = "-".join(word.lower() for word in _NAME_WORD.findall(os.path.basename(display)))
    return _ECS_NAME.search(name) is not None
