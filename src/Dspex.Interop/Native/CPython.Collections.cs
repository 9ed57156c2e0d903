using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    [LibraryImport(Library)]
    internal static partial nint PyList_New(nint size);

    /// <summary>Steals the reference to <paramref name="item"/>, even on failure.</summary>
    [LibraryImport(Library)]
    internal static partial int PyList_SetItem(nint list, nint index, nint item);

    /// <summary>Returns a borrowed reference.</summary>
    [LibraryImport(Library)]
    internal static partial nint PyList_GetItem(nint list, nint index);

    [LibraryImport(Library)]
    internal static partial nint PyList_Size(nint list);

    [LibraryImport(Library)]
    internal static partial nint PyTuple_New(nint size);

    /// <summary>Steals the reference to <paramref name="item"/>, even on failure.</summary>
    [LibraryImport(Library)]
    internal static partial int PyTuple_SetItem(nint tuple, nint index, nint item);

    /// <summary>Returns a borrowed reference.</summary>
    [LibraryImport(Library)]
    internal static partial nint PyTuple_GetItem(nint tuple, nint index);

    [LibraryImport(Library)]
    internal static partial nint PyTuple_Size(nint tuple);

    [LibraryImport(Library)]
    internal static partial nint PyDict_New();

    /// <summary>Does not steal references.</summary>
    [LibraryImport(Library)]
    internal static partial int PyDict_SetItem(nint dict, nint key, nint value);

    /// <summary>Borrowed key and value references.</summary>
    [LibraryImport(Library)]
    internal static partial int PyDict_Next(nint dict, nint* position, nint* key, nint* value);

    [LibraryImport(Library)]
    internal static partial nint PyDict_Size(nint dict);

    [LibraryImport(Library)]
    internal static partial nint PyObject_GetIter(nint obj);

    [LibraryImport(Library)]
    internal static partial nint PyIter_Next(nint iterator);
}
