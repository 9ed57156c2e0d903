namespace Dspex.Scheduler;

/// <summary>The Linux CPU scheduling policy of a pool's worker processes.</summary>
public enum WorkerSchedulingPolicy
{
    /// <summary><c>SCHED_OTHER</c>: the default time-sharing policy.</summary>
    Normal,

    /// <summary><c>SCHED_BATCH</c>: CPU-bound work that yields to interactive threads on wake-up.</summary>
    Batch,

    /// <summary><c>SCHED_IDLE</c>: runs only when nothing else wants the CPU.</summary>
    Idle,
}
