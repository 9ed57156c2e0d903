namespace Dspex.Interop.Process;

/// <summary>
/// A Python exception raised by a call in a process worker: its Python type, message and formatted
/// traceback. The exception's <see cref="Exception.InnerException"/> chain follows Python's
/// <c>__cause__</c> / <c>__context__</c> chain outward, and <see cref="Causes"/> lists it.
/// </summary>
public sealed class PythonProcessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PythonProcessException()
        : this("Exception", string.Empty, string.Empty, [])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The Python message.</param>
    public PythonProcessException(string message)
        : this("Exception", message, string.Empty, [])
    {
    }

    /// <summary>Creates the exception with a message and a .NET cause.</summary>
    /// <param name="message">The Python message.</param>
    /// <param name="innerException">The cause.</param>
    public PythonProcessException(string message, Exception? innerException)
        : base(message, innerException)
    {
        PythonType = "Exception";
        PythonMessage = message;
        PythonTraceback = string.Empty;
        Causes = [];
    }

    /// <summary>Creates the exception from the parts the worker reported.</summary>
    /// <param name="pythonType">The Python type, qualified by module unless built in (e.g. <c>ValueError</c>, <c>json.decoder.JSONDecodeError</c>).</param>
    /// <param name="pythonMessage">The exception's <c>str()</c>.</param>
    /// <param name="pythonTraceback">The formatted traceback of this exception alone.</param>
    /// <param name="causes">The chained exceptions, nearest first.</param>
    public PythonProcessException(string pythonType, string pythonMessage, string pythonTraceback, IReadOnlyList<PythonProcessException> causes)
        : base(Format(pythonType, pythonMessage), causes is { Count: > 0 } ? causes[0] : null)
    {
        ArgumentNullException.ThrowIfNull(pythonType);
        ArgumentNullException.ThrowIfNull(causes);
        PythonType = pythonType;
        PythonMessage = pythonMessage ?? string.Empty;
        PythonTraceback = pythonTraceback ?? string.Empty;
        Causes = causes;
    }

    /// <summary>The Python exception type, e.g. <c>ValueError</c>.</summary>
    public string PythonType { get; }

    /// <summary>The Python exception's message (<c>str(exc)</c>).</summary>
    public string PythonMessage { get; }

    /// <summary>The formatted Python traceback (<c>traceback.format_exception</c>) of this exception.</summary>
    public string PythonTraceback { get; }

    /// <summary>The chained Python exceptions (<c>raise … from …</c>, or raised while handling), nearest first.</summary>
    public IReadOnlyList<PythonProcessException> Causes { get; }

    /// <summary>The module and function the failing call named, when known.</summary>
    public string? Function { get; init; }

    /// <inheritdoc />
    public override string? StackTrace =>
        PythonTraceback.Length == 0 ? base.StackTrace : PythonTraceback + Environment.NewLine + base.StackTrace;

    private static string Format(string type, string message) => string.IsNullOrEmpty(message) ? type : type + ": " + message;
}
