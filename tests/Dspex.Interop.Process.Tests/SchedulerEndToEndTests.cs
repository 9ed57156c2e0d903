using Dspex.Interop.Process.Native;
using Dspex.Scheduler;

namespace Dspex.Interop.Process.Tests;

/// <summary>Process workers behind the real scheduler: crashes, retries, recovery to Size, no lost jobs.</summary>
public sealed class SchedulerEndToEndTests
{
    private const string Module = "dspy.teleprompt.MIPROv2";

    private static async Task<DspexScheduler> StartAsync(int size, Action<PoolOptions>? configure = null, ProcessWorkerOptions? workerOptions = null)
    {
        var options = new DspexOptions();
        var optimizer = options.Pools[PoolNames.Optimizer];
        optimizer.Size = size;
        optimizer.MaxOverflow = 0;
        optimizer.WorkerNice = 0;
        configure?.Invoke(optimizer);
        var components = new SchedulerComponents();
        components.Executors[PoolNames.Optimizer] = new ProcessExecutorFactory(optimizer, workerOptions ?? Workers.Options());
        var scheduler = new DspexScheduler(options, components);
        await scheduler.StartAsync();
        return scheduler;
    }

    private static DelegateJob<T> Job<T>(Func<JobContext, ProcessPythonModule, T> work, bool idempotent = false, TimeSpan? timeout = null) =>
        new(Module, ctx => work(ctx, ctx.GetProcessModule("dspex_fixture"))) { Idempotent = idempotent, Timeout = timeout };

    private static async Task PoolBackToSizeAsync(DspexScheduler scheduler, int size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (scheduler.GetSnapshot(PoolNames.Optimizer).TotalWorkers != size)
        {
            Assert.True(DateTime.UtcNow < deadline, $"pool has {scheduler.GetSnapshot(PoolNames.Optimizer).TotalWorkers} workers, not {size}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_non_idempotent_job_whose_worker_exits_fails_with_WorkerCrashedException_and_the_pool_recovers()
    {
        await using var scheduler = await StartAsync(size: 2);
        var crash = Job((ctx, m) => m.Call<long>("say_then_exit", 1));
        var ex = await Assert.ThrowsAsync<WorkerCrashedException>(async () => await scheduler.SubmitAsync(crash));
        Assert.Equal(1, ex.ExitCode);
        await PoolBackToSizeAsync(scheduler, 2);
        Assert.Equal(5L, await scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("add", 2, 3))));
        Assert.Equal(1, scheduler.GetSnapshot(PoolNames.Optimizer).Failed);
    }

    [Fact]
    public async Task An_idempotent_job_whose_worker_is_killed_is_retried_on_a_fresh_worker_and_completes()
    {
        await using var scheduler = await StartAsync(size: 1);
        var pids = new List<long>();
        var job = Job(
            (ctx, m) =>
            {
                var pid = m.Call<long>("pid");
                pids.Add(pid);
                if (ctx.Attempt == 1)
                {
                    using var killer = new Timer(_ => LibC.Signal((int)pid, LibC.SIGKILL), null, 200, Timeout.Infinite);
                    m.Call<double>("sleep", 30.0);
                }

                return ctx.Attempt;
            },
            idempotent: true);
        Assert.Equal(2, await scheduler.SubmitAsync(job));
        Assert.Equal(2, pids.Count);
        Assert.NotEqual(pids[0], pids[1]);
        await PoolBackToSizeAsync(scheduler, 1);
    }

    [Fact]
    public async Task An_idle_worker_whose_process_is_killed_is_replaced_before_any_job_needs_it()
    {
        await using var scheduler = await StartAsync(size: 1);
        var first = await scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("pid")));
        Assert.Equal(0, scheduler.GetSnapshot(PoolNames.Optimizer).ExecutorsReplaced);
        Assert.True(LibC.Signal((int)first, LibC.SIGKILL));

