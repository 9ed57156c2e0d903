using Dspex.Load;

namespace Dspex.Load.Tests;

public class StatsTests
{
    [Fact]
    public void Percentiles_of_one_to_a_thousand_milliseconds_are_read_back_within_histogram_precision()
    {
        var stats = new StatsCollector("s");
        for (var ms = 1; ms <= 1000; ms++)
        {
            stats.Record(StepResult.Ok("general"), TimeSpan.FromMilliseconds(ms), ms / 1000.0);
        }

        var summary = stats.Snapshot(TimeSpan.FromSeconds(10), 0, 0).OkLatency;
        // 3 significant digits: each value is within 0.1% of the exact order statistic.
        Assert.Equal(1000, summary.Count);
        Assert.Equal(1, summary.MinMs, 0.01);
        Assert.Equal(500.5, summary.MeanMs, 0.6);
        Assert.Equal(1000, summary.MaxMs, 1.1);
        Assert.Equal(500, summary.P50Ms, 0.6);
        Assert.Equal(750, summary.P75Ms, 0.8);
        Assert.Equal(950, summary.P95Ms, 1.0);
        Assert.Equal(990, summary.P99Ms, 1.0);
        Assert.Equal(999, summary.P999Ms, 1.0);
    }

    [Fact]
    public void Ok_fail_and_pool_counts_are_kept_apart()
    {
        var stats = new StatsCollector("s");
        stats.Record(StepResult.Ok("general", 10), TimeSpan.FromMilliseconds(1), 0);
        stats.Record(StepResult.Ok("neural", 5), TimeSpan.FromMilliseconds(3), 0);
        stats.Record(StepResult.Fail("boom", "general"), TimeSpan.FromMilliseconds(9), 0);
        stats.RecordCancelled();

        var s = stats.Snapshot(TimeSpan.FromSeconds(2), 0, 0);
        Assert.Equal((2L, 1L, 1L, 15L), (s.Ok, s.Fail, s.Cancelled, s.SizeBytes));
        Assert.Equal(1.5, s.Rate, 9);
        Assert.Equal(100.0 / 3, s.FailPercent, 9);
        Assert.Equal((1L, 1L), (s.Pools["general"].Ok, s.Pools["general"].Fail));
        Assert.Equal(3, s.Pools["neural"].Latency.P50Ms, 0.01);
        Assert.Equal(9, s.FailLatency.MaxMs, 0.01);
        Assert.Equal(3, s.Timeline.Count);
    }

    [Fact]
    public void Empty_stats_report_zeros_not_errors()
    {
        var s = new StatsCollector("s").Snapshot(TimeSpan.FromSeconds(1), 0, 0);
        Assert.Equal(LatencySummary.Empty, s.OkLatency);
        Assert.Equal(0, s.FailPercent);
        Assert.Empty(s.PercentileCurve);
    }
}
