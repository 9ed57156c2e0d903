using Dspex.Interop;
using Dspex.Interop.Generators.Tests.Python;
using Dspex.Scheduler;

namespace Dspex.Interop.Generators.Tests;

/// <summary>Starts the embedded CPython once for the generated-code tests of this process.</summary>
public sealed class RuntimeFixture : IDisposable
{
    public RuntimeFixture()
        => Runtime = PythonRuntime.Start(new PythonRuntimeOptions { SearchPaths = [Path.Combine(AppContext.BaseDirectory, "fixtures")] });

    public PythonRuntime Runtime { get; }

    public void Dispose() => Runtime.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EmbeddedPython : ICollectionFixture<RuntimeFixture>
{
    public const string Name = "embedded python";
}

[Collection(EmbeddedPython.Name)]
public sealed class GeneratedCallTests(RuntimeFixture fixture)
{
    [Fact]
    public void Generated_wrapper_calls_real_python_with_typed_arguments_and_results()
    {
        using var ops = new MathOpsInProcess(fixture.Runtime);
        Assert.Equal(42, ops.Add(40, 2));
        Assert.Equal([2.0, 4.0], ops.Scale([1.0, 2.0]));
        Assert.Equal([3.0], ops.Scale([1.0], factor: 3.0));
        Assert.Equal("Hello, Ada.", ops.Greet("Ada"));
        Assert.Equal("Hello, Ada!", ops.Greet("Ada", excited: true));
        Assert.Equal(2, ops.Lookup(new Dictionary<string, long> { ["b"] = 2 }, "b"));
        Assert.Null(ops.Lookup(new Dictionary<string, long>(), "missing"));
        Assert.Equal(("grüße", 5L), ops.Split("grüße"));
        var ranked = ops.Rank(("ada", 0.75, 3L, ["z", "a"]));
        Assert.Equal(("ADA", 1.5, 4L, true), (ranked.Item1, ranked.Item2, ranked.Item3, ranked.Item5));
        Assert.Equal(["a", "z"], ranked.Item4);
        Assert.Equal((7L, 8L, 9L, 10L, 11L, 12L, "7"), ops.Widest(7));
        Assert.Equal(6, ops.Checksum([1, 2, 3]));
        Assert.Equal(3, ops.Count([1, 2, 3]));
        ops.Reset();
        Assert.Equal("🐍", ops.EchoText("🐍"));
        using var vector = ops.Vector(4);
        Assert.Equal(1.5, ops.Mean(vector));
        using var buffer = vector.OpenBuffer<double>();
        Assert.Equal([0.0, 1, 2, 3], buffer.Span.ToArray());
    }

    [Fact]
    public void Generated_wrapper_surfaces_python_errors()
    {
        using var ops = new MathOpsInProcess(fixture.Runtime);
        var error = Assert.Throws<PythonException>(() => ops.Mean(ops.Vector(0).GetAttribute("shape")));
        Assert.Equal("AttributeError", error.PythonType);
    }

    [Fact]
    public void Executor_binds_the_generated_module_once_per_worker()
    {
        var factory = new InProcessExecutorFactory(fixture.Runtime).Preload<IMathOps>();
        long sum = 0;
        var thread = new Thread(() =>
        {
            using var executor = (InProcessExecutor)factory.Create(new WorkerInfo("general", 0, WorkerKind.Core));
            var module = executor.Bind<IMathOps>();
            Assert.Same(module, executor.Bind<IMathOps>());
            sum = module.Add(1, 2);
        });
        thread.Start();
        thread.Join();
        Assert.Equal(3, sum);
        Assert.Equal("math_ops", PythonModuleRegistry.ModuleNameOf<IMathOps>());
    }
}
