namespace Dspex.Scheduler;

/// <summary>A job with <see cref="AffinityMode.StrictFailFast"/> found the worker holding its session busy.</summary>
public sealed class WorkerBusyException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool.</param>
    /// <param name="workerId">The busy worker.</param>
    public WorkerBusyException(string pool, int workerId)
        : base(pool, $"Worker {workerId} of pool '{pool}', which holds the job's session, is busy.")
        => WorkerId = workerId;

    /// <summary>The busy worker.</summary>
    public int WorkerId { get; }
}
