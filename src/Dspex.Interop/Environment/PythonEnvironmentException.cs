namespace Dspex.Interop;

/// <summary>No usable Python was found, or the one found cannot be embedded (static build, unsupported version).</summary>
public sealed class PythonEnvironmentException : Exception
{
    /// <summary>Creates the exception with a message saying what was wrong and what to do.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    public PythonEnvironmentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What was wrong and how to fix it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PythonEnvironmentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PythonEnvironmentException()
        : base("No usable Python environment was found.")
    {
    }
}
