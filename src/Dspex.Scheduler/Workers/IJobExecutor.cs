namespace Dspex.Scheduler;

/// <summary>
/// Per-worker execution state (an embedded-Python thread state, a Python worker process, …). It is created
/// and disposed on the worker's own thread and used only from it.
/// </summary>
public interface IJobExecutor : IDisposable
{
    /// <summary>
    /// Whether the executor can still run jobs. After a job throws <see cref="WorkerCrashedException"/> or the
    /// executor reports itself unhealthy, the scheduler disposes it and creates a replacement.
    /// </summary>
    bool IsHealthy { get; }
}

/// <summary>Creates the executor state of each worker of one pool.</summary>
public interface IJobExecutorFactory
{
    /// <summary>Called on the worker's own thread before it takes its first job, and again to replace a crashed executor.</summary>
    /// <param name="worker">The worker the executor belongs to.</param>
    /// <returns>The new executor.</returns>
    IJobExecutor Create(WorkerInfo worker);
}

/// <summary>The executor of pools that have no factory: jobs run plain C# on the worker thread.</summary>
public sealed class NullExecutor : IJobExecutor, IJobExecutorFactory
{
    /// <summary>The one instance.</summary>
    public static NullExecutor Instance { get; } = new();

    private NullExecutor()
    {
    }

    /// <inheritdoc />
    public bool IsHealthy => true;

    /// <inheritdoc />
    public IJobExecutor Create(WorkerInfo worker) => this;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
