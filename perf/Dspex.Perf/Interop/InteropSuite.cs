using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;

namespace Dspex.Perf.Interop;

/// <summary>
/// Entry of <c>Dspex.Perf interop [--quick]</c>. Runs in-process (CPython is embedded once per process, and
/// every figure is measured next to its baseline in that same process); the last line printed is
/// <c>interop ns/call: dspex=X raw=Y pythonnet=Z</c> for add(a, b).
/// </summary>
public static class InteropSuite
{
    /// <summary>Runs the interop benchmarks.</summary>
    /// <param name="args"><c>--quick</c> for a short run (under 90 s).</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var job = Job.Default.WithToolchain(InProcessNoEmitToolchain.Instance);
        if (quick)
        {
            job = job.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(150))
                .WithLaunchCount(1).WithUnrollFactor(16);
        }

        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job.WithId(quick ? "quick" : "full"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<InteropBenchmarks>(config);

        double Mean(string method)
            => summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Mean ?? double.NaN;

        PrintRatios(summary);
        var dspex = Mean(nameof(InteropBenchmarks.Add_Dspex));
        var raw = Mean(nameof(InteropBenchmarks.Add_Raw));
        var pythonnet = Mean(nameof(InteropBenchmarks.Add_Pythonnet));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"interop ns/call: dspex={dspex:F1} raw={raw:F1} pythonnet={pythonnet:F1}"));
        return double.IsNaN(dspex) || double.IsNaN(raw) || double.IsNaN(pythonnet) ? 1 : 0;
    }

    private static void PrintRatios(Summary summary)
    {
        foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Descriptor.Categories.FirstOrDefault() ?? ""))
        {
            var means = group.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name.Split('_')[1], r => r.ResultStatistics?.Mean ?? double.NaN);
            if (means.TryGetValue("Raw", out var raw) && means.TryGetValue("Dspex", out var dspex) && means.TryGetValue("Pythonnet", out var pythonnet))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{group.Key}: dspex {dspex:F1} ns = {dspex / raw:F2}x raw ({raw:F1} ns); pythonnet {pythonnet:F1} ns = {pythonnet / dspex:F1}x dspex"));
            }
        }
    }
}
