namespace Dspex.Scheduler;

/// <summary>Resources a job declares so that an admission gate can decide whether it fits.</summary>
/// <param name="DeviceMemoryBytes">Accelerator memory the job needs, in bytes; 0 when it needs none.</param>
/// <param name="Device">A specific device index the job must run on, or <see langword="null"/> for any.</param>
public readonly record struct ResourceDemand(long DeviceMemoryBytes = 0, int? Device = null)
{
    /// <summary>Whether the job declares anything an admission gate must check.</summary>
    public bool IsEmpty => DeviceMemoryBytes == 0 && Device is null;
}
