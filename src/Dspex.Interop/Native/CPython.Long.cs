using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial nint PyLong_FromLongLong(long value);

    [LibraryImport(Library)]
    internal static partial long PyLong_AsLongLong(nint obj);

    [LibraryImport(Library)]
    internal static partial nint PyBool_FromLong(CLong value);
}
