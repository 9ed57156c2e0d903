using Dspex.Scheduler;

namespace Dspex.Load;

/// <summary>Starts one <see cref="PythonSpinExecutor"/> process per worker of a pool; remembers them so a run can prove they all exited.</summary>
internal sealed class PythonSpinExecutorFactory(PoolOptions pool) : IJobExecutorFactory
{
    private readonly Lock _gate = new();
    private readonly List<int> _started = [];

    /// <summary>DSPEX_PYTHON when set (the project's convention), else python3 on PATH.</summary>
    public static string Python => Environment.GetEnvironmentVariable("DSPEX_PYTHON") is { Length: > 0 } p ? p : "python3";

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
        var executor = new PythonSpinExecutor(Python, pool);
        lock (_gate)
        {
            _started.Add(executor.ProcessId);
        }

        return executor;
    }
}
