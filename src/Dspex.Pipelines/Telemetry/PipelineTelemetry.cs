using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dspex.Pipelines;

/// <summary>
/// The <c>Dspex.Pipelines</c> activity source and meter: an activity per pipeline run and per step, and
/// run-time histograms tagged with the outcome.
/// </summary>
public sealed class PipelineTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Dspex.Pipelines";

    /// <summary>Histogram of pipeline run time in seconds, tagged <c>dspex.pipeline</c> and <c>dspex.outcome</c>.</summary>
    public const string PipelineDuration = "dspex.pipeline.duration";

    /// <summary>Histogram of step run time in seconds, tagged <c>dspex.pipeline</c>, <c>dspex.step</c>, <c>dspex.step.kind</c>, <c>dspex.outcome</c> (and <c>dspex.pool</c> for Python steps).</summary>
    public const string StepDuration = "dspex.pipeline.step.duration";

    internal static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;

    internal PipelineTelemetry(IMeterFactory? factory)
    {
        _meter = factory?.Create(Name) ?? new Meter(Name);
        Pipelines = _meter.CreateHistogram<double>(PipelineDuration, "s", "Run time of a pipeline, by outcome.");
        Steps = _meter.CreateHistogram<double>(StepDuration, "s", "Run time of one pipeline step, by outcome.");
    }

    internal Histogram<double> Pipelines { get; }

    internal Histogram<double> Steps { get; }

    /// <summary>The outcome tag for a status: succeeded, failed, timed_out, cancelled.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The tag value.</returns>
    public static string OutcomeTag(StepStatus status) => status switch
    {
        StepStatus.Succeeded => "succeeded",
        StepStatus.Failed => "failed",
        StepStatus.TimedOut => "timed_out",
        _ => "cancelled",
    };

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
