using System.Diagnostics;
using System.Globalization;
using Dspex.Gpu;

namespace Dspex.GpuCheck;

/// <summary>NVML memory query latency (<c>nvmlDeviceGetMemoryInfo_v2</c>), measured the way the ledger's refresh calls it.</summary>
internal static class NvmlLatency
{
    /// <summary>Times <paramref name="queries"/> memory readings of <paramref name="device"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="device">The device index.</param>
    /// <param name="queries">How many (≥ 1).</param>
    /// <returns>The sorted latencies, in microseconds.</returns>
    public static double[] Measure(IGpuDeviceProvider provider, int device, int queries)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queries);
        var samples = new double[queries];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var ok = provider.TryReadMemory(device, out _, out var error);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (!ok)
            {
                throw new InvalidOperationException($"NVML memory query {i + 1} of {queries} failed: {error}");
            }
        }

        Array.Sort(samples);
        return samples;
    }

    /// <summary>The <paramref name="fraction"/> quantile of sorted samples (nearest rank).</summary>
    /// <param name="sorted">Samples in ascending order.</param>
    /// <param name="fraction">0–1, e.g. 0.99.</param>
    /// <returns>The quantile.</returns>
    public static double Quantile(double[] sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Length);
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The report line.</summary>
    /// <param name="device">The device index.</param>
    /// <param name="sorted">Samples in ascending order.</param>
    /// <returns>E.g. <c>nvml memory query on gpu 0: 1000 queries, p50 11.8 us, p99 19.2 us</c>.</returns>
    public static string Format(int device, double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"nvml memory query on gpu {device}: {sorted.Length} queries, p50 {Quantile(sorted, 0.50):0.0} us, p99 {Quantile(sorted, 0.99):0.0} us, max {sorted[^1]:0.0} us");
}
