"""Dspex process worker: runs Python calls for a .NET host over a length-prefixed binary protocol.

Standard library only. Started by the host as

    python3 dspex_worker.py --parent-pid PID [--module NAME]... [--path DIR]... [--nice N] [--sched POLICY]
                            [--cpus N,N,...| --reserve-cpus N] [--heartbeat SECONDS] [--busy-poll SECONDS]

It imports the modules it is told to, writes a READY frame, then serves frames from stdin and answers on
stdout (the original descriptors; fd 0 and 1 are re-pointed at /dev/null and stderr so user code that prints
cannot corrupt the channel).

Frame: u32 little-endian length of what follows, u8 kind, u32 id, payload (tagged values, see below).

Host -> worker:  CALL (module, function, args tuple, kwargs dict)
Worker -> host:  READY (pid, python version)   RESULT (value)   ERROR (type, message, traceback, causes)
                 HEARTBEAT (no payload)   START_FAILED (type, message, traceback, causes)

Tagged values: 0 None, 1 False, 2 True, 3 int64, 4 big int (u32 n + n bytes two's complement LE),
5 float64, 6 str (u32 n + UTF-8), 7 bytes (u32 n + raw), 8 list, 9 tuple (u32 count + items),
10 dict (u32 count + key, value pairs). All integers little-endian.

The main thread reads calls and runs them: a call costs the host two pipe hops and no thread hand-off.
After each answer the main thread polls stdin without blocking for --busy-poll seconds before it blocks in
select(): a host that sends its next call at once (the common case under load) finds a running worker
instead of one the kernel must wake, which costs tens of microseconds on a virtual machine.
While a call runs, a heartbeat thread writes a HEARTBEAT frame every --heartbeat seconds; it needs the
GIL to do so, so a host that stops seeing them knows the interpreter is stuck (or the process stopped).
SIGINT raises KeyboardInterrupt in the running call only (it is ignored between calls); stdin EOF or
the parent's death ends the worker.
"""

import argparse
import ctypes
import importlib
import os
import select
import signal
import struct
import sys
import threading
import time
import traceback

CALL = 1
READY, RESULT, ERROR, HEARTBEAT, START_FAILED = 16, 17, 18, 19, 20

T_NONE, T_FALSE, T_TRUE, T_INT, T_BIGINT, T_FLOAT, T_STR, T_BYTES, T_LIST, T_TUPLE, T_DICT = range(11)

_HEADER = struct.Struct("<IBI")
_U32 = struct.Struct("<I")
_I64 = struct.Struct("<q")
_F64 = struct.Struct("<d")
_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_PR_SET_PDEATHSIG = 1


class CodecError(TypeError):
    """A value that the .NET side cannot represent."""