        // No job is submitted: the worker notices its process's death by itself and starts a new one.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (scheduler.GetSnapshot(PoolNames.Optimizer).ExecutorsReplaced == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the dead idle worker process was not replaced");
            await Task.Delay(20);
        }

        var (second, attempt) = await scheduler.SubmitAsync(Job((ctx, m) => (m.Call<long>("pid"), ctx.Attempt)));
        Assert.NotEqual(first, second);
        Assert.Equal(1, attempt);
        Assert.Equal(1, scheduler.GetSnapshot(PoolNames.Optimizer).ExecutorsReplaced);
        Assert.Equal(0, scheduler.GetSnapshot(PoolNames.Optimizer).Failed);
    }

    [Fact]
    public async Task Jobs_queued_behind_a_crashing_job_are_not_lost()
    {
        await using var scheduler = await StartAsync(size: 1);
        var crash = scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("say_then_exit", 2))).AsTask();
        var queued = Enumerable.Range(0, 6).Select(i => scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("add", i, 100))).AsTask()).ToArray();
        await Assert.ThrowsAsync<WorkerCrashedException>(() => crash);
        Assert.Equal(Enumerable.Range(100, 6).Select(i => (long)i), await Task.WhenAll(queued));
        await PoolBackToSizeAsync(scheduler, 1);
    }

    [Fact]
    public async Task A_job_that_never_returns_is_interrupted_at_its_timeout_and_the_worker_keeps_serving()
    {
        await using var scheduler = await StartAsync(size: 1);
        var hang = Job((ctx, m) => m.Call<long>("spin", 600.0), timeout: TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<JobTimeoutException>(async () => await scheduler.SubmitAsync(hang));
        Assert.Equal(4L, await scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("add", 2, 2))));
        Assert.Equal(1, scheduler.GetSnapshot(PoolNames.Optimizer).TimedOut);
    }

    [Fact]
    public async Task A_job_that_swallows_the_interrupt_is_killed_and_its_worker_replaced()
    {
        await using var scheduler = await StartAsync(size: 1);
        var first = await scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("pid")));
        var stubborn = Job((ctx, m) => m.Call<string>("spin_ignoring_interrupts", 600.0), timeout: TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<JobTimeoutException>(async () => await scheduler.SubmitAsync(stubborn));
        var second = await scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("pid")));
        Assert.NotEqual(first, second);
        Assert.False(Workers.IsAlive((int)first));
        await PoolBackToSizeAsync(scheduler, 1);
    }

    [Fact]
    public async Task A_pool_whose_module_fails_to_import_fails_to_start_naming_the_module()
    {
        var ex = await Assert.ThrowsAsync<DspexStartException>(() => StartAsync(size: 2, workerOptions: Workers.Options("dspex_fixture_broken")));
        Assert.Equal(PoolNames.Optimizer, ex.Pool);
        var start = Assert.IsType<PythonWorkerStartException>(ex.InnerException);
        Assert.Contains("'dspex_fixture_broken'", start.Message, StringComparison.Ordinal);
        Assert.Contains("this_module_does_not_exist_anywhere", start.LastStderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_over_its_memory_limit_is_recycled_after_its_job()
    {
        await using var scheduler = await StartAsync(size: 1, pool => pool.MaxWorkerMemoryMb = 80);
        var first = await scheduler.SubmitAsync(Job((ctx, m) =>
        {
            m.Call<long>("grow", 120);
            return m.Call<long>("pid");
        }));
        var second = await scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("pid")));
        Assert.NotEqual(first, second);
        await PoolBackToSizeAsync(scheduler, 1);
    }

    [Fact]
    public async Task Stopping_the_scheduler_leaves_no_worker_process()
    {
        var scheduler = await StartAsync(size: 2);
        var pids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => scheduler.SubmitAsync(Job((ctx, m) => m.Call<long>("pid"))).AsTask()));
        await scheduler.StopAsync();
        foreach (var pid in pids.Distinct())
        {
            Workers.WaitUntil(() => !Workers.IsAlive((int)pid), TimeSpan.FromSeconds(5), $"worker {pid} is gone");
        }
    }
}
