using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dspex.Scheduler;
using Microsoft.Extensions.Time.Testing;
using static Dspex.Pipelines.Tests.Support;

namespace Dspex.Pipelines.Tests;

/// <summary>Ordering, fan-out, map, branch, timeouts and continue-on-error, with C# function steps.</summary>
public sealed class PipelineSemanticsTests
{
    [Fact]
    public async Task Steps_run_in_order_and_each_sees_the_outputs_before_it()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var order = new ConcurrentQueue<string>();
        Task<JsonNode?> Note(string name, JsonArray args)
        {
            order.Enqueue(name);
            return Task.FromResult<JsonNode?>(string.Concat(args.Select(a => a!.GetValue<string>())) + name);
        }

        var pipeline = new Pipeline("order", [
            Fn("a", (args, _) => Note("a", args), "$input.seed"),
            Fn("b", (args, _) => Note("b", args), "$steps.a"),
            Fn("c", (args, _) => Note("c", args), "$steps.b", "$steps.a"),
        ]);

        var result = await runner.RunAsync(pipeline, new JsonObject { ["seed"] = ">" }).Within();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["a", "b", "c"], order);
        Assert.Equal(">ab>ac", result.Output!.GetValue<string>());
        Assert.Equal(["a", "b", "c"], result.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task Parallel_branches_run_at_the_same_time_and_their_outputs_are_keyed_by_branch()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        using var allStarted = new CountdownEvent(3);
        Func<JsonArray, CancellationToken, Task<JsonNode?>> Branch(int value) => async (_, ct) =>
        {
            allStarted.Signal();
            // Each branch waits for all three to have started: this only finishes if they overlap.
            await Task.Run(() => allStarted.Wait(ct), ct);
            return value;
        };

        var pipeline = new Pipeline("fan", [new ParallelStep("fan", [Fn("x", Branch(1)), Fn("y", Branch(2)), Fn("z", Branch(3))])]);
        var result = await runner.RunAsync(pipeline).Within();

        Assert.True(result.Succeeded, result.Error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":1,"y":2,"z":3}"""), result.Output));
    }

    [Fact]
    public async Task Map_keeps_item_order_and_never_runs_more_than_its_parallelism()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var running = 0;
        var most = 0;
        var body = Fn(
            "square",
            async (args, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                var n = args[0]!.GetValue<int>();
                await Task.Delay((7 - n) % 4, ct); // later items often finish first
                Interlocked.Decrement(ref running);
                return n * n;
            },
            "$item");
        var pipeline = new Pipeline("map", [new MapStep("squares", "$input", body) { MaxParallelism = 2 }]);

        var result = await runner.RunAsync(pipeline, new JsonArray(1, 2, 3, 4, 5, 6)).Within();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([1, 4, 9, 16, 25, 36], result.Output!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.InRange(most, 1, 2);
        Assert.Equal(6, result.Steps.Count(s => s.Name.StartsWith("square[", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Map_items_see_their_index_and_the_outer_steps()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var pipeline = new Pipeline("map", [
            Const("prefix", "n"),
            new MapStep("tagged", "$input.items", new FunctionStep("tag", "object") { Args = ["p", "$steps.prefix", "i", "$index", "v", "$item.v"] }),
        ]);

        var result = await runner.RunAsync(pipeline, JsonNode.Parse("""{"items":[{"v":"a"},{"v":"b"}]}""")).Within();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"p":"n","i":0,"v":"a"},{"p":"n","i":1,"v":"b"}]"""), result.Output), result.Output?.ToJsonString());
    }

    [Theory]
    [InlineData("sports", "then-ran")]
    [InlineData("science", "else-ran")]
    public async Task Branch_runs_then_when_the_value_equals_and_else_otherwise(string topic, string expected)
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var pipeline = new Pipeline("branch", [
            new BranchStep("route", "$input.topic", [Const("t", "then-ran")], [Const("e", "else-ran")]) { EqualsValue = "sports" },
        ]);

        var result = await runner.RunAsync(pipeline, new JsonObject { ["topic"] = topic }).Within();

        Assert.Equal(expected, result.Output!.GetValue<string>());
        Assert.Equal(["route"], result.Steps.Where(s => s.Kind == "branch").Select(s => s.Name));
        Assert.Single(result.Steps, s => s.Kind == "function");
    }

    [Theory]
    [InlineData("[]", false)]
    [InlineData("[0]", true)]
    [InlineData("\"\"", false)]
    [InlineData("0", false)]
    [InlineData("2", true)]
    [InlineData("null", false)]
    [InlineData("{\"a\":1}", true)]
    public async Task Branch_without_equals_tests_truthiness(string value, bool holds)
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var pipeline = new Pipeline("truthy", [new BranchStep("b", "$input.v", [Const("t", true)], [Const("e", false)])]);

        var result = await runner.RunAsync(pipeline, new JsonObject { ["v"] = JsonNode.Parse(value) }).Within();

        Assert.Equal(holds, result.Output!.GetValue<bool>());
    }

    [Fact]
    public async Task A_step_past_its_timeout_ends_as_timed_out_and_fails_the_run()
    {
        var time = new FakeTimeProvider();
        await using var scheduler = await PlainSchedulerAsync(time);
        using var runner = new PipelineRunner(scheduler, new PipelineRunnerOptions { TimeProvider = time });
        var started = new TaskCompletionSource();
        var after = false;
        var pipeline = new Pipeline("slow", [
            Fn("slow", async (_, ct) =>
            {
                started.SetResult();
                await Task.Delay(TimeSpan.FromSeconds(10), time, ct);
                return "late";
            }) is var slow ? new FunctionStep(slow.Name, slow.Function!) { Timeout = TimeSpan.FromSeconds(1) } : null!,
            Fn("after", (_, _) => { after = true; return Task.FromResult<JsonNode?>(null); }),
        ]);

        var run = runner.RunAsync(pipeline);
        await started.Task.WaitAsync(Patience);
        time.Advance(TimeSpan.FromSeconds(2));
        var result = await run.Within();

        Assert.Equal(StepStatus.TimedOut, result.Status);
        Assert.Contains("step 'slow'", result.Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.TimedOut, Assert.Single(result.Steps).Status);
        Assert.False(after);
    }

    [Fact]
    public async Task A_step_that_ignores_its_token_still_ends_at_its_timeout()
    {
        var time = new FakeTimeProvider();
        await using var scheduler = await PlainSchedulerAsync(time);
        using var runner = new PipelineRunner(scheduler, new PipelineRunnerOptions { TimeProvider = time });
        var never = new TaskCompletionSource<JsonNode?>();
        var pipeline = new Pipeline("stuck", [new FunctionStep("stuck", (_, _) => new ValueTask<JsonNode?>(never.Task)) { Timeout = TimeSpan.FromSeconds(1), ContinueOnError = true, Fallback = "gave up" }]);

        var run = runner.RunAsync(pipeline);
        await Eventually(() => { time.Advance(TimeSpan.FromMilliseconds(500)); return run.IsCompleted; }, "the stuck step timed out");
        var result = await run;

        Assert.True(result.Succeeded);
        Assert.Equal("gave up", result.Output!.GetValue<string>());
        Assert.True(Assert.Single(result.Steps).Continued);
    }

    [Fact]
    public async Task Continue_on_error_records_the_failure_and_goes_on_with_the_fallback()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var pipeline = new Pipeline("tolerant", [
            new FunctionStep("broken", (_, _) => throw new InvalidOperationException("no good")) { ContinueOnError = true, Fallback = "default" },
            new FunctionStep("next", "identity") { Args = ["$steps.broken"] },
        ]);

        var result = await runner.RunAsync(pipeline).Within();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("default", result.Output!.GetValue<string>());
        var broken = result.Steps[0];
        Assert.Equal((StepStatus.Failed, true), (broken.Status, broken.Continued));
        Assert.Contains("no good", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_step_ends_the_run_naming_it_and_later_steps_never_run()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var later = false;
        var pipeline = new Pipeline("strict", [
            Const("ok", 1),
            new FunctionStep("broken", (_, _) => throw new InvalidOperationException("no good")),
            Fn("later", (_, _) => { later = true; return Task.FromResult<JsonNode?>(null); }),
        ]);

        var result = await runner.RunAsync(pipeline).Within();

        Assert.Equal(StepStatus.Failed, result.Status);
        Assert.Null(result.Output);
        Assert.StartsWith("step 'broken' (steps[1]) failed: InvalidOperationException: no good", result.Error, StringComparison.Ordinal);
        Assert.False(later);
    }

    [Fact]
    public async Task A_failing_branch_cancels_its_siblings_and_fails_the_parallel_step()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var pipeline = new Pipeline("fan", [
            new ParallelStep("fan", [
                Fn("waits", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null; }),
                Fn("fails", async (_, _) => { await Task.Yield(); throw new InvalidOperationException("boom"); }),
            ]) { ContinueOnError = true },
        ]);

        var result = await runner.RunAsync(pipeline).Within();

        Assert.True(result.Succeeded);
        var byName = result.Steps.ToDictionary(s => s.Name);
        Assert.Equal(StepStatus.Cancelled, byName["waits"].Status);
        Assert.Equal(StepStatus.Failed, byName["fails"].Status);
        Assert.Equal(StepStatus.Failed, byName["fan"].Status);
        Assert.Contains("step 'fails'", byName["fan"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_run_cancels_the_running_step()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var pipeline = new Pipeline("c", [Fn("waits", async (_, ct) => { started.SetResult(); await Task.Delay(Timeout.Infinite, ct); return null; })]);

        var run = runner.RunAsync(pipeline, null, cts.Token);
        await started.Task.WaitAsync(Patience);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Within());
    }

    [Fact]
    public async Task A_reference_to_a_missing_field_fails_the_step_naming_the_reference()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var pipeline = new Pipeline("data", [new FunctionStep("pick", "identity") { Args = ["$input.question.text"] }]);

        var result = await runner.RunAsync(pipeline, new JsonObject { ["question"] = new JsonObject { ["title"] = "x" } }).Within();

        Assert.Equal(StepStatus.Failed, result.Status);
        Assert.Contains("$input.question has no field 'text' (fields: title)", result.Error, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
