using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial nint PyBytes_FromStringAndSize(byte* data, nint size);

    [LibraryImport(Library)]
    internal static partial int PyBytes_AsStringAndSize(nint obj, byte** buffer, nint* length);
}
