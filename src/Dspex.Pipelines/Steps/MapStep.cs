namespace Dspex.Pipelines;

/// <summary>
/// Runs <see cref="Body"/> once per item of a list, at most <see cref="MaxParallelism"/> at a time; its
/// output is the list of the body's outputs in item order. Inside the body <c>$item</c> is the item and
/// <c>$index</c> its position.
/// </summary>
public sealed class MapStep : PipelineStep
{
    /// <summary>Creates a map step.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="items">A reference to a list, e.g. <c>$input.questions</c>.</param>
    /// <param name="body">The step run per item.</param>
    public MapStep(string name, string items, PipelineStep body)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(items);
        ArgumentNullException.ThrowIfNull(body);
        Items = items;
        Body = body;
    }

    /// <summary>The reference to the list mapped over.</summary>
    public string Items { get; }

    /// <summary>The step run per item.</summary>
    public PipelineStep Body { get; }

    /// <summary>Most items in flight at once (≥ 1).</summary>
    public int MaxParallelism { get; init; } = 8;

    /// <inheritdoc />
    public override string Kind => "map";

    internal override IEnumerable<(string Path, PipelineStep Step)> Children => [("step", Body)];
}
