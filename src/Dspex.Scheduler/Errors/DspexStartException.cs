namespace Dspex.Scheduler;

/// <summary>A pool could not start: one of its workers failed to create its executor.</summary>
public sealed class DspexStartException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool that failed to start.</param>
    /// <param name="innerException">The executor factory's error (e.g. a worker process that failed to import its module).</param>
    public DspexStartException(string pool, Exception innerException)
        : base(pool, $"Pool '{pool}' could not start: {innerException?.Message}", innerException)
    {
    }
}
