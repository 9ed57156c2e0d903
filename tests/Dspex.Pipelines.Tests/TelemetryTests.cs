using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Diagnostics.Metrics;
using static Dspex.Pipelines.Tests.Support;

namespace Dspex.Pipelines.Tests;

/// <summary>The Dspex.Pipelines meter and activity source: run time and outcome per step and per pipeline.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Each_step_and_the_run_record_their_duration_with_outcome()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var name = "telemetry-" + Guid.NewGuid().ToString("N");
        var pipeline = new Pipeline(name, [
            Const("ok", 1),
            new FunctionStep("bad", (_, _) => throw new InvalidOperationException("x")) { ContinueOnError = true },
        ]);

        var seen = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PipelineTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            if ((string?)map.GetValueOrDefault("dspex.pipeline") == name)
            {
                lock (seen)
                {
                    seen.Add((instrument.Name, value, map));
                }
            }
        });
        listener.Start();

        await runner.RunAsync(pipeline).Within();

        var mine = seen.Where(m => m.Instrument == PipelineTelemetry.StepDuration).ToList();
        Assert.Equal([("ok", "succeeded"), ("bad", "failed")], mine.Select(m => ((string)m.Tags["dspex.step"]!, (string)m.Tags["dspex.outcome"]!)));
        Assert.All(mine, m => Assert.True(m.Value >= 0));
        var run = Assert.Single(seen, m => m.Instrument == PipelineTelemetry.PipelineDuration);
        Assert.Equal("succeeded", run.Tags["dspex.outcome"]);
    }

    [Fact]
    public async Task A_run_is_an_activity_with_a_child_per_step()
    {
        await using var scheduler = await PlainSchedulerAsync();
        using var runner = new PipelineRunner(scheduler);
        var name = "activity-" + Guid.NewGuid().ToString("N");
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PipelineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if ((string?)a.GetTagItem("dspex.pipeline") == name)
                {
                    lock (stopped)
                    {
                        stopped.Add(a);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await runner.RunAsync(new Pipeline(name, [Const("a", 1), new ParallelStep("p", [Const("b", JsonValue.Create(2))])])).Within();

        var root = Assert.Single(stopped, a => a.DisplayName == "pipeline " + name);
        var p = Assert.Single(stopped, a => a.DisplayName == "step p");
        Assert.Equal(root.SpanId, p.ParentSpanId);
        Assert.Equal(p.SpanId, Assert.Single(stopped, a => a.DisplayName == "step b").ParentSpanId);
        Assert.Equal("succeeded", root.GetTagItem("dspex.outcome"));
    }
}
