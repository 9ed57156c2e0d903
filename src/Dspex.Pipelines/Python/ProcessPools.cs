using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// Gives every pool of a scheduler Python process workers that have the shipped <c>dspex</c> package on
/// their path and its bridge imported, whatever the pools' isolation; <see cref="PythonPools.Components"/> honours it.
/// </summary>
public static class ProcessPools
{
    /// <summary>The worker options pipelines need: <see cref="PythonBridges.PackageDirectory"/> on the path, the bridge and examples imported.</summary>
    /// <param name="python">The interpreter; located the usual way (<c>DSPEX_PYTHON</c>, <c>VIRTUAL_ENV</c>, <c>python3</c>) when null.</param>
    /// <returns>Fresh options.</returns>
    public static ProcessWorkerOptions WorkerOptions(string? python = null)
    {
        var options = new ProcessWorkerOptions { PythonExecutable = python };
        options.SearchPaths.Add(PythonBridges.PackageDirectory);
        options.Modules.Add(PythonBridges.BridgeModule);
        options.Modules.Add("dspex.examples.api");
        return options;
    }

    /// <summary>Components with a process executor factory for every pool of <paramref name="options"/>.</summary>
    /// <param name="options">The scheduler's options.</param>
    /// <param name="workerOptions">How workers start; <see cref="WorkerOptions"/> when null.</param>
    /// <param name="timeProvider">The scheduler's clock; the system clock when null.</param>
    /// <returns>The components to give the scheduler.</returns>
    public static SchedulerComponents Components(DspexOptions options, ProcessWorkerOptions? workerOptions = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var components = new SchedulerComponents { TimeProvider = timeProvider ?? TimeProvider.System };
        workerOptions ??= WorkerOptions();
        foreach (var (name, pool) in options.Pools)
        {
            components.Executors[name] = new ProcessExecutorFactory(pool, workerOptions);
        }

        return components;
    }
}
