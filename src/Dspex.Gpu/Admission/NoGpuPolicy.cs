namespace Dspex.Gpu;

/// <summary>What a pool does with a GPU job when the machine has no usable GPU.</summary>
public enum NoGpuPolicy
{
    /// <summary>The job fails at once with a <see cref="GpuUnavailableException"/> that gives the reason.</summary>
    Reject,

    /// <summary>The job runs with no device (<c>JobContext.Device</c> is <see langword="null"/>) and falls back to the CPU.</summary>
    RunOnCpu,
}
