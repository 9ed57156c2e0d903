"""``python3 -m dspex.examples NAME [ARGS]``: runs one function of ``dspex.examples.api`` and prints JSON.

ARGS is JSON: an object gives keyword arguments, an array positional ones, any other value the one
positional argument; text that is not JSON is passed as one string. ``list`` prints the functions.

    python3 -m dspex.examples normalize "  Héllo   Wörld "
    python3 -m dspex.examples retrieve '{"query": "why does dough rise", "k": 2}'
    python3 -m dspex.examples optimize '{"budget": 500, "seed": 1}'
"""

from __future__ import annotations

import inspect
import json
import sys
import time
from typing import Any, Optional

from .. import bridge
from ..errors import BridgeError
from . import api

API_MODULE = "dspex.examples.api"


def functions() -> dict[str, Any]:
    """The public functions of ``dspex.examples.api`` by name."""
    return {
        name: value
        for name, value in vars(api).items()
        if inspect.isfunction(value) and not name.startswith("_") and value.__module__ == api.__name__
    }


def parse_arguments(text: Optional[str]) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments from the command line's ARGS text."""
    if text is None:
        return [], {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return [text], {}
    if isinstance(value, dict):
        return [], value
    if isinstance(value, list):
        return value, {}
    return [value], {}


def main(argv: list[str]) -> int:
    """Runs the command; returns its exit code (0 success, 1 the module failed, 2 bad usage)."""
    known = functions()
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__.strip())
        print("\nfunctions: " + ", ".join(sorted(known)))
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name == "list":
        listing = [
            {
                "name": fn_name,
                "path": f"{API_MODULE}.{fn_name}",
                "category": bridge.category_of(f"{API_MODULE}.{fn_name}"),
                "signature": f"{fn_name}{inspect.signature(fn)}",
            }
            for fn_name, fn in sorted(known.items())
        ]
        print(json.dumps(listing, indent=2))
        return 0
    if name not in known:
        print(f"dspex.examples: unknown function '{name}'; expected one of: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    if len(rest) > 1:
        print("dspex.examples: give the arguments as one JSON value (quote it)", file=sys.stderr)
        return 2
    args, kwargs = parse_arguments(rest[0] if rest else None)
    path = f"{API_MODULE}.{name}"
    started = time.perf_counter()
    try:
        result = bridge.call(path, args, kwargs)
    except BridgeError as error:
        cause = f" (caused by {type(error.__cause__).__name__})" if error.__cause__ else ""
        print(f"dspex.examples: {error}{cause}", file=sys.stderr)
        return 1
    output = {
        "module": path,
        "category": bridge.category_of(path),
        "seconds": round(time.perf_counter() - started, 6),
        "result": result,
    }
    print(json.dumps(output, ensure_ascii=False, default=_bytes_as_hex))
    return 0


def _bytes_as_hex(value: Any) -> str:
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
