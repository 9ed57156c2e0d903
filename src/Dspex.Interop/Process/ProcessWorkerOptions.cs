namespace Dspex.Interop.Process;

/// <summary>
/// How process workers are started and watched. Pool-level settings (environment, nice value, scheduling
/// policy, memory limit) come from the pool's <c>PoolOptions</c>.
/// </summary>
public sealed class ProcessWorkerOptions
{
    private TimeSpan _startTimeout = TimeSpan.FromSeconds(30);
    private TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(1);
    private TimeSpan _heartbeatTimeout = TimeSpan.FromSeconds(5);
    private TimeSpan _cancelGracePeriod = TimeSpan.FromSeconds(2);
    private TimeSpan _shutdownGracePeriod = TimeSpan.FromSeconds(2);
    private TimeProvider _timeProvider = TimeProvider.System;
    private TimeSpan _busyPoll = TimeSpan.FromMicroseconds(50);

    /// <summary>
    /// The Python interpreter; <see langword="null"/> locates it: <c>DSPEX_PYTHON</c> (an interpreter or a
    /// virtual environment), else an active <c>VIRTUAL_ENV</c>, else <c>python3</c> on <c>PATH</c>.
    /// </summary>
    public string? PythonExecutable { get; set; }

    /// <summary>The worker script; <see langword="null"/> uses the <c>python/dspex_worker.py</c> shipped beside this assembly.</summary>
    public string? WorkerScript { get; set; }

    /// <summary>Modules every worker imports before it reports ready; an import error fails the start.</summary>
    public IList<string> Modules { get; } = [];

    /// <summary>Directories put in front of the worker's <c>sys.path</c>.</summary>
    public IList<string> SearchPaths { get; } = [];

    /// <summary>Longest wait for a started worker's ready handshake (imports included).</summary>
    public TimeSpan StartTimeout
    {
        get => _startTimeout;
        set => _startTimeout = Positive(value);
    }

    /// <summary>How often a worker running a call sends a heartbeat.</summary>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        set => _heartbeatInterval = Positive(value);
    }

    /// <summary>
    /// A worker running a call that has sent no heartbeat for this long is killed and its call fails with
    /// <c>WorkerCrashedException</c>. A hung worker is therefore detected within
    /// <see cref="HeartbeatTimeout"/> + <see cref="HeartbeatInterval"/>; one that exits or closes its pipe, at once.
    /// </summary>
    public TimeSpan HeartbeatTimeout
    {
        get => _heartbeatTimeout;
        set => _heartbeatTimeout = Positive(value);
    }

    /// <summary>After a cancelled call's SIGINT, how long the worker may take to stop before it is killed.</summary>
    public TimeSpan CancelGracePeriod
    {
        get => _cancelGracePeriod;
        set => _cancelGracePeriod = Positive(value);
    }

    /// <summary>On dispose, how long a worker may take to exit after SIGTERM before it is killed.</summary>
    public TimeSpan ShutdownGracePeriod
    {
        get => _shutdownGracePeriod;
        set => _shutdownGracePeriod = Positive(value);
    }

    /// <summary>
    /// How long each end of the channel busy-polls for the other's next frame before it blocks in the kernel:
    /// the host after sending a call, the worker after sending an answer. A frame that arrives within it costs
    /// no thread wake-up, which on a virtual machine is most of a small call's round trip (about 25 µs each
    /// way). Each call spends at most this much CPU on either side polling; <see cref="TimeSpan.Zero"/> never
    /// polls. Default 50 µs, about one wake-up's cost each side, so polling never costs more than twice
    /// what it can save.
    /// </summary>
    public TimeSpan BusyPoll
    {
        get => _busyPoll;
        set => _busyPoll = value >= TimeSpan.Zero && value <= TimeSpan.FromSeconds(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(BusyPoll), value, "BusyPoll must be between zero and one second.");
    }

    /// <summary>The clock of heartbeats and grace periods.</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    internal ProcessWorkerOptions Clone()
    {
        var fresh = new ProcessWorkerOptions
        {
            PythonExecutable = PythonExecutable,
            WorkerScript = WorkerScript,
            StartTimeout = StartTimeout,
            HeartbeatInterval = HeartbeatInterval,
            HeartbeatTimeout = HeartbeatTimeout,
            CancelGracePeriod = CancelGracePeriod,
            ShutdownGracePeriod = ShutdownGracePeriod,
            TimeProvider = TimeProvider,
            BusyPoll = BusyPoll,
        };
        foreach (var m in Modules)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(m, nameof(Modules));
            fresh.Modules.Add(m);
        }

        foreach (var p in SearchPaths)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(p, nameof(SearchPaths));
            fresh.SearchPaths.Add(p);
        }

        return fresh;
    }

    private static TimeSpan Positive(TimeSpan value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
