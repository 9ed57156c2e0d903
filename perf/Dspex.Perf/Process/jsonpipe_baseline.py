"""Baseline for the process-worker round-trip benchmark: the naive design, one thread, 4-byte length + JSON."""

import importlib
import json
import struct
import sys


def main():
    rin, wout = sys.stdin.buffer, sys.stdout.buffer
    modules = {}
    while True:
        header = rin.read(4)
        if len(header) < 4:
            return
        request = json.loads(rin.read(struct.unpack("<I", header)[0]))
        module = modules.get(request["module"]) or modules.setdefault(request["module"], importlib.import_module(request["module"]))
        try:
            reply = {"result": getattr(module, request["function"])(*request["args"])}
        except Exception as exc:  # the baseline reports errors like the worker does, minus the traceback
            reply = {"error": type(exc).__name__, "message": str(exc)}
        body = json.dumps(reply).encode()
        wout.write(struct.pack("<I", len(body)) + body)
        wout.flush()


if __name__ == "__main__":
    main()
