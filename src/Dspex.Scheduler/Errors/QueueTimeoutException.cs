namespace Dspex.Scheduler;

/// <summary>A job waited in its pool's queue longer than the pool's <see cref="PoolOptions.QueueTimeout"/>.</summary>
public sealed class QueueTimeoutException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool.</param>
    /// <param name="module">The job's module.</param>
    /// <param name="timeout">The queue timeout that passed.</param>
    public QueueTimeoutException(string pool, string module, TimeSpan timeout)
        : base(pool, $"Job for '{module}' waited longer than {timeout.TotalMilliseconds:0.###} ms in the queue of pool '{pool}'.")
        => Timeout = timeout;

    /// <summary>The queue timeout that passed.</summary>
    public TimeSpan Timeout { get; }
}
