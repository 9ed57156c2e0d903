using System.Diagnostics;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Chaos;

/// <summary>
/// The optimizer pool's executor factory: the real <see cref="ProcessExecutorFactory"/>, with each worker
/// process registered (pid, slot, start and ready times) so the killer can find it and recovery is timed.
/// </summary>
internal sealed class TrackingExecutorFactory(ProcessExecutorFactory inner, WorkerRegistry registry) : IJobExecutorFactory
{
    public IJobExecutor Create(WorkerInfo worker)
    {
        var started = Stopwatch.GetTimestamp();
        var process = inner.Start(worker);
        registry.OnReady(worker.Id, process.ProcessId, started, Stopwatch.GetTimestamp());
        return process;
    }
}
