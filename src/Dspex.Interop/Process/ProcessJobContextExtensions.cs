using Dspex.Scheduler;

namespace Dspex.Interop.Process;

/// <summary>How a job of a process-isolated pool reaches its worker's Python.</summary>
public static class ProcessJobContextExtensions
{
    /// <summary>A module of the job's worker process whose calls are cancelled with the job.</summary>
    /// <param name="context">The running job's context.</param>
    /// <param name="module">The module's import name.</param>
    /// <returns>The bound module.</returns>
    /// <exception cref="InvalidOperationException">The job's pool does not run process workers.</exception>
    public static ProcessPythonModule GetProcessModule(this JobContext context, string module)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProcessPythonModule(context.GetExecutor<IProcessWorker>(), module, context.CancellationToken);
    }
}
