"""Markers that let plain-data arguments stand for Python objects the bridge owns or builds.

A DSPy optimizer's ``compile(student, trainset=...)`` takes a live module and ``dspy.Example``
objects, which plain data cannot carry. So an argument may be:

- ``{"__dspex_instance__": "ChainOfThought-3"}`` (``instance_ref(id)``): that live instance;
- ``{"__dspex_example__": {...fields}, "inputs": ["question"]}`` (``example_ref(fields, inputs)``):
  a ``dspy.Example`` with those input keys (needs dspy).

Markers are honoured as top-level arguments and as elements of top-level lists that hold dicts, so
large numeric arguments are never walked.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

INSTANCE = "__dspex_instance__"
EXAMPLE = "__dspex_example__"


def instance_ref(instance_id: str) -> dict[str, str]:
    """The argument that stands for the live instance ``instance_id``."""
    return {INSTANCE: instance_id}


def example_ref(fields: dict[str, Any], inputs: Optional[list[str]] = None) -> dict[str, Any]:
    """The argument that stands for ``dspy.Example(**fields).with_inputs(*inputs)``."""
    return {EXAMPLE: dict(fields), "inputs": list(inputs or [])}


def resolve_arguments(
    args: list[Any], kwargs: dict[str, Any], lookup: Callable[[str], Any]
) -> tuple[list[Any], dict[str, Any]]:
    """``args`` and ``kwargs`` with markers replaced; ``lookup`` maps an instance id to its instance."""
    return [_top(a, lookup) for a in args], {k: _top(v, lookup) for k, v in kwargs.items()}


def _top(value: Any, lookup: Callable[[str], Any]) -> Any:
    if type(value) is dict:
        return _marker(value, lookup)
    if type(value) is list and value and type(value[0]) is dict:
        return [_marker(v, lookup) if type(v) is dict else v for v in value]
    return value


def _marker(value: dict[str, Any], lookup: Callable[[str], Any]) -> Any:
    if INSTANCE in value and len(value) == 1:
        return lookup(value[INSTANCE])
    if EXAMPLE in value and set(value) <= {EXAMPLE, "inputs"}:
        return _example(value[EXAMPLE], value.get("inputs") or [])
    return value


def _example(fields: Any, inputs: list[str]) -> Any:
    try:
        import dspy
    except ImportError as exc:
        raise ValueError("an example argument needs dspy, which is not importable in this Python") from exc
    if not isinstance(fields, dict):
        raise ValueError(f"example fields must be a dict, not {type(fields).__name__}")
    example = dspy.Example(**fields)
    return example.with_inputs(*inputs) if inputs else example
