namespace Dspex.Scheduler;

/// <summary>
/// One execution request: which module it runs, how it is routed and prioritised, and the work itself.
/// </summary>
/// <remarks>
/// A job object holds no per-submission state, so one instance may be submitted many times, even
/// concurrently: the scheduler keeps each submission's state in its own pooled record. Reusing a job
/// instance makes a submission allocation-free.
/// </remarks>
/// <typeparam name="TResult">The type of the job's result.</typeparam>
public abstract class Job<TResult>
{
    /// <summary>Creates a job for a module path such as <c>dspy.teleprompt.MIPROv2</c>.</summary>
    /// <param name="module">The module the job executes; routing rules match against it.</param>
    protected Job(string module)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        Module = module;
    }

    /// <summary>The module path the job executes, e.g. <c>colbert.Searcher</c>.</summary>
    public string Module { get; }

    /// <summary>An explicit pool; when set it wins over every routing rule.</summary>
    public string? Pool { get; init; }

    /// <summary>A category the job declares (<c>optimizer</c>, <c>neural</c>, <c>general</c>), matched by category rules.</summary>
    public string? Category { get; init; }

    /// <summary>Priority lane: 0 is the highest; must be below the pool's <see cref="PoolOptions.PriorityLevels"/>.
    /// When unset the pool's <see cref="PoolOptions.DefaultPriority"/> is used.</summary>
    public int? Priority { get; init; }

    /// <summary>Whether the job may safely run again when its worker crashes mid-run.</summary>
    public bool Idempotent { get; init; }

    /// <summary>Longest time the job may run once taken; past it the job's token is cancelled and it ends as timed out.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Ties the job to the worker holding its session; see <see cref="WorkerAffinity"/>.</summary>
    public WorkerAffinity? Affinity { get; init; }

    /// <summary>Resources the job declares (e.g. device memory), checked by the pool's admission gate.</summary>
    public ResourceDemand Resources { get; init; }

    /// <summary>
    /// The pool this instance was last routed to, with its scheduler: its routing inputs are immutable, so a
    /// reused instance skips the rule lookup. One field, so a reader never sees a pool of another scheduler.
    /// </summary>
    internal Pool? RoutedPool { get; set; }

    /// <summary>Runs the job on a worker thread.</summary>
    /// <param name="context">The worker's executor state, the job's cancellation token and attempt number.</param>
    /// <returns>The job's result.</returns>
    public abstract TResult Execute(JobContext context);
}
