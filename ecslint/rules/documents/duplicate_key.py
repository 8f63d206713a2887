"""ECS006: the same key twice in one object."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation, render_path
from ecslint.core.rule import rule
from ecslint.load.embedded import EmbeddedSourceMap
from ecslint.load.source import SourceFile

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator


@rule(
    id="ECS006",
    name="duplicate-key",
    severity="error",
    scope="file",
    kinds=("task-definition", "service", "lifecycle-policy"),
    tags=("syntax",),
    sources=("https://www.rfc-editor.org/rfc/rfc8259#section-4",),
)
def duplicate_key(file: SourceFile, ctx: Context) -> Iterator[Violation]:
    """The same key appears twice in one object; only the last value counts.

    What it does:
        Reports every repeated key of an object in a file that holds ECS documents
        (also inside a ``lifecyclePolicyText`` string, or a template's
        ``LifecyclePolicyText``, JSON in a Terraform heredoc), at the repeated key; in
        Terraform, also an argument set twice in one block.

    Why it matters:
        JSON leaves duplicate names undefined (RFC 8259 §4); the AWS CLI and SDKs keep
        the last one silently. A reviewer reads the first value while ECS uses the other:
        a ``memory`` edited in one place and not in its twin is simply ignored. Terraform
        refuses a block that sets an argument twice ("Attribute redefined").

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 512, "memory": 1024}]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 1024}]}
        ```

    How to fix:
        Keep one occurrence of the key, with the value you mean.
    """
    if not file.documents:
        return
    # The file's own roots, and the policies parsed out of ``lifecyclePolicyText`` strings.
    maps = [(smap, "") for _, smap in file.roots]
    for doc in file.documents:
        # Documents parsed out of strings: a policy's text (a template's repository owns its
        # policy, under its own spelling of the key), JSON in a heredoc (a document's parts
        # another source delegates to them, when they are in this file).
        if doc.shape == "policy-text" and isinstance(getattr(doc.locator, "sourcemap", None), EmbeddedSourceMap):
            maps.append((doc.locator.sourcemap, "LifecyclePolicyText" if doc.owner is not None else "lifecyclePolicyText"))
        for path, delegate in getattr(doc.locator, "delegates", {}).items():
            inner = getattr(delegate.locator, "sourcemap", None)
            if delegate.file is file and isinstance(inner, EmbeddedSourceMap):
                maps.append((inner, render_path(path) or "the policy"))
    for smap, inside in maps:
        for duplicate in smap.duplicates:
            line, column = smap.lines.position(duplicate.first[0])
            where = duplicate.where or inside or render_path(duplicate.path[:-1]) or "the top-level object"
            outcome = duplicate.outcome or "only the last value is used"
            yield Violation(
                duplicate.path,
                f"`{duplicate.path[-1]}` appears more than once in {where} (first at {line}:{column}); {outcome}",
                region=smap.offsets(*duplicate.key),
            )
