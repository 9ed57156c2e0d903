using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>How a pipeline run ended: its output, or the step that failed it, and every step's result.</summary>
/// <param name="Pipeline">The pipeline's name.</param>
/// <param name="Status">Succeeded, or how the step that ended the run ended.</param>
/// <param name="Output">The pipeline's output; <see langword="null"/> when it failed.</param>
/// <param name="Duration">The run's wall time.</param>
/// <param name="Steps">Every step run, in the order they ended.</param>
/// <param name="Error">Why the run failed, naming the step; <see langword="null"/> when it succeeded.</param>
public sealed record PipelineResult(
    string Pipeline,
    StepStatus Status,
    JsonNode? Output,
    TimeSpan Duration,
    IReadOnlyList<StepResult> Steps,
    string? Error)
{
    /// <summary>Whether the run succeeded.</summary>
    public bool Succeeded => Status == StepStatus.Succeeded;
}
