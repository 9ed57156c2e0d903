using System.Text.Json.Nodes;

namespace Dspex.Pipelines;

/// <summary>Runs a C# function on the caller's side (not on a scheduler worker) over resolved arguments.</summary>
public sealed class FunctionStep : PipelineStep
{
    /// <summary>Creates a step that runs <paramref name="function"/>.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="function">The function.</param>
    public FunctionStep(string name, PipelineFunction function)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
        FunctionName = name;
    }

    /// <summary>Creates a step that runs the function registered under <paramref name="functionName"/> in <see cref="PipelineRunnerOptions.Functions"/>.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="functionName">The registered function's name.</param>
    public FunctionStep(string name, string functionName)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        FunctionName = functionName;
    }

    /// <summary>The function, or <see langword="null"/> when it is looked up by <see cref="FunctionName"/> when the pipeline runs.</summary>
    public PipelineFunction? Function { get; }

    /// <summary>The registered function's name (the step's name for a function given directly).</summary>
    public string FunctionName { get; }

    /// <summary>Arguments, with references resolved before the call.</summary>
    public JsonArray? Args { get; init; }

    /// <inheritdoc />
    public override string Kind => "function";
}
