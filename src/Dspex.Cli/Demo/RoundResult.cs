namespace Dspex.Cli;

/// <summary>What one set-up measured: per workload its latency figures and the pool it ran in.</summary>
internal sealed record RoundResult(DemoSetup Setup, IReadOnlyDictionary<string, LatencySummary> Workloads, IReadOnlyDictionary<string, string> PoolOf, TimeSpan Measured);
