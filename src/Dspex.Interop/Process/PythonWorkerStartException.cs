using Dspex.Scheduler;

namespace Dspex.Interop.Process;

/// <summary>
/// A Python worker process could not start: the interpreter is missing or broken, a module failed to
/// import, or the ready handshake did not arrive in time. The message names the modules and ends with
/// the last lines the worker wrote to its error stream.
/// </summary>
public sealed class PythonWorkerStartException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool the worker belongs to.</param>
    /// <param name="message">What went wrong, naming the modules and quoting stderr.</param>
    /// <param name="innerException">The Python error or the OS error behind it, if any.</param>
    public PythonWorkerStartException(string pool, string message, Exception? innerException = null)
        : base(pool, message, innerException)
    {
    }

    /// <summary>The modules the worker was asked to import.</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];

    /// <summary>The worker's exit code, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The last lines the worker wrote to its error stream.</summary>
    public string? LastStderr { get; init; }
}
