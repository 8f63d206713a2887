"""Values that name another resource of the same template or module.

``TaskDefinition: !Ref WebTask`` is unknown until the stack is deployed (it is an ARN with
a revision), so no rule may judge it as text; but it says exactly which resource is meant,
which is what the cross-document rules need (a service against its task definition, a
target group, a capacity provider's Auto Scaling group). A :class:`Reference` is an
:class:`~ecslint.load.placeholders.Unknown` (every model and the schema pass treat it as
unknown) that the workspace can follow.
"""

from __future__ import annotations

from ecslint.core.lazyre import lazy
from ecslint.load.placeholders import Unknown

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

#: The placeholder :func:`placeholder` writes for a reference to a whole resource
#: (``${Repository}``: a logical id, letters and digits only).
RESOURCE_PLACEHOLDER = lazy(r"\$\{([A-Za-z0-9]+)\}")


class Reference(Unknown):
    """An unknown value computed from the resource ``target`` of ``scope`` (a template in
    one condition scenario, a Terraform module), optionally one of its ``attribute``\\ s."""

    __slots__ = ("scope", "target", "attribute")

    def __init__(self, source: Any, scope: Any, target: str, attribute: str | None = None):
        super().__init__(source)
        self.scope = scope
        self.target = target
        self.attribute = attribute

    @property
    def placeholder(self) -> str:
        """How the value reads inside a string that has known parts (``${Repo.Arn}``)."""
        return "${" + self.target + ("." + self.attribute if self.attribute else "") + "}"

    def __repr__(self) -> str:
        return f"Reference({self.target!r}, {self.attribute!r})"


class FileReference(Unknown):
    """A file a document names by its path, such as the task-definition file of a
    workflow's render or deploy step: unknown as text (no rule judges the path), followed
    by the workspace to the documents of that file.

    ``path`` is relative to the repository root (POSIX), ``root`` that root on disk. ``via`` is the id of the earlier step whose output this value is (the file is
    then that step's own), ``written_by`` the label of an earlier step that may write the
    file (the repository's copy is then not what is read), ``nearby`` the paths the author
    may have meant, for a did-you-mean: (repository path, why, whether it counts only when
    the repository has that file), ``checkout`` the directory the repository is checked
    out in (the input gives ``checkout/path``)."""

    __slots__ = ("path", "root", "via", "written_by", "nearby", "checkout")

    def __init__(
        self,
        source: Any,
        path: str,
        root: str,
        via: str | None = None,
        written_by: str | None = None,
        nearby: list[tuple[str, str, bool]] | None = None,
        checkout: str = "",
    ):
        super().__init__(source)
        self.path = path
        self.root = root
        self.via = via
        self.written_by = written_by
        self.nearby = nearby or []
        #: Where the workflow checks the repository out (``actions/checkout``'s ``path``):
        #: what the input must put before ``path``.
        self.checkout = checkout

    @property
    def absolute(self) -> str:
        """Where the file is on disk."""
        import os

        return os.path.join(self.root, *self.path.split("/"))

    def __repr__(self) -> str:
        return f"FileReference({self.path!r})"


def placeholder(value: Any) -> str:
    """The text that stands for an unknown part of a string (``Fn::Join`` of known and
    unknown parts): a ``${...}`` placeholder, which the models read as unknown while the
    known parts stay readable (an image's tag ``latest``)."""
    if isinstance(value, Reference):
        return value.placeholder
    source = value.source if isinstance(value, Unknown) else None
    if isinstance(source, dict) and isinstance(source.get("Ref"), str):
        return "${" + source["Ref"] + "}"
    return "${?}"
