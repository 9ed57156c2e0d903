using System.Diagnostics;
using System.Globalization;
using Dspex.Scheduler;

namespace Dspex.Load;

/// <summary>
/// The head-of-line suite: the same general/neural/optimizer load against each <see cref="HolSetup"/>, an
/// open-model rate check at 1,000/s, and the starvation scenario; writes reports and prints the summary line.
/// </summary>
internal static class HolSuite
{
    public static async Task<int> RunAsync(HolSettings settings, string reportDirectory)
    {
        var runs = new List<RunResult>();
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"),
            string.Create(CultureInfo.InvariantCulture, $"load: general {settings.GeneralRate}/s x {settings.GeneralWork.TotalMilliseconds} ms spin, neural {settings.NeuralRate}/s x {settings.NeuralWork.TotalMilliseconds} ms spin (open model, latency from intended send), optimizer flood {settings.FloodCopies} closed callers x {settings.OptimizerWork.TotalMilliseconds} ms spin; warm-up {settings.WarmUp.TotalSeconds} s, measured {settings.Measure.TotalSeconds} s"),
            $"routed-process: optimizer work is a CPU-bound Python busy loop (Hol/python/hol_work.py spin) run in the project's process workers, ProcessExecutorFactory + python/dspex_worker.py, one Python process per worker at the pool's WorkerNice and scheduling policy (SCHED_IDLE by default) ({OptimizerProcessWorkers.Python})",
        };

