namespace Dspex.Interop;

/// <summary>A Python exception raised by a call, with its type, message, formatted traceback and chained causes.</summary>
public sealed class PythonException : Exception
{
    /// <summary>Creates the exception from its Python parts.</summary>
    /// <param name="pythonType">The exception's qualified Python type name (e.g. <c>ValueError</c>, <c>json.JSONDecodeError</c>).</param>
    /// <param name="pythonMessage">The exception's <c>str()</c>.</param>
    /// <param name="pythonTraceback">The traceback as <c>traceback.format_exception</c> writes it, or null.</param>
    /// <param name="cause">The exception it was raised from (<c>__cause__</c>, or an unsuppressed <c>__context__</c>).</param>
    public PythonException(string pythonType, string pythonMessage, string? pythonTraceback, PythonException? cause)
        : base(pythonMessage.Length == 0 ? pythonType : $"{pythonType}: {pythonMessage}", cause)
    {
        PythonType = pythonType;
        PythonMessage = pythonMessage;
        PythonTraceback = pythonTraceback;
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public PythonException(string message)
        : this("Exception", message, null, null)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PythonException(string message, Exception innerException)
        : base(message, innerException)
    {
        PythonType = "Exception";
        PythonMessage = message;
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public PythonException()
        : this("Exception", "A Python exception was raised.", null, null)
    {
    }

    /// <summary>The Python type name, qualified by its module unless built in.</summary>
    public string PythonType { get; }

    /// <summary>The exception's <c>str()</c>.</summary>
    public string PythonMessage { get; }

    /// <summary>The formatted traceback, the innermost frame last, or null when none was available.</summary>
    public string? PythonTraceback { get; }

    /// <summary>The chained Python exception this one was raised from or during, if any.</summary>
    public PythonException? Cause => InnerException as PythonException;

    /// <inheritdoc />
    public override string ToString()
        => PythonTraceback is null ? base.ToString() : $"{base.ToString()}{System.Environment.NewLine}--- Python traceback ---{System.Environment.NewLine}{PythonTraceback}";
}
