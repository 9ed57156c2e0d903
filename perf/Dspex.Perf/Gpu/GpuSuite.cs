using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Dspex.Gpu;

namespace Dspex.Perf.Gpu;

/// <summary>
/// The <c>gpu</c> suite: ledger and gate admit+release against an Interlocked baseline, and NVML memory query
/// latency when a GPU exists. Ends with <c>gpu ns: reserve+release=X | nvml: &lt;p50 us or 'no gpu'&gt;</c>.
/// </summary>
public static class GpuSuite
{
    /// <summary>Runs the suite; <c>--quick</c> uses BenchmarkDotNet's short run.</summary>
    /// <param name="args">Command-line arguments after <c>gpu</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var config = DefaultConfig.Instance.AddJob(quick ? Job.ShortRun : Job.Default);
        var summary = BenchmarkRunner.Run<GpuLedgerBenchmarks>(config);
        double Mean(string name) => summary.Reports
            .Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == name && r.ResultStatistics is not null)
            .Select(r => r.ResultStatistics!.Mean).DefaultIfEmpty(double.NaN).First();

        var baseline = Mean(nameof(GpuLedgerBenchmarks.InterlockedPair));
        var ledger = Mean(nameof(GpuLedgerBenchmarks.LedgerReserveRelease));
        var gate = Mean(nameof(GpuLedgerBenchmarks.GateAdmitRelease));
        var contendedBaseline = Mean(nameof(GpuLedgerBenchmarks.InterlockedPairContended));
        var contended = Mean(nameof(GpuLedgerBenchmarks.LedgerReserveReleaseContended));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gpu ratios: ledger {ledger / baseline:0.00}x, gate {gate / baseline:0.00}x, ledger 2 threads {contended / contendedBaseline:0.00}x (vs Interlocked add+sub {baseline:0.0} ns / {contendedBaseline:0.0} ns on 2 threads)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gpu ns: reserve+release={ledger:0.0} | nvml: {NvmlLatency()}"));
        return 0;
    }

    private static string NvmlLatency()
    {
        using var provider = NvmlGpuProvider.Open();
        if (provider.UnavailableReason is not null)
        {
            return "no gpu";
        }

        var samples = new double[1000];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            provider.TryReadMemory(0, out _, out _);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return string.Create(CultureInfo.InvariantCulture, $"p50 {samples[500]:0.0} us, p99 {samples[990]:0.0} us");
    }
}
