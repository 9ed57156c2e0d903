using System.Diagnostics;
using Dspex.Interop;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Perf.Process;

/// <summary>
/// Head-of-line latency: short in-process Python calls on the general pool, sent at a fixed open-loop rate
/// (latency counted from each call's intended send time, so a stalled sender cannot hide a stall), with and
/// without the optimizer pool flooded by CPU-bound Python jobs of 50–200 ms.
/// </summary>
/// <remarks>
/// Every set-up has <see cref="GeneralWorkers"/> workers for the probes and <see cref="OptimizerWorkers"/>
/// for the flood; the flood is <see cref="FloodSubmitters"/> closed-loop submitters, so the flood's queue is
/// never empty. In the shared set-up the two are one pool of their sum, so probes queue behind spins too.
/// </remarks>
internal sealed class HeadOfLineBenchmark(HeadOfLineLoad load, TimeSpan duration, int ratePerSecond)
{
    private const int GeneralWorkers = 2;
    private const int OptimizerWorkers = 2;
    private const int FloodSubmitters = 2 * OptimizerWorkers;
    private const string FloodModule = "dspy.teleprompt.MIPROv2";
    private const string ProbeModule = "dspy.Predict";
    private static readonly TimeSpan s_floodRampUp = TimeSpan.FromMilliseconds(400);

    public async Task<LatencySummary> RunAsync(HeadOfLineSetup setup)
    {
        var (options, components) = Configure(setup);
        await using var scheduler = new DspexScheduler(options, components);
        await scheduler.StartAsync().ConfigureAwait(false);

        // Warms every general worker's thread state and the call path before anything is timed.
        await Task.WhenAll(Enumerable.Range(0, 4 * GeneralWorkers).Select(_ => scheduler.SubmitAsync(Probe()).AsTask())).ConfigureAwait(false);

        var floodPool = setup == HeadOfLineSetup.Shared ? PoolNames.General : PoolNames.Optimizer;
        using var stop = new CancellationTokenSource();
        var flood = setup == HeadOfLineSetup.Idle
            ? []
            : Enumerable.Range(0, FloodSubmitters).Select(i => FloodAsync(scheduler, floodPool, setup, seed: i, stop.Token)).ToArray();
        if (flood.Length > 0)
        {
            await Task.Delay(s_floodRampUp).ConfigureAwait(false);
        }

        var latencies = await ProbeAsync(scheduler).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        var spins = (await Task.WhenAll(flood).ConfigureAwait(false)).Sum();
        if (flood.Length > 0 && spins == 0)
        {
            throw new InvalidOperationException($"The {setup} flood completed no spin job, so nothing was measured under load.");
        }

        return LatencySummary.Of(latencies);
    }

    private (DspexOptions Options, SchedulerComponents Components) Configure(HeadOfLineSetup setup)
    {
        var options = new DspexOptions();
        var components = new SchedulerComponents();
        var inProcess = new InProcessExecutorFactory(load.Runtime);

        var general = options.Pools[PoolNames.General];
        Fix(general, setup == HeadOfLineSetup.Shared ? GeneralWorkers + OptimizerWorkers : GeneralWorkers);
        components.Executors[PoolNames.General] = inProcess;

        // Unused here; one idle worker keeps it out of the way.
        Fix(options.Pools[PoolNames.Neural], 1);

        var optimizer = options.Pools[PoolNames.Optimizer];
        switch (setup)
        {
            case HeadOfLineSetup.SplitProcess or HeadOfLineSetup.SplitProcessBatch or HeadOfLineSetup.SplitProcessAllCpus or HeadOfLineSetup.SplitProcessNoPriority:
                // The pool's own defaults (WorkerNice 10, SCHED_IDLE, one CPU kept free) unless the set-up
                // measures without some of them.
                Fix(optimizer, OptimizerWorkers);
                optimizer.Isolation = PoolIsolation.Process;
                if (setup == HeadOfLineSetup.SplitProcessBatch)
                {
                    optimizer.WorkerSchedulingPolicy = WorkerSchedulingPolicy.Batch;
                }
                else if (setup == HeadOfLineSetup.SplitProcessAllCpus)
                {
                    optimizer.WorkerReservedCpus = 0;
                }
                else if (setup == HeadOfLineSetup.SplitProcessNoPriority)
                {
                    optimizer.WorkerNice = 0;
                    optimizer.WorkerSchedulingPolicy = WorkerSchedulingPolicy.Normal;
                    optimizer.WorkerReservedCpus = 0;
                }

                var workers = new ProcessWorkerOptions
                {
                    PythonExecutable = Environment.GetEnvironmentVariable("DSPEX_PYTHON") is { Length: > 0 } p ? p : null,
                };
                workers.Modules.Add(HeadOfLineLoad.ModuleName);
                workers.SearchPaths.Add(HeadOfLineLoad.ModuleFolder);
                components.Executors[PoolNames.Optimizer] = new ProcessExecutorFactory(optimizer, workers);
                break;
            case HeadOfLineSetup.SplitInProcess:
                Fix(optimizer, OptimizerWorkers);
                optimizer.Isolation = PoolIsolation.InProcess;
                components.Executors[PoolNames.Optimizer] = inProcess;
                break;
            default:
                Fix(optimizer, 1);
                optimizer.Isolation = PoolIsolation.InProcess;
                components.Executors[PoolNames.Optimizer] = inProcess;
                break;
        }

        return (options, components);
    }

