namespace Dspex.Scheduler;

/// <summary>Names of the scheduler's meter, activity source, instruments and events.</summary>
public static class SchedulerTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> and the <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string Name = "Dspex.Scheduler";

    /// <summary>Jobs queued per pool and priority (gauge).</summary>
    public const string QueueDepth = "dspex.pool.queue.depth";

    /// <summary>Workers running a job per pool (gauge).</summary>
    public const string BusyWorkers = "dspex.pool.workers.busy";

    /// <summary>Workers alive per pool (gauge).</summary>
    public const string TotalWorkers = "dspex.pool.workers.total";

    /// <summary>Busy over total workers per pool (gauge, 0–1).</summary>
    public const string Utilization = "dspex.pool.utilization";

    /// <summary>Time from queued to taken, in milliseconds (histogram).</summary>
    public const string CheckoutWait = "dspex.pool.checkout.wait";

    /// <summary>Jobs taken by a worker (counter): one checkout event per job.</summary>
    public const string Checkouts = "dspex.pool.checkout";

    /// <summary>Time a job ran on its worker, in milliseconds (histogram).</summary>
    public const string RunTime = "dspex.job.run.time";

    /// <summary>Terminal outcomes by pool and kind (counter).</summary>
    public const string Outcomes = "dspex.job.outcomes";

    /// <summary>Workers started on tokens borrowed from the shared overflow budget (counter).</summary>
    public const string OverflowBorrowed = "dspex.pool.overflow.borrowed";

    /// <summary>Executors replaced after a crash or for recycling (counter).</summary>
    public const string ExecutorsReplaced = "dspex.pool.executors.replaced";

    /// <summary>The activity of one job, from submission to outcome.</summary>
    public const string JobActivity = "dspex.job";

    /// <summary>The event added to a job's activity when a worker takes it.</summary>
    public const string CheckoutEvent = "dspex.pool.checkout";
}
