using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>Bridge calls through a process worker: one framed round trip per call, cancelled with the job.</summary>
internal sealed class ProcessPythonBridge : IPythonBridge
{
    public object? Invoke(JobContext context, string bridgeFunction, IReadOnlyList<object?> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(args);
        if (context.Executor is not IProcessWorker worker)
        {
            throw new InvalidOperationException(
                $"Pool '{context.Worker.Pool}' runs no Python process workers (its executor is {context.Executor.GetType().Name}); give it a ProcessExecutorFactory or another IPythonBridge.");
        }

        var values = new object?[args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = args[i];
        }

        return worker.Invoke(PythonBridges.BridgeModule, bridgeFunction, values, null, context.CancellationToken);
    }
}
