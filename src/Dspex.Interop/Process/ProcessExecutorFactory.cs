using Dspex.Scheduler;

namespace Dspex.Interop.Process;

/// <summary>
/// The executor factory of a <see cref="PoolIsolation.Process"/> pool: each worker gets its own Python
/// process, started on the worker's thread and ready (modules imported) before its first job.
/// </summary>
/// <remarks>
/// Plug it in as the pool's executor factory. Jobs then reach the process through
/// <see cref="ProcessJobContextExtensions.GetProcessModule"/>. A crashed or hung worker makes its call throw
/// <see cref="WorkerCrashedException"/>; a worker over <see cref="PoolOptions.MaxWorkerMemoryMb"/> reports
/// itself unhealthy after its job so the scheduler recycles it.
/// </remarks>
public sealed class ProcessExecutorFactory : IJobExecutorFactory
{
    private readonly ProcessWorkerSettings _settings;

    /// <summary>Creates the factory for one pool.</summary>
    /// <param name="pool">The pool's options: worker environment, nice value, scheduling policy, memory limit.</param>
    /// <param name="options">How workers are started and watched; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A pool option is out of range (the message names it).</exception>
    public ProcessExecutorFactory(PoolOptions pool, ProcessWorkerOptions? options = null) =>
        _settings = ProcessWorkerSettings.From(pool, options ?? new ProcessWorkerOptions());

    /// <inheritdoc />
    /// <exception cref="PythonWorkerStartException">The worker could not start (bad interpreter, import error, no handshake).</exception>
    public IJobExecutor Create(WorkerInfo worker) => Start(worker);

    /// <summary>Starts one worker process and waits for its ready handshake.</summary>
    /// <param name="worker">The worker it belongs to.</param>
    /// <returns>The ready worker; dispose it to stop the process.</returns>
    /// <exception cref="PythonWorkerStartException">The worker could not start (bad interpreter, import error, no handshake).</exception>
    public IProcessWorker Start(WorkerInfo worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return ProcessWorker.Start(worker, _settings);
    }
}
