"""A mutation fuzzer: real files, mutated, checked by ecslint in-process until time runs out.

    python tools/fuzz.py --corpus ../shared/corpus --seconds 120 --seed 7 --out out/fuzz

Each mutant is one file of the corpus changed by one to three mutations: a value of
another type, a member or element deleted, the text truncated, bytes flipped, a huge or
over-long number, nesting hundreds deep, unicode (controls, bidi overrides, surrogates,
line separators, a BOM, UTF-16), YAML tags, anchors, aliases and merge keys, Terraform
attributes given other expressions, lines deleted, duplicated or swapped. Worker processes (``--jobs``) check it as ``ecslint check
--select ALL`` does, then write the report in every format (the text one with its source
excerpts and colours) and plan every fix (``--fix --unsafe-fixes``, in memory: nothing is
written). A mutant fails on

- ``traceback``: an exception escaped the loader, the rules, a reporter or the fixer;
- ``internal-error``: an ECS008 finding (a rule or loader failed; the run would exit 2);
- ``unreadable``: a readable regular file reported unreadable (the run would exit 2);
- ``unlocated``: a finding whose line is not a line of its file, or whose column is not
  within that line;
- ``timeout``: no answer within ``--timeout`` seconds (the worker is killed);

and is then minimised (delta debugging by lines, then by bytes, keeping the same failure)
and saved under ``--out``: ``<kind>-<signature>/`` holds ``original/`` and ``minimised/``
(each the mutant under its file name) and ``failure.txt`` (what failed, the seed and index that regenerate it,
the mutations, the traceback). Mutant ``i`` of seed ``s`` depends on nothing else, so a
run is deterministic for its seed (how many mutants run depends on ``--seconds``; give
``--count`` for an exact number) and ``--replay s:i`` rebuilds one mutant.

Exit status: 0 when every mutant passed, 1 when one failed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from multiprocessing.connection import wait
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Files of a corpus that are about it, not in it.
_NOT_INPUT = {"MANIFEST.tsv", "README.md"}

#: Failures minimised per run (the others are saved as found): a bound on the run's time.
MINIMISED = 5

#: Each worker's address space, bytes: a mutant that needs more fails (MemoryError)
#: instead of taking the machine down.
MEMORY_LIMIT = 3 * 1024**3

# -- the corpus ----------------------------------------------------------------------------


def corpus_files(roots: list[str]) -> list[tuple[str, str]]:
    """(path, name to write the mutant under) of every file of ``roots``, sorted: a
    workflow keeps its ``.github/workflows/`` (it is recognised by where it is)."""
    out = []
    for root in roots:
        if os.path.isfile(root):
            out.append((root, os.path.basename(root)))
            continue
        for directory, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted(names):
                if name in _NOT_INPUT:
                    continue
                path = os.path.join(directory, name)
                if not os.path.isfile(path) or os.path.islink(path):
                    continue
                parts = Path(os.path.relpath(path, root)).parts
                keep = parts[parts.index(".github") :] if ".github" in parts else parts[-1:]
                out.append((path, os.path.join(*keep)))
    return sorted(set(out))


# -- mutations -----------------------------------------------------------------------------

#: Raw text put in place of a marker value after dumping: numbers and nesting JSON's and
#: YAML's dumpers would not write.
_RAW = "ZZRAW{}ZZ"

HUGE_NUMBERS = [
    "1e999", "-1e999", "1e-999", "-0", "-0.0", "0.000000000000000000000000000001", "18446744073709551616",
    "-9223372036854775809", "1" + "0" * 400, "9" * 4301, "9" * 5000, "1.5e308", "123456789.123456789e-300",
    "0x1F", "1_000", ".5", "1.", "+1", "NaN", "Infinity", "-Infinity",
]
UNICODE = [
    "\u202e", "\u200b", "\x00", "\x1b[31m", "\ufeff", "\u2028", "\u2029", "\x85", "\U0001f600", "e\u0301",
    "\ud800", "\udfff", "\u0130", "\u00df", "\uffff", "\U0010ffff", "\t", "\r", "\n", "\\", '"', "'", "\x7f",
    "\u0000\u001f", "\u3000", "\uff10", "\u0660", "ǅ", "${X}", "{{ x }}", "<PLACEHOLDER>", "$$X$$", "%s%n",
]
SCALARS = [
    None, True, False, 0, -1, 1, 2**31, 2**63, 2**64, -(2**63), 1.5, -0.0, 1e300, "", " ", "0", "-1", "512",
    "true", "null", "NaN", "${X}", "{{ x }}", "x" * 300, "arn:aws:iam::123456789012:role/x", "awsvpc", "FARGATE",
]
YAML_TAGS = [
    "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!binary ", "!!timestamp ", "!!set ", "!!omap ",
    "!!seq ", "!!map ", "!!python/object:os.system ", "!!python/name:os.system ", "!Ref ", "!GetAtt ", "!Sub ",
    "!Join ", "!If ", "!Base64 ", "!ImportValue ", "!FindInMap ", "!Select ", "!Split ", "!GetAZs ", "!Unknown ",
    "!<tag:yaml.org,2002:str> ", "! ",
]
FRAGMENTS = [
    "{", "}", "[", "]", ":", ",", '"', "'", "\\", "\\u", "\\ud83d", "${", "{{", "}}", "$$", "#", "//", "/*", "-",
    "? ", "&a ", "*a", "<<: *a", "---\n", "...\n", "%YAML 1.1\n", "\t", "\r", "\r\n", "\x00", "\x01", "\ufeff",
    "\u2028", "\x85", "null", "true", "1e999", "0x", "=", "<<EOF\n", "EOF\n", "${var.x}", "%{ if x }", "%{ endif }",
    "jsonencode(", ")", "\"\"\"", "|", ">", "!", "%", "@", "`",
]


def _paths(node, path=()):
    """Every (path, value) of a parsed document, root first."""
    out = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, path + (index,))
    return out


def _set(root, path, value):
    if not path:
        return value
    parent = root
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return root


def _delete(root, path):
    parent = root
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return root


class _Tagged:
    """A value under a tag the safe loader does not know (``!Ref x``), kept to dump back."""

    def __init__(self, tag, value):
        self.tag, self.value = tag, value


def _yaml_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def unknown(loader, suffix, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return _Tagged(node.tag, value)

    Loader.add_multi_constructor("!", unknown)
    return Loader


def _yaml_dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    def tagged(dumper, data):
        if isinstance(data.value, dict):
            return dumper.represent_mapping(data.tag, data.value)
        if isinstance(data.value, list):
            return dumper.represent_sequence(data.tag, data.value)
        return dumper.represent_scalar(data.tag, str(data.value))

    Dumper.add_representer(_Tagged, tagged)
    return Dumper


def _decode(data: bytes) -> tuple[str, str] | None:
    """(text, format) when ``data`` parses as JSON or YAML (by its name's looks)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text, ""


def _parse(text: str, name: str):
    import yaml

    if name.endswith((".tf", ".hcl", ".tpl", ".jsonnet")):
        return None
    try:
        return "json", json.loads(text)
    except (ValueError, RecursionError):
        pass
    if name.endswith((".yaml", ".yml", ".template")):
        try:
            return "yaml", yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - SafeLoader subclass
        except Exception:  # noqa: BLE001 - PyYAML fails in many ways on odd tags: then no tree
            pass
    return None


def _dump(kind: str, data, rng: random.Random, raws: list[str]) -> str:
    import yaml

    if kind == "json":
        text = json.dumps(data, indent=rng.choice([None, 1, 2, 4]), ensure_ascii=rng.random() < 0.5)
    else:
        text = yaml.dump(data, Dumper=_yaml_dumper(), sort_keys=False, allow_unicode=rng.random() < 0.5, width=rng.choice([80, 10**6]))
    for index, raw in enumerate(raws):
        marker = _RAW.format(index)
        text = text.replace(f'"{marker}"', raw).replace(marker, raw)
    return text


def _tree_mutation(rng: random.Random, data, raws: list[str]):
    """One change to a parsed document; (new document, what it did)."""
    nodes = _paths(data)
    path, value = rng.choice(nodes)
    what = rng.choice(["type-swap", "type-swap", "delete", "huge-number", "deep-nesting", "unicode", "duplicate", "key-unicode"])
    if what == "delete" and path:
        return _delete(data, path), f"delete {list(path)}"
    if what == "huge-number":
        raws.append(rng.choice(HUGE_NUMBERS))
        return _set(data, path, _RAW.format(len(raws) - 1)), f"huge-number {raws[-1][:20]!r} at {list(path)}"
    if what == "deep-nesting":
        depth = rng.choice([20, 100, 300, 499, 500, 501, 1000, 5000])
        opening, closing = rng.choice([("[", "]"), ('{"a":', "}")])
        inner = json.dumps(value if not isinstance(value, _Tagged) else value.value)
        raws.append(opening * depth + inner + closing * depth)
        return _set(data, path, _RAW.format(len(raws) - 1)), f"deep-nesting {depth} at {list(path)}"
    if what == "unicode":
        strings = [(p, v) for p, v in nodes if isinstance(v, str)]
        if strings:
            path, value = rng.choice(strings)
            at = rng.randrange(len(value) + 1)
            piece = rng.choice(UNICODE)
            return _set(data, path, value[:at] + piece + value[at:]), f"unicode {piece!r} in {list(path)}"
    if what == "key-unicode":
        dicts = [(p, v) for p, v in nodes if isinstance(v, dict) and v]
        if dicts:
            path, value = rng.choice(dicts)
            key = rng.choice(list(value))
            new = key + rng.choice(UNICODE) if rng.random() < 0.5 else key.upper() if isinstance(key, str) else ""
            value[new] = value.pop(key)
            return data, f"key {key!r} -> {new!r} at {list(path)}"
    if what == "duplicate" and path and isinstance(value, (dict, list)):
        return _set(data, path, [value, value] if isinstance(value, dict) else value + value), f"duplicate {list(path)}"
    choices = [s for s in SCALARS if type(s) is not type(value)] + [[], {}, [value], {"value": value}]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        choices.append(str(value))
    elif isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip() or "x"):
        choices.append(int(value))
    new = rng.choice(choices)
    return _set(data, path, new), f"type-swap {list(path)} -> {type(new).__name__}"


