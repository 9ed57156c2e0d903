using Dspex.Interop;
using Dspex.Interop.Generators.Tests.Python;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Interop.Generators.Tests;

/// <summary>The generated process implementations against the in-process ones, through real python3 workers.</summary>
[Collection(EmbeddedPython.Name)]
public sealed class ProcessCallTests(RuntimeFixture fixture)
{
    private static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures");

    private static ProcessWorkerOptions Options()
    {
        var options = new ProcessWorkerOptions();
        options.SearchPaths.Add(FixtureDirectory);
        options.Modules.Add("math_ops");
        options.Modules.Add("raising_ops");
        return options;
    }

    private static IProcessWorker StartWorker() =>
        new ProcessExecutorFactory(new PoolOptions { Isolation = PoolIsolation.Process }, Options())
            .Start(new WorkerInfo("optimizer", 0, WorkerKind.Core));

    [Fact]
    public void Process_implementation_returns_what_the_in_process_one_returns()
    {
        using var worker = StartWorker();
        using var local = new MathOpsInProcess(fixture.Runtime);
        IMathOps remote = new MathOpsProcess(worker);
        var table = new Dictionary<string, long> { ["b"] = 2 };
        foreach (var ops in new IMathOps[] { local, remote })
        {
            Assert.Equal(42, ops.Add(40, 2));
        }

        Assert.Equal(local.Add(-7, 3), remote.Add(-7, 3));
        Assert.Equal(local.Scale([1.0, 2.5]), remote.Scale([1.0, 2.5]));
        Assert.Equal(local.Scale([1.0], factor: 3.0), remote.Scale([1.0], factor: 3.0));
        Assert.Equal(local.Greet("Ada"), remote.Greet("Ada"));
        Assert.Equal(local.Greet("Ada", excited: true), remote.Greet("Ada", excited: true));
        Assert.Equal("Hello, Ada!", remote.Greet("Ada", excited: true));
        Assert.Equal(local.Lookup(table, "b"), remote.Lookup(table, "b"));
        Assert.Null(remote.Lookup(table, "missing"));
        Assert.Equal(local.Split("grüße"), remote.Split("grüße"));
        var (localRank, remoteRank) = (local.Rank(("ada", 0.25, 0L, ["b", "a"])), remote.Rank(("ada", 0.25, 0L, ["b", "a"])));
        Assert.Equal((localRank.Item1, localRank.Item2, localRank.Item3, localRank.Item5), (remoteRank.Item1, remoteRank.Item2, remoteRank.Item3, remoteRank.Item5));
        Assert.Equal(localRank.Item4, remoteRank.Item4);
        Assert.Equal(local.Widest(-3), remote.Widest(-3));
        Assert.Equal(local.Checksum([1, 2, 255]), remote.Checksum([1, 2, 255]));
        Assert.Equal(local.Count([1, 2, 3]), remote.Count([1, 2, 3]));
        Assert.Equal(local.EchoText("🐍"), remote.EchoText("🐍"));
        Assert.Equal(local.EchoInts([long.MinValue, 0, long.MaxValue]), remote.EchoInts([long.MinValue, 0, long.MaxValue]));
        remote.Reset();

        using var raising = new RaisingOpsInProcess(fixture.Runtime);
        IRaisingOps raisingRemote = new RaisingOpsProcess(worker);
        Assert.Equal("Ada", raisingRemote.MaybeName("a"));
        Assert.Null(raisingRemote.MaybeName("z"));
        Assert.Equal(raising.MaybeName("z", fallback: "Bob"), raisingRemote.MaybeName("z", fallback: "Bob"));
    }

    [Fact]
    public void Process_implementation_raises_the_same_python_exception_details()
    {
        using var worker = StartWorker();
        using var local = new RaisingOpsInProcess(fixture.Runtime);
        var remote = new RaisingOpsProcess(worker);

        var expected = Assert.Throws<PythonException>(() => local.ParseCount("x"));
        var actual = Assert.Throws<PythonException>(() => remote.ParseCount("x"));
        AssertSame(expected, actual);
        Assert.Equal("LookupError", actual.PythonType);
        Assert.Equal("ValueError", actual.Cause?.PythonType);
        Assert.Contains("_parse", actual.Cause!.PythonTraceback, StringComparison.Ordinal);

        var zero = Assert.Throws<PythonException>(() => remote.Divide(1, 0));
        AssertSame(Assert.Throws<PythonException>(() => local.Divide(1, 0)), zero);
        Assert.Equal("ZeroDivisionError", zero.PythonType);

        // The worker keeps serving after a Python error.
        Assert.Equal(0.5, remote.Divide(1, 2));
    }

