using System.Globalization;
using System.Text.RegularExpressions;

namespace Dspex.Load;

/// <summary>
/// A pass/fail rule on a scenario's stats, parsed from text such as <c>p99 &lt; 20 ms</c>, <c>fail% &lt; 1</c>,
/// <c>rate &gt;= 990 /s</c> or <c>starved == 0</c>. Latencies are compared in milliseconds (units ms, s, us accepted).
/// </summary>
internal sealed partial class Threshold
{
    private static readonly string[] LatencyMetrics = ["min", "mean", "max", "p50", "p75", "p95", "p99", "p99.9"];

    private Threshold(string text, string metric, ThresholdOperator op, double limit, string unitSuffix)
    {
        Text = text;
        Metric = metric;
        Operator = op;
        Limit = limit;
        UnitSuffix = unitSuffix;
    }

    public string Text { get; }

    public string Metric { get; }

    public ThresholdOperator Operator { get; }

    /// <summary>The limit in the metric's base unit (ms for latencies).</summary>
    public double Limit { get; }

    public string UnitSuffix { get; }

    /// <summary>Parses a threshold; the error names the text and what was wrong with it.</summary>
    public static Threshold Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Syntax().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"Threshold '{text}' is not '<metric> <op> <number> [unit]' (e.g. 'p99 < 20 ms', 'fail% < 1').");
        }

        var metric = match.Groups["metric"].Value.ToLowerInvariant();
        var op = match.Groups["op"].Value switch
        {
            "<" => ThresholdOperator.Less,
            "<=" => ThresholdOperator.LessOrEqual,
            ">" => ThresholdOperator.Greater,
            ">=" => ThresholdOperator.GreaterOrEqual,
            _ => ThresholdOperator.Equal,
        };
        var number = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        if (LatencyMetrics.Contains(metric))
        {
            var factor = unit switch
            {
                "" or "ms" => 1.0,
                "s" => 1000.0,
                "us" or "µs" => 0.001,
                _ => throw new FormatException($"Threshold '{text}': unit '{unit}' is not a time unit (ms, s, us)."),
            };
            return new Threshold(text, metric, op, number * factor, " ms");
        }

        var expected = metric switch
        {
            "fail%" => "%",
            "rate" => "/s",
            _ => "",
        };
        if (unit.Length > 0 && unit != expected)
        {
            throw new FormatException($"Threshold '{text}': unit '{unit}' does not fit metric '{metric}' (expected '{expected}' or none).");
        }

        return new Threshold(text, metric, op, number, expected);
    }

    /// <summary>Checks the threshold; a metric the stats do not have is an error naming the known ones.</summary>
    public ThresholdResult Evaluate(ScenarioStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var measured = Measure(stats);
        var passed = Operator switch
        {
            ThresholdOperator.Less => measured < Limit,
            ThresholdOperator.LessOrEqual => measured <= Limit,
            ThresholdOperator.Greater => measured > Limit,
            ThresholdOperator.GreaterOrEqual => measured >= Limit,
            _ => measured == Limit,
        };
        return new ThresholdResult(stats.Scenario, this, measured, passed);
    }

    public override string ToString() => Text;

    private double Measure(ScenarioStats stats)
    {
        var l = stats.OkLatency;
        return Metric switch
        {
            "min" => l.MinMs,
            "mean" => l.MeanMs,
            "max" => l.MaxMs,
            "p50" => l.P50Ms,
            "p75" => l.P75Ms,
            "p95" => l.P95Ms,
            "p99" => l.P99Ms,
            "p99.9" => l.P999Ms,
            "fail%" => stats.FailPercent,
            "ok" => stats.Ok,
            "fail" => stats.Fail,
            "rate" => stats.Rate,
            _ when stats.Extra.TryGetValue(Metric, out var value) => value,
            _ => throw new InvalidOperationException(
                $"Threshold '{Text}': scenario '{stats.Scenario}' has no metric '{Metric}' (known: {string.Join(", ", LatencyMetrics.Concat(["fail%", "ok", "fail", "rate"]).Concat(stats.Extra.Keys))})."),
        };
    }

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z_][A-Za-z0-9_.]*%?)\s*(?<op><=|>=|==|<|>)\s*(?<value>[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?<unit>%|/s|ms|s|us|µs)?\s*$")]
    private static partial Regex Syntax();
}
