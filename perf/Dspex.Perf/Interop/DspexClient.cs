using Dspex.Interop;

namespace Dspex.Perf.Interop;

/// <summary>Typed calls through Dspex.Interop, shaped exactly as the generator emits them (cached functions, stack arguments).</summary>
internal sealed class DspexClient
{
    private readonly PythonObject _add;
    private readonly PythonObject _echoText;
    private readonly PythonObject _echoInts;
    private readonly PythonObject _vector;

    public DspexClient(PythonRuntime runtime)
    {
        using var module = runtime.Import("math_ops");
        _add = module.GetAttribute("add");
        _echoText = module.GetAttribute("echo_text");
        _echoInts = module.GetAttribute("echo_ints");
        using var make = module.GetAttribute("vector");
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(PyRef.FromInt64(InteropBenchmarks.VectorLength));
            using var array = make.Invoke(ref args);
            _vector = ObjectConverter.FromPython(in array);
        }
        finally
        {
            args.Dispose();
        }
    }

    public long Add(long a, long b)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(Int64Converter.ToPython(a));
            args.Add(Int64Converter.ToPython(b));
            using var result = _add.Invoke(ref args);
            return Int64Converter.FromPython(in result);
        }
        finally
        {
            args.Dispose();
        }
    }

    public string EchoText(string text)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(StringConverter.ToPython(text));
            using var result = _echoText.Invoke(ref args);
            return StringConverter.FromPython(in result);
        }
        finally
        {
            args.Dispose();
        }
    }

    public IReadOnlyList<long> EchoInts(IReadOnlyList<long> values)
    {
        using var gil = PythonGil.Acquire();
        var args = new PyArguments();
        try
        {
            args.Add(ListConverter<long, Int64Converter>.ToPython(values));
            using var result = _echoInts.Invoke(ref args);
            return ListConverter<long, Int64Converter>.FromPython(in result);
        }
        finally
        {
            args.Dispose();
        }
    }

    public double SumVector()
    {
        using var buffer = _vector.OpenBuffer<double>();
        var total = 0.0;
        foreach (var value in buffer.Span)
        {
            total += value;
        }

        return total;
    }
}
