using System.ComponentModel;
using System.Globalization;
using Dspex.Interop.Process.Native;
using Dspex.Scheduler;
using SysProcess = System.Diagnostics.Process;
using SysStartInfo = System.Diagnostics.ProcessStartInfo;

namespace Dspex.Interop.Process;

/// <summary>
/// One Python worker process and its channel. The calling (worker) thread writes a call and then blocks
/// reading the answer itself, and the worker's main thread reads and runs it, so a call costs two pipe hops
/// and no thread hand-off on either side; both ends busy-poll briefly (<see cref="ProcessWorkerOptions.BusyPoll"/>)
/// before they block, so a quick answer and a quick next call cost no wake-up. While a call runs the worker sends heartbeats on the same stream;
/// a timer here kills a worker whose heartbeats stop. Anything that ends the process (exit, kill, a missed
/// heartbeat turned into a kill) ends the caller's read.
/// </summary>
internal sealed class ProcessWorker : IProcessWorker, IExecutorDeathWatch
{
    private static readonly string[] ThreadLimitDefaults = ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"];

    private readonly WorkerInfo _worker;
    private readonly ProcessWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly long _maxResidentKib;
    private readonly SysProcess _process;
    private readonly Stream _input;
    private readonly FrameReader _reader;
    private readonly StderrTail _stderr;
    private readonly WireWriter _callWriter = new();
    private readonly Lock _signalLock = new();
    private readonly ITimer _heartbeat;
    private uint _nextId;
    private volatile bool _inCall;
    private volatile uint _callId;
    private long _lastSign;
    private volatile bool _cancelRequested;
    private volatile bool _broken;
    private volatile string? _killReason;
    private ITimer? _cancelGrace;
    private bool _disposed;

    private ProcessWorker(WorkerInfo worker, ProcessWorkerOptions options, long maxResidentKib, SysProcess process, StderrTail stderr)
    {
        _worker = worker;
        _options = options;
        _time = options.TimeProvider;
        _maxResidentKib = maxResidentKib;
        _process = process;
        _stderr = stderr;
        _input = process.StandardInput.BaseStream;
        _reader = new FrameReader(process.StandardOutput.BaseStream, options.BusyPoll);
        ProcessId = process.Id;
        _heartbeat = _time.CreateTimer(static s => ((ProcessWorker)s!).OnHeartbeat(), this, options.HeartbeatInterval, options.HeartbeatInterval);
    }

    public int ProcessId { get; }

    public string? PythonVersion { get; private set; }

    public bool IsHealthy
    {
        get
        {
            if (_broken || _disposed)
            {
                return false;
            }

            if (_process.HasExited)
            {
                _broken = true;
                return false;
            }

            // Over its memory limit a worker is recycled after its job: reported unhealthy, not crashed.
            return _maxResidentKib <= 0 || ProcessMemory.ResidentKib(ProcessId) is not { } kib || kib <= _maxResidentKib;
        }
    }

