"""Functions the chaos harness's general pool calls in-process, through the embedded interpreter: a short
spin that returns its input, a Python error, and a pure-Python loop past any timeout that only the host's
cancellation (an asynchronous exception scheduled into the calling thread) ends."""

import time


class ChaosInProcessError(Exception):
    """Raised on purpose, so the host can check the type name it reports."""


def echo(job_id, spin_us):
    """Spins spin_us microseconds of Python bytecode and returns the job id."""
    end = time.perf_counter() + spin_us / 1_000_000.0
    while time.perf_counter() < end:
        pass
    return job_id


def fail(job_id):
    raise ChaosInProcessError("chaos job %d raised on purpose" % job_id)


def loop(job_id):
    """Never returns by itself; `except Exception` must not swallow the host's cancellation either."""
    n = 0
    while True:
        try:
            while True:
                n += 1
        except Exception:
            pass
    return job_id
