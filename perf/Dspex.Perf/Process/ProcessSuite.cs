using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dspex.Interop;

namespace Dspex.Perf.Process;

/// <summary>
/// <c>process</c> suite: small-call round trip through a process worker against the JSON-pipe baseline, then
/// the head-of-line latency of general-pool calls with and without a CPU-bound optimizer flood.
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
        var noPoll = MeanUs(nameof(RoundTripBenchmarks.RoundtripNoPoll));
        if (roundtrip is { } r && jsonPipe is { } j && noPoll is { } b)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"process round trip: {r:0.0} us = {r / j:0.00}x the JSON-pipe baseline ({j:0.0} us); goal <= 0.50x. Without busy-polling: {b:0.0} us = {b / j:0.00}x"));
        }

        var headOfLine = RunHeadOfLine(quick);
        double? P99(HeadOfLineSetup setup) => headOfLine.TryGetValue(setup, out var summary) ? summary.P99 : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process us: roundtrip={Format(roundtrip)} jsonpipe={Format(jsonPipe)} | general p99 ms: idle={Format(P99(HeadOfLineSetup.Idle))} shared={Format(P99(HeadOfLineSetup.Shared))} split-inproc={Format(P99(HeadOfLineSetup.SplitInProcess))} split-process={Format(P99(HeadOfLineSetup.SplitProcess))}"));
        return roundtrip is null || jsonPipe is null || headOfLine.Count != Enum.GetValues<HeadOfLineSetup>().Length ? 1 : 0;
    }

    // The embedded runtime starts once per process, so every set-up shares this one.
    private static Dictionary<HeadOfLineSetup, LatencySummary> RunHeadOfLine(bool quick)
    {
        const int rate = 250;
        var duration = TimeSpan.FromSeconds(quick ? 4 : 10);
        using var runtime = PythonRuntime.Start(new PythonRuntimeOptions { SearchPaths = [HeadOfLineLoad.ModuleFolder] });
        using var load = new HeadOfLineLoad(runtime);
        var benchmark = new HeadOfLineBenchmark(load, duration, rate);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"head-of-line: general-pool calls of hol_load.tiny at {rate}/s open loop for {duration.TotalSeconds:0} s per set-up; flood = 4 closed-loop submitters of 50-200 ms pure-Python spins"));
        var results = new Dictionary<HeadOfLineSetup, LatencySummary>();
        foreach (var setup in Enum.GetValues<HeadOfLineSetup>())
        {
            var summary = benchmark.RunAsync(setup).GetAwaiter().GetResult();
            results[setup] = summary;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Name(setup),-26} n={summary.Count,5}  p50={summary.P50,8:0.000} ms  p99={summary.P99,8:0.000} ms  max={summary.Max,8:0.000} ms"));
        }

        var idle = results[HeadOfLineSetup.Idle].P99;
        var shared = results[HeadOfLineSetup.Shared].P99;
        var split = results[HeadOfLineSetup.SplitProcess].P99;
        double Ratio(HeadOfLineSetup setup) => results[setup].P99 / idle;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"head-of-line: split-process p99 = {split / idle:0.00}x idle (goal <= 2x); shared p99 = {shared / split:0.0}x split-process (goal >= 10x); " +
            $"with SCHED_BATCH = {Ratio(HeadOfLineSetup.SplitProcessBatch):0.00}x idle; on every CPU = {Ratio(HeadOfLineSetup.SplitProcessAllCpus):0.00}x; no priority, every CPU = {Ratio(HeadOfLineSetup.SplitProcessNoPriority):0.00}x"));
        return results;
    }

    private static string Name(HeadOfLineSetup setup) => setup switch
    {
        HeadOfLineSetup.Idle => "idle",
        HeadOfLineSetup.Shared => "shared",
        HeadOfLineSetup.SplitInProcess => "split-inproc",
        HeadOfLineSetup.SplitProcess => "split-process",
        HeadOfLineSetup.SplitProcessBatch => "split-process-batch",
        HeadOfLineSetup.SplitProcessAllCpus => "split-process-all-cpus",
        _ => "split-process-no-priority",
    };

    private static string Format(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
}
