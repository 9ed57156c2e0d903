namespace Dspex.Scheduler;

/// <summary>A pool in <see cref="PoolFullMode.Reject"/> mode had no queue space for a job.</summary>
public sealed class PoolSaturatedException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The saturated pool.</param>
    /// <param name="capacity">Its queue capacity.</param>
    public PoolSaturatedException(string pool, int capacity)
        : base(pool, $"Pool '{pool}' is saturated: its queue holds {capacity} jobs, its maximum.") => Capacity = capacity;

    /// <summary>The pool's queue capacity.</summary>
    public int Capacity { get; }
}
