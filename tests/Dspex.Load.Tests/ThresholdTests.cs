using Dspex.Load;

namespace Dspex.Load.Tests;

public class ThresholdTests
{
    private static ScenarioStats Stats(long ok, long fail, double p99Ms, IReadOnlyDictionary<string, double>? extra = null)
    {
        var latency = new LatencySummary(ok, 1, 2, p99Ms * 2, 1, 1.5, p99Ms / 2, p99Ms, p99Ms * 1.5);
        return new ScenarioStats("s", ok, fail, 0, 0, TimeSpan.FromSeconds(10), 0, 0, latency, LatencySummary.Empty,
            new Dictionary<string, PoolStats>(), [], [], extra ?? new Dictionary<string, double>());
    }

    [Theory]
    [InlineData("p99 < 20 ms", "p99", "Less", 20)]
    [InlineData("p99.9<=1s", "p99.9", "LessOrEqual", 1000)]
    [InlineData(" mean > 500 us ", "mean", "Greater", 0.5)]
    [InlineData("fail% < 1", "fail%", "Less", 1)]
    [InlineData("fail% < 1 %", "fail%", "Less", 1)]
    [InlineData("rate >= 990 /s", "rate", "GreaterOrEqual", 990)]
    [InlineData("starved == 0", "starved", "Equal", 0)]
    [InlineData("P75 < 3", "p75", "Less", 3)]
    public void Parses_metric_operator_and_limit_in_base_units(string text, string metric, string op, double limit)
    {
        var threshold = Threshold.Parse(text);
        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(Enum.Parse<ThresholdOperator>(op), threshold.Operator);
        Assert.Equal(limit, threshold.Limit, 9);
    }

    [Theory]
    [InlineData("p99 20 ms")]
    [InlineData("< 20")]
    [InlineData("p99 < twenty")]
    [InlineData("p99 < 20 kg")]
    [InlineData("fail% < 1 ms")]
    public void Rejects_malformed_text_naming_it(string text)
    {
        var error = Assert.Throws<FormatException>(() => Threshold.Parse(text));
        Assert.Contains(text.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_threshold_fails_with_the_measured_value_in_the_message()
    {
        var result = Threshold.Parse("p99 < 20 ms").Evaluate(Stats(100, 0, 25.5));
        Assert.False(result.Passed);
        Assert.Equal(25.5, result.Measured);
        Assert.Contains("p99 < 20 ms", result.Message, StringComparison.Ordinal);
        Assert.Contains("25.5 ms", result.Message, StringComparison.Ordinal);
        Assert.True(Threshold.Parse("p99 < 20 ms").Evaluate(Stats(100, 0, 19.9)).Passed);
    }

    [Fact]
    public void Fail_percent_counts_failures_over_all_requests()
    {
        var stats = Stats(ok: 198, fail: 2, p99Ms: 1);
        Assert.Equal(1.0, Threshold.Parse("fail% <= 1").Evaluate(stats).Measured, 9);
        Assert.True(Threshold.Parse("fail% <= 1").Evaluate(stats).Passed);
        Assert.False(Threshold.Parse("fail% < 1").Evaluate(stats).Passed);
    }

    [Fact]
    public void Extra_metrics_are_thresholds_too_and_unknown_ones_are_named()
    {
        var stats = Stats(10, 0, 1, new Dictionary<string, double> { ["starved"] = 3 });
        Assert.False(Threshold.Parse("starved == 0").Evaluate(stats).Passed);
        var error = Assert.Throws<InvalidOperationException>(() => Threshold.Parse("bogus < 1").Evaluate(stats));
        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
        Assert.Contains("starved", error.Message, StringComparison.Ordinal);
    }
}
