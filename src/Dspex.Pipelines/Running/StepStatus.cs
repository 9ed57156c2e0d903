namespace Dspex.Pipelines;

/// <summary>How one step (or a whole pipeline) ended.</summary>
public enum StepStatus
{
    /// <summary>It ran and gave its output.</summary>
    Succeeded,

    /// <summary>It threw; with continue-on-error the pipeline went on with its fallback.</summary>
    Failed,

    /// <summary>It ran past its timeout.</summary>
    TimedOut,

    /// <summary>The caller cancelled the run, or a sibling's failure cancelled it.</summary>
    Cancelled,
}