def _yaml_text_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    """A tag, an anchor and alias, or a merge key on a ``key: value`` line of YAML."""
    lines = text.split("\n")
    pairs = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w\"'./-]+:\s+\S", line)]
    blocks = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w\"'./-]+:\s*$", line)]
    what = rng.choice(["tag", "tag", "alias", "alias", "merge"])
    if what == "tag" and pairs:
        i = rng.choice(pairs)
        tag = rng.choice(YAML_TAGS)
        lines[i] = re.sub(r":\s+", lambda m: m.group(0) + tag, lines[i], count=1)
        return "\n".join(lines), f"yaml tag {tag.strip()} on line {i + 1}"
    if what == "alias" and len(pairs + blocks) >= 2:
        first, second = sorted(rng.sample(pairs + blocks, 2))
        lines[first] = re.sub(r":(\s+|$)", lambda m: ": &x" + (m.group(1) or ""), lines[first], count=1)
        if second in blocks:
            lines[second] = lines[second].rstrip() + " *x"
        else:
            lines[second] = re.sub(r":\s+.*$", ": *x", lines[second], count=1)
        return "\n".join(lines), f"yaml anchor on line {first + 1}, alias on line {second + 1}"
    if what == "merge" and blocks:
        first = rng.choice(blocks)
        lines[first] = lines[first].rstrip() + " &m"
        indent = len(lines[first]) - len(lines[first].lstrip(" -"))
        targets = [i for i in blocks if i > first] or [first]
        target = rng.choice(targets)
        below = indent + 2
        if target + 1 < len(lines):
            below = len(lines[target + 1]) - len(lines[target + 1].lstrip(" "))
        lines.insert(target + 1, " " * below + "<<: *m")
        return "\n".join(lines), f"yaml merge key after line {target + 1}"
    return _text_mutation(rng, text)


