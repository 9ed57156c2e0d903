using System.Text.Json.Nodes;
using Dspex.Scheduler;

namespace Dspex.Pipelines.Tests;

/// <summary>
/// One pipeline of built-in modules that touches every default pool, run by the process-only and the
/// embedded-plus-process fixtures alike: each step must land in its pool and give the same results.
/// </summary>
internal static class CrossPoolPipeline
{
    public static async Task RunsEachStepInItsPool(PipelineRunner runner)
    {
        var pipeline = PipelineJson.Parse("""
            { "steps": [
                { "name": "clean", "module": "dspex.examples.api.normalize", "args": ["$input.text"] },
                { "name": "facets", "parallel": [
                    { "name": "topic", "module": "dspex.examples.api.classify", "args": ["$steps.clean"] },
                    { "name": "passages", "module": "dspex.examples.api.retrieve_ids", "args": ["$steps.clean"], "kwargs": { "k": 2 } } ] },
                { "name": "tuned", "module": "dspex.examples.api.optimize", "kwargs": { "budget": 20, "seed": 1 } }
              ] }
            """);

        var result = await runner.RunAsync(pipeline, new JsonObject { ["text"] = "  The Striker SCORED twice in the Final  " }).WaitAsync(Support.Patience);

        Assert.True(result.Succeeded, result.Error);
        var steps = result.Steps.ToDictionary(s => s.Name);
        Assert.Equal("the striker scored twice in the final", steps["clean"].Output!.GetValue<string>());
        Assert.Equal(PoolNames.General, steps["clean"].Pool);
        Assert.Equal(PoolNames.General, steps["topic"].Pool);
        Assert.Equal(PoolNames.Neural, steps["passages"].Pool);
        Assert.Equal(2, steps["passages"].Output!.AsArray().Count);
        Assert.Equal(PoolNames.Optimizer, steps["tuned"].Pool);
        Assert.Equal(20.0, result.Output!["evaluations"]!.GetValue<double>());
    }
}
