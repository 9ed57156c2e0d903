namespace Dspex.Pipelines;

/// <summary>A reference in a running pipeline named data that is not there (a missing field, an index out of range, a map over a non-list).</summary>
public sealed class PipelineDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelineDataException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was missing, naming the reference.</param>
    public PipelineDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was missing.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