    public static ProcessWorker Start(WorkerInfo worker, ProcessWorkerSettings settings)
    {
        var options = settings.Options;
        var python = options.PythonExecutable ?? PythonLocator.Locate();
        var script = options.WorkerScript ?? PythonLocator.DefaultWorkerScript();
        if (!File.Exists(script))
        {
            throw StartFailure(worker, options, $"the worker script {script} does not exist", null, null, null);
        }

        var info = new SysStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--parent-pid");
        info.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        foreach (var module in options.Modules)
        {
            info.ArgumentList.Add("--module");
            info.ArgumentList.Add(module);
        }

        foreach (var path in options.SearchPaths)
        {
            info.ArgumentList.Add("--path");
            info.ArgumentList.Add(path);
        }

        if (settings.Nice != 0)
        {
            info.ArgumentList.Add("--nice");
            info.ArgumentList.Add(settings.Nice.ToString(CultureInfo.InvariantCulture));
        }

        if (settings.Cpus is { } cpus)
        {
            info.ArgumentList.Add("--cpus");
            info.ArgumentList.Add(cpus);
        }
        else if (settings.ReservedCpus > 0)
        {
            info.ArgumentList.Add("--reserve-cpus");
            info.ArgumentList.Add(settings.ReservedCpus.ToString(CultureInfo.InvariantCulture));
        }

        info.ArgumentList.Add("--busy-poll");
        info.ArgumentList.Add(options.BusyPoll.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--heartbeat");
        info.ArgumentList.Add(options.HeartbeatInterval.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        if (settings.Policy != WorkerSchedulingPolicy.Normal)
        {
            info.ArgumentList.Add("--sched");
            info.ArgumentList.Add(settings.Policy == WorkerSchedulingPolicy.Batch ? "batch" : "idle");
        }

        foreach (var name in ThreadLimitDefaults)
        {
            if (!settings.Environment.ContainsKey(name) && !info.Environment.ContainsKey(name))
            {
                info.Environment[name] = "1";
            }
        }

        // User code's print() goes to stderr (see the worker); unbuffered so crash messages quote it.
        info.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (key, value) in settings.Environment)
        {
            info.Environment[key] = value;
        }

        SysProcess process;
        try
        {
            process = WorkerSpawner.Start(info);
        }
        catch (Win32Exception ex)
        {
            throw StartFailure(worker, options, $"the interpreter '{python}' could not be started ({ex.Message})", null, null, ex);
        }

        var stderr = new StderrTail();
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.BeginErrorReadLine();
        var executor = new ProcessWorker(worker, options, settings.MaxResidentMb * 1024L, process, stderr);
        try
        {
            executor.AwaitReady();
            return executor;
        }
        catch
        {
            executor.Dispose();
            throw;
        }
    }

    public object? Invoke(string moduleName, string functionName, ReadOnlySpan<object?> args, IReadOnlyDictionary<string, object?>? kwargs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleName);
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken || _process.HasExited)
        {
            throw Crashed("is no longer running");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var id = ++_nextId;
        EncodeCall(id, moduleName, functionName, args, kwargs);

        _cancelRequested = false;
        _killReason = null;
        _callId = id;
        Volatile.Write(ref _lastSign, _time.GetTimestamp());
        _inCall = true;
        var registration = default(CancellationTokenRegistration);
        try
        {
            if (!TryWrite(_callWriter))
            {
                throw Died("closed its input pipe", cancellationToken);
            }

            if (cancellationToken.CanBeCanceled)
            {
                registration = cancellationToken.UnsafeRegister(static s => ((ProcessWorker)s!).OnCancel(), this);
            }

            while (true)
            {
                if (!TryReadFrame())
                {
                    throw Died("ended in the middle of a call", cancellationToken);
                }

                switch (_reader.Kind)
                {
                    case FrameKind.Heartbeat:
                        Volatile.Write(ref _lastSign, _time.GetTimestamp());
                        break;
                    case FrameKind.Result when _reader.Id == id:
                        return Decode(_reader.Payload);
                    case FrameKind.Error when _reader.Id == id:
                        var error = ReadError(_reader.Payload, moduleName + "." + functionName);
                        if (_cancelRequested && error.PythonType == "KeyboardInterrupt")
                        {
                            throw new OperationCanceledException($"The call {moduleName}.{functionName} was cancelled.", error, cancellationToken);
                        }

                        throw error;
                    default:
                        // A late heartbeat of an earlier call: skip it.
                        break;
                }
            }
        }
        finally
        {
            // Under the signal lock: once this returns no SIGINT meant for this call can still be sent.
            lock (_signalLock)
            {
                _inCall = false;
            }

            registration.Dispose();
            _cancelGrace?.Dispose();
            _cancelGrace = null;
        }
    }