HCL_VALUES = [
    "null", "0", "-1", "1e999", "99999999999999999999999999", "true", '"x"', '""', '"${var.x}"', "var.undefined",
    "local.missing", "module.m.out", "data.aws_region.current.name", "each.value", "count.index", "[]", "{}", "[null]",
    "jsonencode([])", "jsonencode({})", "jsonencode(null)", "jsonencode([{}])", 'jsonencode([{ name = 1 }])',
    'file("missing.json")', 'templatefile("missing.tpl", {})', "<<EOF\n[]\nEOF", "<<-EOF\n  {\n  EOF",
    '"%{ if true }x%{ endif }"', 'upper("a")', "concat([], [1])", "merge({}, { a = 1 })", "[for x in [1] : x]",
    "tostring(1)", "jsondecode(\"[]\")", "try(local.a, null)", "x ? 1 : 2", "-", "[", "{", "(", 'jsonencode(',
]
HCL_TYPES = [
    "aws_ecs_task_definition", "aws_ecs_service", "aws_ecr_lifecycle_policy", "aws_ecr_repository",
    "aws_ecs_cluster", "aws_ecs_capacity_provider", "aws_lb_target_group", "aws_autoscaling_group", "aws_launch_template",
]


def _hcl_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    """An attribute of a Terraform file given another expression, or a resource another type."""
    lines = text.split("\n")
    attributes = [i for i, line in enumerate(lines) if re.match(r"^\s*[\w\"-]+\s*=\s*\S", line)]
    resources = [i for i, line in enumerate(lines) if re.match(r'^\s*(resource|data)\s+"\w+"', line)]
    if resources and rng.random() < 0.2:
        i = rng.choice(resources)
        kind = rng.choice(HCL_TYPES)
        lines[i] = re.sub(r'"\w+"', f'"{kind}"', lines[i], count=1)
        return "\n".join(lines), f"hcl resource on line {i + 1} -> {kind}"
    if attributes:
        i = rng.choice(attributes)
        value = rng.choice(HCL_VALUES)
        lines[i] = re.sub(r"=\s*.*$", lambda m: "= " + value, lines[i], count=1)
        return "\n".join(lines), f"hcl value {value[:20]!r} on line {i + 1}"
    return _text_mutation(rng, text)


