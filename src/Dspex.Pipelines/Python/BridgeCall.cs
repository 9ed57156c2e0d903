namespace Dspex.Pipelines;

/// <summary>A bridge call's result and where it ran (pool, worker, executor epoch).</summary>
internal readonly record struct BridgeCall(object? Value, string Pool, int WorkerId, long ExecutorEpoch);
