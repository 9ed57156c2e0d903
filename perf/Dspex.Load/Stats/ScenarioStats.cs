namespace Dspex.Load;

/// <summary>The measured result of one scenario (warm-up excluded).</summary>
internal sealed record ScenarioStats(
    string Scenario,
    long Ok,
    long Fail,
    long Cancelled,
    long SizeBytes,
    TimeSpan Duration,
    double RequestedRate,
    double AchievedRate,
    LatencySummary OkLatency,
    LatencySummary FailLatency,
    IReadOnlyDictionary<string, PoolStats> Pools,
    IReadOnlyList<LatencySample> Timeline,
    IReadOnlyList<(double Percentile, double LatencyMs)> PercentileCurve,
    IReadOnlyDictionary<string, double> Extra)
{
    public long Requests => Ok + Fail;

    public double FailPercent => Requests == 0 ? 0 : 100.0 * Fail / Requests;

    /// <summary>Completed calls per second of measured time.</summary>
    public double Rate => Duration <= TimeSpan.Zero ? 0 : Requests / Duration.TotalSeconds;
}
