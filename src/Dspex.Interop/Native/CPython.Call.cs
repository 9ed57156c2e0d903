using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

internal static unsafe partial class CPython
{
    /// <summary>Set in nargsf when args[-1] may be overwritten by the callee (saves a bound-method allocation).</summary>
    internal static readonly nuint VectorcallArgumentsOffset = (nuint)1 << ((nint.Size * 8) - 1);

    /// <summary>
    /// <c>PyObject_Vectorcall</c>, or null where libpython does not export it. It is in the stable ABI from 3.12;
    /// 3.9–3.11 export it too on most builds; without it calls fall back to <c>PyObject_Call</c>.
    /// </summary>
    internal static delegate* unmanaged<nint, nint*, nuint, nint, nint> PyObject_Vectorcall;

    [LibraryImport(Library)]
    internal static partial nint PyObject_Call(nint callable, nint args, nint kwargs);
}
