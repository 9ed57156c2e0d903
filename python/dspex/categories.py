"""Declared module categories: how a Python module tells the .NET router which pool it belongs to.

A declared category overrides name-based routing (the router's category rules come first). Declare it
with the ``@category("neural")`` decorator or a ``__dspex_category__`` class attribute; subclasses inherit
it. For classes you cannot edit (third-party DSPy modules) register it by path with
``dspex.bridge.register_category``.
"""

from __future__ import annotations

from typing import Callable, Optional, TypeVar

OPTIMIZER = "optimizer"
NEURAL = "neural"
GENERAL = "general"

#: The categories the default routing rules know; they are also the default pool names.
CATEGORIES: tuple[str, ...] = (OPTIMIZER, NEURAL, GENERAL)

#: The attribute a class or function carries its declared category in.
ATTRIBUTE = "__dspex_category__"

T = TypeVar("T")


def validate_category(name: str) -> str:
    """Returns ``name`` lower-cased when it is a known category; raises ``ValueError`` naming it otherwise."""
    if not isinstance(name, str):
        raise TypeError(f"a dspex category must be a str, not {type(name).__name__}")
    normalized = name.strip().lower()
    if normalized not in CATEGORIES:
        raise ValueError(f"unknown dspex category {name!r}; expected one of {', '.join(CATEGORIES)}")
    return normalized


def category(name: str) -> Callable[[T], T]:
    """Decorator that declares the category of a class or function: ``@category("optimizer")``."""
    declared = validate_category(name)

    def mark(target: T) -> T:
        setattr(target, ATTRIBUTE, declared)
        return target

    return mark


def declared_category(target: object) -> Optional[str]:
    """The category declared on a class, function, bound method or instance; ``None`` when none is.

    Raises ``ValueError`` when the declared value is not a known category, so a typo is reported
    instead of silently falling back to name-based routing.
    """
    value = getattr(target, ATTRIBUTE, None)
    if value is None:
        # A bound method carries the declaration on its function or its class.
        function = getattr(target, "__func__", None)
        owner = getattr(target, "__self__", None)
        value = getattr(function, ATTRIBUTE, None) if function is not None else None
        if value is None and owner is not None:
            value = getattr(owner, ATTRIBUTE, None)
    if value is None:
        return None
    return validate_category(value)