    // A fixed number of workers: overflow would add workers mid-run and change what is measured.
    private static void Fix(PoolOptions pool, int size)
    {
        pool.Size = size;
        pool.MaxOverflow = 0;
        pool.UseSharedOverflow = false;
    }

    private DelegateJob<long> Probe() => new(ProbeModule, _ => load.Tiny()) { Pool = PoolNames.General };

    private async Task<int> FloodAsync(DspexScheduler scheduler, string pool, HeadOfLineSetup setup, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        var spins = 0;
        while (!stop.IsCancellationRequested)
        {
            var seconds = (50 + random.Next(151)) / 1000.0;
            DelegateJob<long> job = setup is HeadOfLineSetup.SplitProcess or HeadOfLineSetup.SplitProcessBatch or HeadOfLineSetup.SplitProcessAllCpus or HeadOfLineSetup.SplitProcessNoPriority
                ? new(FloodModule, ctx => ctx.GetProcessModule(HeadOfLineLoad.ModuleName).Call<long>("spin", seconds)) { Pool = pool }
                : new(FloodModule, _ => load.Spin(seconds)) { Pool = pool };
            if (await scheduler.SubmitAsync(job, CancellationToken.None).ConfigureAwait(false) <= 0)
            {
                throw new InvalidOperationException("A spin job returned no iterations.");
            }

            spins++;
        }

        return spins;
    }

    private async Task<List<double>> ProbeAsync(DspexScheduler scheduler)
    {
        var count = (int)(duration.TotalSeconds * ratePerSecond);
        var period = Stopwatch.Frequency / (double)ratePerSecond;
        var pending = new Task<double>[count];
        var sender = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var intended = start + (long)(i * period);
                WaitUntil(intended);
                pending[i] = TimeAsync(scheduler.SubmitAsync(Probe()), intended);
            }
        })
        { IsBackground = true, Name = "hol-probe-sender", Priority = ThreadPriority.AboveNormal };
        sender.Start();
        await Task.Run(sender.Join).ConfigureAwait(false);
        return [.. await Task.WhenAll(pending).ConfigureAwait(false)];
    }

    private static async Task<double> TimeAsync(ValueTask<long> call, long intended)
    {
        if (await call.ConfigureAwait(false) != 1)
        {
            throw new InvalidOperationException("The probe returned the wrong value.");
        }

        return Stopwatch.GetElapsedTime(intended).TotalMilliseconds;
    }

    // Sleeps the whole milliseconds of the gap, then spins through the rest: Thread.Sleep has millisecond
    // granularity, and its overshoot would count as latency since latency runs from the intended time. It
    // spins rather than yields: with the flood's processes on every core, sched_yield hands the core to one of
    // them for a whole time slice (milliseconds), which would charge the sender's own lateness to the pools.
    private static void WaitUntil(long timestamp)
    {
        while (true)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (remaining >= TimeSpan.FromMilliseconds(1))
            {
                Thread.Sleep((int)remaining.TotalMilliseconds);
            }
            else
            {
                Thread.SpinWait(64);
            }
        }
    }
}
