using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Load;

/// <summary>
/// The optimizer pool's executors in the routed-process set-up: the project's own process workers
/// (<see cref="ProcessExecutorFactory"/> + python/dspex_worker.py, with the hol_work module imported), each
/// process remembered so a run can prove they all exited.
/// </summary>
internal sealed class OptimizerProcessWorkers : IJobExecutorFactory
{
    public const string Module = "hol_work";

    private readonly ProcessExecutorFactory _inner;
    private readonly Lock _gate = new();
    private readonly List<int> _started = [];

    public OptimizerProcessWorkers(PoolOptions pool)
    {
        var options = new ProcessWorkerOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(1) };
        options.SearchPaths.Add(Path.Combine(AppContext.BaseDirectory, "Hol", "python"));
        options.Modules.Add(Module);
        _inner = new ProcessExecutorFactory(pool, options);
    }

    /// <summary>How the workers find their interpreter, for the report (the process workers locate it the same way).</summary>
    public static string Python => Environment.GetEnvironmentVariable("DSPEX_PYTHON") is { Length: > 0 } p ? p : "python3 (DSPEX_PYTHON unset)";

    public IReadOnlyList<int> StartedProcessIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _started];
            }
        }
    }

    public IJobExecutor Create(WorkerInfo worker)
    {
        var process = _inner.Start(worker);
        lock (_gate)
        {
            _started.Add(process.ProcessId);
        }

        return process;
    }
}
