namespace Dspex.Cli;

/// <summary>Latencies of one workload in one set-up, in milliseconds, with failures counted apart.</summary>
internal sealed class LatencyLog
{
    private readonly List<double> _millis = [];
    private long _failed;

    public void Add(double millis)
    {
        lock (_millis)
        {
            _millis.Add(millis);
        }
    }

    public void Fail() => Interlocked.Increment(ref _failed);

    public long Failed => Interlocked.Read(ref _failed);

    public int Count
    {
        get
        {
            lock (_millis)
            {
                return _millis.Count;
            }
        }
    }

    public LatencySummary Summarize(TimeSpan window)
    {
        double[] sorted;
        lock (_millis)
        {
            sorted = [.. _millis];
        }

        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length,
            Failed,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1],
            sorted.Length / Math.Max(window.TotalSeconds, 1e-9));
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least q of the samples at or below it.</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>A workload's latency figures in one set-up.</summary>
internal sealed record LatencySummary(int Completed, long Failed, double P50, double P95, double P99, double Max, double Throughput);
