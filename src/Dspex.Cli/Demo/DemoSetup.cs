using Dspex.Scheduler;

namespace Dspex.Cli;

/// <summary>The two deployments the demo compares, with the same number of Python worker processes.</summary>
internal sealed record DemoSetup(string Name, string Description, DspexOptions Options)
{
    public const string SharedPool = "shared";

    public static DemoSetup Shared(DemoSettings settings)
    {
        var workers = settings.WorkersPerPool * 3;
        var options = new DspexOptions
        {
            Pools = new Dictionary<string, PoolOptions>(StringComparer.OrdinalIgnoreCase)
            {
                // Process workers: the baseline shares no GIL, so the comparison measures routing, not isolation alone.
                [SharedPool] = new PoolOptions { Size = workers, MaxOverflow = 0, QueueCapacity = 100_000, QueueTimeout = Timeout.InfiniteTimeSpan, PriorityLevels = 1, Isolation = PoolIsolation.Process },
            },
            Routing = new RoutingOptions { DefaultPool = SharedPool, Rules = [] },
            ShutdownGracePeriod = TimeSpan.FromSeconds(2),
        };
        return new DemoSetup("shared", $"one pool of {workers} Python worker processes for everything", options);
    }

    public static DemoSetup Routed(DemoSettings settings)
    {
        var options = new DspexOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(2) };
        foreach (var (name, pool) in options.Pools)
        {
            pool.Size = settings.WorkersPerPool;
            pool.MaxOverflow = 0;
            pool.QueueCapacity = 100_000;
            pool.QueueTimeout = Timeout.InfiniteTimeSpan;
        }

        return new DemoSetup("routed", $"optimizer / neural / general pools of {settings.WorkersPerPool} Python workers each (default rules and isolation: optimizer in worker processes, nice 10, SCHED_IDLE, off the first CPU; neural and general in the embedded interpreter)", options);
    }
}
