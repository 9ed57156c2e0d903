using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;
using static Dspex.Pipelines.Tests.Support;

namespace Dspex.Pipelines.Tests;

/// <summary>Properties of concurrent steps: map equals the sequential map; parallel keeps every branch's output.</summary>
public sealed class MapProperties
{
    [Property(MaxTest = 40)]
    public bool Map_output_equals_mapping_the_items_in_order(int[] items, PositiveInt parallelism)
    {
        var run = RunMapAsync(items, Math.Min(parallelism.Get, 16)).GetAwaiter().GetResult();
        return run.SequenceEqual(items.Select(i => (long)i * 3));
    }

    [Property(MaxTest = 25)]
    public bool Parallel_output_has_every_branch_under_its_name(PositiveInt branches)
    {
        var n = Math.Min(branches.Get, 12);
        var steps = Enumerable.Range(0, n).Select(i => (PipelineStep)Fn($"b{i}", async (_, _) => { await Task.Yield(); return i; })).ToList();
        var output = RunAsync(new Pipeline("p", [new ParallelStep("fan", steps)]), null).GetAwaiter().GetResult()!.AsObject();
        return output.Count == n && Enumerable.Range(0, n).All(i => output[$"b{i}"]!.GetValue<int>() == i);
    }

    private static async Task<long[]> RunMapAsync(int[] items, int parallelism)
    {
        var body = Fn("triple", async (args, _) => { await Task.Yield(); return args[0]!.GetValue<long>() * 3; }, "$item");
        var output = await RunAsync(new Pipeline("m", [new MapStep("m", "$input", body) { MaxParallelism = parallelism }]), new JsonArray([.. items.Select(i => (JsonNode?)i)]));
        return [.. output!.AsArray().Select(n => n!.GetValue<long>())];
    }

    private static async Task<JsonNode?> RunAsync(Pipeline pipeline, JsonNode? input)
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var result = await runner.RunAsync(pipeline, input).Within();
        return result.Succeeded ? result.Output : throw new InvalidOperationException(result.Error);
    }
}
