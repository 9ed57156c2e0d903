using Dspex.Interop;
using Dspex.Perf.Python;

namespace Dspex.Perf.Interop;

/// <summary>Typed calls through the wrapper the source generator emitted for <c>python/fixtures/math_ops.py</c>.</summary>
internal sealed class DspexClient
{
    private readonly IMathOps _ops;
    private readonly PythonObject _vector;

    public DspexClient(PythonRuntime runtime)
    {
        _ops = new MathOpsInProcess(runtime);
        _vector = _ops.Vector(InteropBenchmarks.VectorLength);
    }

    public long Add(long a, long b) => _ops.Add(a, b);

    public string EchoText(string text) => _ops.EchoText(text);

    public IReadOnlyList<long> EchoInts(IReadOnlyList<long> values) => _ops.EchoInts(values);

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
