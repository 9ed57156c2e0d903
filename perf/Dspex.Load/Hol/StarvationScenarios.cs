using Dspex.Scheduler;

namespace Dspex.Load;

/// <summary>
/// One pool kept saturated by high-priority jobs (priority 0) while a trickle of low-priority jobs (priority
/// P − 1) arrives on a clock. Without aging the low ones would never run; with it each waits at most a bounded
/// number of takes once at the head of its lane.
/// </summary>
internal static class StarvationScenarios
{
    public const string Pool = "starve";
    public const string High = "starve-high";
    public const string Low = "starve-low";
    public const int Workers = 2;
    public const int Levels = 3;
    public const int AgingLimit = 8;
    public const int HighCallers = 8;
    public const int LowRate = 20;
    public static readonly TimeSpan JobDuration = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The bound in takes: K + P − 1 (LaneSet's single-consumer bound) plus one take in flight per other
    /// concurrent worker.
    /// </summary>
    public static int BypassBound => AgingLimit + Levels - 1 + (Workers - 1);

    /// <summary>The same bound as wait once at the head: the bypassing takes plus the jobs running then, W at a time.</summary>
    public static TimeSpan WaitBound => JobDuration * (BypassBound + Workers) / Workers;

    public static DspexOptions Options() => new()
    {
        Pools = new Dictionary<string, PoolOptions>(StringComparer.OrdinalIgnoreCase)
        {
            [Pool] = new PoolOptions { Size = Workers, MaxOverflow = 0, PriorityLevels = Levels, AgingLimit = AgingLimit },
        },
        Routing = new RoutingOptions { DefaultPool = Pool, Rules = [] },
        ShutdownGracePeriod = TimeSpan.FromSeconds(2),
    };

    public static IReadOnlyList<Scenario> Create(DspexScheduler scheduler, StarvationProbe probe, TimeSpan warmUp, TimeSpan measure)
    {
        var high = new DelegateJob<int>("app.HighPriorityQuery", ctx =>
        {
            probe.HighStarted();
            return SpinWork.Spin(JobDuration, ctx.CancellationToken);
        })
        { Priority = 0 };

        return
        [
            new Scenario(High, HolScenarios.Submit(scheduler, high))
            {
                WarmUp = warmUp,
                Simulations = [new LoadSimulation.KeepConstant(HighCallers, measure)],
                CancelInFlightAtEnd = true,
            },
            new Scenario(Low, async context =>
            {
                var queuedAt = probe.HighStarts;
                var low = new DelegateJob<int>("app.LowPriorityReport", ctx =>
                {
                    probe.LowStarted(queuedAt);
                    return SpinWork.Spin(JobDuration, ctx.CancellationToken);
                })
                { Priority = Levels - 1 };
                await scheduler.SubmitAsync(low, context.CancellationToken).ConfigureAwait(false);
                return StepResult.Ok(Pool);
            })
            {
                WarmUp = warmUp,
                Simulations = [new LoadSimulation.Inject(LowRate, TimeSpan.FromSeconds(1), measure)],
                Thresholds = [Threshold.Parse("fail% < 1"), Threshold.Parse("starved == 0")],
                Metrics = () =>
                {
                    var bypasses = probe.Bypasses;
                    return new Dictionary<string, double>(StringComparer.Ordinal)
                    {
                        ["starved"] = bypasses.Count(b => b > BypassBound),
                        ["bypass_bound"] = BypassBound,
                        ["bypass_max"] = bypasses.DefaultIfEmpty(0).Max(),
                        ["wait_bound_ms"] = WaitBound.TotalMilliseconds,
                    };
                },
            },
        ];
    }
}
