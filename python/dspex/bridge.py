"""The bridge the .NET side calls: create modules by dotted path, call them, get plain data back.

Both executors use it: the in-process executor calls these functions through the CPython C API, and
the process worker calls them for each request it reads. Every failure is a ``BridgeError`` whose
message starts with the module path, with the original exception chained as its cause.

    iid = create("dspy.ChainOfThought", {"signature": "question -> answer"})
    call_instance(iid, kwargs={"question": "..."})       # {"reasoning": ..., "answer": ...}
    call("dspex.examples.api.normalize", ["  Héllo  "])   # "hello"

Arguments may refer to live instances and build ``dspy.Example`` objects (see ``references``), so a
DSPy optimizer can be compiled against a student created earlier in the same session.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import threading
from typing import Any, Optional

from .categories import declared_category, validate_category
from .errors import (
    BridgeError,
    ModuleCallError,
    ModuleCreationError,
    ModuleResolutionError,
    UnknownInstanceError,
)
from .instances import InstanceRegistry
from .plain import to_plain
from .references import resolve_arguments

_registry = InstanceRegistry()
_resolved: dict[str, Any] = {}
_defaults: dict[str, Any] = {}
_defaults_lock = threading.Lock()
_categories: dict[str, str] = {}
_categories_lock = threading.Lock()


def resolve(module_path: str) -> Any:
    """The object a dotted path names: the longest importable module prefix, then attributes.

    ``dspy.teleprompt.MIPROv2`` imports ``dspy.teleprompt`` and returns its ``MIPROv2``. Raises
    ``ModuleResolutionError`` naming the path when the import or an attribute lookup fails.
    """
    cached = _resolved.get(module_path)
    if cached is not None:
        return cached
    parts = _split(module_path)
    module, used = _import_module_prefix(module_path, parts)
    target: Any = module
    for index in range(used, len(parts)):
        name = parts[index]
        try:
            target = getattr(target, name)
        except AttributeError as exc:
            owner = ".".join(parts[:index])
            hint = _close_names(target, name)
            raise ModuleResolutionError(
                module_path, f"'{owner}' has no attribute '{name}'{hint}"
            ) from exc
    _resolved[module_path] = target
    return target


def create(module_path: str, kwargs: Optional[dict[str, Any]] = None) -> str:
    """Constructs the class (or calls the factory) at ``module_path`` with ``kwargs`` and keeps the
    instance alive; returns its id for ``call_instance`` and ``destroy``."""
    factory = resolve(module_path)
    instance = _construct(module_path, factory, kwargs or {})
    return _registry.add(module_path, instance)


def call(
    module_path: str,
    args: Optional[list[Any]] = None,
    kwargs: Optional[dict[str, Any]] = None,
    plain: bool = True,
) -> Any:
    """Calls the function at ``module_path``, or the shared default instance of the class there.

    A class is constructed once without arguments (stateless modules keep their indexes warm) and its
    instance is called. With ``plain`` the result is converted by ``to_plain``; without it the raw
    Python object comes back (for zero-copy buffer access from .NET).
    """
    target = resolve(module_path)
    if isinstance(target, type):
        target = _default_instance(module_path, target)
    return _invoke(module_path, target, args, kwargs, plain)


def call_instance(
    instance_id: str,
    args: Optional[list[Any]] = None,
    kwargs: Optional[dict[str, Any]] = None,
    method: Optional[str] = None,
    plain: bool = True,
) -> Any:
    """Calls the live instance ``instance_id`` (or its public ``method``) and returns the result."""
    module_path, instance = _registry.get(instance_id)
    target = instance
    label = module_path
    if method is not None:
        label = f"{module_path}.{method}"
        if not method or method.startswith("_"):
            raise ModuleCallError(label, f"method name {method!r} is not a public method name")
        target = getattr(instance, method, None)
        if target is None:
            raise ModuleCallError(label, f"instance {instance_id!r} has no method '{method}'{_close_names(instance, method)}")
    return _invoke(label, target, args, kwargs, plain)


def destroy(instance_id: str) -> bool:
    """Forgets a live instance; ``False`` when no instance had that id."""
    return _registry.remove(instance_id)


def instances() -> list[dict[str, str]]:
    """The live instances: ``[{"id": ..., "path": ...}]``."""
    return _registry.snapshot()


def instance_path(instance_id: str) -> str:
    """The module path a live instance was created from."""
    return _registry.get(instance_id)[0]


def register_category(module_path: str, category: str) -> None:
    """Declares the category of a module you cannot decorate (a third-party DSPy class)."""
    _split(module_path)
    declared = validate_category(category)
    with _categories_lock:
        _categories[module_path] = declared


def unregister_category(module_path: str) -> bool:
    """Removes a category registered with ``register_category``; ``False`` when there was none."""
    with _categories_lock:
        return _categories.pop(module_path, None) is not None


def category_of(module_path: str, missing_ok: bool = False) -> Optional[str]:
    """The category declared for ``module_path`` (``optimizer``/``neural``/``general``), or ``None``.

    A registered category wins over one declared in code. The .NET router puts a declared category
    ahead of name-based rules. An unresolvable path raises ``ModuleResolutionError`` unless
    ``missing_ok``, when it gives ``None``.
    """
    with _categories_lock:
        registered = _categories.get(module_path)
    if registered is not None:
        return registered
    try:
        target = resolve(module_path)
    except ModuleResolutionError:
        if missing_ok:
            return None
        raise
    try:
        return declared_category(target)
    except (TypeError, ValueError) as exc:
        raise BridgeError(module_path, f"declares an invalid category: {exc}") from exc


def describe(module_path: str) -> dict[str, Any]:
    """What a path names: kind, declared category, parameters with their type hints, summary."""
    target = resolve(module_path)
    kind = "class" if isinstance(target, type) else "function" if inspect.isroutine(target) else "object"
    description: dict[str, Any] = {
        "path": module_path,
        "kind": kind,
        "category": category_of(module_path),
        "summary": (inspect.getdoc(target) or "").split("\n", 1)[0],
    }
    if kind == "class":
        description["init"] = _parameters(target)
        if any("__call__" in vars(base) for base in target.__mro__ if base is not object):
            description["call"] = _parameters(target.__call__)
    elif callable(target):
        description["call"] = _parameters(target)
    return description


def reset() -> None:
    """Forgets live instances, default instances, registered categories and cached lookups."""
    _registry.clear()
    with _defaults_lock:
        _defaults.clear()
    with _categories_lock:
        _categories.clear()
    _resolved.clear()


def _split(module_path: str) -> list[str]:
    if not isinstance(module_path, str) or not module_path.strip():
        raise ModuleResolutionError(
            repr(module_path), "a module path must be a dotted name such as 'package.module.Name'"
        )
    parts = module_path.split(".")
    if not all(part.isidentifier() for part in parts):
        raise ModuleResolutionError(
            module_path, "a module path must be dotted Python identifiers such as 'package.module.Name'"
        )
    return parts


def _import_module_prefix(module_path: str, parts: list[str]) -> tuple[Any, int]:
    # Shortest prefix first: the first import that fails on its own name ends the module part of the
    # path, and an import that fails on anything else is reported against the module that failed.
    module: Any = None
    for used in range(1, len(parts) + 1):
        candidate = ".".join(parts[:used])
        try:
            module = importlib.import_module(candidate)
        except ModuleNotFoundError as exc:
            if exc.name == candidate:
                if module is None:
                    raise ModuleResolutionError(
                        module_path,
                        f"no module named '{candidate}' (is it installed for this Python and on sys.path?)",
                    ) from exc
                return module, used - 1
            raise ModuleResolutionError(
                module_path, f"importing '{candidate}' failed: it needs '{exc.name}', which is not installed"
            ) from exc
        except Exception as exc:
            raise ModuleResolutionError(
                module_path, f"importing '{candidate}' failed: {type(exc).__name__}: {exc}"
            ) from exc
    return module, len(parts)


def _close_names(owner: Any, name: str) -> str:
    try:
        names = [n for n in dir(owner) if not n.startswith("_")]
    except Exception:
        return ""
    close = difflib.get_close_matches(name, names, n=3)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _construct(module_path: str, factory: Any, kwargs: dict[str, Any]) -> Any:
    if not callable(factory):
        raise ModuleCreationError(module_path, f"is a {type(factory).__name__}, not a class or factory")
    if not isinstance(kwargs, dict) or not all(isinstance(k, str) for k in kwargs):
        raise ModuleCreationError(module_path, "keyword arguments must be a dict with str keys")
    kwargs = _references(module_path, [], kwargs, ModuleCreationError)[1]
    try:
        return factory(**kwargs)
    except BridgeError:
        raise
    except Exception as exc:
        if isinstance(exc, TypeError):
            _check_binding(module_path, factory, [], kwargs, "constructor", exc)
        raise ModuleCreationError(module_path, f"construction failed: {type(exc).__name__}: {exc}") from exc


def _default_instance(module_path: str, cls: type) -> Any:
    instance = _defaults.get(module_path)
    if instance is not None:
        return instance
    with _defaults_lock:
        instance = _defaults.get(module_path)
        if instance is None:
            instance = _construct(module_path, cls, {})
            _defaults[module_path] = instance
    return instance


def _invoke(
    label: str, target: Any, args: Optional[list[Any]], kwargs: Optional[dict[str, Any]], plain: bool
) -> Any:
    if not callable(target):
        raise ModuleCallError(label, f"is a {type(target).__name__}, which cannot be called")
    keywords = dict(kwargs) if kwargs is not None else {}
    if not all(isinstance(k, str) for k in keywords):
        raise ModuleCallError(label, "keyword arguments must have str keys")
    positional, keywords = _references(label, list(args) if args is not None else [], keywords, ModuleCallError)
    try:
        result = target(*positional, **keywords)
    except BridgeError:
        raise
    except Exception as exc:
        if isinstance(exc, TypeError):
            _check_binding(label, target, positional, keywords, "call", exc)
        raise ModuleCallError(label, f"{type(exc).__name__}: {exc}") from exc
    return to_plain(result, label) if plain else result


def _references(
    label: str, args: list[Any], kwargs: dict[str, Any], error: type[BridgeError]
) -> tuple[list[Any], dict[str, Any]]:
    try:
        return resolve_arguments(args, kwargs, lambda instance_id: _registry.get(instance_id)[1])
    except UnknownInstanceError as exc:
        raise error(label, f"an argument refers to no live instance: {exc.instance_id!r}") from exc
    except ValueError as exc:
        raise error(label, str(exc)) from exc


def _check_binding(
    label: str, target: Any, args: list[Any], kwargs: dict[str, Any], what: str, raised: TypeError
) -> None:
    # Only after a TypeError, so successful calls pay nothing: binding the arguments again tells bad
    # arguments apart from a TypeError raised inside the module.
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return
    try:
        signature.bind(*args, **kwargs)
    except TypeError as exc:
        raise (ModuleCreationError if what == "constructor" else ModuleCallError)(
            label, f"bad arguments for its {what}: {exc}; it takes {signature}"
        ) from raised


def _parameters(target: Any) -> list[dict[str, Any]]:
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return []
    result = []
    for parameter in signature.parameters.values():
        if parameter.name == "self":
            continue
        entry: dict[str, Any] = {"name": parameter.name, "kind": parameter.kind.name.lower()}
        if parameter.annotation is not inspect.Parameter.empty:
            entry["type"] = _annotation_text(parameter.annotation)
        if parameter.default is not inspect.Parameter.empty:
            entry["default"] = repr(parameter.default)
        result.append(entry)
    return result


def _annotation_text(annotation: Any) -> str:
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))
