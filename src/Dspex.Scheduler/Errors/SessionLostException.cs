namespace Dspex.Scheduler;

/// <summary>A job required the worker holding its session, and that worker or its executor is gone.</summary>
public sealed class SessionLostException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool.</param>
    /// <param name="workerId">The worker that held the session.</param>
    public SessionLostException(string pool, int workerId)
        : base(pool, $"The session held by worker {workerId} of pool '{pool}' is lost: that worker or its executor is gone.")
        => WorkerId = workerId;

    /// <summary>The worker that held the session.</summary>
    public int WorkerId { get; }
}
