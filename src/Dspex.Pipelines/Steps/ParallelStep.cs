namespace Dspex.Pipelines;

/// <summary>
/// Runs its branches concurrently; its output is an object with each branch's output under the branch's
/// name. A branch that fails (without continue-on-error) cancels the others and fails the step.
/// </summary>
public sealed class ParallelStep : PipelineStep
{
    /// <summary>Creates a fan-out step.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="branches">The steps to run concurrently (at least one).</param>
    public ParallelStep(string name, IReadOnlyList<PipelineStep> branches)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(branches);
        Branches = branches;
    }

    /// <summary>The steps run concurrently.</summary>
    public IReadOnlyList<PipelineStep> Branches { get; }

    /// <inheritdoc />
    public override string Kind => "parallel";

    internal override IEnumerable<(string Path, PipelineStep Step)> Children => Branches.Select((b, i) => ($"parallel[{i}]", b));
}
