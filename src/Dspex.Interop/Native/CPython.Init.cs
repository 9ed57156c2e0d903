using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial void Py_InitializeEx(int initsigs);

    [LibraryImport(Library)]
    internal static partial int Py_IsInitialized();

    [LibraryImport(Library)]
    internal static partial int Py_FinalizeEx();
}
