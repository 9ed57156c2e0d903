using Dspex.Scheduler;

namespace Dspex.Interop;

/// <summary>
/// The executor state of one in-process worker: the worker thread's persistent Python thread state and the
/// module instances bound for it (with their cached function objects). Use it only from the worker's thread.
/// </summary>
public sealed class InProcessExecutor : IJobExecutor
{
    private readonly Dictionary<Type, object> _modules = [];
    private readonly int _threadId;
    private bool _disposed;

    internal InProcessExecutor(PythonRuntime runtime, WorkerInfo worker)
    {
        Runtime = runtime;
        Worker = worker;
        _threadId = Environment.CurrentManagedThreadId;

        // Creates this thread's persistent thread state now, so the first job does not pay for it.
        using var gil = PythonGil.Acquire();
    }

    /// <summary>The embedded runtime.</summary>
    public PythonRuntime Runtime { get; }

    /// <summary>The worker this executor belongs to.</summary>
    public WorkerInfo Worker { get; }

    /// <inheritdoc />
    public bool IsHealthy => !_disposed && Runtime.IsRunning;

    /// <summary>Returns this worker's instance of a generated module interface, binding it on first use.</summary>
    /// <typeparam name="TModule">The generated interface.</typeparam>
    /// <returns>The bound module.</returns>
    /// <exception cref="InvalidOperationException">Called from another thread, or the interface is not registered.</exception>
    public TModule Bind<TModule>()
        where TModule : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Environment.CurrentManagedThreadId != _threadId)
        {
            throw new InvalidOperationException($"The executor of worker {Worker.Pool}/{Worker.Id} is used only from its own thread.");
        }

        if (!_modules.TryGetValue(typeof(TModule), out var module))
        {
            module = PythonModuleRegistry.CreateInProcess(typeof(TModule), Runtime);
            _modules.Add(typeof(TModule), module);
        }

        return (TModule)module;
    }

    /// <summary>Releases the bound modules and, on the worker thread, its Python thread state.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var module in _modules.Values)
        {
            (module as IDisposable)?.Dispose();
        }

        _modules.Clear();
        if (Environment.CurrentManagedThreadId == _threadId)
        {
            ThreadStates.DeleteCurrent();
        }
    }
}
