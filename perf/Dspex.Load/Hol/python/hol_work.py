"""CPU-bound optimizer stand-in for the head-of-line suite, run in the project's process workers."""

import time


def spin(ms):
    """Busy-loops in Python for ms milliseconds of wall time (holding this process's own GIL)."""
    end = time.perf_counter() + ms / 1000.0
    n = 0
    while time.perf_counter() < end:
        n += 1
    return n
