using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>A job's declared GPU resources are malformed: no positive memory size, or a device that does not exist.</summary>
public sealed class GpuDemandException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool the job was routed to.</param>
    /// <param name="module">The job's module.</param>
    /// <param name="demand">What the job declared.</param>
    /// <param name="problem">What is wrong with it.</param>
    public GpuDemandException(string pool, string module, ResourceDemand demand, string problem)
        : base(pool, $"Job '{module}' in pool '{pool}' declares {demand}: {problem}.")
    {
        Module = module;
        Demand = demand;
    }

    /// <summary>The job's module.</summary>
    public string Module { get; }

    /// <summary>What the job declared.</summary>
    public ResourceDemand Demand { get; }
}
