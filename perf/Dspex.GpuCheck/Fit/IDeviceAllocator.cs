using System.Diagnostics.CodeAnalysis;

namespace Dspex.GpuCheck.Fit;

/// <summary>Really allocates device memory for a fit-test job, on the job's worker thread.</summary>
internal interface IDeviceAllocator : IDisposable
{
    /// <summary>What allocates, for the report (e.g. <c>CUDA driver 12.4 (libcuda.so.1), pages touched</c>).</summary>
    string Description { get; }

    /// <summary>Allocates <paramref name="bytes"/> on <paramref name="device"/> and, when configured, touches every page.</summary>
    /// <param name="device">The device index (NVML order).</param>
    /// <param name="bytes">The size (&gt; 0).</param>
    /// <param name="allocation">The allocation.</param>
    /// <param name="failure">Why it failed.</param>
    /// <returns>Whether the memory is held now.</returns>
    bool TryAllocate(int device, long bytes, out DeviceAllocation allocation, [NotNullWhen(false)] out AllocationFailure? failure);

    /// <summary>Frees an allocation.</summary>
    /// <param name="allocation">The allocation.</param>
    /// <param name="error">Why freeing failed.</param>
    /// <returns>Whether the memory was freed.</returns>
    bool TryFree(DeviceAllocation allocation, [NotNullWhen(false)] out string? error);
}
