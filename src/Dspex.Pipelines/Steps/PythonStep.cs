using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>
/// Calls a Python module by dotted path (a function, or a class's shared default instance) through the
/// bridge, as a scheduler job routed by the module path and the category the module declares.
/// With <see cref="Session"/> it works on a live instance instead (see <see cref="SessionAction"/>).
/// </summary>
public sealed class PythonStep : PipelineStep
{
    /// <summary>Creates a Python step.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="module">The dotted module path, e.g. <c>dspex.examples.api.normalize</c> or <c>dspy.ChainOfThought</c>.</param>
    public PythonStep(string name, string module)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        Module = module;
    }

    /// <summary>The dotted module path.</summary>
    public string Module { get; }

    /// <summary>Positional arguments: JSON values in which strings such as <c>$input.text</c> refer to data (see <see cref="Pipeline"/>).</summary>
    public JsonArray? Args { get; init; }

    /// <summary>Keyword arguments, with the same references.</summary>
    public JsonObject? Kwargs { get; init; }

    /// <summary>An explicit pool; when unset the step is routed by <see cref="Module"/> and its declared category.</summary>
    public string? Pool { get; init; }

    /// <summary>The priority lane (0 highest); the pool's default when unset.</summary>
    public int? Priority { get; init; }

    /// <summary>A session name: the step creates or calls the live instance the pipeline keeps under it.</summary>
    public string? Session { get; init; }

    /// <summary>With a <see cref="Session"/>: create its instance, or call it. Ignored without one.</summary>
    public SessionAction SessionAction { get; init; } = SessionAction.Call;

    /// <summary>With a <see cref="Session"/> call: the public method of the instance to call; the instance itself when unset.</summary>
    public string? Method { get; init; }

    /// <summary>With a <see cref="Session"/> call: how strictly the call must run on the worker that holds the instance.</summary>
    public SessionAffinity Affinity { get; init; } = SessionAffinity.Strict;

    /// <inheritdoc />
    public override string Kind => "python";
}
