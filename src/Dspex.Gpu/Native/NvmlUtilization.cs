using System.Runtime.InteropServices;

namespace Dspex.Gpu.Native;

/// <summary><c>nvmlUtilization_t</c>: percent of the last sample period the GPU computed / the memory bus was busy.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlUtilization
{
    public uint Gpu;
    public uint Memory;
}
