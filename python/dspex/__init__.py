"""dspex: the Python side of Dspex for .NET.

``dspex.bridge`` creates and calls modules by dotted path and returns plain data; ``dspex.category``
declares which pool (optimizer / neural / general) a module belongs to; ``dspex.examples`` holds the
built-in modules that run without DSPy. Standard library only; uses dspy and numpy when importable.
"""

from .categories import CATEGORIES, GENERAL, NEURAL, OPTIMIZER, category, declared_category
from .errors import (
    BridgeError,
    ModuleCallError,
    ModuleCreationError,
    ModuleResolutionError,
    PlainDataError,
    UnknownInstanceError,
)
from .plain import to_plain
from .references import example_ref, instance_ref

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "GENERAL",
    "NEURAL",
    "OPTIMIZER",
    "BridgeError",
    "ModuleCallError",
    "ModuleCreationError",
    "ModuleResolutionError",
    "PlainDataError",
    "UnknownInstanceError",
    "category",
    "declared_category",
    "example_ref",
    "instance_ref",
    "to_plain",
]
