using Microsoft.Extensions.Time.Testing;

namespace Dspex.Scheduler.Tests;

public sealed class SchedulerBehaviourTests
{
    [Fact]
    public async Task Completed_job_returns_its_result()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 2, 0)));
        var result = await scheduler.SubmitAsync(new DelegateJob<string>("dspy.Predict", ctx => $"ran on {ctx.Worker.Pool}")).Within();
        Assert.Equal("ran on general", result);
        Assert.Equal(1, scheduler.GetSnapshot("general").Completed);
    }

    [Fact]
    public async Task Job_runs_on_a_dedicated_worker_thread_not_the_thread_pool()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var isPoolThread = await scheduler.SubmitAsync(new DelegateJob<bool>("m", _ => Thread.CurrentThread.IsThreadPoolThread)).Within();
        Assert.False(isPoolThread);
    }

    [Fact]
    public async Task Failed_job_surfaces_its_own_exception()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var error = await Assert.ThrowsAsync<FormatException>(() => scheduler.SubmitAsync(new DelegateJob<int>("m", _ => throw new FormatException("bad"))).Within());
        Assert.Equal("bad", error.Message);
        Assert.Equal(1, scheduler.GetSnapshot("general").Failed);
    }

    [Fact]
    public async Task Unknown_pool_throws_at_once_naming_the_pool_and_the_known_ones()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0), ("neural", 1, 0)));
        var error = Assert.Throws<UnknownPoolException>(() => { _ = scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 1) { Pool = "gpu" }); });
        Assert.Equal("gpu", error.Pool);
        Assert.Contains("'gpu'", error.Message, StringComparison.Ordinal);
        Assert.Contains("general, neural", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Priority_outside_the_pool_lanes_throws_at_once()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 1) { Priority = 3 }); });
        Assert.Contains("pool 'general'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_before_start_is_an_error()
    {
        await using var scheduler = new DspexScheduler(TestSupport.Options(("general", 1, 0)));
        Assert.Throws<InvalidOperationException>(() => { _ = scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 1)); });
    }

    [Fact]
    public async Task Cancelled_job_never_starts()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var blocker = new GateJob("block");
        var running = scheduler.SubmitAsync(blocker);
        await TestSupport.Eventually(() => blocker.Started == 1, "the blocker runs");

        var ran = 0;
        using var cts = new CancellationTokenSource();
        var queued = scheduler.SubmitAsync(new DelegateJob<int>("m", _ => Interlocked.Increment(ref ran)), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.Within());

        blocker.Release();
        await running.Within();
        await scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 0)).Within(); // the worker passed the cancelled job's place
        Assert.Equal(0, ran);
        Assert.Equal(1, scheduler.GetSnapshot("general").Cancelled);
    }

    [Fact]
    public async Task Running_job_sees_the_callers_cancellation()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var job = new GateJob("m");
        using var cts = new CancellationTokenSource();
        var task = scheduler.SubmitAsync(job, cts.Token);
        await TestSupport.Eventually(() => job.Started == 1, "the job runs");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.Within());
        Assert.Equal(1, scheduler.GetSnapshot("general").Cancelled);
    }

    [Fact]
    public async Task Already_cancelled_token_is_cancelled_without_queueing()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var task = scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 1), new CancellationToken(true));
        Assert.True(task.IsCanceled);
        Assert.Equal(1, scheduler.GetSnapshot("general").Cancelled);
    }

    [Fact]
    public async Task Job_waiting_past_the_queue_timeout_times_out()
    {
        var time = new FakeTimeProvider();
        var options = TestSupport.Options(("general", 1, 0));
        options.Pools["general"].QueueTimeout = TimeSpan.FromSeconds(2);
        await using var scheduler = await TestSupport.StartAsync(options, TestSupport.Fake(time));
        var blocker = new GateJob("block");
        var running = scheduler.SubmitAsync(blocker);
        await TestSupport.Eventually(() => blocker.Started == 1, "the blocker runs");

        var ran = 0;
        var queued = scheduler.SubmitAsync(new DelegateJob<int>("dspy.Predict", _ => Interlocked.Increment(ref ran)));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(queued.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.5));
        var error = await Assert.ThrowsAsync<QueueTimeoutException>(() => queued.Within());
        Assert.Equal("general", error.Pool);
        Assert.Contains("dspy.Predict", error.Message, StringComparison.Ordinal);

        blocker.Release();
        await running.Within();
        Assert.Equal(0, ran);
        Assert.Equal(1, scheduler.GetSnapshot("general").TimedOut);
    }

    [Fact]
    public async Task Job_running_past_its_timeout_times_out()
    {
        var time = new FakeTimeProvider();
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)), TestSupport.Fake(time));
        var job = new GateJob("slow") { Timeout = TimeSpan.FromSeconds(3) };
        var task = scheduler.SubmitAsync(job);
        await TestSupport.Eventually(() => job.Started == 1, "the job runs");
        time.Advance(TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAsync<JobTimeoutException>(() => task.Within());
        Assert.Equal(TimeSpan.FromSeconds(3), error.Timeout);
        Assert.Equal(1, scheduler.GetSnapshot("general").TimedOut);
    }

    [Fact]
    public async Task Full_pool_in_reject_mode_rejects_with_PoolSaturatedException()
    {
        var options = TestSupport.Options(("general", 1, 0));
        options.Pools["general"].QueueCapacity = 2;
        options.Pools["general"].FullMode = PoolFullMode.Reject;
        await using var scheduler = await TestSupport.StartAsync(options);
        var blocker = new GateJob("block");
        var running = scheduler.SubmitAsync(blocker);
        await TestSupport.Eventually(() => blocker.Started == 1, "the blocker runs");
        var queued = new[] { scheduler.SubmitAsync(blocker), scheduler.SubmitAsync(blocker) };

        var error = await Assert.ThrowsAsync<PoolSaturatedException>(() => scheduler.SubmitAsync(blocker).Within());
        Assert.Equal("general", error.Pool);
        Assert.Equal(2, error.Capacity);
        Assert.False(scheduler.TrySubmit(blocker, out _));

        blocker.Release();
        await running.Within();
        foreach (var task in queued)
        {
            await task.Within();
        }

        var snapshot = scheduler.GetSnapshot("general");
        Assert.Equal(3, snapshot.Completed);
        Assert.Equal(1, snapshot.Rejected);
    }

    [Fact]
    public async Task Full_pool_in_wait_mode_waits_for_space()
    {
        var options = TestSupport.Options(("general", 1, 0));
        options.Pools["general"].QueueCapacity = 1;
        await using var scheduler = await TestSupport.StartAsync(options);
        var blocker = new GateJob("block");
        var running = scheduler.SubmitAsync(blocker);
        await TestSupport.Eventually(() => blocker.Started == 1, "the blocker runs");
        var queued = scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 1));
        var waiting = scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 2));
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, scheduler.GetSnapshot("general").QueueDepth);

        blocker.Release();
        Assert.Equal(1, await queued.Within());
        Assert.Equal(2, await waiting.Within());
        await running.Within();
    }

    [Fact]
    public async Task Higher_priority_jobs_are_taken_first()
    {
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)));
        var blocker = new GateJob("block");
        var running = scheduler.SubmitAsync(blocker);
        await TestSupport.Eventually(() => blocker.Started == 1, "the blocker runs");
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var tasks = new List<Task<int>>();
        foreach (var priority in new[] { 2, 1, 2, 0, 1, 0 })
        {
            tasks.Add(scheduler.SubmitAsync(new DelegateJob<int>("m", _ => { order.Enqueue(priority); return priority; }) { Priority = priority }).AsTask());
        }

        blocker.Release();
        await Task.WhenAll(tasks).WaitAsync(TestSupport.Patience);
        await running.Within();
        Assert.Equal([0, 0, 1, 1, 2, 2], order.ToArray());
    }

    [Fact]
    public async Task Overflow_workers_start_when_all_are_busy_and_stop_when_idle()
    {
        var time = new FakeTimeProvider();
        var options = TestSupport.Options(("general", 1, 2));
        options.Pools["general"].IdleTimeout = TimeSpan.FromSeconds(10);
        await using var scheduler = await TestSupport.StartAsync(options, TestSupport.Fake(time));
        var job = new GateJob("m");
        var tasks = Enumerable.Range(0, 5).Select(_ => scheduler.SubmitAsync(job).AsTask()).ToArray();
        await TestSupport.Eventually(() => job.Running == 3, "three workers run");
        Assert.Equal(3, scheduler.GetSnapshot("general").TotalWorkers);
        await Task.Delay(50);
        Assert.Equal(3, job.MaxRunning); // never more than Size + MaxOverflow

        job.Release();
        await Task.WhenAll(tasks).WaitAsync(TestSupport.Patience);
        await TestSupport.Eventually(() => scheduler.GetSnapshot("general").BusyWorkers == 0, "workers go idle");
        await TestSupport.Eventually(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1)); // idle time accrues once a worker has parked
                return scheduler.GetSnapshot("general").TotalWorkers == 1;
            },
            "overflow workers retire");
    }

    [Fact]
    public async Task Shared_overflow_lends_workers_when_own_overflow_is_used_up_and_takes_them_back()
    {
        var time = new FakeTimeProvider();
        var options = TestSupport.Options(("general", 1, 1));
        options.SharedOverflow = new SharedOverflowOptions { Enabled = true, Capacity = 2, RefillPerSecond = 1 };
        options.Pools["general"].IdleTimeout = TimeSpan.FromSeconds(5);
        await using var scheduler = await TestSupport.StartAsync(options, TestSupport.Fake(time));
        var job = new GateJob("m");
        var tasks = Enumerable.Range(0, 8).Select(_ => scheduler.SubmitAsync(job).AsTask()).ToArray();
        await TestSupport.Eventually(() => job.Running == 4, $"size + overflow + two borrowed workers run");
        await Task.Delay(50);
        Assert.Equal(4, job.MaxRunning);

        job.Release();
        await Task.WhenAll(tasks).WaitAsync(TestSupport.Patience);
        await TestSupport.Eventually(() => scheduler.GetSnapshot("general").BusyWorkers == 0, "workers go idle");
        await TestSupport.Eventually(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return scheduler.GetSnapshot("general").TotalWorkers == 1;
            },
            "borrowed workers return their tokens");
    }

    [Fact]
    public async Task Without_shared_overflow_a_pool_never_exceeds_its_own_overflow()
    {
        var options = TestSupport.Options(("general", 1, 1));
        await using var scheduler = await TestSupport.StartAsync(options);
        var job = new GateJob("m");
        var tasks = Enumerable.Range(0, 6).Select(_ => scheduler.SubmitAsync(job).AsTask()).ToArray();
        await TestSupport.Eventually(() => job.Running == 2, "two workers run");
        await Task.Delay(50);
        Assert.Equal(2, job.MaxRunning);
        job.Release();
        await Task.WhenAll(tasks).WaitAsync(TestSupport.Patience);
    }

    [Fact]
    public async Task Isolation_general_jobs_complete_while_the_optimizer_pool_is_saturated()
    {
        var options = TestSupport.Options(("general", 2, 0), ("optimizer", 1, 0));
        options.Routing.Rules = [RoutingRule.ForNamespace("teleprompt", "optimizer")];
        options.Routing.DefaultPool = "general";
        await using var scheduler = await TestSupport.StartAsync(options);
        var optimizer = new GateJob("dspy.teleprompt.MIPROv2");
        var flood = Enumerable.Range(0, 20).Select(_ => scheduler.SubmitAsync(optimizer).AsTask()).ToArray();
        await TestSupport.Eventually(() => optimizer.Running == 1, "the optimizer pool is saturated");

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(i, await scheduler.SubmitAsync(new DelegateJob<int>("dspy.Predict", _ => i)).Within());
        }

        Assert.Equal(19, scheduler.GetSnapshot("optimizer").QueueDepth);
        optimizer.Release();
        await Task.WhenAll(flood).WaitAsync(TestSupport.Patience);
    }
}
