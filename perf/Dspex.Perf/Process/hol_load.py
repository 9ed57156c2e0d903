"""Head-of-line benchmark load: a tiny call (the probe) and a pure-Python CPU spin (the optimizer flood)."""
import time


def tiny():
    return 1


def spin(seconds):
    # Pure Python bytecode, so an in-process caller holds the GIL for the whole loop (bar the switch interval).
    deadline = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < deadline:
        n += 1
    return n
