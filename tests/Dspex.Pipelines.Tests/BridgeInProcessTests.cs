using System.Text.Json.Nodes;
using Dspex.Interop;
using Dspex.Scheduler;

namespace Dspex.Pipelines.Tests;

/// <summary>Python steps through the embedded interpreter on in-process pools, next to process workers for the optimizer.</summary>
[Collection(EmbeddedPythonGroup.Name)]
public sealed class BridgeInProcessTests(EmbeddedPythonFixture python)
{
    private static readonly Dictionary<string, object?> NoKwargs = [];

    [Theory]
    [InlineData(PoolNames.General, true)]
    [InlineData(PoolNames.Neural, true)]
    [InlineData(PoolNames.Optimizer, false)]
    public async Task Each_pool_runs_Python_where_its_isolation_says(string pool, bool inThisProcess)
    {
        var job = new BridgeJob("os.getpid", PythonBridges.ByExecutor, "call", "os.getpid", new List<object?>(), NoKwargs) { Pool = pool };
        var call = await python.Scheduler.SubmitAsync(job).AsTask().WaitAsync(Support.Patience);
        Assert.Equal(pool, call.Pool);
        Assert.Equal(inThisProcess, (long)call.Value! == Environment.ProcessId);
    }

    [Fact]
    public async Task A_built_in_module_called_in_process_returns_plain_data()
    {
        var job = new BridgeJob("dspex.examples.retrieval.CorpusRetriever", PythonBridges.InProcess, "call", "dspex.examples.retrieval.CorpusRetriever",
            new List<object?> { "who scored in the final" }, new Dictionary<string, object?> { ["k"] = 2L })
        { Pool = PoolNames.Neural };
        var call = await python.Scheduler.SubmitAsync(job).AsTask().WaitAsync(Support.Patience);

        var hits = Assert.IsType<Dictionary<object, object?>>(call.Value);
        Assert.Equal(2, Assert.IsType<List<object?>>(hits["passages"]).Count);
        Assert.All(Assert.IsType<List<object?>>(hits["scores"]), s => Assert.IsType<double>(s));
        Assert.Contains(hits["backend"], new object?[] { "numpy", "python" });
    }

    [Fact]
    public async Task Plain_data_makes_the_round_trip_through_the_embedded_interpreter()
    {
        var value = new Dictionary<string, object?>
        {
            ["none"] = null,
            ["yes"] = true,
            ["n"] = -7L,
            ["big"] = System.Numerics.BigInteger.Pow(10, 30),
            ["x"] = 2.5,
            ["text"] = "héllo",
            ["bytes"] = new byte[] { 0, 255 },
            ["list"] = new List<object?> { 1L, "two", new List<object?>() },
        };
        var job = new BridgeJob("copy.deepcopy", PythonBridges.InProcess, "call", "copy.deepcopy", new List<object?> { value }, NoKwargs) { Pool = PoolNames.General };
        var call = await python.Scheduler.SubmitAsync(job).AsTask().WaitAsync(Support.Patience);

        var back = Assert.IsType<Dictionary<object, object?>>(call.Value);
        Assert.Null(back["none"]);
        Assert.Equal(true, back["yes"]);
        Assert.Equal(-7L, back["n"]);
        Assert.Equal(System.Numerics.BigInteger.Pow(10, 30), back["big"]);
        Assert.Equal(2.5, back["x"]);
        Assert.Equal("héllo", back["text"]);
        Assert.Equal(new byte[] { 0, 255 }, back["bytes"]);
        Assert.Equal(new List<object?> { 1L, "two", new List<object?>() }, back["list"]);
    }

    [Fact]
    public async Task A_session_created_in_process_keeps_its_state_between_calls()
    {
        const string Module = "dspex.examples.retrieval.CorpusRetriever";
        var create = new BridgeJob(Module, PythonBridges.InProcess, "create", Module, new Dictionary<string, object?> { ["documents"] = new List<object?> { "a goal" } }) { Pool = PoolNames.General };
        var id = Assert.IsType<string>((await python.Scheduler.SubmitAsync(create).AsTask().WaitAsync(Support.Patience)).Value);
        try
        {
            var sizes = new List<object?>();
            for (var i = 0; i < 2; i++)
            {
                var add = new BridgeJob(Module, PythonBridges.InProcess, "call_instance", id, new List<object?> { new List<object?> { $"match report {i}" } }, NoKwargs, "add") { Pool = PoolNames.General };
                sizes.Add((await python.Scheduler.SubmitAsync(add).AsTask().WaitAsync(Support.Patience)).Value);
            }

            Assert.Equal(new List<object?> { 2L, 3L }, sizes);
        }
        finally
        {
            var destroy = new BridgeJob(Module, PythonBridges.InProcess, "destroy", id) { Pool = PoolNames.General };
            Assert.Equal(true, (await python.Scheduler.SubmitAsync(destroy).AsTask().WaitAsync(Support.Patience)).Value);
        }
    }

    [Fact]
    public async Task A_bad_module_path_comes_back_as_a_PythonException_naming_the_module()
    {
        var job = new BridgeJob("dspex.examples.api.no_such_function", PythonBridges.InProcess, "call", "dspex.examples.api.no_such_function", new List<object?>(), NoKwargs) { Pool = PoolNames.General };
        var ex = await Assert.ThrowsAsync<PythonException>(async () => await python.Scheduler.SubmitAsync(job));
        Assert.Equal("dspex.errors.ModuleResolutionError", ex.PythonType);
        Assert.Contains("dspex.examples.api.no_such_function", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_kwargs_come_back_as_a_PythonException_naming_the_module()
    {
        var job = new BridgeJob("dspex.examples.api.keywords", PythonBridges.InProcess, "call", "dspex.examples.api.keywords", new List<object?> { "text" }, new Dictionary<string, object?> { ["top"] = 3L }) { Pool = PoolNames.General };
        var ex = await Assert.ThrowsAsync<PythonException>(async () => await python.Scheduler.SubmitAsync(job));
        Assert.Equal("dspex.errors.ModuleCallError", ex.PythonType);
        Assert.Contains("dspex.examples.api.keywords", ex.Message, StringComparison.Ordinal);
        Assert.Contains("top", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_in_process_bridge_refuses_a_process_worker_naming_the_pool()
    {
        var job = new BridgeJob("os.getpid", PythonBridges.InProcess, "call", "os.getpid", new List<object?>(), NoKwargs) { Pool = PoolNames.Optimizer };
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await python.Scheduler.SubmitAsync(job));
        Assert.Contains($"'{PoolNames.Optimizer}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task A_pipeline_crosses_in_process_and_process_pools() => CrossPoolPipeline.RunsEachStepInItsPool(python.Runner);

    [Fact]
    public async Task An_in_process_step_past_its_timeout_is_interrupted_and_the_run_continues()
    {
        var pipeline = PipelineJson.Parse("""
            { "steps": [
                { "name": "sleepy", "module": "time.sleep", "args": [30], "pool": "general", "timeout": 0.5, "continueOnError": true, "fallback": "skipped" },
                { "name": "after", "module": "dspex.examples.api.normalize", "args": ["OK"] } ] }
            """);

        var result = await python.Runner.RunAsync(pipeline).WaitAsync(Support.Patience);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(StepStatus.TimedOut, result.Steps[0].Status);
        Assert.Equal("ok", result.Output!.GetValue<string>());
    }
}
