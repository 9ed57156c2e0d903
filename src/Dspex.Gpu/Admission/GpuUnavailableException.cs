using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>A GPU job reached a pool whose no-GPU policy is <see cref="NoGpuPolicy.Reject"/> on a machine without a usable GPU.</summary>
public sealed class GpuUnavailableException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool.</param>
    /// <param name="module">The job's module.</param>
    /// <param name="reason">Why there is no GPU (e.g. the NVML library could not be loaded).</param>
    public GpuUnavailableException(string pool, string module, string reason)
        : base(pool, $"Job '{module}' in pool '{pool}' needs a GPU, but none is usable: {reason}. "
            + "Set Dspex:Gpu:NoGpuPolicy (or Dspex:Gpu:Pools:<pool>:NoGpuPolicy) to RunOnCpu to run such jobs without a device.")
    {
        Reason = reason;
    }

    /// <summary>Why there is no GPU.</summary>
    public string Reason { get; }
}
