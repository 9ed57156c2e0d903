using Dspex.Interop;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// Gives every pool of a scheduler the Python its <see cref="PoolOptions.Isolation"/> asks for: the embedded
/// interpreter for <see cref="PoolIsolation.InProcess"/> pools, process workers for <see cref="PoolIsolation.Process"/>
/// pools. Use <see cref="PythonBridges.ByExecutor"/> as the pipelines' bridge.
/// </summary>
public static class PythonPools
{
    /// <summary>
    /// Starts (or returns) the process's embedded interpreter with <see cref="PythonBridges.PackageDirectory"/> on
    /// <c>sys.path</c>; it is located like process workers' Python (<c>DSPEX_PYTHON</c>, <c>VIRTUAL_ENV</c>, <c>python3</c>).
    /// </summary>
    /// <returns>The running runtime; it lives until the process ends.</returns>
    /// <exception cref="PythonEnvironmentException">No embeddable Python (for example no libpython).</exception>
    public static PythonRuntime StartRuntime() =>
        PythonRuntime.Start(new PythonRuntimeOptions { SearchPaths = [PythonBridges.PackageDirectory] });

    /// <summary>Components with an executor factory per pool of <paramref name="options"/>, chosen by the pool's isolation.</summary>
    /// <param name="options">The scheduler's options.</param>
    /// <param name="workerOptions">How process workers start; <see cref="ProcessPools.WorkerOptions"/> when null.</param>
    /// <param name="timeProvider">The scheduler's clock; the system clock when null.</param>
    /// <returns>The components to give the scheduler.</returns>
    /// <exception cref="PythonEnvironmentException">An in-process pool exists but Python cannot be embedded.</exception>
    public static SchedulerComponents Components(DspexOptions options, ProcessWorkerOptions? workerOptions = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var components = new SchedulerComponents { TimeProvider = timeProvider ?? TimeProvider.System };
        workerOptions ??= ProcessPools.WorkerOptions();
        InProcessExecutorFactory? embedded = null;
        foreach (var (name, pool) in options.Pools)
        {
            components.Executors[name] = pool.Isolation == PoolIsolation.InProcess
                ? embedded ??= new InProcessExecutorFactory(StartRuntime())
                : new ProcessExecutorFactory(pool, workerOptions);
        }

        return components;
    }
}
