using System.Collections.Concurrent;

namespace Dspex.Interop.Process;

/// <summary>
/// Maps a generated module interface to the factory of its process-worker implementation. Generated code
/// registers each module from a module initializer, next to its in-process registration in
/// <see cref="PythonModuleRegistry"/>; <see cref="ModuleJobContextExtensions.GetModule{TModule}"/> uses it.
/// </summary>
public static class ProcessModuleRegistry
{
    private static readonly ConcurrentDictionary<Type, Func<IProcessWorker, CancellationToken, object>> s_modules = new();

    /// <summary>Registers the process-worker implementation of a module interface.</summary>
    /// <typeparam name="TModule">The generated interface.</typeparam>
    /// <param name="createProcess">Creates an instance that calls through a worker, its calls cancelled with the token.</param>
    public static void Register<TModule>(Func<IProcessWorker, CancellationToken, TModule> createProcess)
        where TModule : class
    {
        ArgumentNullException.ThrowIfNull(createProcess);
        s_modules[typeof(TModule)] = (worker, token) => createProcess(worker, token);
    }

    /// <summary>Creates the process-worker implementation of a module interface.</summary>
    /// <typeparam name="TModule">The generated interface.</typeparam>
    /// <param name="worker">The worker process the calls run in.</param>
    /// <param name="cancellationToken">Cancels every call made through the instance (usually the job's token).</param>
    /// <returns>The module bound to the worker.</returns>
    /// <exception cref="InvalidOperationException">The interface was never registered.</exception>
    public static TModule Create<TModule>(IProcessWorker worker, CancellationToken cancellationToken = default)
        where TModule : class
    {
        ArgumentNullException.ThrowIfNull(worker);
        return s_modules.TryGetValue(typeof(TModule), out var create)
            ? (TModule)create(worker, cancellationToken)
            : throw new InvalidOperationException(
                $"{typeof(TModule).Name} has no registered process implementation: generate it from a .py file given as an AdditionalFiles item.");
    }
}
