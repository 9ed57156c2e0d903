using ScottPlot;

namespace Dspex.Load;

/// <summary>Draws the report's PNG plots with ScottPlot: latency over time and the percentile curve.</summary>
internal static class PlotRenderer
{
    private const int Width = 900;
    private const int Height = 420;

    /// <summary>Each call's latency (ms, log scale) at its intended send, one series per scenario.</summary>
    public static byte[] LatencyOverTime(string title, IReadOnlyList<ScenarioStats> scenarios)
    {
        var plot = new Plot();
        foreach (var stats in scenarios.Where(s => s.Timeline.Count > 0))
        {
            var xs = stats.Timeline.Select(s => s.AtSeconds).ToArray();
            var ys = stats.Timeline.Select(s => Math.Log10(Math.Max(s.LatencyMs, 0.001))).ToArray();
            var scatter = plot.Add.ScatterPoints(xs, ys);
            scatter.MarkerSize = 3;
            scatter.LegendText = stats.Scenario;
        }

        plot.Axes.Left.TickGenerator = LogTicks();
        plot.Title($"{title}: latency over time");
        plot.XLabel("seconds since start (intended send)");
        plot.YLabel("latency ms (log)");
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Latency against percentile; the x axis spreads the tail (90, 99, 99.9 …) evenly.</summary>
    public static byte[] PercentileCurve(string title, IReadOnlyList<ScenarioStats> scenarios)
    {
        var plot = new Plot();
        foreach (var stats in scenarios.Where(s => s.PercentileCurve.Count > 0))
        {
            var xs = stats.PercentileCurve.Select(p => TailPosition(p.Percentile)).ToArray();
            var ys = stats.PercentileCurve.Select(p => Math.Log10(Math.Max(p.LatencyMs, 0.001))).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = stats.Scenario;
        }

        double[] marks = [0, 50, 90, 99, 99.9, 99.99];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. marks.Select(TailPosition)], [.. marks.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%")]);
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.Title($"{title}: latency by percentile");
        plot.XLabel("percentile");
        plot.YLabel("latency ms (log)");
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>−log10(1 − p): 90% → 1, 99% → 2, 99.9% → 3; 100% is drawn at 4.5.</summary>
    internal static double TailPosition(double percentile) => percentile >= 100 ? 4.5 : Math.Min(4.5, -Math.Log10(1 - (percentile / 100)));

    private static ScottPlot.TickGenerators.NumericManual LogTicks()
    {
        double[] ms = [0.01, 0.1, 1, 10, 100, 1000, 10000];
        return new ScottPlot.TickGenerators.NumericManual(
            [.. ms.Select(Math.Log10)], [.. ms.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }
}
