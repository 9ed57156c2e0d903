namespace Dspex.Scheduler;

/// <summary>A job whose work is a delegate; the convenient form when a job type is not worth declaring.</summary>
/// <typeparam name="TResult">The type of the job's result.</typeparam>
public sealed class DelegateJob<TResult> : Job<TResult>
{
    private readonly Func<JobContext, TResult> _work;

    /// <summary>Creates a job that runs <paramref name="work"/> for <paramref name="module"/>.</summary>
    /// <param name="module">The module path used for routing.</param>
    /// <param name="work">The work to run on the worker thread.</param>
    public DelegateJob(string module, Func<JobContext, TResult> work)
        : base(module)
    {
        ArgumentNullException.ThrowIfNull(work);
        _work = work;
    }

    /// <inheritdoc />
    public override TResult Execute(JobContext context) => _work(context);
}
