namespace Dspex.Scheduler;

/// <summary>What a running job sees of the worker that runs it.</summary>
public sealed class JobContext
{
    internal JobContext(WorkerInfo worker) => Worker = worker;

    /// <summary>The worker running the job.</summary>
    public WorkerInfo Worker { get; }

    /// <summary>The worker's executor state (e.g. a Python thread state, a worker process), created on this thread.</summary>
    public IJobExecutor Executor { get; internal set; } = NullExecutor.Instance;

    /// <summary>Identifies the executor running the job; changes when the worker's executor is replaced. See <see cref="WorkerAffinity"/>.</summary>
    public long ExecutorEpoch { get; internal set; }

    /// <summary>Cancelled when the caller cancels, the job's run timeout passes, or shutdown's grace period ends.</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>1 for the first run; higher when an idempotent job is retried after a worker crash.</summary>
    public int Attempt { get; internal set; }

    /// <summary>The device an admission gate admitted the job to, or <see langword="null"/> when none (or no gate).</summary>
    public int? Device { get; internal set; }

    /// <summary>Returns the executor as <typeparamref name="TExecutor"/>, or throws naming both types.</summary>
    /// <typeparam name="TExecutor">The executor type the job expects.</typeparam>
    /// <returns>The worker's executor.</returns>
    public TExecutor GetExecutor<TExecutor>()
        where TExecutor : class, IJobExecutor
        => Executor as TExecutor ?? throw new InvalidOperationException(
            $"Pool '{Worker.Pool}' runs executor {Executor.GetType().Name}, but the job expects {typeof(TExecutor).Name}.");
}
