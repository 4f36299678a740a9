"""Frozen records: the classes `@dataclass(frozen=True, slots=True)` makes, cheaper to define.

On Python 3.11 the standard dataclass compiles six small functions for every frozen class
(about 0.45 ms a class): the model's nine classes took a twelfth of a warm `list --json`.
`record` gives the same class — `__slots__`, an `__init__` taking the fields in order with
their defaults, attributes that cannot be set or deleted (dataclasses.FrozenInstanceError),
`__eq__` and `__hash__` over the fields, a dataclass-style `__repr__`, `__match_args__`,
`__post_init__`, copying and pickling — compiling only the `__init__`. Type checkers read it
as a frozen dataclass (PEP 681). `replace` stands for `dataclasses.replace`; `derived()` marks
a field worked out in `__post_init__` (not an argument, not compared, not shown: dataclasses'
`field(init=False, compare=False, repr=False)`).

Deliberately small: no inheritance between records, no default factories (defaults are shared,
so they must be immutable), no ordering.
"""

from __future__ import annotations

import sys
from operator import attrgetter
from typing import Any, Literal, TypeVar, cast

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.10
    from typing_extensions import dataclass_transform

R = TypeVar("R")

_DERIVED: Any = type("Derived", (), {"__repr__": lambda self: "<derived>"})()
_MISSING: Any = object()
_set = object.__setattr__


def derived(*, init: Literal[False] = False) -> Any:
    """A field set by `__post_init__` from the others (`object.__setattr__(self, name, v)`)."""
    return _DERIVED


@dataclass_transform(frozen_default=True, field_specifiers=(derived,))
def record(cls: type[R]) -> type[R]:
    """The frozen, slotted record class of `cls`, whose annotations (in order) are its fields."""
    fields: list[str] = []
    hidden: list[str] = []
    defaults: dict[str, Any] = {}
    # the class's own annotations (inspect.get_annotations would import inspect, 2 ms)
    annotations: dict[str, Any] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    for name, annotation in annotations.items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, _MISSING)
        if value is _DERIVED:
            hidden.append(name)
            continue
        if value is _MISSING and defaults:
            raise TypeError(f"{cls.__name__}: field {name!r} without a default follows one with")
        fields.append(name)
        if value is not _MISSING:
            defaults[name] = value
    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in fields and key not in hidden and key not in ("__dict__", "__weakref__")
    }
    namespace["__slots__"] = (*fields, *hidden)
    namespace["__match_args__"] = tuple(fields)
    namespace["__record_fields__"] = tuple(fields)
    namespace["_values"] = staticmethod(_getter(fields))
    namespace.update(_METHODS)
    made = type(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    init = _init(made, fields, defaults, "__post_init__" in namespace)
    init.__annotations__ = {name: annotations[name] for name in fields} | {"return": None}
    setattr(made, "__init__", init)  # noqa: B010 - mypy will not have __init__ assigned
    return cast("type[R]", made)


def replace(obj: R, /, **changes: Any) -> R:
    """A copy of the record `obj` with some fields changed (as `dataclasses.replace`)."""
    fields: tuple[str, ...] = obj.__record_fields__  # type: ignore[attr-defined]
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    return type(obj)(**{name: changes.get(name, getattr(obj, name)) for name in fields})


def _getter(fields: list[str]) -> Any:
    """The fields' values as one tuple (attrgetter of one name gives the value alone)."""
    if len(fields) == 1:
        only = fields[0]
        return lambda obj: (getattr(obj, only),)
    return attrgetter(*fields) if fields else (lambda obj: ())


def _init(cls: type, fields: list[str], defaults: dict[str, Any], post_init: bool) -> Any:
    """Compile the one method that must know the fields by name: __init__."""
    params = ", ".join(f"{name}=_default_{name}" if name in defaults else name for name in fields)
    lines = [f"  _set(self, {name!r}, {name})" for name in fields]
    if post_init:
        lines.append("  self.__post_init__()")
    body = "\n".join(lines) or "  pass"
    # compiled inside a function so that defaults and _set are closure cells, not globals, and
    # in the module's globals so that typing.get_type_hints resolves its annotations
    source = f"def __make(_set, {', '.join(f'_default_{n}' for n in defaults)}):\n"
    source += f" def __init__(self, {params}) -> None:\n{body}\n return __init__\n"
    local: dict[str, Any] = {}
    exec(source, vars(sys.modules[cls.__module__]), local)
    init = local["__make"](_set, *defaults.values())
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self._values(self) == other._values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._values(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_fields__)
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: Any) -> None:
    from dataclasses import FrozenInstanceError

    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    from dataclasses import FrozenInstanceError

    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, name) for name in self.__slots__]


def _setstate(self: Any, state: list[Any]) -> None:
    # copy and pickle restore a record through here, past the frozen __setattr__
    for name, value in zip(self.__slots__, state, strict=True):
        _set(self, name, value)


_METHODS = {
    "__eq__": _eq,
    "__hash__": _hash,
    "__repr__": _repr,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
    "__getstate__": _getstate,
    "__setstate__": _setstate,
}
