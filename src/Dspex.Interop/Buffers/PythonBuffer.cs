using System.Runtime.CompilerServices;
using Dspex.Interop.Native;

namespace Dspex.Interop;

/// <summary>
/// Zero-copy access to the memory of a Python buffer exporter (a numpy array, bytes, bytearray, memoryview)
/// as a span of <typeparamref name="T"/>. Opening checks the item format and size against
/// <typeparamref name="T"/> and that the memory is C-contiguous. The scope holds the GIL until disposed.
/// </summary>
/// <typeparam name="T">The element type: float, double, long, int, short, byte, sbyte, ushort, uint, ulong.</typeparam>
public ref struct PythonBuffer<T>
    where T : unmanaged
{
    private PythonGil _gil;
    private PyBufferView _view;
    private bool _open;

    /// <summary>The number of dimensions.</summary>
    public readonly int Rank => _view.NDim;

    /// <summary>The number of elements.</summary>
    public readonly int Length => (int)(_view.Len / _view.ItemSize);

    /// <summary>Whether the exporter allows writing.</summary>
    public readonly bool IsWritable => _view.ReadOnly == 0;

    /// <summary>The elements, read-only.</summary>
    public readonly unsafe ReadOnlySpan<T> Span
    {
        get
        {
            ThrowIfClosed();
            return new ReadOnlySpan<T>(_view.Buf, Length);
        }
    }

    /// <summary>The elements, writable; requires <see cref="PythonBufferAccess.Write"/>.</summary>
    /// <exception cref="InvalidOperationException">The buffer was opened for reading.</exception>
    public readonly unsafe Span<T> WritableSpan
    {
        get
        {
            ThrowIfClosed();
            if (_view.ReadOnly != 0)
            {
                throw new InvalidOperationException("The buffer was opened read-only; open it with PythonBufferAccess.Write.");
            }

            return new Span<T>(_view.Buf, Length);
        }
    }

    internal static PythonBuffer<T> Open(nint exporter, PythonBufferAccess access)
    {
        var gil = PythonGil.Acquire();
        try
        {
            var buffer = new PythonBuffer<T> { _gil = gil, _view = default };
            buffer.Fill(exporter, access);
            return buffer;
        }
        catch
        {
            gil.Dispose();
            throw;
        }
    }

    /// <summary>The extent of one dimension.</summary>
    /// <param name="dimension">0 to <see cref="Rank"/> − 1.</param>
    /// <returns>The number of elements along it.</returns>
    public readonly unsafe long GetLength(int dimension)
    {
        ThrowIfClosed();
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, Math.Max(Rank, 1));
        return _view.Shape == null ? Length : _view.Shape[dimension];
    }

    /// <summary>Releases the buffer, then the GIL.</summary>
    public void Dispose()
    {
        ReleaseView();
        _gil.Dispose();
    }

    private unsafe void ReleaseView()
    {
        if (_open)
        {
            _open = false;
            CPython.PyBuffer_Release((PyBufferView*)Unsafe.AsPointer(ref _view));
        }
    }

    private unsafe void Fill(nint exporter, PythonBufferAccess access)
    {
        var flags = CPython.PyBufStrides | CPython.PyBufFormat | (access == PythonBufferAccess.Write ? CPython.PyBufWritable : 0);
        var view = (PyBufferView*)Unsafe.AsPointer(ref _view);
        if (CPython.PyObject_GetBuffer(exporter, view, flags) != 0)
        {
            Errors.ThrowConversion(exporter, typeof(Span<T>));
        }

        _open = true;
        string? problem = null;
        var format = view->Format == null ? "B" : new string((sbyte*)view->Format);
        if (view->ItemSize != sizeof(T) || !BufferFormats.Matches<T>(format, (int)view->ItemSize))
        {
            problem = $"item format '{format}' ({view->ItemSize}-byte items) does not match {typeof(T).Name} ({sizeof(T)}-byte '{BufferFormats.CodeOf<T>()}')";
        }
        else if (CPython.PyBuffer_IsContiguous(view, (byte)'C') == 0)
        {
            problem = "the buffer is not C-contiguous (e.g. a transposed or sliced array); copy it with numpy.ascontiguousarray first";
        }

        if (problem is not null)
        {
            var pythonType = Errors.TypeNameOf(exporter);
            ReleaseView();
            throw new PythonConversionException(typeof(Span<T>), pythonType, problem);
        }
    }

    private readonly void ThrowIfClosed()
    {
        if (!_open)
        {
            throw new ObjectDisposedException(nameof(PythonBuffer<T>));
        }
    }
}
