using System.Text.Json.Nodes;
using Dspex.Interop.Process;
using Dspex.Scheduler;

namespace Dspex.Pipelines.Tests;

/// <summary>Python steps through the bridge in real process workers: routing by declared category, results, errors.</summary>
[Collection(PythonWorkersGroup.Name)]
public sealed class BridgeProcessTests(PythonFixture python)
{
    [Theory]
    [InlineData("dspex.examples.api.normalize", "general", PoolNames.General)]
    [InlineData("dspex.examples.api.retrieve", "neural", PoolNames.Neural)]
    [InlineData("dspex.examples.api.optimize", "optimizer", PoolNames.Optimizer)]
    [InlineData("dspex.examples.optimizers.DemoSearchOptimizer", "optimizer", PoolNames.Optimizer)]
    [InlineData("json.dumps", null, PoolNames.General)]
    [InlineData("dspy.teleprompt.MIPROv2", null, PoolNames.Optimizer)]
    public async Task A_module_is_routed_by_the_category_it_declares_in_Python(string module, string? category, string pool)
    {
        var (routed, declared) = await python.Runner.RouteAsync(module).WaitAsync(Support.Patience);
        Assert.Equal((pool, category), (routed, declared));
    }

    [Fact]
    public Task A_pipeline_of_built_in_modules_runs_each_step_in_its_pool() => CrossPoolPipeline.RunsEachStepInItsPool(python.Runner);

    [Fact]
    public async Task A_bad_module_path_comes_back_as_a_PythonProcessException_naming_the_module()
    {
        var job = new BridgeJob("dspex.examples.api.no_such_function", PythonBridges.Process, "call", "dspex.examples.api.no_such_function", new List<object?>(), new Dictionary<string, object?>());
        var ex = await Assert.ThrowsAsync<PythonProcessException>(async () => await python.Scheduler.SubmitAsync(job));
        Assert.Equal("dspex.errors.ModuleResolutionError", ex.PythonType);
        Assert.Contains("dspex.examples.api.no_such_function", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_kwargs_come_back_as_a_PythonProcessException_naming_the_module()
    {
        var job = new BridgeJob("dspex.examples.api.keywords", PythonBridges.Process, "call", "dspex.examples.api.keywords", new List<object?> { "text" }, new Dictionary<string, object?> { ["top"] = 3L });
        var ex = await Assert.ThrowsAsync<PythonProcessException>(async () => await python.Scheduler.SubmitAsync(job));
        Assert.Equal("dspex.errors.ModuleCallError", ex.PythonType);
        Assert.Contains("dspex.examples.api.keywords", ex.Message, StringComparison.Ordinal);
        Assert.Contains("top", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_python_step_fails_the_run_naming_step_and_module()
    {
        var pipeline = PipelineJson.Parse("""{ "steps": [ { "name": "summary", "module": "dspex.examples.api.summarize", "kwargs": { "txt": "x" } } ] }""");
        var result = await python.Runner.RunAsync(pipeline).WaitAsync(Support.Patience);
        Assert.Equal(StepStatus.Failed, result.Status);
        Assert.Contains("step 'summary'", result.Error, StringComparison.Ordinal);
        Assert.Contains("dspex.examples.api.summarize", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_python_step_past_its_timeout_is_interrupted_and_the_run_continues()
    {
        var pipeline = PipelineJson.Parse("""
            { "steps": [
                { "name": "sleepy", "module": "time.sleep", "args": [30], "timeout": 0.5, "continueOnError": true, "fallback": "skipped" },
                { "name": "after", "module": "dspex.examples.api.normalize", "args": ["OK"] } ] }
            """);

        var result = await python.Runner.RunAsync(pipeline).WaitAsync(Support.Patience);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(StepStatus.TimedOut, result.Steps[0].Status);
        Assert.Equal("ok", result.Output!.GetValue<string>());
    }
}
