using Microsoft.Extensions.Time.Testing;

namespace Dspex.Scheduler.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_drains_queued_jobs_then_joins_the_workers()
    {
        var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var blocker = new GateJob("block");
        var running = scheduler.SubmitAsync(blocker).AsTask();
        await TestSupport.Eventually(() => blocker.Started == 1, "the blocker runs");
        var queued = Enumerable.Range(0, 10).Select(i => scheduler.SubmitAsync(new DelegateJob<int>("m", _ => i)).AsTask()).ToArray();

        var stopping = scheduler.StopAsync();
        await Assert.ThrowsAsync<SchedulerStoppedException>(() => scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 0)).Within());
        blocker.Release();
        await stopping.Within();

        // Results are set before the workers exit; the Task wrappers complete on the thread pool just after.
        Assert.Equal(Enumerable.Range(0, 10), await Task.WhenAll(queued).WaitAsync(TestSupport.Patience));
        await running.Within();
        Assert.Equal(11, scheduler.GetSnapshot("general").Completed);
        Assert.Equal(0, scheduler.GetSnapshot("general").TotalWorkers);
    }

    [Fact]
    public async Task Past_the_grace_period_queued_and_running_jobs_are_cancelled_with_an_outcome()
    {
        var time = new FakeTimeProvider();
        var options = TestSupport.Options(("general", 1, 0));
        options.ShutdownGracePeriod = TimeSpan.FromSeconds(2);
        var scheduler = await TestSupport.StartAsync(options, TestSupport.Fake(time));
        var blocker = new GateJob("block");
        var running = scheduler.SubmitAsync(blocker).AsTask();
        await TestSupport.Eventually(() => blocker.Started == 1, "the blocker runs");
        var ran = 0;
        var queued = Enumerable.Range(0, 5).Select(_ => scheduler.SubmitAsync(new DelegateJob<int>("m", _ => Interlocked.Increment(ref ran))).AsTask()).ToArray();

        var stopping = scheduler.StopAsync();
        Assert.False(stopping.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        await stopping.Within();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        foreach (var task in queued)
        {
            await Assert.ThrowsAsync<SchedulerStoppedException>(() => task);
        }

        Assert.Equal(0, ran);
        var snapshot = scheduler.GetSnapshot("general");
        Assert.Equal(6, snapshot.Cancelled);
        Assert.Equal(6, snapshot.Finished);
    }

    [Fact]
    public async Task Waiting_submitters_are_refused_when_stopping()
    {
        var options = TestSupport.Options(("general", 1, 0));
        options.Pools["general"].QueueCapacity = 1;
        var scheduler = await TestSupport.StartAsync(options);
        var blocker = new GateJob("block");
        var running = scheduler.SubmitAsync(blocker).AsTask();
        await TestSupport.Eventually(() => blocker.Started == 1, "the blocker runs");
        var queued = scheduler.SubmitAsync(blocker).AsTask();
        var waiting = scheduler.SubmitAsync(blocker).AsTask();
        var stopping = scheduler.StopAsync();
        await Assert.ThrowsAsync<SchedulerStoppedException>(() => waiting.WaitAsync(TestSupport.Patience));
        blocker.Release();
        await stopping.Within();
        await queued.Within();
        await running.Within();
    }
}
