namespace Dspex.GpuCheck.Fit;

/// <summary>Why an allocation failed.</summary>
/// <param name="IsOutOfMemory">Whether the device ran out of memory (the failure the admission gate must prevent).</param>
/// <param name="Message">What failed, with the driver's code.</param>
internal sealed record AllocationFailure(bool IsOutOfMemory, string Message);
