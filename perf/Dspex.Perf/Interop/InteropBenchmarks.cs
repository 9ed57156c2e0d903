using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Dspex.Interop;

namespace Dspex.Perf.Interop;

/// <summary>
/// Typed calls through Dspex.Interop against a hand-written raw C-API loop (the baseline of each category)
/// and pythonnet 3.2.1, all in one process, each acquiring the GIL per call.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
public class InteropBenchmarks
{
    private const int BufferItems = 131_072; // 1 MiB of float64

    private static readonly IReadOnlyList<long> s_hundredInts = Enumerable.Range(0, 100).Select(i => (long)i).ToArray();
    private const string Text = "the quick brown fox — grüße 🐍";

    private InteropHarness _h = null!;

    [GlobalSetup]
    public void Setup() => _h = InteropHarness.Shared;

    [Benchmark(Baseline = true), BenchmarkCategory("add")]
    public long Add_Raw() => _h.Raw.Add(20, 22);

    [Benchmark, BenchmarkCategory("add")]
    public long Add_Dspex() => _h.Dspex.Add(20, 22);

    [Benchmark, BenchmarkCategory("add")]
    public long Add_Pythonnet() => _h.Pythonnet.Add(20, 22);

    [Benchmark(Baseline = true), BenchmarkCategory("string")]
    public string String_Raw() => _h.Raw.EchoText(Text);

    [Benchmark, BenchmarkCategory("string")]
    public string String_Dspex() => _h.Dspex.EchoText(Text);

    [Benchmark, BenchmarkCategory("string")]
    public string String_Pythonnet() => _h.Pythonnet.EchoText(Text);

    [Benchmark(Baseline = true), BenchmarkCategory("list100")]
    public int List_Raw() => _h.Raw.EchoInts(s_hundredInts).Count;

    [Benchmark, BenchmarkCategory("list100")]
    public int List_Dspex() => _h.Dspex.EchoInts(s_hundredInts).Count;

    [Benchmark, BenchmarkCategory("list100")]
    public int List_Pythonnet() => _h.Pythonnet.EchoInts(s_hundredInts).Count;

    [Benchmark(Baseline = true), BenchmarkCategory("buffer1MB")]
    public double Buffer_Raw() => _h.Raw.SumVector();

    [Benchmark, BenchmarkCategory("buffer1MB")]
    public double Buffer_Dspex() => _h.Dspex.SumVector();

    [Benchmark, BenchmarkCategory("buffer1MB")]
    public double Buffer_Pythonnet() => _h.Pythonnet.SumVector();

    internal static int VectorLength => BufferItems;
}
