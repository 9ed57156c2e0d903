namespace Dspex.Interop;

/// <summary>A Python value could not be converted to the C# type a caller expected.</summary>
public sealed class PythonConversionException : InvalidCastException
{
    /// <summary>Creates the exception naming both types.</summary>
    /// <param name="expectedType">The C# type the caller expected.</param>
    /// <param name="pythonType">The Python type that was found.</param>
    /// <param name="detail">Python's own explanation, if any.</param>
    public PythonConversionException(Type expectedType, string pythonType, string? detail = null)
        : base($"Cannot convert Python {pythonType} to C# {expectedType?.Name}" + (detail is null ? "." : $": {detail}"))
    {
        ExpectedType = expectedType ?? typeof(object);
        PythonType = pythonType;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public PythonConversionException(string message)
        : base(message)
    {
        ExpectedType = typeof(object);
        PythonType = "object";
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PythonConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExpectedType = typeof(object);
        PythonType = "object";
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PythonConversionException()
        : this("A Python value could not be converted.")
    {
    }

    /// <summary>The C# type the caller expected.</summary>
    public Type ExpectedType { get; }

    /// <summary>The Python type name that was found.</summary>
    public string PythonType { get; }
}
