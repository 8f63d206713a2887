"""What the security rules share. Not a rule module: the family ``__init__`` does not list it."""

from __future__ import annotations

from ecslint.model.values import UNKNOWN

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.taskdef import Container, TaskDefinition


def container_users(td: TaskDefinition, *, windows: bool) -> Iterator[tuple[Container, str | None]]:
    """Each Windows (or Linux) container of ``td`` with its ``user``, trimmed, or None when
    it sets none (absent, null or blank: it then runs as the image's default user). A
    placeholder is not judged, nor a value of another type (wrong-type reports it)."""
    for container in td.containers:
        if td.is_windows_container(container) is not windows:
            continue
        user = container.user
        if user is UNKNOWN or user is None and container.data.get("user") is not None:
            continue
        yield container, (user.strip() or None) if isinstance(user, str) else None
