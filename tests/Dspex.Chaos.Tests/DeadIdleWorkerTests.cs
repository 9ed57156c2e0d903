using System.Runtime.InteropServices;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Chaos.Tests;

/// <summary>
/// Repro of the bug the chaos run found: a process worker whose Python process dies while it is idle keeps
/// its dead executor, and the next job routed to it fails with WorkerCrashedException without ever running.
/// </summary>
public sealed partial class DeadIdleWorkerTests
{
    private const int SIGKILL = 9;

    [Fact]
    public async Task A_non_idempotent_job_given_to_a_worker_whose_process_died_while_idle_runs_on_a_replacement()
    {
        await using var scheduler = await StartAsync();
        var first = await scheduler.SubmitAsync(PidJob());

        // Let the worker finish its after-job health check and park: the process now dies while idle.
        await Task.Delay(300);
        Assert.Equal(0, Kill((int)first, SIGKILL));
        WaitUntilGone((int)first);

        // .NET learns of the death from SIGCHLD on its own thread; give it that moment (see the report of the
        // residual race: a process that dies within milliseconds of the next job is still seen as alive).
        await Task.Delay(200);

        // The job never reached Python: it is as safe to run on a fresh worker as a queued job.
        var second = await scheduler.SubmitAsync(PidJob());
        Assert.NotEqual(first, second);
        Assert.Equal(0, scheduler.GetSnapshot(PoolNames.Optimizer).Failed);
    }

    private static DelegateJob<long> PidJob() =>
        new("chaos.pid", ctx => ctx.GetProcessModule(ChaosJobs.PythonModule).Call<long>("pid")) { Pool = PoolNames.Optimizer };

    private static async Task<DspexScheduler> StartAsync()
    {
        var options = new DspexOptions();
        var optimizer = options.Pools[PoolNames.Optimizer];
        optimizer.Size = 1;
        optimizer.MaxOverflow = 0;
        var worker = new ProcessWorkerOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(1) };
        worker.SearchPaths.Add(Path.Combine(AppContext.BaseDirectory, "python"));
        worker.Modules.Add(ChaosJobs.PythonModule);
        var components = new SchedulerComponents();
        components.Executors[PoolNames.Optimizer] = new ProcessExecutorFactory(optimizer, worker);
        var scheduler = new DspexScheduler(options, components);
        await scheduler.StartAsync();
        return scheduler;
    }

    private static void WaitUntilGone(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (ProcScan.IsAlive(pid))
        {
            Assert.True(DateTime.UtcNow < deadline, $"process {pid} still alive after SIGKILL");
            Thread.Sleep(10);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
