using System.Diagnostics;
using Dspex.Interop;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Chaos;

/// <summary>
/// One chaos run: an optimizer pool of real Python worker processes and a general in-process pool take a
/// seeded mix of jobs (the general ones call the embedded interpreter) while a killer SIGKILLs worker processes; the ledger records what happened.
/// </summary>
internal sealed class ChaosRun(ChaosSettings settings, TextWriter log)
{
    private static readonly string[] PoolsUnderTest = [PoolNames.Optimizer, PoolNames.General];

    private static string PythonFolder => Path.Combine(AppContext.BaseDirectory, "python");

    public async Task<ChaosResult> RunAsync()
    {
        var random = new Random(settings.Seed);
        var jobs = WorkloadPlan.Create(settings, random);
        var registry = new WorkerRegistry();
        var options = Options();
        var components = new SchedulerComponents();
        components.Executors[PoolNames.Optimizer] = new TrackingExecutorFactory(
            new ProcessExecutorFactory(options.Pools[PoolNames.Optimizer], WorkerOptions()), registry);

        // The one embedded interpreter of this process; each general worker gets its own thread state.
        ChaosInProcessModule.Register();
        using var runtime = PythonRuntime.Start(new PythonRuntimeOptions { SearchPaths = [PythonFolder] });
        components.Executors[PoolNames.General] = new InProcessExecutorFactory(runtime).Preload<IChaosInProcess>();

        var scheduler = new DspexScheduler(options, components);
        await scheduler.StartAsync().ConfigureAwait(false);
        var sampler = new PoolSampler(scheduler, PoolsUnderTest);
        var killer = new Killer(registry, settings, new Random(settings.Seed + 1));
        var factory = new ChaosJobs(registry);
        var completions = new Task[jobs.Count];
        var clock = Stopwatch.StartNew();
        sampler.Start();
        killer.Start();

        var killerStopped = false;
        MemoryPoint? warm = null;
        var nextProgress = TimeSpan.FromSeconds(5);
        for (var i = 0; i < jobs.Count; i++)
        {
            var record = jobs[i];
            var wait = record.SubmitAt - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }

            if (!killerStopped && clock.Elapsed >= settings.SubmitDuration * settings.KillWindow)
            {
                killer.Stop();
                killerStopped = true;
            }

            if (warm is null && i >= jobs.Count / 4)
            {
                warm = MemoryPoint.Measure();
            }

            if (clock.Elapsed >= nextProgress)
            {
                nextProgress += TimeSpan.FromSeconds(5);
                log.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0}s submitted={i} kills={registry.Kills.Count} starts={registry.Starts}");
            }

            completions[i] = Submit(scheduler, factory, record);
        }

        if (!killerStopped)
        {
            killer.Stop();
        }

        var drained = Task.WhenAll(completions);
        var pending = 0;
        try
        {
            await drained.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            pending = completions.Count(t => !t.IsCompleted);
        }

        var end = MemoryPoint.Measure();
        sampler.Stop();
        await scheduler.StopAsync().ConfigureAwait(false);
        var snapshots = PoolsUnderTest.ToDictionary(p => p, scheduler.GetSnapshot);
        var live = AwaitNoLiveWorkers(registry, TimeSpan.FromSeconds(5));
        return new ChaosResult(
            settings, jobs, pending, snapshots, registry, sampler.Shortfall, sampler.Memory, warm ?? end, end, live, clock.Elapsed);
    }

    private static Task Submit(DspexScheduler scheduler, ChaosJobs factory, JobRecord record)
    {
        var job = factory.Create(record);
        if (!record.IsCancelTarget)
        {
            return scheduler.SubmitAsync(job).AsTask().ContinueWith(
                record.OnTaskCompleted, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        var cancellation = new CancellationTokenSource();
        var task = scheduler.SubmitAsync(job, cancellation.Token).AsTask();
        record.MarkCancelling();
        cancellation.Cancel();
        record.MarkCancelled();
        return task.ContinueWith(
            t =>
            {
                record.OnTaskCompleted(t);
                cancellation.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits for every worker process this run started, and any child running the worker script, to be gone.</summary>
    private static IReadOnlyList<int> AwaitNoLiveWorkers(WorkerRegistry registry, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var live = registry.Processes.Select(p => p.Pid).Where(ProcScan.IsAlive).Union(ProcScan.OurLiveWorkers()).ToList();
            if (live.Count == 0 || Stopwatch.GetTimestamp() > deadline)
            {
                return live;
            }

            Thread.Sleep(20);
        }
    }

    private DspexOptions Options()
    {
        var options = new DspexOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(10) };

        // The default routing rules name the neural pool; it stays, at one worker, and takes no jobs here.
        options.Pools[PoolNames.Neural].Size = 1;
        options.Pools[PoolNames.Neural].MaxOverflow = 0;
        var optimizer = options.Pools[PoolNames.Optimizer];
        optimizer.Size = settings.OptimizerSize;
        optimizer.MaxOverflow = 0;
        optimizer.QueueCapacity = 4000;
        optimizer.QueueTimeout = TimeSpan.FromSeconds(60);
        optimizer.MaxCrashRetries = settings.MaxCrashRetries;
        var general = options.Pools[PoolNames.General];
        general.Size = settings.GeneralSize;
        general.MaxOverflow = 0;
        general.QueueCapacity = 4000;
        general.QueueTimeout = TimeSpan.FromSeconds(60);
        return options;
    }

    private static ProcessWorkerOptions WorkerOptions()
    {
        var options = new ProcessWorkerOptions
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            HeartbeatTimeout = TimeSpan.FromSeconds(2),
            CancelGracePeriod = TimeSpan.FromMilliseconds(300),
            ShutdownGracePeriod = TimeSpan.FromSeconds(1),
        };
        options.SearchPaths.Add(PythonFolder);
        options.Modules.Add(ChaosJobs.PythonModule);
        return options;
    }
}
