namespace Dspex.Scheduler;

/// <summary>Base of every error the scheduler raises; it names the pool involved.</summary>
public class DspexException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DspexException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public DspexException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DspexException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a pool.</summary>
    /// <param name="pool">The pool involved.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    protected DspexException(string? pool, string message, Exception? innerException = null)
        : base(message, innerException) => Pool = pool;

    /// <summary>The pool involved, when there is one.</summary>
    public string? Pool { get; }
}