def encode(value, out):
    """Appends the tagged encoding of value to the bytearray out."""
    t = type(value)
    if value is None:
        out.append(T_NONE)
    elif t is bool:
        out.append(T_TRUE if value else T_FALSE)
    elif t is int:
        if _INT64_MIN <= value <= _INT64_MAX:
            out.append(T_INT)
            out += _I64.pack(value)
        else:
            raw = value.to_bytes((value.bit_length() + 8) // 8, "little", signed=True)
            out.append(T_BIGINT)
            out += _U32.pack(len(raw))
            out += raw
    elif t is float:
        out.append(T_FLOAT)
        out += _F64.pack(value)
    elif t is str:
        raw = value.encode("utf-8", "surrogatepass")
        out.append(T_STR)
        out += _U32.pack(len(raw))
        out += raw
    elif t is bytes or t is bytearray or t is memoryview:
        out.append(T_BYTES)
        out += _U32.pack(len(value))
        out += value
    elif t is list or t is tuple:
        out.append(T_LIST if t is list else T_TUPLE)
        out += _U32.pack(len(value))
        for item in value:
            encode(item, out)
    elif t is dict:
        out.append(T_DICT)
        out += _U32.pack(len(value))
        for k, v in value.items():
            encode(k, out)
            encode(v, out)
    elif isinstance(value, bool):
        encode(bool(value), out)
    elif isinstance(value, int):
        encode(int(value), out)
    elif isinstance(value, float):
        encode(float(value), out)
    elif isinstance(value, str):
        encode(str(value), out)
    elif isinstance(value, (list, tuple, dict)):
        encode((list if isinstance(value, list) else tuple if isinstance(value, tuple) else dict)(value), out)
    else:
        raise CodecError(
            "cannot send a value of type '%s' to .NET (supported: None, bool, int, float, str, bytes, list, tuple, dict)"
            % t.__qualname__)


def decode(buf, pos):
    """Decodes one tagged value from buf at pos; returns (value, next position)."""
    tag = buf[pos]
    pos += 1
    if tag == T_NONE:
        return None, pos
    if tag == T_FALSE:
        return False, pos
    if tag == T_TRUE:
        return True, pos
    if tag == T_INT:
        return _I64.unpack_from(buf, pos)[0], pos + 8
    if tag == T_FLOAT:
        return _F64.unpack_from(buf, pos)[0], pos + 8
    if tag == T_STR:
        n = _U32.unpack_from(buf, pos)[0]
        pos += 4
        return str(buf[pos:pos + n], "utf-8", "surrogatepass"), pos + n
    if tag == T_BYTES:
        n = _U32.unpack_from(buf, pos)[0]
        pos += 4
        return bytes(buf[pos:pos + n]), pos + n
    if tag == T_LIST or tag == T_TUPLE:
        n = _U32.unpack_from(buf, pos)[0]
        pos += 4
        items = []
        for _ in range(n):
            item, pos = decode(buf, pos)
            items.append(item)
        return (items if tag == T_LIST else tuple(items)), pos
    if tag == T_DICT:
        n = _U32.unpack_from(buf, pos)[0]
        pos += 4
        d = {}
        for _ in range(n):
            k, pos = decode(buf, pos)
            v, pos = decode(buf, pos)
            d[k] = v
        return d, pos
    if tag == T_BIGINT:
        n = _U32.unpack_from(buf, pos)[0]
        pos += 4
        return int.from_bytes(buf[pos:pos + n], "little", signed=True), pos + n
    raise CodecError("unknown value tag %d at offset %d" % (tag, pos - 1))


def describe_error(exc):
    """(type, message, traceback, causes) of an exception; causes follow __cause__/__context__ outward."""
    def one(e):
        t = type(e)
        name = t.__qualname__ if t.__module__ in ("builtins", "__main__") else t.__module__ + "." + t.__qualname__
        tb = "".join(traceback.format_exception(t, e, e.__traceback__, chain=False))
        return name, str(e), tb

    name, message, tb = one(exc)
    causes = []
    seen = {id(exc)}
    e = exc
    while True:
        nxt = e.__cause__ if e.__cause__ is not None else (None if e.__suppress_context__ else e.__context__)
        if nxt is None or id(nxt) in seen:
            break
        seen.add(id(nxt))
        causes.append(one(nxt))
        e = nxt
    return name, message, tb, causes


class Channel:
    """The framed pipe pair to the host; writes are serialised because the heartbeat thread writes too."""

    def __init__(self, rfd, wfd, busy_poll=0.0):
        self.rfd = rfd
        self.wfd = wfd
        self.lock = threading.Lock()
        self.busy_poll = busy_poll
        if busy_poll > 0:
            os.set_blocking(rfd, False)

    def read(self):
        """Reads what the host has sent (b"" at EOF): busy-polls for up to busy_poll seconds, then blocks."""
        if self.busy_poll <= 0:
            return os.read(self.rfd, 1 << 16)
        deadline = time.perf_counter() + self.busy_poll
        while True:
            try:
                return os.read(self.rfd, 1 << 16)
            except BlockingIOError:
                pass
            if time.perf_counter() >= deadline:
                # Sleeps until there is data or EOF; PEP 475 retries it after a signal handler.
                select.select([self.rfd], [], [])

    def send(self, kind, ident, payload=b""):
        frame = bytearray(_HEADER.pack(5 + len(payload), kind, ident))
        frame += payload
        view = memoryview(frame)
        with self.lock:
            while view:
                view = view[os.write(self.wfd, view):]

    def send_value(self, kind, ident, value):
        out = bytearray()
        encode(value, out)
        self.send(kind, ident, out)

    def frames(self):
        """Yields (kind, id, payload view) until EOF."""
        buf = bytearray()
        start = 0
        while True:
            while len(buf) - start >= 4:
                n = _U32.unpack_from(buf, start)[0]
                if len(buf) - start < 4 + n:
                    break
                kind = buf[start + 4]
                ident = _U32.unpack_from(buf, start + 5)[0]
                payload = bytes(buf[start + 9:start + 4 + n])
                start += 4 + n
                yield kind, ident, payload
            if start:
                del buf[:start]
                start = 0
            chunk = self.read()
            if not chunk:
                return
            buf += chunk


class Worker:
    def __init__(self, channel, heartbeat):
        self.channel = channel
        self.heartbeat = heartbeat
        self.modules = {}
        # Set only while user code runs, so a SIGINT that arrives between calls is ignored.
        self.running = False
        # Set while a call is being handled; the heartbeat thread only reads it, so a call never wakes it.
        self.busy = False

    def on_sigint(self, signum, frame):
        if self.running:
            raise KeyboardInterrupt("call cancelled by the host")

    def beat(self):
        while True:
            time.sleep(self.heartbeat)
            if self.busy:
                self.channel.send(HEARTBEAT, 0)

    def module(self, name):
        mod = self.modules.get(name)
        if mod is None:
            mod = self.modules[name] = importlib.import_module(name)
        return mod

    def serve(self):
        threading.Thread(target=self.beat, name="dspex-heartbeat", daemon=True).start()
        for kind, ident, payload in self.channel.frames():
            if kind != CALL:
                sys.stderr.write("dspex_worker: unknown frame kind %d\n" % kind)
                continue
            self.busy = True
            try:
                (module, function, args, kwargs), _ = decode(payload, 0)
                fn = getattr(self.module(module), function)
                self.running = True
                try:
                    result = fn(*args, **kwargs)
                finally:
                    self.running = False
                out = bytearray()
                encode(result, out)
                kind = RESULT
            except BaseException as exc:  # every failure, KeyboardInterrupt included, goes to the host
                self.running = False
                kind = ERROR
                try:
                    out = bytearray()
                    encode(describe_error(exc), out)
                except BaseException as inner:
                    out = bytearray()
                    encode(("dspex.ErrorReportFailed", repr(inner), "", []), out)
            self.busy = False
            self.channel.send(kind, ident, out)
        # The host closed our stdin (normal shutdown, or it died): nothing more to do.
        sys.stderr.flush()
        os._exit(0)


def die_with_parent(parent_pid):
    """Asks Linux to SIGKILL us when the host dies, then checks it did not die before we asked."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                sys.stderr.write("dspex_worker: prctl(PR_SET_PDEATHSIG) failed: errno %d\n" % ctypes.get_errno())
        except OSError as exc:
            sys.stderr.write("dspex_worker: prctl unavailable: %s\n" % exc)
    if parent_pid and os.getppid() != parent_pid:
        os._exit(0)


def apply_affinity(cpus, reserve):
    """Pins the worker to the CPUs the host asked for (--cpus), or off the lowest `reserve` it may use."""
    allowed = sorted(os.sched_getaffinity(0))
    if cpus:
        wanted = sorted({int(c) for c in cpus.split(",")})
        missing = [c for c in wanted if c not in allowed]
        if missing:
            raise ValueError("WorkerCpus names CPU %s, which this process may not use (it may use %s)"
                             % (",".join(map(str, missing)), ",".join(map(str, allowed))))
        os.sched_setaffinity(0, wanted)
    elif reserve > 0 and len(allowed) > reserve:
        os.sched_setaffinity(0, allowed[reserve:])


def apply_priority(nice, policy):
    if nice:
        os.nice(nice)
    if policy and policy != "normal":
        value = {"batch": os.SCHED_BATCH, "idle": os.SCHED_IDLE}[policy]
        os.sched_setscheduler(0, value, os.sched_param(0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parent-pid", type=int, default=0)
    parser.add_argument("--module", action="append", default=[])
    parser.add_argument("--path", action="append", default=[])
    parser.add_argument("--nice", type=int, default=0)
    parser.add_argument("--sched", choices=["normal", "batch", "idle"], default="normal")
    parser.add_argument("--cpus", default="")
    parser.add_argument("--reserve-cpus", type=int, default=0)
    parser.add_argument("--heartbeat", type=float, default=1.0)
    parser.add_argument("--busy-poll", type=float, default=0.0)
    opts = parser.parse_args()

    die_with_parent(opts.parent_pid)
    # Own process group: the host signals the whole group, and a terminal's Ctrl-C does not reach us.
    try:
        os.setpgid(0, 0)
    except OSError:
        pass

    # Keep the protocol descriptors private; user code printing to stdout lands on stderr instead.
    rfd, wfd = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    channel = Channel(rfd, wfd, opts.busy_poll)

    worker = Worker(channel, opts.heartbeat)
    signal.signal(signal.SIGINT, worker.on_sigint)
    for p in reversed(opts.path):
        sys.path.insert(0, p)
    try:
        apply_affinity(opts.cpus, opts.reserve_cpus)
        apply_priority(opts.nice, opts.sched)
        for name in opts.module:
            try:
                worker.module(name)
            except BaseException as exc:
                raise ImportError("dspex_worker could not import module '%s': %s: %s"
                                  % (name, type(exc).__name__, exc)) from exc
    except BaseException as exc:
        traceback.print_exc()
        sys.stderr.flush()
        channel.send_value(START_FAILED, 0, describe_error(exc))
        os._exit(3)
    channel.send_value(READY, 0, (os.getpid(), sys.version))
    worker.serve()


if __name__ == "__main__":
    main()