def _text_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    what = rng.choice(["truncate", "delete-lines", "duplicate-line", "swap-lines", "insert", "insert", "replace", "crlf", "one-line"])
    if what == "truncate":
        at = rng.randrange(len(text) + 1)
        return text[:at], f"truncate at {at}"
    if what == "delete-lines" and len(lines) > 1:
        at = rng.randrange(len(lines))
        count = rng.choice([1, 1, 2, 5])
        return "\n".join(lines[:at] + lines[at + count :]), f"delete lines {at + 1}-{at + count}"
    if what == "duplicate-line":
        at = rng.randrange(len(lines))
        return "\n".join(lines[: at + 1] + lines[at:]), f"duplicate line {at + 1}"
    if what == "swap-lines" and len(lines) > 1:
        a, b = rng.sample(range(len(lines)), 2)
        lines[a], lines[b] = lines[b], lines[a]
        return "\n".join(lines), f"swap lines {a + 1} and {b + 1}"
    if what == "crlf":
        return text.replace("\n", "\r\n"), "crlf"
    if what == "one-line":
        return re.sub(r"\n\s*", " ", text), "one line"
    at = rng.randrange(len(text) + 1)
    piece = rng.choice(FRAGMENTS) * rng.choice([1, 1, 1, 2, 3, 50])
    if what == "replace":
        return text[:at] + piece + text[at + len(piece) :], f"replace at {at} with {piece[:20]!r}"
    return text[:at] + piece + text[at:], f"insert {piece[:20]!r} at {at}"


