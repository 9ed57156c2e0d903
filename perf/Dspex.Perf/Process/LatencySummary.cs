namespace Dspex.Perf.Process;

/// <summary>Percentiles of one set-up's probe latencies, in milliseconds from each probe's intended send time.</summary>
/// <param name="Count">How many probes completed.</param>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest.</param>
internal readonly record struct LatencySummary(int Count, double P50, double P99, double Max)
{
    /// <summary>Nearest-rank percentiles of <paramref name="milliseconds"/>.</summary>
    public static LatencySummary Of(IReadOnlyList<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            throw new ArgumentException("No probe completed, so there is no latency to summarise.", nameof(milliseconds));
        }

        var sorted = milliseconds.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.99), sorted[^1]);
    }
}
