using Dspex.Interop;

namespace Dspex.Perf.Process;

/// <summary>
/// The embedded side of the head-of-line benchmark: <c>hol_load.tiny</c> (the ~1 µs probe) and
/// <c>hol_load.spin</c> (the pure-Python flood), imported once into the process's one runtime.
/// </summary>
internal sealed class HeadOfLineLoad : IDisposable
{
    public const string ModuleName = "hol_load";

    private readonly PythonObject _tiny;
    private readonly PythonObject _spin;

    public HeadOfLineLoad(PythonRuntime runtime)
    {
        Runtime = runtime;
        using var module = runtime.Import(ModuleName);
        _tiny = module.GetAttribute("tiny");
        _spin = module.GetAttribute("spin");
    }

    public PythonRuntime Runtime { get; }

    /// <summary>The folder holding <c>hol_load.py</c>, for the runtime's and the process workers' search path.</summary>
    public static string ModuleFolder => Path.Combine(AppContext.BaseDirectory, "Process");

    /// <summary>Calls the probe on the current thread; the result proves the call ran.</summary>
    public long Tiny()
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            using var result = _tiny.Invoke(ref args);
            return result.ToInt64();
        }
        finally
        {
            args.Dispose();
        }
    }

    /// <summary>Spins pure Python for <paramref name="seconds"/> on the current thread, holding the GIL.</summary>
    public long Spin(double seconds)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(PyRef.FromDouble(seconds));
            using var result = _spin.Invoke(ref args);
            return result.ToInt64();
        }
        finally
        {
            args.Dispose();
        }
    }

    public void Dispose()
    {
        _tiny.Dispose();
        _spin.Dispose();
    }
}
