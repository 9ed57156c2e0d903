using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial nint PyErr_Occurred();

    [LibraryImport(Library)]
    internal static partial void PyErr_Fetch(nint* type, nint* value, nint* traceback);

    [LibraryImport(Library)]
    internal static partial void PyErr_NormalizeException(nint* type, nint* value, nint* traceback);

    [LibraryImport(Library)]
    internal static partial void PyErr_Clear();

    [LibraryImport(Library)]
    internal static partial int PyErr_ExceptionMatches(nint type);

    [LibraryImport(Library)]
    internal static partial int PyErr_GivenExceptionMatches(nint given, nint type);

    [LibraryImport(Library)]
    internal static partial nint PyErr_NewException(byte* name, nint baseType, nint dict);

    [LibraryImport(Library)]
    internal static partial int PyException_SetTraceback(nint exception, nint traceback);
}
