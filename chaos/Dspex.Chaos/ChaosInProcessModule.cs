using Dspex.Interop;

namespace Dspex.Chaos;

/// <summary>Calls the module's functions in the embedded interpreter; the function objects are looked up once.</summary>
internal sealed class ChaosInProcessModule : IChaosInProcess, IDisposable
{
    public const string ModuleName = "chaos_inprocess";

    /// <summary>The Python type <c>fail</c> raises, as <see cref="PythonException.PythonType"/> names it.</summary>
    public const string ErrorType = "chaos_inprocess.ChaosInProcessError";

    private static bool s_registered;

    private readonly PythonObject _echo;
    private readonly PythonObject _fail;
    private readonly PythonObject _loop;

    public ChaosInProcessModule(PythonRuntime runtime)
    {
        using var module = runtime.Import(ModuleName);
        _echo = module.GetAttribute("echo");
        _fail = module.GetAttribute("fail");
        _loop = module.GetAttribute("loop");
    }

    /// <summary>Registers the binding; idempotent, so tests and the run may both call it.</summary>
    public static void Register()
    {
        lock (typeof(ChaosInProcessModule))
        {
            if (!s_registered)
            {
                PythonModuleRegistry.Register<IChaosInProcess>(ModuleName, runtime => new ChaosInProcessModule(runtime));
                s_registered = true;
            }
        }
    }

    public long Echo(long jobId, long spinMicroseconds, CancellationToken cancellationToken) =>
        Call(_echo, jobId, spinMicroseconds, cancellationToken);

    public long Fail(long jobId) => Call(_fail, jobId, null, CancellationToken.None);

    public long Loop(long jobId, CancellationToken cancellationToken) => Call(_loop, jobId, null, cancellationToken);

    public void Dispose()
    {
        _echo.Dispose();
        _fail.Dispose();
        _loop.Dispose();
    }

    private static long Call(PythonObject function, long first, long? second, CancellationToken cancellationToken)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(PyRef.FromInt64(first));
            if (second is { } value)
            {
                args.Add(PyRef.FromInt64(value));
            }

            using var result = function.Invoke(ref args, cancellationToken);
            return result.ToInt64();
        }
        finally
        {
            args.Dispose();
        }
    }
}
