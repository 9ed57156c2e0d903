namespace Dspex.Scheduler;

/// <summary>The Linux CPU scheduling policy of a pool's worker processes.</summary>
public enum WorkerSchedulingPolicy
{
    /// <summary><c>SCHED_OTHER</c>: the default time-sharing policy.</summary>
    Normal,

    /// <summary>
    /// <c>SCHED_BATCH</c>: CPU-bound work that never preempts others on wake-up. Measured on a 2-core machine,
    /// a thread that wakes while such workers hold every core still often waits out part of a worker's slice.
    /// </summary>
    Batch,

    /// <summary>
    /// <c>SCHED_IDLE</c>: runs only when nothing else wants the CPU, and any other thread that wakes preempts
    /// it at once. The optimizer pool's default. On a host that keeps every core busy with its own work these
    /// processes get almost no CPU (about 0.3 % of a core each); choose <see cref="Batch"/> there.
    /// </summary>
    Idle,
}
