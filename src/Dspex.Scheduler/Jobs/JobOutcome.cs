namespace Dspex.Scheduler;

/// <summary>The single terminal state every accepted job reaches.</summary>
public enum JobOutcome
{
    /// <summary>The job ran and returned a result.</summary>
    Completed,

    /// <summary>The job ran and threw, or its worker crashed and it could not be retried.</summary>
    Failed,

    /// <summary>The caller cancelled it, or shutdown's grace period ended; a job cancelled while queued never starts.</summary>
    Cancelled,

    /// <summary>It waited in its queue longer than the pool's queue timeout, or ran past its own timeout.</summary>
    TimedOut,

    /// <summary>The pool was saturated (or stopping) and would not take it.</summary>
    Rejected,
}
