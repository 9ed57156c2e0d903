namespace Dspex.Scheduler;

/// <summary>All scheduler options. Bound from the <c>Dspex</c> configuration section.</summary>
public sealed class DspexOptions
{
    /// <summary>
    /// The pools by name (case-insensitive). Starts with the three defaults — optimizer 2 + 1 overflow in
    /// worker processes at nice 10 and <c>SCHED_IDLE</c> off the host's first CPU, neural 4 + 2, general 8 + 4 —
    /// which configuration values refine or extend.
    /// </summary>
    public IDictionary<string, PoolOptions> Pools { get; set; } = DefaultPools();

    /// <summary>Routing rules and the default pool.</summary>
    public RoutingOptions Routing { get; set; } = new();

    /// <summary>The optional shared overflow budget.</summary>
    public SharedOverflowOptions SharedOverflow { get; set; } = new();

    /// <summary>How long <c>StopAsync</c> lets queued and running jobs finish before cancelling them.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The three default pools with their default sizes.</summary>
    /// <returns>A fresh dictionary.</returns>
    public static Dictionary<string, PoolOptions> DefaultPools() => new(StringComparer.OrdinalIgnoreCase)
    {
        [PoolNames.Optimizer] = new PoolOptions
        {
            Size = 2,
            MaxOverflow = 1,
            QueueTimeout = TimeSpan.FromMinutes(10),
            Isolation = PoolIsolation.Process,
            WorkerNice = 10,
            WorkerSchedulingPolicy = WorkerSchedulingPolicy.Idle,
            WorkerReservedCpus = 1,
        },
        [PoolNames.Neural] = new PoolOptions { Size = 4, MaxOverflow = 2 },
        [PoolNames.General] = new PoolOptions { Size = 8, MaxOverflow = 4 },
    };
}
