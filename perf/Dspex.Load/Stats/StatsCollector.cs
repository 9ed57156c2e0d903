using HdrHistogram;

namespace Dspex.Load;

/// <summary>
/// Records one scenario's calls: HdrHistograms of microseconds (ok, fail, per pool) and a bounded timeline for
/// plots. Thread-safe: completions arrive on pool threads.
/// </summary>
internal sealed class StatsCollector
{
    /// <summary>An hour in microseconds: longer than any call a run can see.</summary>
    private const long HighestTrackableMicros = 3_600_000_000L;
    private const int TimelineCapacity = 200_000;

    private readonly Lock _gate = new();
    private readonly LongHistogram _ok = NewHistogram();
    private readonly LongHistogram _fail = NewHistogram();
    private readonly Dictionary<string, (LongHistogram Histogram, long Ok, long Fail)> _pools = new(StringComparer.Ordinal);
    private readonly List<LatencySample> _timeline = [];
    private readonly Dictionary<string, double> _extra = new(StringComparer.Ordinal);
    private long _sizeBytes;
    private long _cancelled;

    public StatsCollector(string scenario) => Scenario = scenario;

    public string Scenario { get; }

    public long OkCount { get { lock (_gate) { return _ok.TotalCount; } } }

    public long FailCount { get { lock (_gate) { return _fail.TotalCount; } } }

    public static LongHistogram NewHistogram() => new(HighestTrackableMicros, 3);

    /// <summary>Records a call that finished with <paramref name="result"/> <paramref name="latency"/> after its (intended) send.</summary>
    public void Record(StepResult result, TimeSpan latency, double atSeconds)
    {
        var micros = Math.Clamp((long)Math.Round(latency.Ticks / 10.0), 0, HighestTrackableMicros);
        lock (_gate)
        {
            (result.IsOk ? _ok : _fail).RecordValue(micros);
            _sizeBytes += result.SizeBytes;
            if (result.Pool is { } pool)
            {
                if (!_pools.TryGetValue(pool, out var entry))
                {
                    entry = (NewHistogram(), 0, 0);
                }

                if (result.IsOk)
                {
                    entry.Histogram.RecordValue(micros);
                    entry.Ok++;
                }
                else
                {
                    entry.Fail++;
                }

                _pools[pool] = entry;
            }

            if (_timeline.Count < TimelineCapacity)
            {
                _timeline.Add(new LatencySample(atSeconds, micros / 1000.0, result.IsOk));
            }
        }
    }

    public void RecordCancelled()
    {
        lock (_gate)
        {
            _cancelled++;
        }
    }

    /// <summary>A scenario-specific figure (e.g. starved jobs) shown in reports and usable in thresholds.</summary>
    public void SetExtra(string name, double value)
    {
        lock (_gate)
        {
            _extra[name] = value;
        }
    }

    public ScenarioStats Snapshot(TimeSpan duration, double requestedRate, double achievedRate)
    {
        lock (_gate)
        {
            var curve = new List<(double, double)>();
            if (_ok.TotalCount > 0)
            {
                foreach (var p in PercentileCurvePoints)
                {
                    curve.Add((p, _ok.GetValueAtPercentile(p) / 1000.0));
                }
            }

            return new ScenarioStats(
                Scenario,
                _ok.TotalCount,
                _fail.TotalCount,
                _cancelled,
                _sizeBytes,
                duration,
                requestedRate,
                achievedRate,
                LatencySummary.From(_ok),
                LatencySummary.From(_fail),
                _pools.ToDictionary(p => p.Key, p => new PoolStats(p.Key, p.Value.Ok, p.Value.Fail, LatencySummary.From(p.Value.Histogram)), StringComparer.Ordinal),
                [.. _timeline],
                curve,
                new Dictionary<string, double>(_extra, StringComparer.Ordinal));
        }
    }

    private static readonly double[] PercentileCurvePoints = [0, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99, 100];
}
