using System.Runtime.InteropServices;

namespace Dspex.Gpu.Native;

/// <summary><c>nvmlMemory_t</c>: the v1 memory reading (three unsigned 64-bit counts, in bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}
