"""Turns module outputs into plain data: dict, list, str, int, float, bool, None and bytes.

Plain data is what both transports carry (the in-process conversions and the process worker's wire
format), so every output crosses to .NET the same way whichever pool ran it.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import enum
from typing import Any, Optional

from .errors import PlainDataError

_SCALARS = (str, int, float, bool, bytes, type(None))
_KEY_TYPES = (str, int, float, bool, bytes)


def to_plain(value: Any, module_path: str = "<value>") -> Any:
    """Converts ``value`` to plain data; ``module_path`` names the module in the error if it cannot.

    DSPy ``Example``/``Prediction`` objects (anything with ``toDict()``) become dicts, numpy arrays and
    scalars become lists and numbers, dataclasses and named tuples become dicts, tuples and sets become
    lists. An object may define ``__dspex_plain__()`` to say how it converts.
    """
    return _convert(value, module_path, "result", set())


def _convert(value: Any, module_path: str, where: str, active: set[int]) -> Any:
    # Enum first: IntEnum and StrEnum are also int and str.
    if isinstance(value, enum.Enum):
        return _convert(value.value, module_path, where, active)
    if isinstance(value, _SCALARS):
        if type(value) in _SCALARS:
            return value
        # Subclasses of scalars (numpy.float64 is a float) become the plain type.
        for scalar in (bool, int, float, str, bytes):
            if isinstance(value, scalar):
                return scalar(value)
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)

    custom = getattr(type(value), "__dspex_plain__", None)
    if custom is not None:
        return _nested(custom(value), module_path, where, active, value)

    to_dict = getattr(value, "toDict", None)
    if callable(to_dict) and not isinstance(value, type):
        return _nested(to_dict(), module_path, where, active, value)

    numpy_form = _numpy_form(value)
    if numpy_form is not None:
        return _nested(numpy_form[0], module_path, where, active, value)

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return _nested(fields, module_path, where, active, value)

    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return _nested(dict(value._asdict()), module_path, where, active, value)

    if isinstance(value, dict) or _is_mapping(value):
        marker = id(value)
        _enter(marker, active, module_path, where)
        try:
            return {
                _key(k): _convert(v, module_path, f"{where}[{k!r}]", active) for k, v in value.items()
            }
        finally:
            active.discard(marker)

    if isinstance(value, (list, tuple, set, frozenset)) or _is_sequence(value):
        marker = id(value)
        _enter(marker, active, module_path, where)
        try:
            items = list(value)
            if isinstance(value, (set, frozenset)):
                items = _sorted_if_possible(items)
            return [_convert(v, module_path, f"{where}[{i}]", active) for i, v in enumerate(items)]
        finally:
            active.discard(marker)

    raise PlainDataError(
        module_path,
        f"cannot convert {where} of type {type(value).__module__}.{type(value).__qualname__} to plain data "
        "(dict/list/str/int/float/bool/None/bytes); define __dspex_plain__ on it or return plain data",
    )


def _nested(converted: Any, module_path: str, where: str, active: set[int], source: Any) -> Any:
    marker = id(source)
    _enter(marker, active, module_path, where)
    try:
        return _convert(converted, module_path, where, active)
    finally:
        active.discard(marker)


def _enter(marker: int, active: set[int], module_path: str, where: str) -> None:
    if marker in active:
        raise PlainDataError(module_path, f"{where} contains itself; plain data cannot be cyclic")
    active.add(marker)


def _key(key: Any) -> Any:
    if isinstance(key, enum.Enum):
        key = key.value
    return key if isinstance(key, _KEY_TYPES) else str(key)


def _numpy_form(value: Any) -> Optional[tuple[Any]]:
    # Duck-typed so that numpy is never imported here: arrays and numpy scalars carry dtype and tolist.
    if type(value).__module__ != "numpy" or not hasattr(value, "dtype"):
        return None
    if hasattr(value, "tolist"):
        return (value.tolist(),)
    return None


def _is_mapping(value: Any) -> bool:
    return isinstance(value, collections.abc.Mapping)


def _is_sequence(value: Any) -> bool:
    # Deques, ranges, dict views and generators; scalars (str, bytes) were handled before this.
    return isinstance(
        value,
        (collections.abc.Sequence, collections.abc.Set, collections.abc.MappingView, collections.abc.Iterator),
    )


def _sorted_if_possible(items: list[Any]) -> list[Any]:
    try:
        return sorted(items)
    except TypeError:
        return items
