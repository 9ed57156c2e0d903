using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>
/// An ordered list of steps run one after another; each step's output is kept under its name. Step
/// arguments are JSON in which a string that starts with <c>$</c> is a reference: <c>$input.text</c>
/// (the run's input), <c>$steps.NAME.field</c> (an earlier step's output), <c>$item</c> / <c>$index</c>
/// (inside a map). The pipeline's output is <see cref="Output"/> resolved, or the last step's output.
/// </summary>
public sealed class Pipeline
{
    /// <summary>Creates and validates a pipeline.</summary>
    /// <param name="name">The pipeline's name (telemetry tags it).</param>
    /// <param name="steps">The steps, in order (at least one).</param>
    /// <param name="output">A reference to the pipeline's output; the last step's output when unset.</param>
    /// <exception cref="PipelineDefinitionException">A step or reference is invalid; every problem is named by its path.</exception>
    public Pipeline(string name, IReadOnlyList<PipelineStep> steps, string? output = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(steps);
        Name = name;
        Steps = steps;
        Output = output;
        var problems = PipelineValidation.Validate(this);
        if (problems.Count > 0)
        {
            throw new PipelineDefinitionException(problems);
        }
    }

    /// <summary>The pipeline's name.</summary>
    public string Name { get; }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<PipelineStep> Steps { get; }

    /// <summary>A reference to the output, or <see langword="null"/> for the last step's output.</summary>
    public string? Output { get; }

    /// <summary>Default input used when a run is given none.</summary>
    public JsonNode? DefaultInput { get; init; }
}
