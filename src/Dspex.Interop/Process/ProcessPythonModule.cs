namespace Dspex.Interop.Process;

/// <summary>
/// Typed calls into one Python module inside a process worker, with the conversions of the in-process
/// interop: long, int, double, bool, string, byte[], <c>BigInteger</c>, <c>IReadOnlyList&lt;T&gt;</c>,
/// <c>IReadOnlyDictionary&lt;K,V&gt;</c>, arrays, value tuples and nullable values. Generated
/// process-isolated module implementations call through it.
/// </summary>
public sealed class ProcessPythonModule
{
    private readonly CancellationToken _cancellationToken;

    /// <summary>Binds a module of a worker, with the token that cancels its calls (usually the job's).</summary>
    /// <param name="worker">The worker process.</param>
    /// <param name="module">The module's import name, e.g. <c>dspy.teleprompt</c>.</param>
    /// <param name="cancellationToken">Cancels every call made through this instance.</param>
    public ProcessPythonModule(IProcessWorker worker, string module, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        Worker = worker;
        Module = module;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The worker process the calls run in.</summary>
    public IProcessWorker Worker { get; }

    /// <summary>The module's import name.</summary>
    public string Module { get; }

    /// <summary>Calls <c>function(*args)</c> and converts its result to <typeparamref name="TResult"/>.</summary>
    /// <typeparam name="TResult">The C# type of the result.</typeparam>
    /// <param name="function">The module attribute to call.</param>
    /// <param name="args">Positional arguments.</param>
    /// <returns>The converted result.</returns>
    /// <exception cref="PythonProcessException">The Python code raised.</exception>
    /// <exception cref="InvalidCastException">The result does not convert to <typeparamref name="TResult"/>.</exception>
    /// <exception cref="OverflowException">A Python int does not fit the integer type asked for.</exception>
    public TResult Call<TResult>(string function, params ReadOnlySpan<object?> args) =>
        Convert<TResult>(function, Worker.Invoke(Module, function, args, null, _cancellationToken));

    /// <summary>Calls <c>function(*args, **kwargs)</c> and converts its result to <typeparamref name="TResult"/>.</summary>
    /// <typeparam name="TResult">The C# type of the result.</typeparam>
    /// <param name="function">The module attribute to call.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <returns>The converted result.</returns>
    public TResult CallWithKeywords<TResult>(string function, ReadOnlySpan<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        return Convert<TResult>(function, Worker.Invoke(Module, function, args, kwargs, _cancellationToken));
    }

    /// <summary>Calls <c>function(*args)</c> and discards its result.</summary>
    /// <param name="function">The module attribute to call.</param>
    /// <param name="args">Positional arguments.</param>
    public void Invoke(string function, params ReadOnlySpan<object?> args) => Worker.Invoke(Module, function, args, null, _cancellationToken);

    private TResult Convert<TResult>(string function, object? value)
    {
        try
        {
            return PythonConversion.To<TResult>(value);
        }
        catch (InvalidCastException ex)
        {
            throw new InvalidCastException($"{Module}.{function}: {ex.Message}", ex);
        }
        catch (OverflowException ex)
        {
            throw new OverflowException($"{Module}.{function}: {ex.Message}", ex);
        }
    }
}
