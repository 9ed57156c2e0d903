namespace Dspex.Cli;

/// <summary>The demo's mixed workload: optimizer runs from closed-loop callers, open-model streams of queries.</summary>
internal sealed record DemoSettings
{
    /// <summary>Measured time of each set-up.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Load before measuring starts (module imports and first calls warm every worker).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Callers that each start an optimizer run as soon as their last one ends: more than the optimizer pool has workers.</summary>
    public int OptimizerCallers { get; init; } = 8;

    /// <summary>Candidate sets each DemoSearchOptimizer run evaluates (~0.7 s of CPU-bound Python on one core).</summary>
    public int OptimizerBudget { get; init; } = 400;

    /// <summary>General queries (normalize, classify, keywords, summarize) per second, on a fixed schedule.</summary>
    public double GeneralRate { get; init; } = 40;

    /// <summary>Neural queries (embed, retrieve) per second, on a fixed schedule.</summary>
    public double NeuralRate { get; init; } = 10;

    /// <summary>Workers of each routed pool; the shared pool gets the same total.</summary>
    public int WorkersPerPool { get; init; } = 2;

    /// <summary>Longest wait, after the measured time, for queries still queued (they count with their full latency).</summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromSeconds(30);
}
