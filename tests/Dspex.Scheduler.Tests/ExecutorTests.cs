using System.Collections.Concurrent;

namespace Dspex.Scheduler.Tests;

public sealed class ExecutorTests
{
    /// <summary>An executor that records its thread and can be told to "crash" like a dead worker process.</summary>
    private sealed class RecordingFactory(bool failToStart = false) : IJobExecutorFactory
    {
        public ConcurrentBag<RecordingExecutor> Created { get; } = [];

        public IJobExecutor Create(WorkerInfo worker)
        {
            if (failToStart)
            {
                throw new InvalidOperationException("python3: No module named 'missing_module'");
            }

            var executor = new RecordingExecutor(worker, Environment.CurrentManagedThreadId);
            Created.Add(executor);
            return executor;
        }
    }

    private sealed class RecordingExecutor(WorkerInfo worker, int threadId) : IJobExecutor, IExecutorDeathWatch
    {
        private Action? _onDeath;

        /// <summary>Dies on its own, like a worker process killed while its worker is parked.</summary>
        public void Die()
        {
            Crashed = true;
            _onDeath?.Invoke();
        }

        /// <summary>A late notice from an executor that is in fact healthy (e.g. one already replaced).</summary>
        public void NotifyWithoutDying() => _onDeath?.Invoke();

        public void WatchDeath(Action onDeath) => _onDeath = onDeath;

        public WorkerInfo Worker { get; } = worker;

        public int ThreadId { get; } = threadId;

        public bool Crashed { get; set; }

        public bool Disposed { get; private set; }

        public bool IsHealthy => !Crashed;

        public void Dispose() => Disposed = true;
    }

    private sealed class CrashingJob(int crashes) : Job<int>("dspy.teleprompt.MIPROv2")
    {
        private int _remaining = crashes;

        public int Runs;

        public override int Execute(JobContext context)
        {
            Interlocked.Increment(ref Runs);
            var executor = context.GetExecutor<RecordingExecutor>();
            if (Interlocked.Decrement(ref _remaining) >= 0)
            {
                executor.Crashed = true;
                throw new WorkerCrashedException(context.Worker.Pool, "worker process killed by signal 9") { Signal = 9 };
            }

            return context.Attempt;
        }
    }

    private static SchedulerComponents With(RecordingFactory factory)
    {
        var components = new SchedulerComponents();
        components.Executors["general"] = factory;
        return components;
    }

    [Fact]
    public async Task Executor_is_created_on_the_workers_own_thread_and_used_for_its_jobs()
    {
        var factory = new RecordingFactory();
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 2, 0)), With(factory));
        Assert.Equal(2, factory.Created.Count);
        var (thread, executorThread) = await scheduler.SubmitAsync(new DelegateJob<(int, int)>("m", ctx =>
            (Environment.CurrentManagedThreadId, ctx.GetExecutor<RecordingExecutor>().ThreadId))).Within();
        Assert.Equal(thread, executorThread);
    }

    [Fact]
    public async Task Idempotent_job_is_retried_on_a_replaced_executor_after_a_crash()
    {
        var factory = new RecordingFactory();
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)), With(factory));
        var job = new CrashingJob(crashes: 2) { Idempotent = true };
        Assert.Equal(3, await scheduler.SubmitAsync(job).Within()); // third attempt succeeds
        Assert.Equal(3, factory.Created.Count); // the first executor plus two replacements
        Assert.Equal(2, factory.Created.Count(e => e.Disposed));
    }

    [Fact]
    public async Task Non_idempotent_job_fails_with_the_crash_and_the_worker_is_replaced()
    {
        var factory = new RecordingFactory();
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 1, 0)), With(factory));
        var error = await Assert.ThrowsAsync<WorkerCrashedException>(() => scheduler.SubmitAsync(new CrashingJob(1)).Within());
        Assert.Equal(9, error.Signal);
        Assert.Equal("general", error.Pool);
        Assert.Equal(1, await scheduler.SubmitAsync(new CrashingJob(0)).Within());
        Assert.Equal(2, factory.Created.Count);
        Assert.Equal(1, scheduler.GetSnapshot("general").TotalWorkers);
    }

    [Fact]
    public async Task Idempotent_job_fails_once_its_retries_are_used_up()
    {
        var factory = new RecordingFactory();
        var options = TestSupport.Options(("general", 1, 0));
        options.Pools["general"].MaxCrashRetries = 1;
        await using var scheduler = await TestSupport.StartAsync(options, With(factory));
        var job = new CrashingJob(crashes: 5) { Idempotent = true };
        await Assert.ThrowsAsync<WorkerCrashedException>(() => scheduler.SubmitAsync(job).Within());
        Assert.Equal(2, job.Runs);
    }

    [Fact]
    public async Task An_executor_that_dies_while_its_worker_is_parked_is_replaced_without_a_job()
    {
        var factory = new RecordingFactory();
        await using var scheduler = await TestSupport.StartAsync(TestSupport.Options(("general", 2, 0)), With(factory));
        var victim = factory.Created.First();
        victim.Die();
        await TestSupport.Eventually(() => scheduler.GetSnapshot("general").ExecutorsReplaced == 1 && factory.Created.Count == 3, "the dead executor replaced");
        Assert.True(victim.Disposed);

        // A stale notice from a healthy executor replaces nothing.
        factory.Created.First(e => !e.Disposed).NotifyWithoutDying();
        Assert.Equal(0, await scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 0)).Within());
        Assert.Equal(1, scheduler.GetSnapshot("general").ExecutorsReplaced);
        Assert.Equal(3, factory.Created.Count);
        Assert.Equal(2, scheduler.GetSnapshot("general").TotalWorkers);
    }

    [Fact]
    public async Task Executor_is_recycled_after_its_request_limit()
    {
        var factory = new RecordingFactory();
        var options = TestSupport.Options(("general", 1, 0));
        options.Pools["general"].MaxRequestsPerWorker = 3;
        await using var scheduler = await TestSupport.StartAsync(options, With(factory));
        for (var i = 0; i < 7; i++)
        {
            await scheduler.SubmitAsync(new DelegateJob<int>("m", _ => 0)).Within();
        }

        Assert.Equal(3, factory.Created.Count); // 1 + a replacement after jobs 3 and 6
        Assert.Equal(2, factory.Created.Count(e => e.Disposed));
    }

    [Fact]
    public async Task Pool_that_cannot_start_its_workers_fails_start_naming_the_pool_and_the_cause()
    {
        var components = new SchedulerComponents();
        components.Executors["optimizer"] = new RecordingFactory(failToStart: true);
        var scheduler = new DspexScheduler(TestSupport.Options(("general", 1, 0), ("optimizer", 2, 0)), components);
        var error = await Assert.ThrowsAsync<DspexStartException>(() => scheduler.StartAsync());
        Assert.Equal("optimizer", error.Pool);
        Assert.Contains("missing_module", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Executor_for_an_unknown_pool_is_a_configuration_error()
    {
        var components = new SchedulerComponents();
        components.Executors["gpu"] = new RecordingFactory();
        var error = Assert.Throws<DspexConfigurationException>(() => new DspexScheduler(TestSupport.Options(("general", 1, 0)), components));
        Assert.Contains("'gpu'", error.Message, StringComparison.Ordinal);
    }
}
