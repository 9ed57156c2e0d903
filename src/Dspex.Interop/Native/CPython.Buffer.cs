using System.Runtime.InteropServices;

namespace Dspex.Interop.Native;

/// <summary>The PEP 3118 <c>Py_buffer</c> struct; its layout is part of the stable ABI since 3.11 and unchanged since 3.3.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PyBufferView
{
    internal void* Buf;
    internal nint Obj;
    internal nint Len;
    internal nint ItemSize;
    internal int ReadOnly;
    internal int NDim;
    internal byte* Format;
    internal nint* Shape;
    internal nint* Strides;
    internal nint* SubOffsets;
    internal void* Internal;
}

internal static unsafe partial class CPython
{
    internal const int PyBufWritable = 0x0001;
    internal const int PyBufFormat = 0x0004;
    internal const int PyBufNd = 0x0008;
    internal const int PyBufStrides = 0x0010 | PyBufNd;

    [LibraryImport(Library)]
    internal static partial int PyObject_GetBuffer(nint obj, PyBufferView* view, int flags);

    [LibraryImport(Library)]
    internal static partial void PyBuffer_Release(PyBufferView* view);

    [LibraryImport(Library)]
    internal static partial int PyBuffer_IsContiguous(PyBufferView* view, byte order);
}
