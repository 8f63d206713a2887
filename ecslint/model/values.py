"""Lenient typed reads of JSON values.

The schema pass reports what is malformed; the model keeps only what is well formed, so
rules can trust types and never crash on a string where a number belongs. Every accessor
answers with the value, ``None`` (absent or malformed) or :data:`UNKNOWN` (a placeholder
or a value CloudFormation computes: present, but not ours to judge).

A member written as ``null`` is absent, not unknown: Terraform's AWS provider and the
GitHub deploy action read it so, and a rule that took ``"memory": null`` for a value would
judge nothing (:func:`without_nulls` gives the models that view, once per document).
"""

from __future__ import annotations

from ecslint.load.placeholders import is_unknown

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator, TypeVar, Union

    T = TypeVar("T")
    Maybe = Union[T, None, Any]  # the value, None, or UNKNOWN
else:
    Maybe = object  # for annotations only: typing is not imported at run time


class _UnknownType:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value: compare with `is UNKNOWN` first")


#: A value that is present but only known after templating or deployment.
UNKNOWN: Any = _UnknownType()


def integer(value: Any) -> Maybe[int]:
    """An integer (``14.0`` counts, as in JSON Schema; booleans do not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return UNKNOWN if is_unknown(value) else None


def string(value: Any) -> Maybe[str]:
    if is_unknown(value):
        return UNKNOWN
    return value if isinstance(value, str) else None


def named(value: Any) -> Maybe[bool]:
    """Whether a member that names something (an ARN, a name) is set: a non-empty string,
    or a reference to a resource of the template or module, whose ARN or name is never
    empty though it is known only once deployed; UNKNOWN for another placeholder or
    computed value (a parameter may be empty); False when absent, null, empty or not a
    string."""
    from ecslint.sources.references import Reference

    if isinstance(value, Reference):
        return True
    text = string(value)
    if text is UNKNOWN:
        return UNKNOWN
    return isinstance(text, str) and text != ""


def boolean(value: Any) -> Maybe[bool]:
    if isinstance(value, bool):
        return value
    return UNKNOWN if is_unknown(value) else None


def mapping(value: Any) -> dict:
    """An object, or an empty one: absent and malformed read the same."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> Iterator[tuple[int, dict]]:
    """(index, object) for each object in an array; other elements are skipped."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def without_nulls(value: Any) -> Any:
    """``value`` with every object member whose value is ``null`` left out, at any depth
    (array elements are kept: a ``null`` in a list is malformed, not absent). The same
    object comes back when there is no such member, and only the objects on the way to
    one are copied."""
    if isinstance(value, dict):
        out = None
        for key, item in value.items():
            kept = without_nulls(item) if isinstance(item, (dict, list)) else item
            if kept is not item or item is None:
                if out is None:
                    out = dict(value)
                if item is None:
                    del out[key]
                else:
                    out[key] = kept
        return value if out is None else out
    if isinstance(value, list):
        copy = None
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                kept = without_nulls(item)
                if kept is not item:
                    if copy is None:
                        copy = list(value)
                    copy[index] = kept
        return value if copy is None else copy
    return value


def null_members(value: Any, path: tuple = ()) -> Iterator[tuple]:
    """The path of every object member whose value is ``null`` (what :func:`without_nulls`
    leaves out)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None:
                yield path + (key,)
            elif isinstance(item, (dict, list)):
                yield from null_members(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                yield from null_members(item, path + (index,))


def nonempty_list(value: Any) -> bool:
    """An array with at least one element: a feature is in use when its list is written
    with something in it (``[]`` and a malformed value use nothing)."""
    return isinstance(value, list) and len(value) > 0


def strings(value: Any) -> Maybe[tuple[str, ...]]:
    """An array of strings; UNKNOWN if any element (or the array) is unknown."""
    if is_unknown(value):
        return UNKNOWN
    if not isinstance(value, list):
        return None
    out = []
    for item in value:
        if is_unknown(item):
            return UNKNOWN
        if isinstance(item, str):
            out.append(item)
    return tuple(out)


class cached:
    """``functools.cached_property`` without its lock (Python 3.11 takes an RLock on every
    first access, a measurable cost when thousands of documents are read): computed on
    first access and stored in the instance, which then shadows this non-data descriptor.
    Models are built and read by one thread."""

    def __init__(self, fn: Any):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value
