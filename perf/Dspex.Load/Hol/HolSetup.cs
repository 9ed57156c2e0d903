using Dspex.Scheduler;

namespace Dspex.Load;

/// <summary>One way of deploying the scheduler that the head-of-line suite compares.</summary>
internal sealed record HolSetup(string Name, string Description, Func<DspexOptions> CreateOptions, bool OptimizerInProcessWorkers)
{
    public const string SharedPool = "shared";

    public static IReadOnlyList<HolSetup> All { get; } =
    [
        new("shared", "one pool (4 + 2 overflow) for everything, no rules", Shared, false),
        new("routed", "default three pools, optimizer work on in-process threads", () => Routed(sharedOverflow: false, process: false), false),
        new("routed-process", "default three pools, optimizer work in one Python process per worker (nice 10, SCHED_IDLE, off the first CPU)", () => Routed(sharedOverflow: false, process: true), true),
        new("routed+overflow", "default three pools in-process with the shared overflow budget on", () => Routed(sharedOverflow: true, process: false), false),
    ];

    private static DspexOptions Shared() => new()
    {
        Pools = new Dictionary<string, PoolOptions>(StringComparer.OrdinalIgnoreCase) { [SharedPool] = PoolOptions.Create(4, 2) },
        Routing = new RoutingOptions { DefaultPool = SharedPool, Rules = [] },
        ShutdownGracePeriod = TimeSpan.FromSeconds(2),
    };

    private static DspexOptions Routed(bool sharedOverflow, bool process)
    {
        var options = new DspexOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(2) };
        options.Pools[PoolNames.Optimizer].Isolation = process ? PoolIsolation.Process : PoolIsolation.InProcess;
        options.SharedOverflow.Enabled = sharedOverflow;
        return options;
    }
}
