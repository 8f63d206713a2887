"""Read one file: bytes, text, parsed roots, documents; never an exception.

What is reported for a file that cannot be parsed is a judgement call, made here once:
broken or hostile bytes (binary, not UTF-8, too large, too deep, an alias bomb) are always
``ECS001``; a plain syntax error is ``ECS001`` when the file looks like ECS configuration
(its text or name says so, or it is a template), and otherwise the file is skipped, so that
pre-commit does not fail a commit over some other tool's JSON-with-comments.
"""

from __future__ import annotations

import os
import re

from ecslint.load.errors import LoadError
from ecslint.load.files import TooLarge, read_regular
from ecslint.load.placeholders import first_placeholder
from ecslint.load.sniff import extract
from ecslint.load.source import SourceFile
from ecslint.load.text import LineIndex, decode

#: Far above any ECS document (a task definition is at most 64 KiB, a CloudFormation
#: template 1 MB) and small enough to parse in bounded time and memory.
MAX_BYTES = 4 * 1024 * 1024

YAML_SUFFIXES = (".yaml", ".yml")

_ECS_TEXT = re.compile(
    r"containerDefinitions|taskDefinition|serviceName|rulePriority|lifecyclePolicyText|tagStatus"
    r"|countType|AWS::EC[SR]::|portMappings|logConfiguration|requiresCompatibilities|desiredCount"
    r"|[\"']?essential[\"']?\s*:"
)
_ECS_NAME = re.compile(r"task[-_.]?def|container[-_.]?def|ecs|ecr|lifecycle", re.IGNORECASE)


def read(path: str, display: str, *, context: bool = False) -> SourceFile:
    file = SourceFile(path, display, context)
    try:
        text = decode(read_regular(path, MAX_BYTES))
    except TooLarge as exc:
        file.problems.append(LoadError(f"{exc.strerror}; ECS documents are far smaller", always=True))
        return file
    except LoadError as exc:
        file.problems.append(exc)
        return file
    except OSError as exc:
        file.problems.append(LoadError(f"cannot read file: {exc.strerror or exc}", always=True, kind="unreadable"))
        return file
    return parse(file, text)


def parse(file: SourceFile, text: str) -> SourceFile:
    """Parse decoded text into ``file`` (also used for text that is not on disk)."""
    file.text = text
    file.lines = lines = LineIndex(text)
    if not text.strip():
        file.skipped = "empty file"
        return file
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
        if exc.always or _looks_like_ecs(file.display, text):
            placeholder = first_placeholder(text, lines.offset(exc.line, exc.column))
            if placeholder and not exc.hint:
                line, column = lines.position(placeholder.start())
                exc.hint = (
                    f"this looks like a template ({placeholder.group()!r} at {line}:{column}): "
                    "lint the rendered file instead"
                )
            file.problems.append(exc)
        else:
            kind = "YAML" if as_yaml else "JSON"
            file.skipped = f"not valid {kind} ({exc}) and nothing ECS-related in it"
        return file
    reasons = [reason for data, smap in file.roots if (reason := extract(file, data, smap))]
    if not file.documents and not file.problems:
        file.skipped = reasons[0] if reasons else "no documents"
    return file


def _looks_like_ecs(display: str, text: str) -> bool:
    return bool(_ECS_TEXT.search(text) or _ECS_NAME.search(os.path.basename(display)))
