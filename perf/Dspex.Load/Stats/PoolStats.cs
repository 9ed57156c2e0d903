namespace Dspex.Load;

/// <summary>The calls of one scenario (or of a whole run) that ran on one pool.</summary>
internal sealed record PoolStats(string Pool, long Ok, long Fail, LatencySummary Latency);
