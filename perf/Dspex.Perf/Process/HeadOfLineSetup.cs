namespace Dspex.Perf.Process;

/// <summary>How the general pool and the optimizer flood share (or do not share) workers and the GIL.</summary>
internal enum HeadOfLineSetup
{
    /// <summary>No flood: the general pool alone, the baseline of every other set-up.</summary>
    Idle,

    /// <summary>One in-process pool runs both the probes and the flood: workers and the GIL are shared.</summary>
    Shared,

    /// <summary>Separate pools, both in-process: separate workers, one GIL.</summary>
    SplitInProcess,

    /// <summary>The optimizer pool in process workers with its default priority: nice 10 and <c>SCHED_IDLE</c>.</summary>
    SplitProcess,

    /// <summary>As <see cref="SplitProcess"/> but with <c>SCHED_BATCH</c>, the milder policy.</summary>
    SplitProcessBatch,

    /// <summary>As <see cref="SplitProcess"/> but at nice 0 and <c>SCHED_OTHER</c>: the priority's effect.</summary>
    SplitProcessNoPriority,
}