        var roundP99 = HolSetup.All.ToDictionary(s => s.Name, _ => new List<double>(), StringComparer.Ordinal);
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var setup in HolSetup.All)
            {
                var pausedBefore = GC.GetTotalPauseDuration();
                var collectionsBefore = GC.CollectionCount(0);
                runs.Add(await RunSetupAsync(setup, settings, $"{setup.Name} #{round}").ConfigureAwait(false));
                notes.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{runs[^1].Title}: {GC.CollectionCount(0) - collectionsBefore} GCs, total GC pause {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0.#} ms; injector send lag p99 {runs[^1][HolScenarios.General].Extra["send_lag_p99_ms"]:0.##} ms (a late injector means the whole process was stalled)"));
                Console.WriteLine(notes[^1]);
                roundP99[setup.Name].Add(runs[^1][HolScenarios.General].OkLatency.P99Ms);
                Console.WriteLine(Summary(runs[^1]));
            }
        }

        foreach (var setup in HolSetup.All)
        {
            notes.Add($"{setup.Name}: {setup.Description}; general p99 per round ms: {string.Join(", ", roundP99[setup.Name].Select(Format))}; median {Format(Median(roundP99[setup.Name]))}");
        }

        var rate = await RunRateCheckAsync(settings).ConfigureAwait(false);
        runs.Add(rate);
        var rateStats = rate.Scenarios[0];
        var rateLine = string.Create(
            CultureInfo.InvariantCulture,
            $"open-model rate: requested={rateStats.RequestedRate:0.#}/s achieved={rateStats.AchievedRate:0.#}/s error={rateStats.Extra["rate_error%"]:0.##}% send-lag p99={rateStats.Extra["send_lag_p99_ms"]:0.###} ms");
        Console.WriteLine(rateLine);
        notes.Add(rateLine);

        var starvation = await RunStarvationAsync(settings).ConfigureAwait(false);
        runs.Add(starvation);
        var low = starvation[StarvationScenarios.Low];
        var starved = (long)low.Extra["starved"];
        var starvationLine = string.Create(
            CultureInfo.InvariantCulture,
            $"starvation: low-priority p99={low.OkLatency.P99Ms:0.##} ms (n={low.Ok}), bypasses max={low.Extra["bypass_max"]:0} bound={StarvationScenarios.BypassBound} takes (K={StarvationScenarios.AgingLimit} + P={StarvationScenarios.Levels} - 1 + W={StarvationScenarios.Workers} - 1), wait bound at lane head={StarvationScenarios.WaitBound.TotalMilliseconds:0.##} ms ((bound + W) x {StarvationScenarios.JobDuration.TotalMilliseconds} ms / W), starved={starved}");
        Console.WriteLine(starvationLine);
        notes.Add(starvationLine);

        double P99(string setup) => Median(roundP99[setup]);
        var shared = P99("shared");
        var routed = P99("routed");
        var process = P99("routed-process");
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"hol general p99 ms: shared={Format(shared)} routed={Format(routed)} routed-process={Format(process)} | factor={Format(process > 0 ? shared / process : double.PositiveInfinity)} | starved={starved}");
        notes.Insert(0, line);
        notes.Insert(1, $"each figure of that line is the median over {settings.Rounds} interleaved rounds of that set-up's general p99 (latency from intended send)");

        var files = ReportWriter.Write(reportDirectory, "hol", "Dspex head-of-line load report", runs, notes);
        Console.WriteLine($"reports: {string.Join(", ", files)}");

        var failed = runs.SelectMany(r => r.Thresholds.Where(t => !t.Passed).Select(t => $"{r.Title}: {t.Message}")).ToList();
        foreach (var failure in failed)
        {
            Console.Error.WriteLine(failure);
        }

        Console.WriteLine(line);
        return failed.Count == 0 ? 0 : 1;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static string Format(double ms) => ms.ToString(ms >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static string Summary(RunResult run)
        => $"{run.Title}: " + string.Join(" | ", run.Scenarios.Select(s => string.Create(
            CultureInfo.InvariantCulture, $"{s.Scenario} ok={s.Ok} fail={s.Fail} p50={s.OkLatency.P50Ms:0.##} p99={s.OkLatency.P99Ms:0.##} ms")));

    private static async Task<RunResult> RunSetupAsync(HolSetup setup, HolSettings settings, string title)
    {
        var options = setup.CreateOptions();
        var components = new SchedulerComponents();
        OptimizerProcessWorkers? factory = null;
        if (setup.OptimizerInProcessWorkers)
        {
            factory = new OptimizerProcessWorkers(options.Pools[PoolNames.Optimizer]);
            components.Executors[PoolNames.Optimizer] = factory;
        }

        var scheduler = new DspexScheduler(options, components);
        await using (scheduler.ConfigureAwait(false))
        {
            await scheduler.StartAsync().ConfigureAwait(false);
            var result = await LoadRunner.RunAsync(title, HolScenarios.Create(scheduler, settings)).ConfigureAwait(false);
            await scheduler.StopAsync().ConfigureAwait(false);
            if (factory is not null)
            {
                EnsureExited(factory.StartedProcessIds);
            }

            return result;
        }
    }

    private static async Task<RunResult> RunRateCheckAsync(HolSettings settings)
    {
        var scheduler = new DspexScheduler(new DspexOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(2) });
        await using (scheduler.ConfigureAwait(false))
        {
            await scheduler.StartAsync().ConfigureAwait(false);
            var job = new DelegateJob<int>("dspy.Predict", _ => 1);
            var scenario = new Scenario("rate-1000", HolScenarios.Submit(scheduler, job))
            {
                WarmUp = TimeSpan.FromSeconds(1),
                Simulations = [new LoadSimulation.Inject(settings.RateCheckRate, TimeSpan.FromSeconds(1), settings.RateCheckMeasure)],
                Thresholds = [Threshold.Parse("fail% < 1"), Threshold.Parse("rate_error% < 2")],
            };
            return await LoadRunner.RunAsync("open-model rate check", [scenario]).ConfigureAwait(false);
        }
    }

    private static async Task<RunResult> RunStarvationAsync(HolSettings settings)
    {
        var scheduler = new DspexScheduler(StarvationScenarios.Options());
        await using (scheduler.ConfigureAwait(false))
        {
            await scheduler.StartAsync().ConfigureAwait(false);
            var probe = new StarvationProbe();
            return await LoadRunner.RunAsync(
                "starvation",
                StarvationScenarios.Create(scheduler, probe, TimeSpan.FromSeconds(1), settings.StarvationMeasure)).ConfigureAwait(false);
        }
    }

    /// <summary>After shutdown no optimizer worker process may be left behind.</summary>
    private static void EnsureExited(IReadOnlyList<int> processIds)
    {
        foreach (var id in processIds)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                if (!process.WaitForExit(3000))
                {
                    throw new InvalidOperationException($"Optimizer worker process {id} is still alive after the scheduler stopped.");
                }
            }
            catch (ArgumentException)
            {
                // Already gone: what shutdown should achieve.
            }
        }
    }
}
