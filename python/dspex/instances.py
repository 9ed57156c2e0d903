"""The registry of live module instances that stateful sessions address by id."""

from __future__ import annotations

import itertools
import threading
from typing import Any

from .errors import UnknownInstanceError


class InstanceRegistry:
    """Thread-safe map from instance id to ``(module_path, instance)``.

    Ids are unique within the process and say what they hold (``DemoSearchOptimizer-3``), which helps
    when a .NET session-affinity error quotes one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counter = itertools.count(1)
        self._entries: dict[str, tuple[str, Any]] = {}

    def add(self, module_path: str, instance: Any) -> str:
        """Stores ``instance`` and returns its new id."""
        name = module_path.rsplit(".", 1)[-1]
        with self._lock:
            instance_id = f"{name}-{next(self._counter)}"
            self._entries[instance_id] = (module_path, instance)
        return instance_id

    def get(self, instance_id: str) -> tuple[str, Any]:
        """The module path and instance stored under ``instance_id``; raises ``UnknownInstanceError``."""
        with self._lock:
            entry = self._entries.get(instance_id)
        if entry is None:
            raise UnknownInstanceError(instance_id)
        return entry

    def remove(self, instance_id: str) -> bool:
        """Forgets the instance; ``False`` when there was none with that id."""
        with self._lock:
            return self._entries.pop(instance_id, None) is not None

    def snapshot(self) -> list[dict[str, str]]:
        """``[{"id": ..., "path": ...}]`` for every live instance, in creation order."""
        with self._lock:
            return [{"id": key, "path": path} for key, (path, _) in self._entries.items()]

    def clear(self) -> int:
        """Forgets every instance and returns how many there were."""
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
        return count