    [Fact]
    public void Live_python_objects_cannot_cross_the_channel_and_say_so()
    {
        using var worker = StartWorker();
        var remote = new MathOpsProcess(worker);
        var error = Assert.Throws<NotSupportedException>(() => remote.Vector(3));
        Assert.Contains("math_ops.vector", error.Message, StringComparison.Ordinal);
        Assert.Contains("InProcess", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_get_the_interface_the_same_way_on_in_process_and_process_pools()
    {
        var options = new DspexOptions();
        var optimizer = options.Pools[PoolNames.Optimizer];
        optimizer.Size = 1;
        optimizer.MaxOverflow = 0;
        optimizer.WorkerNice = 0;
        var components = new SchedulerComponents();
        components.Executors[PoolNames.Optimizer] = new ProcessExecutorFactory(optimizer, Options());
        components.Executors[PoolNames.General] = new InProcessExecutorFactory(fixture.Runtime);
        var scheduler = new DspexScheduler(options, components);
        await scheduler.StartAsync();
        try
        {
            static (long, string, string) Work(JobContext context)
            {
                var ops = context.GetModule<IMathOps>();
                return (ops.Add(40, 2), ops.Greet("Ada", excited: true), ops.GetType().Name);
            }

            var onGeneral = await scheduler.SubmitAsync(new DelegateJob<(long, string, string)>("math_ops", Work));
            var onOptimizer = await scheduler.SubmitAsync(new DelegateJob<(long, string, string)>("dspy.teleprompt.MIPROv2", Work));
            Assert.Equal((42L, "Hello, Ada!", nameof(MathOpsInProcess)), onGeneral);
            Assert.Equal((42L, "Hello, Ada!", nameof(MathOpsProcess)), onOptimizer);

            var error = await Assert.ThrowsAsync<PythonException>(async () => await scheduler.SubmitAsync(
                new DelegateJob<double>("dspy.teleprompt.MIPROv2", context => context.GetModule<IRaisingOps>().Divide(1, 0))));
            Assert.Equal("ZeroDivisionError", error.PythonType);
        }
        finally
        {
            await scheduler.DisposeAsync();
        }
    }

    private static void AssertSame(PythonException expected, PythonException actual)
    {
        for (PythonException? e = expected, a = actual; e is not null || a is not null; e = e.Cause, a = a.Cause)
        {
            Assert.NotNull(e);
            Assert.NotNull(a);
            Assert.Equal(e.PythonType, a.PythonType);
            Assert.Equal(e.PythonMessage, a.PythonMessage);
            Assert.Equal(e.Message, a.Message);
            Assert.True(FromModuleFrame(e.PythonTraceback) == FromModuleFrame(a.PythonTraceback), $"in-process:\n{e.PythonTraceback}\nprocess:\n{a.PythonTraceback}");
        }
    }

    // The worker's own dispatch frames come before the module's; from the first module frame on they match.
    // The in-process traceback also prints the chained causes first (each cause has its own PythonException),
    // so only its last part, the exception's own, is compared.
    private static string FromModuleFrame(string? traceback)
    {
        Assert.NotNull(traceback);
        var own = traceback.ReplaceLineEndings("\n");
        own = own[own.LastIndexOf("Traceback (most recent call last):", StringComparison.Ordinal)..];
        var lines = own.Split('\n');
        var first = Array.FindIndex(lines, l => l.TrimStart().StartsWith("File ", StringComparison.Ordinal) && l.Contains("raising_ops.py", StringComparison.Ordinal));
        Assert.True(first >= 0, "no raising_ops.py frame in:\n" + traceback);
        return string.Join('\n', lines[first..]);
    }
}
