namespace Dspex.Scheduler;

/// <summary>What <c>SubmitAsync</c> does when a pool's queue is full.</summary>
public enum PoolFullMode
{
    /// <summary>Wait (asynchronously) until the queue has space, the caller cancels, or the queue timeout passes.</summary>
    Wait,

    /// <summary>Fail the job at once with <see cref="PoolSaturatedException"/>.</summary>
    Reject,
}
