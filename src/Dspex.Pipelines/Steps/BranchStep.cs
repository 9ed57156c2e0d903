using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>
/// Runs <see cref="Then"/> when the value <see cref="Condition"/> refers to equals <see cref="EqualsValue"/>
/// (or, without one, is truthy: not null, false, 0, "" or empty), else <see cref="Else"/>. Its output is
/// the output of the last step run, or <see langword="null"/> when the chosen list is empty.
/// </summary>
public sealed class BranchStep : PipelineStep
{
    /// <summary>Creates a branch step.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="condition">A reference, e.g. <c>$steps.topic</c>.</param>
    /// <param name="then">The steps run when the condition holds.</param>
    /// <param name="else">The steps run otherwise.</param>
    public BranchStep(string name, string condition, IReadOnlyList<PipelineStep> then, IReadOnlyList<PipelineStep>? @else = null)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(condition);
        ArgumentNullException.ThrowIfNull(then);
        Condition = condition;
        Then = then;
        Else = @else ?? [];
    }

    /// <summary>The reference tested.</summary>
    public string Condition { get; }

    /// <summary>The value the condition must equal; truthiness is tested when unset.</summary>
    public JsonNode? EqualsValue { get; init; }

    /// <summary>The steps run when the condition holds.</summary>
    public IReadOnlyList<PipelineStep> Then { get; }

    /// <summary>The steps run otherwise.</summary>
    public IReadOnlyList<PipelineStep> Else { get; }

    /// <inheritdoc />
    public override string Kind => "branch";

    internal override IEnumerable<(string Path, PipelineStep Step)> Children =>
        Then.Select((s, i) => ($"then[{i}]", s)).Concat(Else.Select((s, i) => ($"else[{i}]", s)));
}