def _byte_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    what = rng.choice(["flip", "flip", "insert-bytes", "bom", "utf-16", "latin-1", "nul"])
    if what == "flip" and data:
        out = bytearray(data)
        places = sorted(rng.randrange(len(out)) for _ in range(rng.choice([1, 1, 2, 8])))
        for at in places:
            out[at] ^= 1 << rng.randrange(8)
        return bytes(out), f"flip bits at {places[:8]}"
    if what == "insert-bytes":
        at = rng.randrange(len(data) + 1)
        piece = bytes(rng.randrange(256) for _ in range(rng.choice([1, 2, 4, 16])))
        return data[:at] + piece + data[at:], f"insert bytes {piece.hex()} at {at}"
    if what == "bom":
        bom = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"])
        return bom + data, f"bom {bom.hex()}"
    text = data.decode("utf-8", errors="replace")
    if what == "utf-16":
        encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
        return text.encode(encoding, errors="replace"), f"encode {encoding}"
    if what == "latin-1":
        return text.encode("latin-1", errors="replace"), "encode latin-1"
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" + data[at:], f"insert NUL at {at}"


def mutate(rng: random.Random, data: bytes, name: str) -> tuple[bytes, list[str]]:
    """``data`` changed by one to three mutations; and what each did."""
    done = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        family = rng.choice(["tree", "tree", "tree", "yaml", "text", "text", "bytes"])
        try:
            data, what = _mutation(rng, data, name, family)
        except Exception as exc:  # noqa: BLE001 - a mutator's own bug must not stop the run
            what = f"{family} mutation failed ({type(exc).__name__}), none made"
        done.append(what)
    return data, done


def _mutation(rng: random.Random, data: bytes, name: str, family: str) -> tuple[bytes, str]:
    """One mutation of the ``family`` asked (another when it does not apply)."""
    decoded = _decode(data)
    if family in ("tree", "yaml", "text") and decoded is None:
        family = "bytes"
    if family == "tree":
        parsed = _parse(decoded[0], name)
        if parsed is None:
            family = "text"
        else:
            kind, tree = parsed
            raws: list[str] = []
            try:
                tree, what = _tree_mutation(rng, tree, raws)
                return _dump(kind, tree, rng, raws).encode("utf-8", errors="surrogatepass"), what
            except (RecursionError, ValueError, TypeError, UnicodeError) as exc:
                return data, f"tree mutation failed ({type(exc).__name__}), none made"
    if family in ("tree", "yaml") and name.endswith((".tf", ".tfvars")):
        text, what = _hcl_mutation(rng, decoded[0])
        return text.encode("utf-8"), what
    if family == "yaml" and not name.endswith((".yaml", ".yml", ".template")):
        family = "text"
    if family == "yaml":
        text, what = _yaml_text_mutation(rng, decoded[0])
        return text.encode("utf-8"), what
    if family == "text":
        text, what = _text_mutation(rng, decoded[0])
        return text.encode("utf-8", errors="surrogatepass"), what
    return _byte_mutation(rng, data)


def mutant(seed: int, index: int, files: list[tuple[str, str]]) -> tuple[str, str, bytes, list[str]]:
    """Mutant ``index`` of ``seed``: (source path, name, bytes, mutations)."""
    rng = random.Random(f"{seed}:{index}")
    path, name = files[rng.randrange(len(files))]
    with open(path, "rb") as handle:
        data = handle.read()
    data, mutations = mutate(rng, data, name)
    return path, name, data, mutations


# -- checking (in a worker process) --------------------------------------------------------


class _Sink:
    """A text stream that keeps only how much was written."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _innermost(exc: BaseException) -> str:
    """The exception's type and the innermost frame in ecslint (else the innermost)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}ecslint{os.sep}" in f.filename] or frames
    frame = ours[-1] if ours else None
    where = f" at {os.path.relpath(frame.filename, _ROOT)}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}{where}"


_ROOT = str(Path(__file__).resolve().parent.parent)


