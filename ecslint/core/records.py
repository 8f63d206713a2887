"""``NamedTuple`` for ecslint's record classes, made without typing's run-time checks.

``typing.NamedTuple`` checks each field's annotation when the class is made. Under
``from __future__ import annotations`` every annotation is a string, which it compiles
into a ``ForwardRef``: ~180,000 instructions a field, and the ~100 fields of the records
a check of one file imports cost 6% of the whole run (start-up, DESIGN §5). This
``NamedTuple`` makes the same class the same way (:func:`namedtuple`, then the class
body's docstring, methods and properties) without those checks; type checkers see
typing's own. Write ``from ecslint.core.records import NamedTuple`` and the class as usual::

    class Span(NamedTuple):
        start: int
        end: int = 0
"""

from __future__ import annotations

import sys
from _collections import _tuplegetter

TYPE_CHECKING = False  # not ``from typing import TYPE_CHECKING``: the point is not to need it
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    #: What a record's body may not define (namedtuple's own), as typing refuses.
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace", "_asdict", "_source"}
    )
    #: What the body holds that is not copied onto the class.
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _RecordMaker(type):
        """typing's ``NamedTupleMeta`` without the annotation checks (and without
        ``Generic``, which no record uses)."""

        def __new__(cls, typename: str, bases: tuple, ns: dict):
            if bases != (NamedTuple,):
                raise TypeError("a record derives from NamedTuple alone")
            fields = ns.get("__annotations__", {})
            defaults = []
            for name in fields:
                if name in ns:
                    defaults.append(name)
                elif defaults:
                    raise TypeError(
                        f"Non-default namedtuple field {name} cannot follow default field{'s' if len(defaults) > 1 else ''} "
                        f"{', '.join(defaults)}"
                    )
            made = namedtuple(typename, tuple(fields), [ns[n] for n in defaults], ns["__module__"])
            made.__annotations__ = made.__new__.__annotations__ = dict(fields)
            for key in ns:
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, ns[key])
            return made

    NamedTuple = type.__new__(_RecordMaker, "NamedTuple", (), {})


#: ``__new__`` of a record of n fields, its parameters to be renamed: one ``eval`` for each
#: number of fields, not one for each record (~250,000 instructions each).
_NEW_BY_ARITY: dict[int, object] = {}


def _new(typename: str, fields: tuple[str, ...]):
    arity = len(fields)
    template = _NEW_BY_ARITY.get(arity)
    if template is None:
        names = ", ".join(f"_{i}" for i in range(arity)) + ("," if arity == 1 else "")
        namespace = {"_tuple_new": tuple.__new__, "__builtins__": {}, "__name__": "namedtuple"}
        template = _NEW_BY_ARITY[arity] = eval(f"lambda _cls, {names}: _tuple_new(_cls, ({names}))", namespace)  # noqa: S307
    code = template.__code__.replace(co_varnames=("_cls",) + fields)  # type: ignore[attr-defined]
    namespace = dict(template.__globals__, __name__=f"namedtuple_{typename}")  # type: ignore[attr-defined]
    return type(template)(code, namespace, "__new__")


def namedtuple(typename: str, fields: tuple[str, ...], defaults: list, module: str) -> type:
    """``collections.namedtuple(typename, fields, defaults=defaults, module=module)``, the
    same class (tests/test_startup.py compares), its ``__new__`` made from a template."""
    for name in fields:
        if name.startswith("_"):
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
    typename = sys.intern(typename)
    fields = tuple(map(sys.intern, fields))
    field_defaults = dict(zip(fields[len(fields) - len(defaults) :], defaults))
    num_fields = len(fields)
    arg_list = ", ".join(fields) + ("," if num_fields == 1 else "")
    repr_fmt = "(" + ", ".join(f"{name}=%r" for name in fields) + ")"
    tuple_new = tuple.__new__

    __new__ = _new(typename, fields)
    __new__.__doc__ = f"Create new instance of {typename}({arg_list})"
    if defaults:
        __new__.__defaults__ = tuple(defaults)

    @classmethod  # type: ignore[misc]
    def _make(cls, iterable):
        result = tuple_new(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    _make.__func__.__doc__ = f"Make a new {typename} object from a sequence or iterable"

    def _replace(self, /, **kwds):
        result = self._make(map(kwds.pop, fields, self))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    _replace.__doc__ = f"Return a new {typename} object replacing specified fields with new values"

    def __repr__(self):
        """Return a nicely formatted representation string"""
        return self.__class__.__name__ + repr_fmt % self

    def _asdict(self):
        """Return a new dict which maps field names to their values."""
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        """Return self as a plain tuple.  Used by copy and pickle."""
        return tuple(self)

    for method in (__new__, _make.__func__, _replace, __repr__, _asdict, __getnewargs__):
        method.__qualname__ = f"{typename}.{method.__name__}"

    namespace = {
        "__doc__": f"{typename}({arg_list})",
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
    }
    for index, name in enumerate(fields):
        namespace[name] = _tuplegetter(index, sys.intern(f"Alias for field number {index}"))
    made = type(typename, (tuple,), namespace)
    made.__module__ = module
    return made
