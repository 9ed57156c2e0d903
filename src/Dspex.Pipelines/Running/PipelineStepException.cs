namespace Dspex.Pipelines;

/// <summary>A step failed or timed out without continue-on-error, ending its pipeline (or its enclosing step).</summary>
public sealed class PipelineStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelineStepException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PipelineStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineStepException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal PipelineStepException(string step, string path, StepStatus status, string error, Exception? cause)
        : base($"step '{step}' ({path}) {(status == StepStatus.TimedOut ? "timed out" : "failed")}: {error}", cause)
    {
        Step = step;
        Path = path;
        Status = status;
    }

    /// <summary>The step's name.</summary>
    public string Step { get; } = "";

    /// <summary>The step's path in the pipeline.</summary>
    public string Path { get; } = "";

    /// <summary>Failed or timed out.</summary>
    public StepStatus Status { get; } = StepStatus.Failed;
}
