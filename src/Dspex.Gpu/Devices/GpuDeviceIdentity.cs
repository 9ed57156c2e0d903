namespace Dspex.Gpu;

/// <summary>What a device provider knows about a device that does not change while it runs.</summary>
/// <param name="Index">The NVML index (PCI bus order), or the position in the simulated list.</param>
/// <param name="Name">The product name.</param>
/// <param name="Uuid">The NVML UUID (<c>GPU-…</c>); empty for a simulated device.</param>
/// <param name="TotalBytes">Physical memory.</param>
/// <param name="IsSimulated">Whether the device exists only in configuration.</param>
internal sealed record GpuDeviceIdentity(int Index, string Name, string Uuid, long TotalBytes, bool IsSimulated);
