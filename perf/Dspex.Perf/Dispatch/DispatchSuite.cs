using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dspex.Scheduler;

namespace Dspex.Perf.Dispatch;

/// <summary>
/// The <c>dispatch</c> suite. Ends with <c>dispatch ns/job: dspex=X channel=Y prioritized=Z actionblock=W threadpool=V</c>
/// (one producer), after a table for one and two producers with allocations and the bytes a queued job holds.
/// </summary>
public static class DispatchSuite
{
    /// <summary>Runs the suite; <c>--quick</c> runs in process with short iterations (well under 90 s).</summary>
    /// <param name="args">Arguments after <c>dispatch</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var job = quick
            ? Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(120))
            : Job.Default;
        var summary = BenchmarkRunner.Run<DispatchBenchmarks>(DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator));
        var queuedBytes = QueuedJobBytes();

        Console.WriteLine();
        Console.WriteLine("| producers | dspex ns | channel ns | prioritized ns | actionblock ns | threadpool ns | dspex/channel | dspex B/job | channel B/job |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var producers in new[] { 1, 2 })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {producers} | {Mean(summary, "Dspex", producers):0.0} | {Mean(summary, "BoundedChannel", producers):0.0} | {Mean(summary, "PrioritizedChannel", producers):0.0} | {Mean(summary, "ActionBlock", producers):0.0} | {Mean(summary, "ThreadPoolQueue", producers):0.0} | {Mean(summary, "Dspex", producers) / Mean(summary, "BoundedChannel", producers):0.00}x | {Bytes(summary, "Dspex", producers):0.0} | {Bytes(summary, "BoundedChannel", producers):0.0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queued job bytes: {queuedBytes:0} (slot + lane cell, measured with 20,000 jobs queued)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dispatch ns/job: dspex={Mean(summary, "Dspex", 1):0.0} channel={Mean(summary, "BoundedChannel", 1):0.0} prioritized={Mean(summary, "PrioritizedChannel", 1):0.0} actionblock={Mean(summary, "ActionBlock", 1):0.0} threadpool={Mean(summary, "ThreadPoolQueue", 1):0.0}"));
        return 0;
    }

    private static BenchmarkReport? Report(Summary summary, string method, int producers) => summary.Reports.FirstOrDefault(r =>
        r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
        && Equals(r.BenchmarkCase.Parameters["Producers"], producers)
        && r.ResultStatistics is not null);

    private static double Mean(Summary summary, string method, int producers) => Report(summary, method, producers)?.ResultStatistics!.Mean ?? double.NaN;

    private static double Bytes(Summary summary, string method, int producers)
        => Report(summary, method, producers)?.GcStats.GetBytesAllocatedPerOperation(Report(summary, method, producers)!.BenchmarkCase) ?? double.NaN;

    /// <summary>Memory a queued job holds: queue 20,000 jobs behind a blocked worker and measure the heap growth.</summary>
    private static double QueuedJobBytes()
    {
        const int Count = 20_000;
        var options = new DspexOptions();
        options.Pools.Clear();
        options.Pools["general"] = new PoolOptions { Size = 1, MaxOverflow = 0, QueueCapacity = Count + 1, QueueTimeout = Timeout.InfiniteTimeSpan };
        options.Routing.Rules = [];
        var scheduler = new DspexScheduler(options);
        scheduler.StartAsync().GetAwaiter().GetResult();
        using var release = new ManualResetEventSlim();
        var blocker = scheduler.SubmitAsync(new DelegateJob<int>("block", _ => { release.Wait(); return 0; }));
        var pending = new ValueTask<int>[Count];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Count; i++)
        {
            pending[i] = scheduler.SubmitAsync(DispatchBenchmarks.NoOpJob.Instance);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        release.Set();
        blocker.AsTask().GetAwaiter().GetResult();
        foreach (var task in pending)
        {
            task.AsTask().GetAwaiter().GetResult();
        }

        scheduler.StopAsync().GetAwaiter().GetResult();
        return (after - before) / (double)Count;
    }
}
