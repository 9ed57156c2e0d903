using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial nint PyUnicode_FromStringAndSize(byte* utf8, nint size);

    [LibraryImport(Library)]
    internal static partial byte* PyUnicode_AsUTF8AndSize(nint obj, nint* size);

    [LibraryImport(Library)]
    internal static partial nint PyUnicode_InternFromString(byte* utf8);
}
