namespace Dspex.Scheduler;

/// <summary>A running job passed its own <see cref="Job{TResult}.Timeout"/>.</summary>
public sealed class JobTimeoutException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool.</param>
    /// <param name="module">The job's module.</param>
    /// <param name="timeout">The run timeout that passed.</param>
    /// <param name="innerException">What the job threw when it was interrupted, if anything.</param>
    public JobTimeoutException(string pool, string module, TimeSpan timeout, Exception? innerException = null)
        : base(pool, $"Job for '{module}' in pool '{pool}' ran longer than its timeout of {timeout.TotalMilliseconds:0.###} ms.", innerException)
        => Timeout = timeout;

    /// <summary>The run timeout that passed.</summary>
    public TimeSpan Timeout { get; }
}
