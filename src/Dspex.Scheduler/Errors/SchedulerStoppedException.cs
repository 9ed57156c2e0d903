namespace Dspex.Scheduler;

/// <summary>The scheduler is stopping or stopped and takes no new jobs.</summary>
public sealed class SchedulerStoppedException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool the job was routed to.</param>
    public SchedulerStoppedException(string pool)
        : base(pool, $"The scheduler is stopping: pool '{pool}' takes no new jobs.")
    {
    }
}
