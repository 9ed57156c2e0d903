using Dspex.Scheduler;

namespace Dspex.Interop;

/// <summary>
/// Creates the executors of an in-process pool. <see cref="Create"/> runs on each worker's own thread: it
/// creates that thread's persistent Python thread state and binds the modules named with <see cref="Preload{TModule}"/>.
/// </summary>
public sealed class InProcessExecutorFactory : IJobExecutorFactory
{
    private readonly List<Action<InProcessExecutor>> _preloads = [];

    /// <summary>Creates the factory for a running runtime.</summary>
    /// <param name="runtime">The embedded runtime the workers call into.</param>
    public InProcessExecutorFactory(PythonRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Runtime = runtime;
    }

    /// <summary>The embedded runtime.</summary>
    public PythonRuntime Runtime { get; }

    /// <summary>Binds <typeparamref name="TModule"/> when each worker starts, not on its first job.</summary>
    /// <typeparam name="TModule">A generated module interface.</typeparam>
    /// <returns>This factory.</returns>
    public InProcessExecutorFactory Preload<TModule>()
        where TModule : class
    {
        _preloads.Add(static executor => executor.Bind<TModule>());
        return this;
    }

    /// <inheritdoc />
    public IJobExecutor Create(WorkerInfo worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var executor = new InProcessExecutor(Runtime, worker);
        try
        {
            foreach (var preload in _preloads)
            {
                preload(executor);
            }
        }
        catch
        {
            executor.Dispose();
            throw;
        }

        return executor;
    }
}
