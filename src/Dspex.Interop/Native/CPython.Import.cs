using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial nint PyImport_ImportModule(byte* name);

    /// <summary>Returns a borrowed reference to a <c>sys</c> attribute, or 0 without setting an error.</summary>
    [LibraryImport(Library)]
    internal static partial nint PySys_GetObject(byte* name);
}
