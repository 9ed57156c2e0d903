using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>How one step ran.</summary>
/// <param name="Name">The step's name; a map body's runs are <c>NAME[i]</c>.</param>
/// <param name="Path">Where the step sits in the pipeline, e.g. <c>steps[2].parallel[0]</c>.</param>
/// <param name="Kind">python, function, parallel, map or branch.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">From its start to its end, queueing included.</param>
/// <param name="Output">Its output (the fallback when it failed and continued).</param>
/// <param name="Error">Why it failed, timed out or was cancelled; <see langword="null"/> when it succeeded.</param>
/// <param name="Pool">The pool a Python step ran in.</param>
/// <param name="Worker">The worker of that pool a Python step ran on.</param>
public sealed record StepResult(
    string Name,
    string Path,
    string Kind,
    StepStatus Status,
    TimeSpan Duration,
    JsonNode? Output,
    string? Error,
    string? Pool,
    int? Worker)
{
    /// <summary>Whether the step failed but the pipeline went on (continue-on-error).</summary>
    public bool Continued { get; init; }
}
