using System.Runtime.InteropServices;

namespace Dspex.Scheduler;

/// <summary>A 64-bit counter alone on its cache line, so that producers and consumers do not false-share.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedCounter
{
    [FieldOffset(64)]
    public long Value;
}

/// <summary>A 32-bit counter alone on its cache line.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedInt
{
    [FieldOffset(64)]
    public int Value;
}
