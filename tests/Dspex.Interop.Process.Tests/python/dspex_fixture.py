"""Functions the process-worker tests call: echoes, errors, crashes, hangs, environment probes."""

import os
import signal
import sys
import time

_kept = []


def echo(value):
    return value


def add(a, b):
    return a + b


def kwargs_echo(*args, **kwargs):
    return [list(args), kwargs]


def type_name(value):
    return type(value).__name__


def big():
    return 1 << 100


def make(kind):
    return {
        "int": 42, "float": 2.5, "bool": True, "str": "héllo ✓", "bytes": b"\x00\xff", "none": None,
        "list": [1, 2, 3], "dict": {"a": 1, "b": 2}, "tuple": (7, "seven"), "nested": {"k": [(1, 2.0), None]},
        "set": {1, 2},
    }[kind]


class FixtureError(Exception):
    pass


def fail(message):
    raise ValueError(message)


def fail_chained():
    try:
        {}["missing"]
    except KeyError as exc:
        raise FixtureError("outer failure") from exc


def say_then_exit(code):
    print("about to exit with", code)
    sys.stderr.write("fixture: exiting now\n")
    os._exit(code)


def chatty(lines):
    for i in range(lines):
        print("line", i, "of chatter on stdout")
    sys.stdout.write("no newline at the end")
    return 5


def sleep(seconds):
    time.sleep(seconds)
    return seconds


def spin(seconds):
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
    return n


def spin_ignoring_interrupts(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            while time.monotonic() < end:
                pass
        except KeyboardInterrupt:
            pass
    return "finished"


def ignore_sigterm():
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return True


def env(name):
    return os.environ.get(name)


def priority():
    return [os.getpriority(os.PRIO_PROCESS, 0), os.sched_getscheduler(0)]


def grow(megabytes):
    _kept.append(bytearray(megabytes * 1024 * 1024))
    return len(_kept)


def pid():
    return os.getpid()


def cpus():
    return sorted(os.sched_getaffinity(0))
