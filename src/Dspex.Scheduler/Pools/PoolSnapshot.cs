namespace Dspex.Scheduler;

/// <summary>A point-in-time view of one pool.</summary>
/// <param name="Name">The pool's name.</param>
/// <param name="Size">Configured always-running workers.</param>
/// <param name="MaxOverflow">Configured overflow workers.</param>
/// <param name="TotalWorkers">Workers alive now (core, overflow and borrowed).</param>
/// <param name="BusyWorkers">Workers running a job now.</param>
/// <param name="QueueDepthByPriority">Live queued jobs per priority lane.</param>
/// <param name="Deferred">Jobs held by the admission gate.</param>
/// <param name="Completed">Jobs completed so far.</param>
/// <param name="Failed">Jobs failed so far.</param>
/// <param name="Cancelled">Jobs cancelled so far.</param>
/// <param name="TimedOut">Jobs timed out so far.</param>
/// <param name="Rejected">Jobs rejected so far.</param>
/// <param name="ExecutorsReplaced">
/// Executors (embedded thread states, worker processes) replaced so far: after a crash, including a worker
/// process that died while idle, or for recycling.
/// </param>
public sealed record PoolSnapshot(
    string Name,
    int Size,
    int MaxOverflow,
    int TotalWorkers,
    int BusyWorkers,
    IReadOnlyList<int> QueueDepthByPriority,
    int Deferred,
    long Completed,
    long Failed,
    long Cancelled,
    long TimedOut,
    long Rejected,
    long ExecutorsReplaced)
{
    /// <summary>Live queued jobs across all lanes.</summary>
    public int QueueDepth => QueueDepthByPriority.Sum();

    /// <summary>Jobs that reached an outcome.</summary>
    public long Finished => Completed + Failed + Cancelled + TimedOut + Rejected;
}
