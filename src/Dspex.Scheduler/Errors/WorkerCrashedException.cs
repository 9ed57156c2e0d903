namespace Dspex.Scheduler;

/// <summary>
/// The worker running a job died (its process exited or was killed, its pipe closed, it stopped answering).
/// Executors throw it; the scheduler replaces the worker and retries the job when it is idempotent.
/// </summary>
public sealed class WorkerCrashedException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool of the worker.</param>
    /// <param name="message">What happened (exit code or signal, last stderr lines).</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public WorkerCrashedException(string pool, string message, Exception? innerException = null)
        : base(pool, message, innerException)
    {
    }

    /// <summary>The worker process's exit code, when known.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that killed the worker process, when known.</summary>
    public int? Signal { get; init; }

    /// <summary>The last lines the worker wrote to its error stream.</summary>
    public string? LastStderr { get; init; }
}
