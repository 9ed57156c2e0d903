namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    /// <summary><c>Py_None</c>; immortal for the interpreter's lifetime.</summary>
    internal static nint None;

    internal static nint True;

    internal static nint False;

    internal static nint ListType;

    internal static nint TupleType;

    internal static nint DictType;

    internal static nint UnicodeType;

    internal static nint BaseException;

    internal static nint TypeError;

    internal static nint OverflowError;

    internal static nint KeyboardInterrupt;

    private static void LoadExports()
    {
        None = GetExport("_Py_NoneStruct");
        True = GetExport("_Py_TrueStruct");
        False = GetExport("_Py_FalseStruct");
        ListType = GetExport("PyList_Type");
        TupleType = GetExport("PyTuple_Type");
        DictType = GetExport("PyDict_Type");
        UnicodeType = GetExport("PyUnicode_Type");

        // PyExc_* are exported PyObject* variables: the export is the variable's address.
        BaseException = *(nint*)GetExport("PyExc_BaseException");
        TypeError = *(nint*)GetExport("PyExc_TypeError");
        OverflowError = *(nint*)GetExport("PyExc_OverflowError");
        KeyboardInterrupt = *(nint*)GetExport("PyExc_KeyboardInterrupt");

        var vectorcall = TryGetExport("PyObject_Vectorcall");
        PyObject_Vectorcall = (delegate* unmanaged<nint, nint*, nuint, nint, nint>)vectorcall;
    }
}
