"""Errors raised by the bridge. Each names the module path it concerns, so that the message a .NET
caller sees in its ``PythonException`` says which module failed and why."""

from __future__ import annotations

from typing import Optional


class BridgeError(Exception):
    """A bridge operation on ``module_path`` failed; the original exception is chained as the cause."""

    def __init__(self, module_path: str, message: str) -> None:
        super().__init__(f"{module_path}: {message}")
        self.module_path = module_path


class ModuleResolutionError(BridgeError):
    """The module path could not be imported, or an attribute along it does not exist."""


class ModuleCreationError(BridgeError):
    """The module's class was found but constructing it failed (for example, bad keyword arguments)."""


class ModuleCallError(BridgeError):
    """Calling the module failed with the given arguments; the exception the module raised is the cause."""


class UnknownInstanceError(BridgeError):
    """No live instance has the given id (never created, or already destroyed)."""

    def __init__(self, instance_id: str, module_path: Optional[str] = None) -> None:
        super().__init__(module_path or "<instance>", f"no live instance with id {instance_id!r}")
        self.instance_id = instance_id


class PlainDataError(BridgeError):
    """A module returned a value that has no plain-data form (dict/list/str/int/float/bool/None/bytes)."""