def check(path: str) -> list[tuple[str, str, str]]:
    """The failures of ``ecslint check --select ALL path`` as (kind, signature, detail)."""
    from ecslint.engine import INTERNAL_ERROR, Settings, load
    from ecslint.fix import runner
    from ecslint.output import github, sarif, text
    from ecslint.output import json as json_output

    failures = []
    try:
        session = load([path], Settings(select=["ALL"]))
        report = session.lint()
        for finding in report.findings:
            where = f"{finding.rule} {finding.region.line}:{finding.region.column}"
            if finding.rule == INTERNAL_ERROR:
                failures.append(("internal-error", re.sub(r"\bat \S+:\d+", "", finding.message), f"{where} {finding.message}"))
                continue
            kind, why = _unlocated(finding, report.sources.get(finding.path))
            if kind:
                failures.append(("unlocated", f"{finding.rule} {kind}", f"{where} {why}: {finding.message}"))
        for file in report.files:
            for problem in file.problems:
                if problem.kind == "unreadable":
                    failures.append(("unreadable", problem.message, str(problem)))
        json_output.write(report, _Sink(), statistics=False)
        sarif.write(report, _Sink(), warn=None)
        github.write(report, _Sink())
        text.write(report, _Sink(), excerpt=True, color=True, verbose=True)
        runner.run(session, report, unsafe=True, unwrap=True)
    except BaseException as exc:  # noqa: BLE001 - what the fuzzer is looking for
        if isinstance(exc, KeyboardInterrupt):
            raise
        failures.append(("traceback", _innermost(exc), "".join(traceback.format_exception(exc))))
    return failures


def _unlocated(finding, file) -> tuple[str, str]:
    """Why ``finding`` is not inside its file, as (reason without numbers, reason); or
    empty strings. A file that could not be decoded is positioned in the text its
    bytes give with undecodable bytes replaced (as the loader reports them)."""
    from ecslint.load.text import decode_for_sniffing

    r = finding.region
    if r.line < 1 or r.column < 1:
        return "starts before the file", f"starts at {r.line}:{r.column}"
    text = getattr(file, "text", None)
    if text is None:
        try:
            with open(file.path, "rb") as handle:
                text = decode_for_sniffing(handle.read())
        except (AttributeError, OSError, TypeError):
            if (r.line, r.column) == (1, 1):
                return "", ""
            return "not in a file", f"at {r.line}:{r.column} in no file"
    lines = text.split("\n")
    if r.line > len(lines):
        return "line past the end", f"line {r.line} of {len(lines)}"
    if r.column > len(lines[r.line - 1]) + 1:
        return "column past the end of its line", f"column {r.column} past the end of line {r.line} ({len(lines[r.line - 1])} long)"
    if (r.end_line, r.end_column) < (r.line, r.column) or r.end_line > len(lines):
        return "end before its start or past the end", f"ends at {r.end_line}:{r.end_column}"
    return "", ""


def _warm() -> None:
    """Import what checking needs before the workers fork, so each starts warm."""
    from ecslint.engine import Registry
    from ecslint.fix import runner  # noqa: F401
    from ecslint.output import github, sarif, text  # noqa: F401
    from ecslint.output import json as json_output  # noqa: F401

    Registry.default()


def _worker(connection) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    while True:
        job = connection.recv()
        if job is None:
            return
        key, path = job
        started = time.monotonic()
        result = check(path)
        connection.send((key, result, time.monotonic() - started))


class Pool:
    """Worker processes that check one file at a time each, killed past a timeout."""

    def __init__(self, jobs: int, timeout: float):
        self.timeout = timeout
        self.context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.workers = [self._start() for _ in range(jobs)]
        self.busy: dict[int, tuple[object, float]] = {}  # worker index -> (key, deadline)

    def _start(self):
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(theirs,), daemon=True)
        process.start()
        theirs.close()
        return process, ours

    def free(self) -> int | None:
        return next((i for i in range(len(self.workers)) if i not in self.busy), None)

    def submit(self, key, path: str) -> None:
        index = self.free()
        assert index is not None
        self.workers[index][1].send((key, path))
        self.busy[index] = (key, time.monotonic() + self.timeout)

    def collect(self) -> list[tuple[object, list, float]]:
        """Wait for at least one answer (or timeout); the (key, failures, seconds) done."""
        if not self.busy:
            return []
        deadline = min(d for _, d in self.busy.values())
        connections = {self.workers[i][1]: i for i in self.busy}
        ready = wait(list(connections), timeout=max(0.0, deadline - time.monotonic()))
        done = []
        for connection in ready:
            index = connections[connection]
            key, _ = self.busy.pop(index)
            try:
                _, failures, seconds = connection.recv()
            except (EOFError, OSError):  # the worker died (killed by the kernel?)
                failures, seconds = [("traceback", "worker died", "the worker process died")], 0.0
                self._restart(index)
            done.append((key, failures, seconds))
        now = time.monotonic()
        for index, (key, due) in list(self.busy.items()):
            if due <= now and self.workers[index][1] not in ready:
                del self.busy[index]
                self._restart(index)
                done.append((key, [("timeout", "timeout", f"no answer in {self.timeout:g} s")], self.timeout))
        return done

    def _restart(self, index: int) -> None:
        process, connection = self.workers[index]
        process.kill()
        process.join()
        connection.close()
        self.workers[index] = self._start()

    def run_one(self, path: str) -> list:
        self.submit("one", path)
        while True:
            for _, failures, _ in self.collect():
                return failures

    def close(self) -> None:
        for process, connection in self.workers:
            try:
                connection.send(None)
            except OSError:
                pass
        for process, connection in self.workers:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()


