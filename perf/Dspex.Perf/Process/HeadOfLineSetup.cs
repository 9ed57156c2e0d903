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

    /// <summary>
    /// The optimizer pool in process workers with its defaults: nice 10, <c>SCHED_IDLE</c>, and off the host's
    /// first CPU.
    /// </summary>
    SplitProcess,

    /// <summary>As <see cref="SplitProcess"/> but with <c>SCHED_BATCH</c>, the milder policy.</summary>
    SplitProcessBatch,

    /// <summary>As <see cref="SplitProcess"/> but on every CPU: the priority alone.</summary>
    SplitProcessAllCpus,

    /// <summary>Process workers at nice 0, <c>SCHED_OTHER</c>, on every CPU: neither priority nor a free core.</summary>
    SplitProcessNoPriority,
}
