using System.Collections.Concurrent;
using Dspex.Interop;
using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// Bridge calls through the embedded interpreter on the job's own worker thread: one C-API call per step,
/// cancelled with the job. Python errors surface as <see cref="PythonException"/>.
/// </summary>
internal sealed class InProcessPythonBridge : IPythonBridge
{
    // One interpreter per process, so the bridge's function objects are looked up once and shared by all workers.
    private readonly ConcurrentDictionary<string, Lazy<PythonObject>> _functions = new(StringComparer.Ordinal);
    private readonly Lazy<PythonObject> _builtins;
    private PythonRuntime? _runtime;

    public InProcessPythonBridge() => _builtins = new(() => Runtime.Import("builtins"));

    private PythonRuntime Runtime => _runtime ?? throw new InvalidOperationException("No in-process executor has used the bridge yet.");

    public object? Invoke(JobContext context, string bridgeFunction, IReadOnlyList<object?> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(bridgeFunction);
        ArgumentNullException.ThrowIfNull(args);
        if (context.Executor is not InProcessExecutor executor)
        {
            throw new InvalidOperationException(
                $"Pool '{context.Worker.Pool}' runs no embedded Python (its executor is {context.Executor.GetType().Name}); give it an InProcessExecutorFactory or another IPythonBridge.");
        }

        Interlocked.CompareExchange(ref _runtime, executor.Runtime, null);
        var function = Function(bridgeFunction);
        var builtins = _builtins.Value;
        using var gil = PythonGil.Acquire();
        var arguments = default(PyArguments);
        try
        {
            foreach (var arg in args)
            {
                arguments.Add(PlainPython.ToPython(arg, builtins));
            }

            using var result = function.Invoke(ref arguments, context.CancellationToken);
            return PlainPython.FromPython(in result);
        }
        finally
        {
            arguments.Dispose();
        }
    }

    private PythonObject Function(string name)
    {
        var entry = _functions.GetOrAdd(name, n => new Lazy<PythonObject>(() =>
        {
            using var bridge = Runtime.Import(PythonBridges.BridgeModule);
            return bridge.GetAttribute(n);
        }));
        try
        {
            return entry.Value;
        }
        catch
        {
            // A failed import is not remembered: the Python side may be fixed before the next call.
            _functions.TryRemove(new KeyValuePair<string, Lazy<PythonObject>>(name, entry));
            throw;
        }
    }
}
