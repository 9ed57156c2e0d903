namespace Dspex.Scheduler;

/// <summary>
/// Ties a job to the worker that holds a session (a stateful Python object lives in that worker's executor).
/// Read the worker's id and executor epoch from <see cref="JobContext"/> of the job that created the session.
/// </summary>
/// <param name="WorkerId">The worker (<see cref="WorkerInfo.Id"/>) that holds the session.</param>
/// <param name="Mode">What to do when that worker is busy or gone.</param>
/// <param name="ExecutorEpoch">
/// The executor the session lives in (<see cref="JobContext.ExecutorEpoch"/>); 0 for any. A replaced executor
/// (crash, recycling) has a new epoch, so a session it held is known to be lost.
/// </param>
public readonly record struct WorkerAffinity(int WorkerId, AffinityMode Mode = AffinityMode.Hint, long ExecutorEpoch = 0);

/// <summary>How strictly a job keeps to the worker named by its <see cref="WorkerAffinity"/>.</summary>
public enum AffinityMode
{
    /// <summary>Run on that worker if it is idle now; otherwise on any worker of the pool.</summary>
    Hint,

    /// <summary>Wait for that worker; fail with <see cref="SessionLostException"/> if it (or its executor) is gone.</summary>
    Strict,

    /// <summary>Fail at once with <see cref="WorkerBusyException"/> if that worker is busy, or <see cref="SessionLostException"/> if gone.</summary>
    StrictFailFast,
}
