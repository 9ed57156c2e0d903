using Dspex.Scheduler;

namespace Dspex.Pipelines;

/// <summary>
/// The seam between pipelines and an executor: call a function of Python's <c>dspex.bridge</c> in the
/// Python that the running job's worker owns. <see cref="PythonBridges.Process"/> serves process workers;
/// an in-process executor plugs in with its own implementation.
/// </summary>
public interface IPythonBridge
{
    /// <summary>Calls <c>dspex.bridge.<paramref name="bridgeFunction"/>(*args)</c> on the worker running <paramref name="context"/>'s job.</summary>
    /// <param name="context">The running job's context (worker, executor, cancellation).</param>
    /// <param name="bridgeFunction">The bridge function: <c>call</c>, <c>create</c>, <c>call_instance</c>, <c>destroy</c>, <c>category_of</c>.</param>
    /// <param name="args">Positional arguments as plain data (null, bool, long, double, string, lists, string-keyed dictionaries).</param>
    /// <returns>The result as plain data.</returns>
    object? Invoke(JobContext context, string bridgeFunction, IReadOnlyList<object?> args);
}
