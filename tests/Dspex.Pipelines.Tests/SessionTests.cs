using System.Text.Json.Nodes;
using Dspex.Scheduler;

namespace Dspex.Pipelines.Tests;

/// <summary>Sessions: a live Python instance on the worker that created it, in each affinity mode.</summary>
[Collection(PythonWorkersGroup.Name)]
public sealed class SessionTests(PythonFixture python)
{
    private static Pipeline Session(string affinity) => PipelineJson.Parse($$"""
        { "steps": [
            { "name": "make", "module": "dspex.examples.text.KeywordExtractor", "session": "kw", "create": true, "kwargs": { "k": 2 } },
            { "name": "calls", "map": "$input", "maxParallelism": 1,
              "step": { "name": "call", "module": "dspex.examples.text.KeywordExtractor", "session": "kw", "affinity": "{{affinity}}", "args": ["$item"] } }
          ] }
        """);

    private static JsonArray Texts(int n) => [.. Enumerable.Range(0, n).Select(i => (JsonNode?)$"goal striker goal final match {i}")];

    [Fact]
    public async Task Strict_calls_all_run_on_the_worker_that_created_the_instance()
    {
        var result = await python.Runner.RunAsync(Session("strict"), Texts(6)).WaitAsync(Support.Patience);

        Assert.True(result.Succeeded, result.Error);
        var creator = result.Steps.Single(s => s.Name == "make").Worker;
        Assert.All(result.Steps.Where(s => s.Name.StartsWith("call[", StringComparison.Ordinal)), s => Assert.Equal(creator, s.Worker));
        Assert.Equal(2, result.Output![0]!.AsArray().Count);
    }

    [Fact]
    public async Task Sessions_are_destroyed_when_the_run_ends()
    {
        var result = await python.Runner.RunAsync(Session("strict"), Texts(1)).WaitAsync(Support.Patience);
        Assert.True(result.Succeeded, result.Error);
        var worker = result.Steps.Single(s => s.Name == "make").Worker!.Value;

        var left = await python.Scheduler.SubmitAsync(new BridgeJob("dspex.examples.text.KeywordExtractor", PythonBridges.Process, "instances")
        {
            Pool = PoolNames.General,
            Affinity = new WorkerAffinity(worker, AffinityMode.Strict),
        });

        Assert.Empty(Assert.IsType<List<object?>>(left.Value));
    }

    [Fact]
    public async Task StrictFailFast_fails_at_once_when_the_session_worker_is_busy_and_Hint_moves_the_session()
    {
        // Create the session, then keep its worker busy with a sleep pinned to it.
        var create = PipelineJson.Parse("""
            { "steps": [
                { "name": "make", "module": "dspex.examples.text.KeywordExtractor", "session": "kw", "create": true },
                { "name": "hold", "function": "hold" },
                { "name": "fast", "module": "dspex.examples.text.KeywordExtractor", "session": "kw", "affinity": "strictFailFast", "args": ["goal goal"], "continueOnError": true },
                { "name": "hinted", "module": "dspex.examples.text.KeywordExtractor", "session": "kw", "affinity": "hint", "args": ["goal goal"] }
              ] }
            """);
        var blocking = new List<Task>();
        using var runner = new PipelineRunner(python.Scheduler);
        runner.Options.Functions["hold"] = async (_, ct) =>
        {
            // The session's worker is read from the create step through a second, pinned sleep job.
            var worker = LastCreator!.Value;
            blocking.Add(python.Scheduler.SubmitAsync(new BridgeJob("time.sleep", PythonBridges.Process, "call", "time.sleep", new List<object?> { 1.5 }, new Dictionary<string, object?>())
            {
                Pool = PoolNames.General,
                Affinity = new WorkerAffinity(worker, AffinityMode.Strict),
            }, ct).AsTask());
            await Support.Eventually(() => python.Scheduler.GetSnapshot(PoolNames.General).BusyWorkers >= 1, "the session worker is busy");
            return null;
        };

        LastCreator = null;
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == PipelineTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.DisplayName == "step make" && a.GetTagItem("dspex.outcome") as string == "succeeded")
                {
                    LastCreator ??= Worker(a);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        var result = await runner.RunAsync(create).WaitAsync(Support.Patience);
        await Task.WhenAll(blocking).WaitAsync(Support.Patience);

        Assert.True(result.Succeeded, result.Error);
        var steps = result.Steps.ToDictionary(s => s.Name);
        Assert.Equal(StepStatus.Failed, steps["fast"].Status);
        Assert.Contains(nameof(WorkerBusyException), steps["fast"].Error, StringComparison.Ordinal);
        Assert.NotEqual(steps["make"].Worker, steps["hinted"].Worker);
        Assert.Equal(["goal"], steps["hinted"].Output!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private int? LastCreator { get; set; }

    private static int? Worker(System.Diagnostics.Activity activity) => activity.GetTagItem("dspex.worker") is int w ? w : null;
}
