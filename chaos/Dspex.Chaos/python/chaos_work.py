"""Functions the chaos harness runs in its process workers: short sleeps and spins that return their
input, a Python error, a hang that SIGINT ends, and a hang that swallows SIGINT until it is killed."""

import os
import time


def work(job_id, sleep_ms):
    """Sleeps like an I/O-bound step and returns the job id, so the host can tell its answer apart."""
    time.sleep(sleep_ms / 1000.0)
    return job_id


def spin(job_id, spin_ms):
    """Burns CPU for spin_ms like a CPU-bound optimizer step."""
    end = time.perf_counter() + spin_ms / 1000.0
    n = 0
    while time.perf_counter() < end:
        n += 1
    return job_id


def fail(job_id):
    raise ValueError("chaos job %d raised on purpose" % job_id)


def hang(job_id):
    """Sleeps far past any timeout; the host's SIGINT turns into KeyboardInterrupt here."""
    time.sleep(600)
    return job_id


def hang_stubborn(job_id):
    """Swallows every KeyboardInterrupt, so only the host's kill after the cancel grace period ends it."""
    while True:
        try:
            time.sleep(0.01)
        except KeyboardInterrupt:
            pass


def pid():
    return os.getpid()
