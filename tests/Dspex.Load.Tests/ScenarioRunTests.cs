using Dspex.Load;
using Dspex.Scheduler;
using Microsoft.Extensions.Time.Testing;

namespace Dspex.Load.Tests;

public class ScenarioRunTests
{
    [Fact]
    public async Task Open_model_measures_latency_from_the_intended_send_not_the_late_one()
    {
        // The clock jumps 1 s at once, as if the whole process stalled: the 10 calls due at 0, 100, …, 900 ms
        // all go out late. Each must be charged the wait since its intended send (1000 − offset ms).
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = new Scenario("stall", async _ =>
        {
            await released.Task;
            return StepResult.Ok();
        })
        {
            Simulations = [new LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))],
        };

        var run = new ScenarioRun(scenario, time);
        var running = run.RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        released.SetResult();
        var stats = await running;

        Assert.Equal(10, stats.Ok);
        Assert.Equal(
            Enumerable.Range(1, 10).Select(k => k * 100.0).ToArray(),
            stats.Timeline.Select(s => Math.Round(s.LatencyMs)).Order().ToArray());
        Assert.Equal(100, stats.OkLatency.MinMs, 0.2);
        Assert.Equal(1000, stats.OkLatency.MaxMs, 1.0);
    }

    [Fact]
    public async Task Warm_up_calls_are_sent_but_not_counted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = 0;
        var scenario = new Scenario("warm", _ =>
        {
            Interlocked.Increment(ref calls);
            return ValueTask.FromResult(StepResult.Ok());
        })
        {
            WarmUp = TimeSpan.FromSeconds(1),
            Simulations = [new LoadSimulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))],
        };

        var run = new ScenarioRun(scenario, time);
        var running = run.RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        var stats = await running;

        Assert.Equal(40, calls);
        Assert.Equal(20, stats.Ok);
        Assert.Equal(20, stats.RequestedRate, 9);
    }

    [Fact]
    public async Task End_to_end_against_a_real_scheduler_every_call_is_counted_once()
    {
        var scheduler = new DspexScheduler(new DspexOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(5) });
        await using (scheduler)
        {
            await scheduler.StartAsync();
            var query = new DelegateJob<int>("dspy.Predict", _ => 1);
            var failing = new DelegateJob<int>("colbert.Searcher", ctx => ctx.Attempt > 0 ? throw new DspexException("boom") : 0);
            var scenarios = new[]
            {
                new Scenario("open", HolScenarios.Submit(scheduler, query))
                {
                    Simulations = [new LoadSimulation.Inject(300, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))],
                    Thresholds = [Threshold.Parse("fail% < 1")],
                },
                new Scenario("closed-failing", HolScenarios.Submit(scheduler, failing))
                {
                    // Two seconds, not one: on a loaded CI machine (test hosts starting in parallel) the first
                    // failing call, with its first-chance exception path still cold, can take most of a second.
                    Simulations = [new LoadSimulation.KeepConstant(3, TimeSpan.FromSeconds(2))],
                    Thresholds = [Threshold.Parse("fail% < 1")],
                },
            };

            var result = await LoadRunner.RunAsync("e2e", scenarios, showProgress: false);
            await scheduler.StopAsync();

            var open = result["open"];
            Assert.Equal(300, open.Ok + open.Fail);
            Assert.Equal(0, open.Fail);
            Assert.Equal(300, open.Pools["general"].Ok);
            Assert.Equal(scheduler.GetSnapshot("general").Completed, open.Ok);

            var closed = result["closed-failing"];
            Assert.True(closed.Fail > 0);
            Assert.Equal(0, closed.Ok);
            Assert.Equal(scheduler.GetSnapshot("neural").Failed, closed.Fail + closed.Cancelled);

            Assert.Single(result.Thresholds, t => !t.Passed);
            Assert.False(result.Passed);
        }
    }
}
