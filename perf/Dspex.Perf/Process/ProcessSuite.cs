using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Dspex.Perf.Process;

/// <summary>
/// <c>process</c> suite: small-call round trip through a process worker against the JSON-pipe baseline.
/// Ends with <c>process us: roundtrip=X jsonpipe=Y | general p99 ms: idle=A shared=B split-inproc=C split-process=D</c>.
/// </summary>
public static class ProcessSuite
{
    /// <summary>Runs the suite; <c>--quick</c> keeps it under two minutes.</summary>
    /// <param name="args">Command-line arguments after the suite name.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        job = quick
            ? job.WithWarmupCount(3).WithIterationCount(8).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            : job.WithIterationCount(20);
        var config = ManualConfig.CreateMinimumViable().AddJob(job).WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<RoundTripBenchmarks>(config);

        double? MeanUs(string method) => summary.Reports
            .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Mean / 1000.0;

        var roundtrip = MeanUs(nameof(RoundTripBenchmarks.Roundtrip));
        var jsonPipe = MeanUs(nameof(RoundTripBenchmarks.JsonPipe));
        if (roundtrip is { } r && jsonPipe is { } j)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process round trip: {r:0.0} us = {r / j:0.00}x the JSON-pipe baseline ({j:0.0} us); goal <= 0.50x"));
        }

        // The head-of-line figures need the in-process executor (embedded CPython), which is not built yet.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process us: roundtrip={Format(roundtrip)} jsonpipe={Format(jsonPipe)} | general p99 ms: idle=n/a shared=n/a split-inproc=n/a split-process=n/a"));
        return roundtrip is null || jsonPipe is null ? 1 : 0;
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
}
