"""``NamedTuple`` for ecslint's record classes, made without typing's run-time checks.

``typing.NamedTuple`` checks each field's annotation when the class is made. Under
``from __future__ import annotations`` every annotation is a string, which it compiles
into a ``ForwardRef``: ~180,000 instructions a field, and the ~100 fields of the records
a check of one file imports cost 6% of the whole run (start-up, DESIGN §5). This
``NamedTuple`` makes the same class the same way (``collections.namedtuple``, then the
class body's docstring, methods and properties) without those checks; type checkers see
typing's own. Write ``from ecslint.core.records import NamedTuple`` and the class as usual::

    class Span(NamedTuple):
        start: int
        end: int = 0
"""

from __future__ import annotations

import collections

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
            made = collections.namedtuple(typename, list(fields), defaults=[ns[n] for n in defaults], module=ns["__module__"])
            made.__annotations__ = made.__new__.__annotations__ = dict(fields)
            for key in ns:
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, ns[key])
            return made

    NamedTuple = type.__new__(_RecordMaker, "NamedTuple", (), {})
