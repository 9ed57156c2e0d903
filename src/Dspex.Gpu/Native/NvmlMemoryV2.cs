using System.Runtime.InteropServices;

namespace Dspex.Gpu.Native;

/// <summary>
/// <c>nvmlMemory_v2_t</c>: <c>unsigned int version</c> then four <c>unsigned long long</c> (total, reserved,
/// free, used). Sequential layout pads the version to 8 bytes, giving the C size of 40.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemoryV2
{
    /// <summary><c>nvmlMemory_v2</c> = <c>NVML_STRUCT_VERSION(Memory, 2)</c> = sizeof(nvmlMemory_v2_t) | 2 &lt;&lt; 24 = 0x02000028.</summary>
    public static readonly uint StructVersion = (uint)Marshal.SizeOf<NvmlMemoryV2>() | (2u << 24);

    public uint Version;
    public ulong Total;
    public ulong Reserved;
    public ulong Free;
    public ulong Used;
}
