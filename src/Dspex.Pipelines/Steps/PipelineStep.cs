namespace Dspex.Pipelines;

/// <summary>
/// One step of a <see cref="Pipeline"/>. Its output is kept under its <see cref="Name"/>, so later steps
/// refer to it as <c>$steps.NAME</c>.
/// </summary>
public abstract class PipelineStep
{
    /// <summary>Creates a step.</summary>
    /// <param name="name">The step's name, unique within its pipeline.</param>
    private protected PipelineStep(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The step's name, unique within its pipeline.</summary>
    public string Name { get; }

    /// <summary>Longest time the step may take, queueing included; past it the step ends as timed out.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>When the step fails or times out, record that and go on with <see cref="Fallback"/> as its output.</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>The output a failed step gives when <see cref="ContinueOnError"/> is set (JSON; <see langword="null"/> by default).</summary>
    public System.Text.Json.Nodes.JsonNode? Fallback { get; init; }

    /// <summary>The step's kind, as telemetry and results name it (<c>python</c>, <c>function</c>, <c>parallel</c>, <c>map</c>, <c>branch</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The steps nested inside this one (branches, a map body); empty for a leaf step.</summary>
    internal virtual IEnumerable<(string Path, PipelineStep Step)> Children => [];
}
