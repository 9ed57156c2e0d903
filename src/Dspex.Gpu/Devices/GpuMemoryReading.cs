namespace Dspex.Gpu;

/// <summary>One memory reading of a device, as the driver reports it.</summary>
/// <param name="TotalBytes">Physical memory.</param>
/// <param name="UsedBytes">Memory allocated by every process, ours included.</param>
internal readonly record struct GpuMemoryReading(long TotalBytes, long UsedBytes);
