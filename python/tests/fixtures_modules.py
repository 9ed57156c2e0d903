"""Modules the bridge tests create and call by path (``fixtures_modules.Counter`` and friends)."""

from __future__ import annotations

from typing import Optional

from dspex import category


class Accumulator:
    """A stateful module: each call adds to a running total."""

    def __init__(self, start: int = 0, step: int = 1) -> None:
        self.total = start
        self.step = step

    def __call__(self, times: int = 1) -> int:
        self.total += self.step * times
        return self.total

    def reset(self, to: int = 0) -> int:
        self.total = to
        return self.total


class Failing:
    """Raises from inside its call (not an argument error)."""

    def __call__(self, text: str) -> str:
        raise ValueError(f"cannot handle {text!r}")


class TypeErrorInside:
    """Raises a TypeError from inside a correctly-bound call."""

    def __call__(self, value: int) -> int:
        return value + "1"  # type: ignore[operator]


class BrokenConstructor:
    def __init__(self, size: int) -> None:
        raise RuntimeError(f"no room for {size}")


class Counter:
    """Counts how many times it was constructed, to check default-instance caching."""

    constructed = 0

    def __init__(self) -> None:
        Counter.constructed += 1

    def __call__(self) -> int:
        return Counter.constructed


@category("neural")
class DeclaredNeural:
    def __call__(self) -> str:
        return "neural"


class InheritsNeural(DeclaredNeural):
    pass


class BadDeclaration:
    __dspex_category__ = "gpu-ish"


class AttributeDeclared:
    __dspex_category__ = "Optimizer"


@category("optimizer")
def declared_function(x: int) -> int:
    return x * 2


def plain_function(a: int, b: int = 2, *, scale: Optional[int] = None) -> int:
    return (a + b) * (scale or 1)


def returns_unconvertible() -> object:
    return object()


NOT_CALLABLE = 42


class Holder:
    """Holds another module instance, as a DSPy optimizer holds its student."""

    def __init__(self, inner: Accumulator) -> None:
        self.inner = inner

    def poke(self) -> int:
        return self.inner()


def sum_totals(accumulators: list) -> int:
    return sum(a.total for a in accumulators)


def echo(*args: object, **kwargs: object) -> list:
    return [list(args), kwargs]
