namespace Dspex.Load;

/// <summary>One call as plotted: seconds since the measured start (at its intended send) and its latency.</summary>
internal readonly record struct LatencySample(double AtSeconds, double LatencyMs, bool IsOk);