    public void WatchDeath(Action onDeath)
    {
        ArgumentNullException.ThrowIfNull(onDeath);
        var fired = 0;
        void Fire()
        {
            if (!_disposed && Interlocked.Exchange(ref fired, 1) == 0)
            {
                _broken = true;
                onDeath();
            }
        }

        _process.Exited += (_, _) => Fire();
        _process.EnableRaisingEvents = true;
        if (_process.HasExited)
        {
            Fire();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _heartbeat.Dispose();
        if (!_process.HasExited)
        {
            LibC.SignalGroup(ProcessId, LibC.SIGTERM);
            try
            {
                _input.Dispose();
            }
            catch (IOException)
            {
                // The worker is already gone; its pipe cannot be flushed.
            }

            if (!_process.WaitForExit(_options.ShutdownGracePeriod) && !_process.HasExited)
            {
                LibC.SignalGroup(ProcessId, LibC.SIGKILL);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }

        _process.Dispose();
    }

    private void AwaitReady()
    {
        var read = Task.Factory.StartNew(TryReadFrame, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!read.Wait(_options.StartTimeout))
        {
            KillGroup();
            throw StartFailure($"did not answer the ready handshake within {_options.StartTimeout.TotalSeconds:0.###} s", null);
        }

        if (!read.Result)
        {
            throw StartFailure("exited before it was ready", null);
        }

        switch (_reader.Kind)
        {
            case FrameKind.Ready:
                var ready = (PyTuple)Decode(_reader.Payload)!;
                PythonVersion = ready[1] as string;
                return;
            case FrameKind.StartFailed:
                var error = ReadError(_reader.Payload, null);
                throw StartFailure($"failed to start: {error.Message}", error);
            default:
                KillGroup();
                throw StartFailure($"sent frame kind {(byte)_reader.Kind} instead of the ready handshake", null);
        }
    }

    private PythonWorkerStartException StartFailure(string what, Exception? inner)
    {
        _process.WaitForExit(TimeSpan.FromSeconds(2));
        _stderr.WaitClosed(TimeSpan.FromSeconds(1));
        int? exit = _process.HasExited ? _process.ExitCode : null;
        return StartFailure(_worker, _options, $"worker process {ProcessId} {what}", exit, _stderr.Text, inner);
    }

    private static PythonWorkerStartException StartFailure(
        WorkerInfo worker, ProcessWorkerOptions options, string what, int? exitCode, string? stderr, Exception? inner)
    {
        var modules = options.Modules.Count == 0 ? "(no modules)" : string.Join(", ", options.Modules.Select(m => "'" + m + "'"));
        var message = $"The Python worker {worker.Id} of pool '{worker.Pool}' for modules {modules} could not start: {what}"
            + (exitCode is { } code ? $" (exit code {code})" : string.Empty) + "."
            + (string.IsNullOrEmpty(stderr) ? " It wrote nothing to stderr." : " Last stderr lines:\n" + stderr);
        return new PythonWorkerStartException(worker.Pool, message, inner)
        {
            Modules = [.. options.Modules],
            ExitCode = exitCode,
            LastStderr = stderr,
        };
    }

    private void EncodeCall(uint id, string module, string function, ReadOnlySpan<object?> args, IReadOnlyDictionary<string, object?>? kwargs)
    {
        var w = _callWriter;
        w.BeginFrame(FrameKind.Call, id);
        w.WriteCount(WireTag.Tuple, 4);
        w.WriteString(module);
        w.WriteString(function);
        w.WriteCount(WireTag.Tuple, args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            try
            {
                w.WriteValue(args[i]);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Argument {i} of {module}.{function}: {ex.Message}", nameof(args), ex);
            }
        }

        w.WriteCount(WireTag.Dict, kwargs?.Count ?? 0);
        if (kwargs is not null)
        {
            foreach (var (key, value) in kwargs)
            {
                w.WriteString(key);
                try
                {
                    w.WriteValue(value);
                }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException($"Keyword argument '{key}' of {module}.{function}: {ex.Message}", nameof(kwargs), ex);
                }
            }
        }

        w.EndFrame();
    }

    private bool TryWrite(WireWriter writer)
    {
        try
        {
            _input.Write(writer.WrittenSpan);
            _input.Flush();

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private bool TryReadFrame()
    {
        try
        {
            return _reader.Next();
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static object? Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var value = reader.ReadValue();
        return reader.AtEnd ? value : throw new InvalidDataException("Malformed frame from the Python worker: bytes after the value.");
    }

    private static PythonProcessException ReadError(ReadOnlySpan<byte> payload, string? function)
    {
        var parts = (PyTuple)Decode(payload)!;
        var causes = ((List<object?>)parts[3]!).Cast<PyTuple>().ToList();
        var chain = new PythonProcessException[causes.Count];
        for (var i = causes.Count - 1; i >= 0; i--)
        {
            var c = causes[i];
            chain[i] = new PythonProcessException((string)c[0]!, (string)c[1]!, (string)c[2]!, chain[(i + 1)..]);
        }

        return new PythonProcessException((string)parts[0]!, (string)parts[1]!, (string)parts[2]!, chain) { Function = function };
    }

    private void OnHeartbeat()
    {
        if (!_inCall || _broken)
        {
            return;
        }

        var silent = _time.GetElapsedTime(Volatile.Read(ref _lastSign));
        if (silent > _options.HeartbeatTimeout)
        {
            _killReason = $"stopped sending heartbeats (silent for {silent.TotalSeconds:0.###} s, limit {_options.HeartbeatTimeout.TotalSeconds:0.###} s) and was killed";
            KillGroup();
        }
    }

    private void OnCancel()
    {
        var id = _callId;
        if (!Interrupt(id))
        {
            return;
        }

        _cancelRequested = true;

        // SIGINT again every tick: one that lands just before the call starts running is ignored by the
        // worker. Past the grace period the worker is killed.
        var deadline = _time.GetTimestamp();
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, _options.CancelGracePeriod.Ticks / 10));
        _cancelGrace = _time.CreateTimer(
            static s =>
            {
                var (self, id, started) = ((ProcessWorker, uint, long))s!;
                if (self._time.GetElapsedTime(started) < self._options.CancelGracePeriod)
                {
                    self.Interrupt(id);
                    return;
                }

                lock (self._signalLock)
                {
                    if (self._inCall && self._callId == id)
                    {
                        self._killReason = "did not stop within the cancellation grace period and was killed";
                        self.KillGroup();
                    }
                }
            },
            (this, id, deadline),
            tick,
            tick);
    }

    private bool Interrupt(uint id)
    {
        lock (_signalLock)
        {
            if (!_inCall || _callId != id || _process.HasExited)
            {
                return false;
            }

            LibC.SignalGroup(ProcessId, LibC.SIGINT);
            return true;
        }
    }

    private void KillGroup()
    {
        _broken = true;
        if (!_process.HasExited)
        {
            LibC.SignalGroup(ProcessId, LibC.SIGKILL);
        }
    }

    private Exception Died(string what, CancellationToken cancellationToken)
    {
        _broken = true;
        var crash = Crashed(_killReason ?? what);
        return _cancelRequested
            ? new OperationCanceledException($"The call was cancelled; {crash.Message}", crash, cancellationToken)
            : crash;
    }

    private WorkerCrashedException Crashed(string what)
    {
        _process.WaitForExit(TimeSpan.FromSeconds(2));
        _stderr.WaitClosed(TimeSpan.FromMilliseconds(500));
        int? exit = null;
        int? signal = null;
        var status = "still running";
        if (_process.HasExited)
        {
            // .NET reports a process killed by signal N as exit code 128 + N.
            exit = _process.ExitCode;
            signal = exit is > 128 and < 128 + 65 ? exit - 128 : null;
            status = signal is { } s ? $"killed by signal {s} ({SignalName(s)})" : $"exit code {exit}";
        }

        var tail = _stderr.Text;
        var message = $"The Python worker process {ProcessId} (pool '{_worker.Pool}', worker {_worker.Id}) {what}; {status}."
            + (tail.Length == 0 ? " It wrote nothing to stderr." : " Last stderr lines:\n" + tail);
        return new WorkerCrashedException(_worker.Pool, message)
        {
            ExitCode = signal is null ? exit : null,
            Signal = signal,
            LastStderr = tail,
        };
    }

    private static string SignalName(int signal) => signal switch
    {
        LibC.SIGINT => "SIGINT",
        LibC.SIGKILL => "SIGKILL",
        LibC.SIGTERM => "SIGTERM",
        6 => "SIGABRT",
        11 => "SIGSEGV",
        _ => "signal " + signal.ToString(CultureInfo.InvariantCulture),
    };
}
