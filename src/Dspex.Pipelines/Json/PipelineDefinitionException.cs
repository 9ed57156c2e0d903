namespace Dspex.Pipelines;

/// <summary>A pipeline definition is invalid; <see cref="Problems"/> names each bad field by its path, e.g. <c>steps[2].module</c>.</summary>
public sealed class PipelineDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelineDefinitionException()
        : this(["the pipeline definition is invalid"])
    {
    }

    /// <summary>Creates the exception with one problem.</summary>
    /// <param name="message">The problem.</param>
    public PipelineDefinitionException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one problem and a cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause (e.g. a JSON syntax error).</param>
    public PipelineDefinitionException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Creates the exception with every problem found.</summary>
    /// <param name="problems">One line per problem, each naming its field.</param>
    public PipelineDefinitionException(IReadOnlyList<string> problems)
        : base(Format(problems)) => Problems = problems;

    /// <summary>One line per problem, each starting with the path of the bad field.</summary>
    public IReadOnlyList<string> Problems { get; } = [];

    private static string Format(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1 ? problems[0] : $"The pipeline has {problems.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems);
    }
}
