using System.ComponentModel;

namespace Dspex.Interop.Process;

/// <summary>
/// The calls generated process-worker module implementations make: they surface Python errors as
/// <see cref="PythonException"/> and conversion failures as <see cref="PythonConversionException"/>, as the
/// in-process implementation does, so callers of the interface do not see the transport.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProcessModuleCall
{
    /// <summary>Calls <c>module.function(*args, **kwargs)</c> in the worker and converts the result.</summary>
    /// <typeparam name="TResult">The C# type of the result.</typeparam>
    /// <param name="worker">The worker process.</param>
    /// <param name="module">The module's import name.</param>
    /// <param name="function">The module attribute to call.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments, or <see langword="null"/>.</param>
    /// <param name="bound">The token the instance was bound with (the job's).</param>
    /// <param name="call">The token of this call.</param>
    /// <returns>The converted result.</returns>
    /// <exception cref="PythonException">The Python code raised.</exception>
    /// <exception cref="PythonConversionException">The result does not convert to <typeparamref name="TResult"/>.</exception>
    public static TResult Call<TResult>(IProcessWorker worker, string module, string function, object?[] args, IReadOnlyDictionary<string, object?>? kwargs, CancellationToken bound, CancellationToken call)
    {
        var value = Invoke(worker, module, function, args, kwargs, bound, call);
        try
        {
            return PythonConversion.To<TResult>(value);
        }
        catch (InvalidCastException ex)
        {
            throw new PythonConversionException($"{module}.{function}: {ex.Message}", ex);
        }
        catch (OverflowException ex)
        {
            throw new OverflowException($"{module}.{function}: {ex.Message}", ex);
        }
    }

    /// <summary>Calls a function whose hint is an optional reference type (<c>str | None</c>): None is <see langword="null"/>.</summary>
    /// <typeparam name="TResult">The C# type of a result that is not None.</typeparam>
    /// <param name="worker">The worker process.</param>
    /// <param name="module">The module's import name.</param>
    /// <param name="function">The module attribute to call.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments, or <see langword="null"/>.</param>
    /// <param name="bound">The token the instance was bound with (the job's).</param>
    /// <param name="call">The token of this call.</param>
    /// <returns>The converted result, or <see langword="null"/> for None.</returns>
    public static TResult? CallOptional<TResult>(IProcessWorker worker, string module, string function, object?[] args, IReadOnlyDictionary<string, object?>? kwargs, CancellationToken bound, CancellationToken call)
        where TResult : class
    {
        var value = Invoke(worker, module, function, args, kwargs, bound, call);
        try
        {
            return value is null ? null : PythonConversion.To<TResult>(value);
        }
        catch (InvalidCastException ex)
        {
            throw new PythonConversionException($"{module}.{function}: {ex.Message}", ex);
        }
    }

    /// <summary>Calls a function annotated <c>-> None</c> and checks that it returned None.</summary>
    /// <param name="worker">The worker process.</param>
    /// <param name="module">The module's import name.</param>
    /// <param name="function">The module attribute to call.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments, or <see langword="null"/>.</param>
    /// <param name="bound">The token the instance was bound with (the job's).</param>
    /// <param name="call">The token of this call.</param>
    public static void CallVoid(IProcessWorker worker, string module, string function, object?[] args, IReadOnlyDictionary<string, object?>? kwargs, CancellationToken bound, CancellationToken call)
    {
        var value = Invoke(worker, module, function, args, kwargs, bound, call);
        if (value is not null)
        {
            throw new PythonConversionException(typeof(void), PythonConversion.PythonTypeName(value), $"{module}.{function} expected None");
        }
    }

    /// <summary>The error a generated process implementation raises for a function that takes or returns a live Python object.</summary>
    /// <param name="module">The module's import name.</param>
    /// <param name="function">The function.</param>
    /// <returns>The exception to throw.</returns>
    public static NotSupportedException LiveObject(string module, string function) =>
        new($"{module}.{function} takes or returns a live Python object (PythonObject), which cannot cross a process worker's channel; call it on an InProcess pool.");

    /// <summary>A process worker's Python error in the in-process form, its cause chain kept.</summary>
    /// <param name="error">The error the worker reported.</param>
    /// <returns>The same type, message, traceback and causes as a <see cref="PythonException"/>.</returns>
    public static PythonException ToPythonException(PythonProcessException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        PythonException? cause = null;
        for (var i = error.Causes.Count - 1; i >= 0; i--)
        {
            cause = Translate(error.Causes[i], cause);
        }

        return Translate(error, cause);
    }

    private static PythonException Translate(PythonProcessException error, PythonException? cause) =>
        new(error.PythonType, error.PythonMessage, error.PythonTraceback.Length == 0 ? null : error.PythonTraceback, cause);

    private static object? Invoke(IProcessWorker worker, string module, string function, object?[] args, IReadOnlyDictionary<string, object?>? kwargs, CancellationToken bound, CancellationToken call)
    {
        ArgumentNullException.ThrowIfNull(worker);
        using var linked = bound.CanBeCanceled && call.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(bound, call) : null;
        var token = linked?.Token ?? (call.CanBeCanceled ? call : bound);
        try
        {
            return worker.Invoke(module, function, args, kwargs, token);
        }
        catch (PythonProcessException ex)
        {
            throw ToPythonException(ex);
        }
    }
}