# -- minimising ----------------------------------------------------------------------------


def ddmin(items: list, fails, budget_end: float) -> list:
    """The smallest subsequence of ``items`` found for which ``fails`` still holds
    (Zeller's delta debugging, by complements), within the time budget."""
    granularity = 2
    while len(items) >= 2 and time.monotonic() < budget_end:
        size = math.ceil(len(items) / granularity)
        for start in range(0, len(items), size):
            if time.monotonic() >= budget_end:
                return items
            rest = items[:start] + items[start + size :]
            if rest and fails(rest):
                items = rest
                granularity = max(granularity - 1, 2)
                break
        else:
            if granularity >= len(items):
                break
            granularity = min(len(items), granularity * 2)
    return items


def minimise(pool: Pool, data: bytes, name: str, wanted: tuple[str, str], workdir: str, seconds: float) -> bytes:
    """``data`` cut down, by lines then by bytes, to what still fails as ``wanted``."""
    end = time.monotonic() + seconds
    path = os.path.join(workdir, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)

    def fails(candidate: bytes) -> bool:
        with open(path, "wb") as handle:
            handle.write(candidate)
        return any((kind, signature) == wanted for kind, signature, _ in pool.run_one(path))

    lines = ddmin(data.splitlines(keepends=True), lambda parts: fails(b"".join(parts)), end)
    data = b"".join(lines)
    if len(data) <= 20000:
        data = bytes(ddmin(list(data), lambda parts: fails(bytes(parts)), end))
    return data


# -- the run -------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60] or "failure"


class Failure:
    """A distinct failure: the first mutant that showed it, and how many did."""

    def __init__(self, kind: str, signature: str, detail: str, key: int, source: str, name: str, data: bytes, mutations: list[str]):
        self.kind, self.signature, self.detail = kind, signature, detail
        self.key, self.source, self.name, self.data, self.mutations = key, source, name, data, mutations
        self.count = 1


