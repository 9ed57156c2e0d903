namespace Dspex.GpuCheck.Fit;

/// <summary>Memory a fit-test job really holds on a device.</summary>
/// <param name="Device">The device index (NVML order), as the admission gate gave it.</param>
/// <param name="Address">The device address.</param>
/// <param name="Bytes">The size.</param>
internal readonly record struct DeviceAllocation(int Device, ulong Address, long Bytes);
