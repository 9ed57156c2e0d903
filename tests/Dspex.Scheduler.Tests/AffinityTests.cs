namespace Dspex.Scheduler.Tests;

public sealed class AffinityTests
{
    private static DelegateJob<(int Worker, long Epoch)> WhereAmI(WorkerAffinity? affinity = null)
        => new("session.Call", ctx => (ctx.Worker.Id, ctx.ExecutorEpoch)) { Affinity = affinity };

    private static async Task<(DspexScheduler Scheduler, GateJob Blocker, Task<int> Blocked, int BusyWorker)> WithOneBusyWorker()
    {
        var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 2, 0)));
        var blocker = new GateJob("block");
        var blocked = scheduler.SubmitAsync(blocker).AsTask();
        await TestSupport.Eventually(() => blocker.Started == 1, "one worker is busy");
        var (free, _) = await scheduler.SubmitAsync(WhereAmI()).Within();
        return (scheduler, blocker, blocked, 1 - free);
    }

    [Fact]
    public async Task Hint_runs_on_the_named_worker_when_it_is_idle()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 3, 0)));
        var (worker, epoch) = await scheduler.SubmitAsync(WhereAmI()).Within();
        for (var i = 0; i < 20; i++)
        {
            // Idle for a Hint means parked: a worker that has just finished still spins for a moment first.
            await TestSupport.Eventually(() => scheduler.GetPool("general").IsParked(worker), "the named worker is parked");
            Assert.Equal((worker, epoch), await scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(worker, AffinityMode.Hint, epoch))).Within());
        }
    }

    [Fact]
    public async Task Hint_falls_back_to_any_worker_when_the_named_one_is_busy()
    {
        var (scheduler, blocker, blocked, busy) = await WithOneBusyWorker();
        await using (scheduler)
        {
            var (ran, _) = await scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(busy, AffinityMode.Hint))).Within();
            Assert.NotEqual(busy, ran);
            blocker.Release();
            await blocked.Within();
        }
    }

    [Fact]
    public async Task Strict_waits_for_the_named_worker_while_other_work_flows()
    {
        var (scheduler, blocker, blocked, busy) = await WithOneBusyWorker();
        await using (scheduler)
        {
            var strict = scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(busy, AffinityMode.Strict))).AsTask();
            for (var i = 0; i < 10; i++)
            {
                Assert.NotEqual(busy, (await scheduler.SubmitAsync(WhereAmI()).Within()).Worker); // the queue is not blocked
            }

            Assert.False(strict.IsCompleted);
            blocker.Release();
            Assert.Equal(busy, (await strict.WaitAsync(TestSupport.Patience)).Worker);
            await blocked.Within();
        }
    }

    [Fact]
    public async Task StrictFailFast_errors_at_once_when_the_named_worker_is_busy_or_gone()
    {
        var (scheduler, blocker, blocked, busy) = await WithOneBusyWorker();
        await using (scheduler)
        {
            var busyError = await Assert.ThrowsAsync<WorkerBusyException>(() => scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(busy, AffinityMode.StrictFailFast))).Within());
            Assert.Equal(busy, busyError.WorkerId);
            await Assert.ThrowsAsync<SessionLostException>(() => scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(7, AffinityMode.StrictFailFast))).Within());
            await Assert.ThrowsAsync<SessionLostException>(() => scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(7, AffinityMode.Strict))).Within());
            blocker.Release();
            await blocked.Within();
        }
    }

    [Fact]
    public async Task Strict_session_is_lost_when_its_executor_was_replaced()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var (worker, epoch) = await scheduler.SubmitAsync(WhereAmI()).Within();
        await Assert.ThrowsAsync<WorkerCrashedException>(() => scheduler.SubmitAsync(new DelegateJob<int>("m", ctx => throw new WorkerCrashedException("general", "killed"))).Within());
        var error = await Assert.ThrowsAsync<SessionLostException>(() => scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(worker, AffinityMode.Strict, epoch))).Within());
        Assert.Equal(worker, error.WorkerId);
        var (_, newEpoch) = await scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(worker, AffinityMode.Hint, epoch))).Within();
        Assert.NotEqual(epoch, newEpoch);
    }

    [Fact]
    public async Task Cancelled_strict_job_never_runs_and_does_not_block_shared_work()
    {
        var (scheduler, blocker, blocked, busy) = await WithOneBusyWorker();
        await using (scheduler)
        {
            var ran = 0;
            using var cts = new CancellationTokenSource();
            var strict = scheduler.SubmitAsync(new DelegateJob<int>("session.Call", _ => Interlocked.Increment(ref ran)) { Affinity = new WorkerAffinity(busy, AffinityMode.Strict) }, cts.Token).AsTask();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => strict.WaitAsync(TestSupport.Patience));
            for (var i = 0; i < 10; i++)
            {
                await scheduler.SubmitAsync(WhereAmI()).Within();
            }

            blocker.Release();
            await blocked.Within();
            await scheduler.SubmitAsync(WhereAmI(new WorkerAffinity(busy, AffinityMode.Strict))).Within();
            Assert.Equal(0, ran);
        }
    }
}
