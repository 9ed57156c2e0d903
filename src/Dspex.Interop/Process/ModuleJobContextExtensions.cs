using Dspex.Scheduler;

namespace Dspex.Interop.Process;

/// <summary>How a job reaches a generated module interface whatever its pool's isolation.</summary>
public static class ModuleJobContextExtensions
{
    /// <summary>
    /// The job's instance of a generated module interface: the in-process implementation on an
    /// <see cref="PoolIsolation.InProcess"/> pool (bound once per worker), the process implementation on a
    /// <see cref="PoolIsolation.Process"/> pool (its calls cancelled with the job).
    /// </summary>
    /// <typeparam name="TModule">The generated interface, e.g. <c>IMathOps</c>.</typeparam>
    /// <param name="context">The running job's context.</param>
    /// <returns>The module.</returns>
    /// <exception cref="InvalidOperationException">The pool runs neither executor, or the interface is not registered.</exception>
    public static TModule GetModule<TModule>(this JobContext context)
        where TModule : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Executor switch
        {
            InProcessExecutor inProcess => inProcess.Bind<TModule>(),
            IProcessWorker worker => ProcessModuleRegistry.Create<TModule>(worker, context.CancellationToken),
            var other => throw new InvalidOperationException(
                $"Pool '{context.Worker.Pool}' runs executor {other.GetType().Name}, which runs no Python; {typeof(TModule).Name} needs an InProcess or Process pool."),
        };
    }
}
