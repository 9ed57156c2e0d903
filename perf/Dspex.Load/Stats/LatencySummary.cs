using HdrHistogram;

namespace Dspex.Load;

/// <summary>Latency figures in milliseconds, read from an HdrHistogram of microseconds.</summary>
internal sealed record LatencySummary(
    long Count, double MinMs, double MeanMs, double MaxMs, double P50Ms, double P75Ms, double P95Ms, double P99Ms, double P999Ms)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        static double Ms(long micros) => micros / 1000.0;
        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.LowestEquivalentValue(MinValue(histogram))),
            histogram.GetMean() / 1000.0,
            Ms(histogram.HighestEquivalentValue(histogram.GetMaxValue())),
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(75)),
            Ms(histogram.GetValueAtPercentile(95)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)));
    }

    private static long MinValue(HistogramBase histogram)
    {
        foreach (var value in histogram.RecordedValues())
        {
            return value.ValueIteratedTo;
        }

        return 0;
    }
}