def campaign(args: argparse.Namespace, files: list[tuple[str, str]], pool: Pool, work: str) -> tuple[int, dict, list]:
    """Mutants ``0, 1, ...`` of ``args.seed``, checked by the pool until time (or
    ``--count``) runs out: (how many ran, failures by (kind, signature), slow ones)."""
    stop = time.monotonic() + args.seconds
    failures: dict[tuple[str, str], Failure] = {}
    slow: list[tuple[float, int]] = []
    pending: dict[int, tuple[str, str, bytes, list[str]]] = {}
    index = count = 0

    def more() -> bool:
        return index < args.count if args.count is not None else time.monotonic() < stop

    while True:
        while more() and pool.free() is not None:
            source, name, data, mutations = mutant(args.seed, index, files)
            path = os.path.join(work, str(index), name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
            pending[index] = (source, name, data, mutations)
            pool.submit(index, path)
            index += 1
        if not pool.busy:
            return count, failures, slow
        for key, found, seconds in pool.collect():
            count += 1
            source, name, data, mutations = pending.pop(key)
            shutil.rmtree(os.path.join(work, str(key)), ignore_errors=True)
            if seconds > args.slow:
                slow.append((seconds, key))
            for kind, signature, detail in found:
                if (kind, signature) in failures:
                    failures[(kind, signature)].count += 1
                    continue
                failures[(kind, signature)] = Failure(kind, signature, detail, key, source, name, data, mutations)
                print(f"fuzz: FAIL {kind}: {signature} (mutant {args.seed}:{key} of {source}: {'; '.join(mutations)})", flush=True)
                print("    " + detail.strip().replace("\n", "\n    "), flush=True)


def save(args: argparse.Namespace, failure: Failure, small: bytes) -> str:
    """Write the failure's original and minimised input and its description under ``--out``."""
    folder = os.path.join(args.out, f"{failure.kind}-{_slug(failure.signature)}")
    for where, content in (("original", failure.data), ("minimised", small)):
        target = os.path.join(folder, where, failure.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(content)
    corpus = " ".join(f"--corpus {c}" for c in args.corpus)
    with open(os.path.join(folder, "failure.txt"), "w", encoding="utf-8") as handle:
        handle.write(
            f"kind: {failure.kind}\nsignature: {failure.signature}\nmutants showing it: {failure.count}\n"
            f"replay: python tools/fuzz.py --replay {args.seed}:{failure.key} {corpus}\n"
            f"source: {failure.source}\nmutations: {'; '.join(failure.mutations)}\n"
            f"original: {len(failure.data)} bytes, minimised: {len(small)} bytes\n\n{failure.detail}\n"
        )
    return folder


def fuzz(args: argparse.Namespace) -> int:
    files = corpus_files(args.corpus)
    if not files:
        print(f"fuzz: no files in {', '.join(args.corpus)}", file=sys.stderr)
        return 2
    _warm()
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="ecslint-fuzz-")
    pool = Pool(args.jobs, args.timeout)
    try:
        count, failures, slow = campaign(args, files, pool, work)
        elapsed = time.monotonic() - started
        print(
            f"fuzz: seed {args.seed}: {count} mutants of {len(files)} files in {elapsed:.1f} s "
            f"({count / max(elapsed, 1e-9):.1f}/s), {len(failures)} distinct failure(s)",
            flush=True,
        )
        for seconds, key in sorted(slow, reverse=True)[:5]:
            print(f"fuzz: slow: mutant {args.seed}:{key} took {seconds:.1f} s")
        for number, failure in enumerate(failures.values(), 1):
            small = failure.data
            if args.minimise_seconds > 0 and number <= MINIMISED:
                wanted = (failure.kind, failure.signature)
                small = minimise(pool, failure.data, failure.name, wanted, os.path.join(work, f"min-{number}"), args.minimise_seconds)
            folder = save(args, failure, small)
            print(f"fuzz: saved {folder} ({len(failure.data)} -> {len(small)} bytes)", flush=True)
    finally:
        pool.close()
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


def replay(args: argparse.Namespace) -> int:
    seed, _, index = args.replay.partition(":")
    source, name, data, mutations = mutant(int(seed), int(index), corpus_files(args.corpus))
    target = os.path.join(args.out, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)
    print(f"{target}: mutant {args.replay} of {source}: {'; '.join(mutations)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", required=True, metavar="DIR", help="files to mutate (repeatable)")
    parser.add_argument("--seconds", type=float, default=60, help="stop starting mutants after this long (default 60)")
    parser.add_argument("--count", type=int, help="run exactly this many mutants instead")
    parser.add_argument("--seed", type=int, default=0, help="the seed: the same seed makes the same mutants")
    parser.add_argument("--out", default="out/fuzz", metavar="DIR", help="where failing inputs are saved (default out/fuzz)")
    parser.add_argument(
        "--jobs", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2,
        help="worker processes (default: the usable CPUs)",
    )
    parser.add_argument("--timeout", type=float, default=20, help="seconds one mutant may take (default 20)")
    parser.add_argument("--slow", type=float, default=2, help="list mutants slower than this many seconds (default 2)")
    parser.add_argument("--minimise-seconds", type=float, default=60, help=f"time to minimise each of the first {MINIMISED} failures (default 60; 0: none)")
    parser.add_argument("--replay", metavar="SEED:INDEX", help="write that one mutant under --out and stop")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args)
    return fuzz(args)


if __name__ == "__main__":
    sys.exit(main())
