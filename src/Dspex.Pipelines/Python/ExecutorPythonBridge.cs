using Dspex.Interop;
using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// Picks the bridge from the job's executor, so one pipeline can cross pools of either isolation: the
/// embedded interpreter for in-process pools, the worker process for process pools.
/// </summary>
internal sealed class ExecutorPythonBridge(IPythonBridge inProcess, IPythonBridge process) : IPythonBridge
{
    public object? Invoke(JobContext context, string bridgeFunction, IReadOnlyList<object?> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Executor is InProcessExecutor
            ? inProcess.Invoke(context, bridgeFunction, args)
            : process.Invoke(context, bridgeFunction, args);
    }
}
