namespace Dspex.Scheduler;

/// <summary>Size, queue and timing of one pool. Bound from <c>Dspex:Pools:&lt;name&gt;</c>.</summary>
public sealed class PoolOptions
{
    /// <summary>Always-running workers (≥ 1).</summary>
    public int Size { get; set; } = 4;

    /// <summary>Extra workers started when every worker is busy and work is queued; stopped after <see cref="IdleTimeout"/> (≥ 0).</summary>
    public int MaxOverflow { get; set; } = 2;

    /// <summary>Most jobs queued at once, counted across all priority lanes (≥ 1).</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Number of priority lanes (1–16); priority 0 is the highest.</summary>
    public int PriorityLevels { get; set; } = 3;

    /// <summary>Priority of a job that names none; defaults to the middle lane.</summary>
    public int? DefaultPriority { get; set; }

    /// <summary>
    /// Aging bound K: the head of a non-empty lane is taken after at most K takes from higher-priority lanes
    /// (plus one per lower aged lane and per other concurrent worker; see the README). ≥ 1.
    /// </summary>
    public int AgingLimit { get; set; } = 8;

    /// <summary>Longest a job may wait in the queue; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What a submission does when the queue is full.</summary>
    public PoolFullMode FullMode { get; set; } = PoolFullMode.Wait;

    /// <summary>How long an overflow or borrowed worker stays idle before it stops.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an idempotent job is retried after its worker crashed (≥ 0).</summary>
    public int MaxCrashRetries { get; set; } = 2;

    /// <summary>Whether this pool may borrow workers from the shared overflow budget when its own overflow is used up.</summary>
    public bool UseSharedOverflow { get; set; } = true;

    /// <summary>Where the pool's Python runs: in this process's embedded interpreter, or one Python process per worker.</summary>
    public PoolIsolation Isolation { get; set; } = PoolIsolation.InProcess;

    /// <summary>Environment variables given to this pool's worker processes (e.g. <c>CUDA_VISIBLE_DEVICES</c>).</summary>
    public IDictionary<string, string> WorkerEnvironment { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>OS nice value (-20–19) of this pool's worker processes; higher runs less eagerly.</summary>
    public int WorkerNice { get; set; }

    /// <summary>Linux scheduling policy of this pool's worker processes (the optimizer pool's default: <c>SCHED_IDLE</c>).</summary>
    public WorkerSchedulingPolicy WorkerSchedulingPolicy { get; set; } = WorkerSchedulingPolicy.Normal;

    /// <summary>
    /// CPUs this pool's worker processes may run on, as a Linux CPU list (<c>1-3,6</c>); each must be one the
    /// host may use, or the worker fails to start naming it. <see langword="null"/>: see <see cref="WorkerReservedCpus"/>.
    /// </summary>
    public string? WorkerCpus { get; set; }

    /// <summary>
    /// When <see cref="WorkerCpus"/> is not set: how many of the host's CPUs (the lowest-numbered it may use)
    /// this pool's worker processes keep off, so that the host's own threads always find a free core when they
    /// wake instead of waiting out a worker's time slice. The optimizer pool's default is 1; 0 lets workers
    /// use every CPU. When it would leave no CPU, workers use them all.
    /// </summary>
    public int WorkerReservedCpus { get; set; }

    /// <summary>Jobs an executor runs before it is recycled (0: no limit). Its replacement starts before it leaves.</summary>
    public int MaxRequestsPerWorker { get; set; }

    /// <summary>Age past which an executor is recycled after its current job; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</summary>
    public TimeSpan MaxWorkerAge { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Resident memory (MiB) past which a worker process is recycled after its current job (0: no limit).</summary>
    public int MaxWorkerMemoryMb { get; set; }

    /// <summary>Creates options with the given size and overflow, other values default.</summary>
    /// <param name="size">Always-running workers.</param>
    /// <param name="maxOverflow">Extra workers on demand.</param>
    /// <returns>The options.</returns>
    public static PoolOptions Create(int size, int maxOverflow) => new() { Size = size, MaxOverflow = maxOverflow };

    /// <summary>The priority used for a job that names none.</summary>
    internal int EffectiveDefaultPriority => DefaultPriority ?? (PriorityLevels - 1) / 2;

    internal PoolOptions Clone() => (PoolOptions)MemberwiseClone();
}
