using Dspex.Scheduler;

namespace Dspex.Interop.Process;

/// <summary>
/// A worker's own Python process. Jobs of a <see cref="PoolIsolation.Process"/> pool reach it through
/// <c>context.GetExecutor&lt;IProcessWorker&gt;()</c> or, typed, through <see cref="ProcessPythonModule"/>.
/// Used only from its worker's thread, one call at a time.
/// </summary>
public interface IProcessWorker : IJobExecutor
{
    /// <summary>The worker process's id.</summary>
    int ProcessId { get; }

    /// <summary>Calls <c>module.function(*args, **kwargs)</c> in the worker and returns the result in its natural .NET form.</summary>
    /// <param name="moduleName">The module to import (once) and call into.</param>
    /// <param name="functionName">The attribute of the module to call.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancelling interrupts the Python code (SIGINT, then SIGKILL after a grace period).</param>
    /// <returns>
    /// <see langword="null"/>, bool, long, <c>BigInteger</c>, double, string, byte[], <c>List&lt;object?&gt;</c>,
    /// a read-only list that is also an <c>ITuple</c> (Python tuples), or <c>Dictionary&lt;object, object?&gt;</c>.
    /// </returns>
    /// <exception cref="PythonProcessException">The Python code raised.</exception>
    /// <exception cref="WorkerCrashedException">The process died, closed its pipe or stopped answering heartbeats.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    object? Invoke(string moduleName, string functionName, ReadOnlySpan<object?> args, IReadOnlyDictionary<string, object?>? kwargs, CancellationToken cancellationToken);
}
