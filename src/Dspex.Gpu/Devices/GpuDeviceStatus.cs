namespace Dspex.Gpu;

/// <summary>One device as the ledger sees it now.</summary>
/// <param name="Index">The device index jobs see in <c>JobContext.Device</c> (NVML order, i.e. PCI bus order).</param>
/// <param name="Name">The product name.</param>
/// <param name="Uuid">The NVML UUID; empty for a simulated device.</param>
/// <param name="IsSimulated">Whether the device exists only in configuration.</param>
/// <param name="TotalBytes">Physical memory.</param>
/// <param name="UsedBytes">Memory in use at the last refresh, by every process.</param>
/// <param name="OthersBytes">Memory used by other processes (used minus what our jobs reserved) at the last refresh.</param>
/// <param name="BudgetBytes">Total − headroom − worker context overhead − others.</param>
/// <param name="ReservedBytes">What admitted jobs hold now.</param>
/// <param name="UtilizationPercent">GPU utilization over the driver's last sample period, when known.</param>
/// <param name="LastError">The last failed reading, when the last reading failed.</param>
public sealed record GpuDeviceStatus(
    int Index,
    string Name,
    string Uuid,
    bool IsSimulated,
    long TotalBytes,
    long UsedBytes,
    long OthersBytes,
    long BudgetBytes,
    long ReservedBytes,
    int? UtilizationPercent,
    string? LastError)
{
    /// <summary>
    /// The <c>CUDA_VISIBLE_DEVICES</c> value that shows a worker process this device alone: the UUID for a real
    /// device (CUDA's own ordinal order may differ from NVML's), the index for a simulated one.
    /// </summary>
    public string CudaVisibleDevices => CudaPinning.ValueFor(this);
}
