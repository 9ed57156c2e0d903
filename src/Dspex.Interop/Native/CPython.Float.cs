using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial nint PyFloat_FromDouble(double value);

    [LibraryImport(Library)]
    internal static partial double PyFloat_AsDouble(nint obj);
}
