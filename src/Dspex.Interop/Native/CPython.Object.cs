using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial void Py_IncRef(nint obj);

    [LibraryImport(Library)]
    internal static partial void Py_DecRef(nint obj);

    [LibraryImport(Library)]
    internal static partial nint PyObject_Str(nint obj);

    [LibraryImport(Library)]
    internal static partial nint PyObject_Repr(nint obj);

    [LibraryImport(Library)]
    internal static partial nint PyObject_Type(nint obj);

    [LibraryImport(Library)]
    internal static partial nint PyObject_GetAttrString(nint obj, byte* name);

    [LibraryImport(Library)]
    internal static partial nint PyObject_GetAttr(nint obj, nint name);

    [LibraryImport(Library)]
    internal static partial int PyObject_SetAttrString(nint obj, byte* name, nint value);

    [LibraryImport(Library)]
    internal static partial int PyObject_IsTrue(nint obj);

    [LibraryImport(Library)]
    internal static partial int PyObject_IsInstance(nint obj, nint type);

    [LibraryImport(Library)]
    internal static partial int PyType_IsSubtype(nint type, nint baseType);

    [LibraryImport(Library)]
    internal static partial int PyCallable_Check(nint obj);

    [LibraryImport(Library)]
    internal static partial nint PyObject_GetItem(nint obj, nint key);

    [LibraryImport(Library)]
    internal static partial nint PyObject_Length(nint obj);
}
